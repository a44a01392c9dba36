import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-cookie-password-short.ts";

const app = nextWorkos();
ruleTester(rule, {
  valid: [
    { name: "34-character password", files: app.files },
    {
      name: "near miss: exactly 32 characters",
      files: withFiles(app, { ".env.local": "WORKOS_COOKIE_PASSWORD=0123456789abcdef0123456789abcdef\n" }),
    },
  ],
  invalid: [
    {
      name: "short password in .env.local (a random one replaces it)",
      files: withFiles(app, { ".env.local": "WORKOS_CLIENT_ID=x\nWORKOS_COOKIE_PASSWORD=too-short\n# keep\n" }),
      errors: [{ messageId: "short", file: ".env.local", line: 2, message: "9 characters" }],
      output: { ".env.local": /^WORKOS_CLIENT_ID=x\nWORKOS_COOKIE_PASSWORD=[A-Za-z0-9_-]{43}\n# keep\n$/ },
    },
    {
      name: "short password in a .env git would commit: reported, no fix (a secret never goes into a tracked file)",
      files: withFiles(app, { ".env": "WORKOS_COOKIE_PASSWORD=too-short\n", ".gitignore": ".env.local\n" }),
      errors: [{ messageId: "short", file: ".env", line: 1 }],
    },
    {
      name: "short password on the prod deployment",
      files: app.files,
      env: { prod: { WORKOS_COOKIE_PASSWORD: "short" } },
      errors: [{ messageId: "short", target: "prod" }],
    },
  ],
});
