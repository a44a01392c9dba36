import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-env-missing.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "set on both", files: app.files, env: app.env },
    {
      name: "near miss: Convex Auth reads the built-in CONVEX_SITE_URL",
      files: viteConvexAuth().files,
      env: viteConvexAuth().env,
    },
    { name: "near miss: deployment env unknown", files: app.files },
  ],
  invalid: [
    {
      name: "missing on prod, present in .env.local",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}CLERK_JWT_ISSUER_DOMAIN=https://happy-otter-1.clerk.accounts.dev\n`,
      }),
      env: { dev: app.env.dev, prod: {} },
      errors: [
        { messageId: "missing", target: "prod", file: "convex/auth.config.ts", line: 4, message: "deploy fails" },
      ],
    },
  ],
});
