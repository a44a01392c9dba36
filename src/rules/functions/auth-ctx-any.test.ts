import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-ctx-any.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "typed QueryCtx", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    {
      name: "near miss: any-typed ctx that only logs",
      files: withFiles(app, {
        "convex/log.ts": `export function log(ctx: any, message: string) {\n  console.log(message, typeof ctx);\n}\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "auth helper with ctx: any",
      files: withFiles(app, {
        "convex/users.ts": USERS_TS.replace("getCurrentUser(ctx: QueryCtx)", "getCurrentUser(ctx: any)"),
      }),
      errors: [{ messageId: "any", file: "convex/users.ts", line: 20, severity: "warning" }],
      output: { "convex/users.ts": USERS_TS },
    },
    {
      name: "a writing helper in a nested file (MutationCtx, imported from ../_generated/server)",
      files: withFiles(app, {
        "convex/lib/auth.ts": `export async function ensureUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier });\n}\n`,
        "convex/users.ts": `import { mutation } from "./_generated/server";\nimport { ensureUser } from "./lib/auth";\nexport const store = mutation({ args: {}, handler: async (ctx) => ensureUser(ctx) });\n`,
      }),
      errors: [{ messageId: "any", file: "convex/lib/auth.ts", line: 1 }],
      output: {
        "convex/lib/auth.ts": `import type { MutationCtx } from "../_generated/server";\n\nexport async function ensureUser(ctx: MutationCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier });\n}\n`,
      },
    },
    {
      name: "an identity helper called from a query and an action: QueryCtx | ActionCtx",
      files: withFiles(app, {
        "convex/users.ts": `import { action, query } from "./_generated/server";\n\nasync function requireIdentity(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return identity;\n}\n\nexport const me = query({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\nexport const run = action({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\n`,
      }),
      errors: [{ messageId: "any", file: "convex/users.ts", line: 3 }],
      output: {
        "convex/users.ts": `import { action, query } from "./_generated/server";\nimport type { QueryCtx, ActionCtx } from "./_generated/server";\n\nasync function requireIdentity(ctx: QueryCtx | ActionCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return identity;\n}\n\nexport const me = query({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\nexport const run = action({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\n`,
      },
    },
  ],
});
