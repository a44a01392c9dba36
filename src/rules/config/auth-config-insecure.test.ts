import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { WORKOS_AUTH_CONFIG, viteCustomJwt, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-insecure.ts";

const app = viteWorkos();
const custom = viteCustomJwt();
ruleTester(rule, {
  valid: [
    { name: "WorkOS template", files: app.files },
    { name: "near miss: customJwt with applicationID", files: custom.files },
  ],
  invalid: [
    {
      name: "shared WorkOS issuer without applicationID",
      files: withFiles(app, {
        "convex/auth.config.ts": WORKOS_AUTH_CONFIG.replace("      applicationID: clientId,\n", ""),
      }),
      errors: [{ messageId: "shared", file: "convex/auth.config.ts", line: 7, message: "potentially insecure" }],
    },
    {
      name: "customJwt without applicationID",
      files: withFiles(custom, {
        "convex/auth.config.ts": custom.files["convex/auth.config.ts"]!.replace('      applicationID: "my-app",\n', ""),
      }),
      errors: [{ messageId: "noAudience", severity: "info" }],
    },
  ],
});
