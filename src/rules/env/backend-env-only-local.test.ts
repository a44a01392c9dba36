import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./backend-env-only-local.ts";

const base = viteBaseline();
const reader = `import { action } from "./_generated/server";
export const send = action({ args: {}, handler: async () => {
  await fetch("https://api.example.com", { headers: { authorization: process.env.OPENAI_API_KEY! } });
} });
`;
const ca = viteConvexAuth();
ruleTester(rule, {
  valid: [
    {
      name: "variable set on the deployment",
      files: withFiles(base, { "convex/ai.ts": reader, ".env.local": "OPENAI_API_KEY=sk-1\n" }),
      env: { dev: { OPENAI_API_KEY: "sk-1" } },
    },
    {
      name: "near miss: local variable no function reads",
      files: withFiles(base, { ".env.local": "OPENAI_API_KEY=sk-1\n" }),
      env: { dev: {} },
    },
    {
      name: "near miss: deployment env unknown",
      files: withFiles(base, { "convex/ai.ts": reader, ".env.local": "OPENAI_API_KEY=sk-1\n" }),
    },
  ],
  invalid: [
    {
      name: "function reads a variable only in .env.local",
      files: withFiles(base, {
        "convex/ai.ts": reader,
        ".env.local": "CONVEX_DEPLOYMENT=dev:x\nOPENAI_API_KEY=sk-1\n",
      }),
      env: { dev: {} },
      errors: [{ messageId: "onlyLocal", file: ".env.local", line: 2, target: "dev", message: "convex/ai.ts:3" }],
    },
    {
      name: "Convex Auth keys in .env.local instead of the deployment",
      files: withFiles(ca, { ".env.local": `JWT_PRIVATE_KEY=${ca.env.dev!.JWT_PRIVATE_KEY}\n` }),
      env: { dev: { JWKS: ca.env.dev!.JWKS! } },
      errors: [{ messageId: "onlyLocal", message: "@convex-dev/auth" }],
    },
  ],
});
