import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-env-missing.ts";

const app = viteBetterAuth();
const secret = app.env.dev!.BETTER_AUTH_SECRET!;

ruleTester(rule, {
  valid: [
    { name: "dev has both", files: app.files, env: app.env },
    { name: "no deployment env known", files: app.files },
    {
      name: "near miss: SITE_URL unset but no function reads it",
      files: withFiles(app, {
        "convex/auth.ts": app.files["convex/auth.ts"]!.replace("process.env.SITE_URL!", '"http://localhost:5173"'),
      }),
      env: { dev: { BETTER_AUTH_SECRET: secret } },
    },
    {
      name: "AUTH_SECRET, better-auth's fallback name",
      files: app.files,
      env: { dev: { AUTH_SECRET: secret, SITE_URL: "http://localhost:5173" } },
    },
  ],
  invalid: [
    {
      name: "the secret only in .env.local, not on the deployment",
      files: { ...app.files, ".env.local": `${app.files[".env.local"]}BETTER_AUTH_SECRET=${secret}\n` },
      env: { dev: { SITE_URL: "http://localhost:5173" } },
      errors: [
        {
          messageId: "missing",
          target: "dev",
          file: "convex/auth.ts",
          line: 13,
          message: "BETTER_AUTH_SECRET is not set",
        },
      ],
    },
    {
      name: "prod has neither",
      files: app.files,
      env: { dev: app.env.dev, prod: {} },
      errors: [
        {
          messageId: "missing",
          target: "prod",
          file: "convex/auth.ts",
          line: 8,
          message: "BETTER_AUTH_SECRET, SITE_URL are not set on the prod deployment",
        },
      ],
    },
  ],
});
