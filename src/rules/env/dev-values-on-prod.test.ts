import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteAuth0, viteClerk } from "../../../test/helpers/projects.ts";
import rule from "./dev-values-on-prod.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "prod uses the production Clerk instance", files: app.files, env: app.env },
    {
      name: "near miss: dev instance on the dev deployment",
      files: app.files,
      env: { dev: app.env.dev, prod: { CLERK_JWT_ISSUER_DOMAIN: "https://clerk.accounts.example.com" } },
    },
  ],
  invalid: [
    {
      name: "Clerk dev instance on prod",
      files: app.files,
      env: { dev: app.env.dev, prod: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev" } },
      errors: [{ messageId: "devValue", target: "prod", severity: "error", message: "clerk.accounts.dev" }],
    },
    {
      name: "test secret key and Auth0 dev tenant on prod",
      files: viteAuth0().files,
      env: { prod: { WORKOS_API_KEY: "sk_test_abcdefghijkl", AUTH0_DOMAIN: "dev-abc123.us.auth0.com" } },
      errors: [
        { messageId: "devValue", severity: "error", message: "sk_test_" },
        { messageId: "devValue", severity: "warning", message: "Auth0 development tenant" },
      ],
    },
  ],
});
