import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { CLERK_AUTH_CONFIG, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-unloadable.ts";

ruleTester(rule, {
  valid: [
    { name: "plain default export", files: viteClerk().files },
    {
      name: "near miss: export via a const",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": "const config = { providers: [] };\nexport default config;\n",
      }),
    },
  ],
  invalid: [
    {
      name: "use node",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": `"use node";\n${CLERK_AUTH_CONFIG}` }),
      errors: [{ messageId: "unloadable", line: 1, message: "Node.js" }],
    },
    {
      name: "syntax error",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": "export default { providers: [ }\n" }),
      errors: [{ messageId: "unloadable", message: "does not parse" }],
    },
    {
      name: "no default export",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": "export const config = { providers: [] };\n" }),
      errors: [{ messageId: "unloadable", message: "missing default export" }],
    },
  ],
});
