import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-duplicate-convex-audience.ts";

const app = viteBetterAuth();
const config = app.files["convex/auth.config.ts"]!;
const CLERK_BESIDE = config.replace(
  "getAuthConfigProvider(),",
  'getAuthConfigProvider(),\n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" },',
);

ruleTester(rule, {
  valid: [
    { name: "getAuthConfigProvider() alone", files: app.files },
    {
      name: "near miss: a second provider with its own audience",
      files: withFiles(app, {
        "convex/auth.config.ts": config.replace(
          "getAuthConfigProvider(),",
          'getAuthConfigProvider(),\n    { domain: "https://auth.example.com", applicationID: "tasks-app" },',
        ),
      }),
    },
    {
      name: "near miss: @convex-dev/better-auth 0.8 (declared ^0.8.6) doesn't check the entries yet",
      files: withFiles(app, {
        "convex/auth.config.ts": CLERK_BESIDE,
        "package.json": app.files["package.json"]!.replace(
          '"@convex-dev/better-auth": "0.12.5"',
          '"@convex-dev/better-auth": "^0.8.6"',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "Clerk's entry left beside Better Auth's",
      files: withFiles(app, {
        "convex/auth.config.ts": CLERK_BESIDE,
      }),
      errors: [{ messageId: "duplicate", file: "convex/auth.config.ts", line: 7, message: "(entries 0, 1)" }],
    },
  ],
});
