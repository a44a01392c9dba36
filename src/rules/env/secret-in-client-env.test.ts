import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextClerk, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./secret-in-client-env.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "publishable key in VITE_ var", files: app.files },
    { name: "near miss: secret key in a server-only var (Next)", files: nextClerk().files },
    {
      name: "near miss: placeholder in .env.example",
      files: withFiles(app, { ".env.example": "VITE_CLERK_SECRET_KEY=your-secret-here\n" }),
    },
  ],
  invalid: [
    {
      name: "Clerk secret key in a VITE_ variable",
      files: withFiles(app, {
        ".env.local": `${app.files[".env.local"]}VITE_CLERK_SECRET_KEY=sk_test_abcdefghijklmnop1234\n`,
      }),
      errors: [{ messageId: "inFile", file: ".env.local", line: 4, message: "sk_" }],
    },
    {
      name: "NEXT_PUBLIC_ WorkOS API key by name, and read in code",
      files: withFiles(app, {
        ".env": "NEXT_PUBLIC_WORKOS_API_KEY=something-long-enough\n",
        "src/api.ts": "export const key = import.meta.env.VITE_STRIPE_SECRET_KEY;\n",
      }),
      errors: [
        { messageId: "inFile", file: ".env", line: 1 },
        { messageId: "inCode", file: "src/api.ts", line: 1 },
      ],
    },
  ],
});
