import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./public-action-spends-secret.ts";

/** A public action that calls a paid API through a helper reading the key, after `check`. */
const ai = (check: string, builder = "action", marker = "") => `import { v } from "convex/values";
import { action, internalAction } from "./_generated/server";

async function complete(prompt: string) {
  const response = await fetch("https://api.example.com/v1/complete", {
    method: "POST",
    headers: { authorization: \`Bearer \${process.env.OPENAI_API_KEY}\` },
    body: JSON.stringify({ prompt }),
  });
  return response.json();
}
${marker}
export const generate = ${builder}({
  args: { prompt: v.string() },
  handler: async (ctx, args) => {
    ${check}
    return complete(args.prompt);
  },
});
`;
const app = viteClerk();
const SIGNED_IN = `if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");`;

ruleTester(rule, {
  valid: [
    { name: "the caller is checked first", files: withFiles(app, { "convex/ai.ts": ai(SIGNED_IN) }) },
    {
      name: "near miss: an internal action",
      files: withFiles(app, { "convex/ai.ts": ai("", "internalAction") }),
    },
    {
      name: "near miss: a shared secret compared and thrown on (a worker's call)",
      files: withFiles(app, {
        "convex/ai.ts": ai('if (args.prompt !== process.env.WORKER_SECRET) throw new Error("Forbidden");'),
      }),
    },
    {
      name: "near miss: public on purpose",
      files: withFiles(app, { "convex/ai.ts": ai("", "action", "// authwire: public (the demo's free tier)") }),
    },
    {
      name: "near miss: a public action reading only a URL",
      files: withFiles(app, {
        "convex/ai.ts": ai("").replace("process.env.OPENAI_API_KEY", "process.env.CONVEX_SITE_URL"),
      }),
    },
    { name: "near miss: no auth in the app", files: withFiles(viteBaseline(), { "convex/ai.ts": ai("") }) },
  ],
  invalid: [
    {
      name: "the key read at the top level, into a client the action uses",
      files: withFiles(app, {
        "convex/gifts.ts": `import { v } from "convex/values";
import { action } from "./_generated/server";
import { Configuration, OrdersApi } from "tremendous";
const orders = new OrdersApi(new Configuration({ accessToken: process.env.TREMENDOUS_API_KEY }));
export const redeem = action({
  args: { email: v.string(), amount: v.number() },
  handler: async (_ctx, args) => orders.createOrder({ recipient: args.email, amount: args.amount }),
});
`,
      }),
      errors: [{ messageId: "spends", file: "convex/gifts.ts", line: 5, message: "`TREMENDOUS_API_KEY`" }],
    },
    {
      name: "a public action runs the paid model for anyone, the key read in a helper",
      files: withFiles(app, { "convex/ai.ts": ai("") }),
      errors: [
        {
          messageId: "spends",
          file: "convex/ai.ts",
          line: 13,
          severity: "warning",
          message: "`generate` uses `OPENAI_API_KEY` with no identity check",
        },
      ],
    },
  ],
});
