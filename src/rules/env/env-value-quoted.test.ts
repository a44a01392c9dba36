import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk } from "../../../test/helpers/projects.ts";
import rule from "./env-value-quoted.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "clean values", files: app.files, env: app.env },
    {
      name: "near miss: JSON value and inner quotes",
      files: app.files,
      env: { dev: { JWKS: '{"keys":[]}', NOTE: 'say "hi" please' } },
    },
  ],
  invalid: [
    {
      name: "quoted issuer on dev",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: '"https://happy-otter-1.clerk.accounts.dev"' } },
      errors: [{ messageId: "quoted", target: "dev" }],
    },
    {
      name: "trailing newline on prod",
      files: app.files,
      env: { prod: { CLERK_JWT_ISSUER_DOMAIN: "https://clerk.example.com\n" } },
      errors: [{ messageId: "whitespace", target: "prod" }],
    },
  ],
});
