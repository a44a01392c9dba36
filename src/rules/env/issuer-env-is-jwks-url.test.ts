import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteCustomJwt, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./issuer-env-is-jwks-url.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "issuer domain", files: app.files, env: app.env },
    { name: "near miss: JWKS URL in a JWKS variable", files: viteCustomJwt().files, env: viteCustomJwt().env },
  ],
  invalid: [
    { name: "issuer set to the JWKS URL on dev", files: app.files, env: { dev: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev/.well-known/jwks.json" } }, errors: [{ messageId: "jwksUrl", target: "dev" }] },
    { name: "issuer URL in .env.local is the discovery URL", files: withFiles(app, { ".env.local": "CLERK_ISSUER_URL=https://x.clerk.accounts.dev/.well-known/openid-configuration\n" }), errors: [{ messageId: "jwksUrl", file: ".env.local", line: 1 }] },
  ],
});
