import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { clerkPublishableKey, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./clerk-instance-mismatch.ts";

const app = viteClerk();
const withKey = (key: string) =>
  withFiles(app, { ".env.local": `CONVEX_DEPLOYMENT=dev:x\nVITE_CLERK_PUBLISHABLE_KEY=${key}\n` });
ruleTester(rule, {
  valid: [
    { name: "key and issuer from the same instance", files: app.files, env: app.env },
    {
      name: "near miss: issuer with a trailing slash",
      files: app.files,
      env: { dev: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev/" } },
    },
    {
      name: "near miss: issuer only in .env.local, same instance",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}CLERK_JWT_ISSUER_DOMAIN=happy-otter-1.clerk.accounts.dev\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "key from another dev instance",
      files: withKey(clerkPublishableKey("sleepy-fox-22.clerk.accounts.dev")),
      env: app.env,
      errors: [{ messageId: "mismatch", file: ".env.local", line: 2, target: "dev", message: "sleepy-fox-22" }],
    },
    {
      name: "live key vs prod deployment of another domain",
      files: withKey(clerkPublishableKey("clerk.other.com", "live")),
      env: app.env,
      errors: [{ messageId: "mismatch", target: "prod" }],
    },
  ],
});
