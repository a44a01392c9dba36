import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-no-providers.ts";

ruleTester(rule, {
  valid: [
    { name: "one provider", files: viteClerk().files },
    { name: "near miss: no auth.config at all", files: viteBaseline().files },
  ],
  invalid: [
    {
      name: "empty list while the client sends tokens",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": "export default {\n  providers: [],\n};\n" }),
      errors: [{ messageId: "empty", severity: "error", line: 2 }],
    },
    {
      name: "empty list in a baseline app",
      files: withFiles(viteBaseline(), { "convex/auth.config.ts": "export default { providers: [] };\n" }),
      errors: [{ messageId: "empty", severity: "warning" }],
    },
    {
      name: "no providers key",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": "export default { provider: [] };\n" }),
      errors: [{ messageId: "missing", message: "missing field `providers`" }],
    },
  ],
});
