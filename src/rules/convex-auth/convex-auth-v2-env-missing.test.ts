import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import rule from "./convex-auth-v2-env-missing.ts";

const app = viteConvexAuthV2();
ruleTester(rule, {
  valid: [
    { name: "dev has the GitHub credentials", files: app.files, env: app.env },
    {
      name: "near miss: the optional SITE_URL unset",
      files: app.files,
      env: { dev: { AUTH_GITHUB_CLIENT_ID: "Iv1.dev", AUTH_GITHUB_CLIENT_SECRET: "s" } },
    },
    { name: "no deployment env known", files: app.files },
  ],
  invalid: [
    {
      name: "prod lacks the client secret",
      files: app.files,
      env: { dev: app.env.dev, prod: { AUTH_GITHUB_CLIENT_ID: "Iv1.prod" } },
      errors: [
        {
          messageId: "missing",
          target: "prod",
          file: "convex/convex.config.ts",
          line: 11,
          message: "AUTH_GITHUB_CLIENT_SECRET is declared",
        },
      ],
    },
  ],
});
