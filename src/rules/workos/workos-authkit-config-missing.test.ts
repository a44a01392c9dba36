import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-authkit-config-missing.ts";

const app = viteWorkos();
ruleTester(rule, {
  valid: [
    { name: "managed environment with authKit config", files: app.files, env: app.env },
    {
      name: "near miss: existing team (no WORKOS_ENVIRONMENT_ID) without authKit",
      files: withFiles(app, { "convex.json": "{}" }),
      env: { dev: { WORKOS_CLIENT_ID: "client_1" } },
    },
    {
      name: "near miss: not a WorkOS app",
      files: viteClerk().files,
      env: { dev: { WORKOS_ENVIRONMENT_ID: "environment_1" } },
    },
  ],
  invalid: [
    {
      name: "managed environment, convex.json without authKit",
      files: withFiles(app, { "convex.json": "{}" }),
      env: app.env,
      errors: [{ messageId: "missing", file: "convex.json" }],
    },
  ],
});
