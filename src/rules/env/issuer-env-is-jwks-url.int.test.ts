import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteCustomJwt, withFiles } from "../../../test/helpers/projects.ts";
import { keysUrl } from "../../../test/helpers/online-issuer.ts";
import rule from "./issuer-env-is-jwks-url.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "issuer domain", files: app.files, env: app.env },
    { name: "near miss: JWKS URL in a JWKS variable", files: viteCustomJwt().files, env: viteCustomJwt().env },
    {
      name: "near miss: a JWKS behind an issuer-looking URL, offline (not fetched)",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: keysUrl } },
    },
  ],
  invalid: [
    {
      name: "issuer set to the JWKS URL on dev",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev/.well-known/jwks.json" } },
      errors: [{ messageId: "jwksUrl", target: "dev" }],
    },
    {
      name: "local issuer (--online): the domain's URL serves a JWKS",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: keysUrl } },
      online: true,
      errors: [{ messageId: "servesKeys", target: "dev", file: "convex/auth.config.ts", message: "serves a JWKS" }],
    },
    {
      name: "issuer URL in .env.local is the discovery URL",
      files: withFiles(app, {
        ".env.local": "CLERK_ISSUER_URL=https://x.clerk.accounts.dev/.well-known/openid-configuration\n",
      }),
      errors: [{ messageId: "jwksUrl", file: ".env.local", line: 1 }],
    },
  ],
});
