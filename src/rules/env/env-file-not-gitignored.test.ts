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
    {
      name: "test env file full of placeholders",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.test": "CLERK_SECRET_KEY=foobarbaz\nOPENAI_API_KEY=your-openai-key\nSTRIPE_SECRET_KEY=<stripe secret>\n",
      }),
    },
    {
      name: "a varlock .env.schema: sentences that stand in for values, and references resolved elsewhere (pass(…))",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.schema":
          '# @type=url\nCONVEX_DEPLOY_KEY="your convex deploy key here"\nGROQ_API_KEY=pass("quiz/GROQ_API_KEY")\n',
      }),
    },
    {
      name: "template named .env.template.local, its values the variables' own names",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.template.local": 'CLERK_SECRET_KEY="clerk_secret_key"\nOPENAI_API_KEY="open_ai_key"\n',
      }),
    },
    {
      name: "a committed .env.example whose keys are a documented prefix and x's, or a prefix and a description (whsec_yourResendWebhookSecret)",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.example":
          "WORKOS_API_KEY=sk_live_xxxxxxxxxxxxx\nWORKOS_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxx\nCLERK_SECRET_KEY=sk_test_0000000000000000\nRESEND_WEBHOOK_SECRET=whsec_yourResendWebhookSecret\nSTRIPE_SECRET_KEY=sk_live_your_stripe_secret_key\n",
      }),
    },
  ],
  invalid: [
    {
      name: "near miss of placeholders: a committed .env.example with one real-shaped key beside x's",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.example": "WORKOS_API_KEY=sk_live_xxxxxxxxxxxxx\nCLERK_SECRET_KEY=sk_test_Xq7LmN2pR9vB4kT8wZ1c\n",
      }),
      errors: [{ messageId: "notIgnored", file: ".env.example", message: "CLERK_SECRET_KEY" }],
      output: { ".gitignore": "/node_modules\n.env.local\n.env.example\n" },
    },
    {
      name: "a test env file with one real-looking key among placeholders",
      files: withFiles(next, {
        ".gitignore": "/node_modules\n.env.local\n",
        ".env.test": "CLERK_SECRET_KEY=foobarbaz\nOPENAI_API_KEY=sk-proj-4f9a8b7c6d5e4f3a2b1c\n",
      }),
      errors: [{ messageId: "notIgnored", file: ".env.test", line: 2, message: "OPENAI_API_KEY" }],
      output: { ".gitignore": "/node_modules\n.env.local\n.env.test\n" },
    },
    {
      name: "already committed although .gitignore lists it: in git, rotate",
      files: next.files,
      tracked: [".env.local"],
      errors: [{ messageId: "tracked", file: ".env.local", message: "is in git" }],
    },
    {
      name: "committed and not ignored: in git; the fix still adds the .gitignore entry",
      files: withFiles(next, { ".gitignore": "/node_modules\n" }),
      tracked: [".env.local"],
      errors: [{ messageId: "tracked", file: ".env.local" }],
      output: { ".gitignore": "/node_modules\n.env.local\n" },
      afterFix: ["tracked"],
    },
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
