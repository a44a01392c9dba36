import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { CLERK_AUTH_CONFIG, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-duplicate.ts";

ruleTester(rule, {
  valid: [
    { name: "only auth.config.ts", files: viteClerk().files },
    {
      name: "near miss: auth.config.ts beside an auth.ts",
      files: withFiles(viteClerk(), { "convex/auth.ts": "export const x = 1;\n" }),
    },
  ],
  invalid: [
    {
      name: "both .ts and .js",
      files: withFiles(viteClerk(), { "convex/auth.config.js": CLERK_AUTH_CONFIG }),
      errors: [{ messageId: "both", file: "convex/auth.config.js", line: 1 }],
    },
  ],
});
