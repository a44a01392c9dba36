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
    },
  ],
});
