import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextConvexAuth, viteConvexAuth } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-env-missing.ts";

const app = viteConvexAuth();
const next = nextConvexAuth();
ruleTester(rule, {
  valid: [
    { name: "all set", files: app.files, env: app.env },
    {
      name: "near miss: password-only app without SITE_URL",
      files: app.files,
      env: { dev: { JWT_PRIVATE_KEY: app.env.dev!.JWT_PRIVATE_KEY!, JWKS: app.env.dev!.JWKS! } },
    },
  ],
  invalid: [
    {
      name: "keys missing on prod",
      files: app.files,
      env: { dev: app.env.dev, prod: { SITE_URL: "https://app.example.com" } },
      errors: [{ messageId: "missing", target: "prod", message: "JWT_PRIVATE_KEY, JWKS" }],
    },
    {
      name: "GitHub OAuth without SITE_URL and secrets on dev",
      files: next.files,
      env: { dev: { JWT_PRIVATE_KEY: next.env.dev!.JWT_PRIVATE_KEY!, JWKS: next.env.dev!.JWKS! } },
      errors: [{ messageId: "missing", target: "dev", message: "SITE_URL, AUTH_GITHUB_ID, AUTH_GITHUB_SECRET" }],
    },
  ],
});
