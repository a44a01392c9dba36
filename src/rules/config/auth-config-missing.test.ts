import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-missing.ts";

ruleTester(rule, {
  valid: [
    { name: "Clerk app with auth.config.ts", files: viteClerk().files },
    { name: "near miss: plain ConvexProvider and no auth config", files: viteBaseline().files },
    {
      name: "near miss: auth.config.js instead of .ts",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": undefined,
        "convex/auth.config.js": "export default { providers: [] };\n",
      }),
    },
  ],
  invalid: [
    {
      name: "ConvexProviderWithClerk without auth.config",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": undefined }),
      errors: [{ messageId: "missing", file: "src/main.tsx", line: 12 }],
    },
  ],
});
