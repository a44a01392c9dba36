import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_SCHEMA, USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import { viteBetterAuth } from "../../../test/helpers/better-auth-app.ts";
import rule from "./user-lookup-by-email.ts";

const app = viteClerk();
const betterAuth = viteBetterAuth();
const BY_EMAIL_QUERY = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) return null;
    return ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", identity.email!)).unique();
  },
});
`;
const byEmail = USERS_TS.replace(
  'withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))',
  'withIndex("by_email", (q) => q.eq("email", identity.email!))',
).replace(
  /export async function getCurrentUser[\s\S]*?\n\}\n/,
  `export async function getCurrentUser(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) return null;\n  return await ctx.db.query("users").filter((q) => q.eq(q.field("email"), identity.email)).first();\n}\n`,
);
const fixedUsers = byEmail
  .replace(
    'withIndex("by_email", (q) => q.eq("email", identity.email!))',
    'withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))',
  )
  .replace(
    'filter((q) => q.eq(q.field("email"), identity.email))',
    'withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))',
  );
const schemaNoIndex = USERS_SCHEMA.replace('.index("by_token", ["tokenIdentifier"])', "");
const schemaNoToken = schemaNoIndex.replace("tokenIdentifier: v.string()", "email: v.string()");
ruleTester(rule, {
  valid: [
    { name: "by tokenIdentifier", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    {
      name: "Better Auth as the only provider: one account per email",
      files: { ...betterAuth.files, "convex/me.ts": BY_EMAIL_QUERY },
    },
    {
      name: "near miss: invitations looked up by an email argument",
      files: withFiles(app, {
        "convex/invites.ts": `import { v } from "convex/values";\nimport { query } from "./_generated/server";\nexport const find = query({ args: { email: v.string() }, handler: async (ctx, args) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) return null;\n  return ctx.db.query("invites").withIndex("by_email", (q) => q.eq("email", args.email)).first();\n} });\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "Convex Auth alone: its tokens carry no email, so the lookup never finds the caller (no --fix)",
      files: withFiles(viteConvexAuth(), { "convex/me.ts": BY_EMAIL_QUERY }),
      errors: [
        {
          messageId: "noEmailClaim",
          file: "convex/me.ts",
          line: 7,
          message: "Convex Auth's tokens carry no email",
        },
      ],
    },
    {
      name: "near miss: Better Auth beside a second provider that can assert the same email",
      files: {
        ...betterAuth.files,
        "convex/me.ts": BY_EMAIL_QUERY,
        "convex/auth.config.ts": betterAuth.files["convex/auth.config.ts"]!.replace(
          "getAuthConfigProvider(),",
          'getAuthConfigProvider(),\n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "clerk" },',
        ),
      },
      errors: [{ messageId: "byEmail", file: "convex/me.ts", line: 7 }],
    },
    {
      name: "withIndex on email and a filter on email, no schema: not fixable, says why",
      files: withFiles(app, { "convex/users.ts": byEmail }),
      errors: [
        { messageId: "byEmail", file: "convex/users.ts", line: 8 },
        { messageId: "byEmail", file: "convex/users.ts", line: 23 },
      ],
    },
    {
      name: "users has tokenIdentifier but no by_token index: both lookups and the index (fixed)",
      files: withFiles(app, { "convex/users.ts": byEmail, "convex/schema.ts": schemaNoIndex }),
      errors: [
        { messageId: "byEmail", file: "convex/users.ts", line: 8 },
        { messageId: "byEmail", file: "convex/users.ts", line: 23 },
      ],
      output: { "convex/users.ts": fixedUsers, "convex/schema.ts": USERS_SCHEMA },
    },
    {
      name: "users has no tokenIdentifier field: refused with the reason",
      files: withFiles(app, { "convex/users.ts": byEmail, "convex/schema.ts": schemaNoToken }),
      errors: [
        { messageId: "byEmail", line: 8 },
        { messageId: "byEmail", line: 23 },
      ],
    },
  ],
});
