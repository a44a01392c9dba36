import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { V2_CONVEX_CONFIG, viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import { viteConvexAuth } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-v2-component-not-mounted.ts";

const app = viteConvexAuthV2();
ruleTester(rule, {
  valid: [
    { name: "core and every method component mounted", files: app.files, env: app.env },
    { name: "near miss: a v1 app has no convex.config.ts and needs none", files: viteConvexAuth().files },
  ],
  invalid: [
    {
      name: "no convex.config.ts",
      files: { ...app.files, "convex/convex.config.ts": undefined as unknown as string },
      errors: [{ messageId: "noConfig", file: null }],
    },
    {
      name: "core mounted under another name",
      files: {
        ...app.files,
        "convex/convex.config.ts": V2_CONVEX_CONFIG.replace("app.use(auth);", 'app.use(auth, { name: "myAuth" });'),
      },
      errors: [{ messageId: "coreRenamed", file: "convex/convex.config.ts", line: 16, message: '"myAuth"' }],
    },
    {
      name: "core and the github component not mounted",
      files: {
        ...app.files,
        "convex/convex.config.ts": V2_CONVEX_CONFIG.replace("app.use(auth);\n", "").replace(
          /app\.use\(authGithub[^]*?\}\);\n/,
          "",
        ),
      },
      errors: [
        { messageId: "coreMissing", file: "convex/convex.config.ts" },
        { messageId: "methodMissing", file: "convex/auth.ts", line: 15, message: "components.authGithub" },
      ],
    },
  ],
});
