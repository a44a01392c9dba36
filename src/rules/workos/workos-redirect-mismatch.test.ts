import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-redirect-mismatch.ts";

const app = viteWorkos();
ruleTester(rule, {
  valid: [
    { name: "same URI in env and convex.json", files: app.files },
    {
      name: "near miss: trailing slash differs",
      files: withFiles(app, { ".env.local": "VITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback/\n" }),
    },
  ],
  invalid: [
    {
      name: "env var points at /auth/callback",
      files: withFiles(app, { ".env.local": "VITE_WORKOS_REDIRECT_URI=http://localhost:5173/auth/callback\n" }),
      errors: [{ messageId: "mismatch", file: ".env.local", line: 1 }],
    },
  ],
});
