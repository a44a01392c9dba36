import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-no-providers.ts";

ruleTester(rule, {
  valid: [
    { name: "one provider", files: viteClerk().files },
    { name: "near miss: no auth.config at all", files: viteBaseline().files },
    {
      name: "an empty list filled by push() when the deployment sets its variables",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": `const providers = [];
if (process.env.CLERK_JWT_ISSUER_DOMAIN) {
  providers.push({ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" });
}
export default { providers };
`,
      }),
    },
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
      name: "near miss: an empty list only read after its declaration",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts":
          "const providers = [];\nconsole.log(providers.length);\nexport default { providers };\n",
      }),
      errors: [{ messageId: "empty", severity: "error", line: 3 }],
    },
    {
      name: "no providers key",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": "export default { provider: [] };\n" }),
      errors: [{ messageId: "missing", message: "missing field `providers`" }],
    },
  ],
});
