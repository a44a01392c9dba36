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
    {
      name: "near miss: a metrics helper with ctx: any that reads no user data (not an auth path)",
      files: withFiles(app, {
        "convex/metrics.ts": `export async function averageRating(ctx: any, gigId: string) {\n  const reviews = await ctx.db.query("reviews").filter((q: any) => q.eq(q.field("gigId"), gigId)).collect();\n  return reviews.length;\n}\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "a helper with ctx: any that resolves a user by clerkId: info",
      files: withFiles(app, {
        "convex/people.ts": `export const userByClerkId = async (ctx: any, clerkId: string) => {\n  return await ctx.db.query("users").withIndex("by_clerkId", (q: any) => q.eq("clerkId", clerkId)).first();\n};\n`,
      }),
      errors: [{ messageId: "any", file: "convex/people.ts", line: 1, severity: "info" }],
    },
    {
      name: "auth helper with ctx: any",
      files: withFiles(app, {
        "convex/users.ts": USERS_TS.replace("getCurrentUser(ctx: QueryCtx)", "getCurrentUser(ctx: any)"),
      }),
      errors: [{ messageId: "any", file: "convex/users.ts", line: 20, severity: "warning" }],
    },
  ],
});
