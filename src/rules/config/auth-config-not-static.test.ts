import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-not-static.ts";

ruleTester(rule, {
  valid: [
    { name: "literal and env", files: viteClerk().files },
    {
      name: "near miss: file-level const and template",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts":
          'const id = "convex";\nexport default { providers: [{ domain: `https://${process.env.CLERK_HOST}`, applicationID: id }] };\n',
      }),
    },
  ],
  invalid: [
    {
      name: "providers from a function call",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts":
          'import { providers } from "./providers";\nexport default { providers: providers() };\n',
      }),
      errors: [{ messageId: "dynamic", severity: "info", line: 2 }],
    },
  ],
});
