import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-origin-port.ts";

const app = viteBetterAuth();
const secret = app.env.dev!.BETTER_AUTH_SECRET!;

ruleTester(rule, {
  valid: [
    { name: "SITE_URL on the Vite port", files: app.files, env: app.env },
    { name: "no deployment env known", files: app.files },
    {
      name: "near miss: 127.0.0.1 on the right port",
      files: app.files,
      env: { dev: { BETTER_AUTH_SECRET: secret, SITE_URL: "http://127.0.0.1:5173" } },
    },
    {
      name: "a wildcard origin",
      files: withFiles(app, {
        "convex/auth.ts": app.files["convex/auth.ts"]!.replace(
          "trustedOrigins: [siteUrl]",
          'trustedOrigins: [siteUrl, "http://localhost:*"]',
        ),
      }),
      env: { dev: { BETTER_AUTH_SECRET: secret, SITE_URL: "http://localhost:3000" } },
    },
    {
      name: "production on its real origin",
      files: app.files,
      env: { dev: app.env.dev, prod: { BETTER_AUTH_SECRET: secret, SITE_URL: "https://app.example.com" } },
    },
  ],
  invalid: [
    {
      name: "SITE_URL on Next's port in a Vite app",
      files: app.files,
      env: { dev: { BETTER_AUTH_SECRET: secret, SITE_URL: "http://localhost:3000" } },
      errors: [
        {
          messageId: "port",
          target: "dev",
          file: "convex/auth.ts",
          line: 13,
          message: "SITE_URL=http://localhost:3000",
        },
      ],
    },
    {
      name: "a literal trusted origin on the wrong port, no env needed",
      files: withFiles(app, {
        "convex/auth.ts": app.files["convex/auth.ts"]!.replace(
          "const siteUrl = process.env.SITE_URL!;",
          'const siteUrl = "http://localhost:5174";',
        ),
      }),
      env: { dev: { BETTER_AUTH_SECRET: secret } },
      errors: [{ messageId: "port", target: "dev", message: "http://localhost:5174" }],
    },
    {
      name: "production trusts localhost",
      files: app.files,
      env: { dev: app.env.dev, prod: { BETTER_AUTH_SECRET: secret, SITE_URL: "http://localhost:5173" } },
      errors: [{ messageId: "localhostOnProd", target: "prod", severity: "error" }],
    },
  ],
});
