import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextClerk, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./env-file-not-gitignored.ts";

const next = nextClerk();
ruleTester(rule, {
  valid: [
    { name: "Next app: .env* ignored", files: next.files },
    {
      name: "near miss: committed .env without secrets",
      files: withFiles(viteClerk(), { ".env": "VITE_CONVEX_URL=https://x.convex.cloud\n" }),
    },
    { name: "near miss: no git setup at all", files: withFiles(next, { ".gitignore": undefined }) },
  ],
  invalid: [
    {
      name: ".env.local with CLERK_SECRET_KEY and a .gitignore that misses it",
      files: withFiles(next, { ".gitignore": "/node_modules\n/.next/" }),
      errors: [{ messageId: "notIgnored", file: ".env.local", line: 4 }],
      output: { ".gitignore": "/node_modules\n/.next/\n.env.local\n" },
    },
    {
      name: "secret-looking value in .env with an empty .gitignore",
      files: withFiles(next, {
        ".gitignore": "",
        ".env": "CONVEX_DEPLOY_KEY=prod:happy-animal-123|abcdefghijklmnopqrstuvwxyz012345\n",
        ".env.local": undefined,
      }),
      errors: [{ messageId: "notIgnored", file: ".env", line: 1 }],
      output: { ".gitignore": ".env\n" },
    },
    {
      name: "two env files with secrets (both ignored by one plan), CRLF .gitignore",
      files: withFiles(next, {
        ".gitignore": "node_modules\r\n",
        ".env": "CONVEX_DEPLOY_KEY=prod:happy-animal-123|abcdefghijklmnopqrstuvwxyz012345\n",
      }),
      errors: [
        { messageId: "notIgnored", file: ".env" },
        { messageId: "notIgnored", file: ".env.local" },
      ],
      output: { ".gitignore": "node_modules\r\n.env\r\n.env.local\r\n" },
    },
  ],
});
