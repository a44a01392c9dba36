import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./user-lookup-by-email.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "by tokenIdentifier", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    {
      name: "near miss: invitations looked up by an email argument",
      files: withFiles(app, {
        "convex/invites.ts": `import { v } from "convex/values";\nimport { query } from "./_generated/server";\nexport const find = query({ args: { email: v.string() }, handler: async (ctx, args) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) return null;\n  return ctx.db.query("invites").withIndex("by_email", (q) => q.eq("email", args.email)).first();\n} });\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "withIndex on email and a filter on email",
      files: withFiles(app, {
        "convex/users.ts": USERS_TS.replace(
          'withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))',
          'withIndex("by_email", (q) => q.eq("email", identity.email!))',
        ).replace(
          /export async function getCurrentUser[\s\S]*?\n\}\n/,
          `export async function getCurrentUser(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) return null;\n  return await ctx.db.query("users").filter((q) => q.eq(q.field("email"), identity.email)).first();\n}\n`,
        ),
      }),
      errors: [
        { messageId: "byEmail", file: "convex/users.ts", line: 8 },
        { messageId: "byEmail", file: "convex/users.ts", line: 23 },
      ],
    },
  ],
});
