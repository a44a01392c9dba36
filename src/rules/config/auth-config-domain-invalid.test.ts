import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteAuth0, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-domain-invalid.ts";

const app = viteClerk();
const auth0 = viteAuth0();
ruleTester(rule, {
  valid: [
    { name: "Clerk issuer from env", files: app.files, env: app.env },
    {
      name: "near miss: bare Auth0 host gets https:// prepended",
      files: auth0.files,
      env: { dev: { ...auth0.env.dev, AUTH0_DOMAIN: "my-tenant.us.auth0.com" } },
    },
  ],
  invalid: [
    {
      name: "literal domain without a TLD",
      files: withFiles(app, {
        "convex/auth.config.ts": `export default { providers: [{ domain: "my-issuer", applicationID: "convex" }] };\n`,
      }),
      errors: [{ messageId: "literal", file: "convex/auth.config.ts", line: 1 }],
    },
    {
      name: "quoted value in the dev deployment's env",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: '"https://happy-otter-1.clerk.accounts.dev"' } },
      errors: [{ messageId: "fromEnv", target: "dev", message: "CLERK_JWT_ISSUER_DOMAIN" }],
    },
  ],
});
