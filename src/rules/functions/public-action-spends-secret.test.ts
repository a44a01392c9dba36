import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import { captchaAction } from "../../../test/helpers/backend.ts";
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
    {
      name: "near miss: a health check that only tests whether the keys are set",
      files: withFiles(app, {
        "convex/health.ts": `import { action } from "./_generated/server";
export const status = action({
  args: {},
  handler: async () => ({
    openai: Boolean(process.env.OPENAI_API_KEY),
    resend: !!process.env.RESEND_API_KEY,
    twilio: process.env.TWILIO_AUTH_TOKEN !== undefined,
    stripe: typeof process.env.STRIPE_SECRET_KEY === "string",
    label: process.env.ANTHROPIC_API_KEY ? "configured" : "missing",
  }),
});
`,
      }),
    },
    {
      name: "near miss: a config check reads the key's length and prefix but waits for no request",
      files: withFiles(app, {
        "convex/status.ts": `import { action } from "./_generated/server";
export const emailStatus = action({
  args: {},
  handler: async () => {
    const key = process.env.RESEND_API_KEY;
    return { configured: !!key, prefix: key ? key.substring(0, 3) : null, tooShort: (key ?? "").length < 20 };
  },
});
`,
      }),
    },
    { name: "near miss: no auth in the app", files: withFiles(viteBaseline(), { "convex/ai.ts": ai("") }) },
    {
      name: "near miss: an action whose first step is ctx.db (actions have none): every call throws before the key is used",
      files: withFiles(app, { "convex/ai.ts": ai("const draft = await (ctx as any).db.get(args.prompt);") }),
    },
    {
      name: "near miss: a captcha's secret verifies what the caller solved (before sign-in by design)",
      files: withFiles(app, {
        "convex/captcha.ts": `import { v } from "convex/values";
import { action } from "./_generated/server";
${captchaAction("verify")}`,
      }),
    },
    {
      name: "near miss: the provider's catalogue read for the pricing page (plans, products, credit packages)",
      files: withFiles(app, {
        "convex/billing.ts": `import { v } from "convex/values";
import { action } from "./_generated/server";
import Stripe from "stripe";
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const listPlansCached = action({ args: {}, handler: async () => (await stripe.products.list({ active: true })).data });
export const getProductAction = action({
  args: { id: v.string() },
  handler: async (_ctx, { id }) => stripe.products.retrieve(id),
});
export const getCreditPackages = action({
  args: {},
  handler: async () => Promise.all(["starter", "pro"].map((id) => stripe.products.retrieve(id))),
});
`,
      }),
    },
  ],
  invalid: [
    {
      name: "a key tested for presence, then spent",
      files: withFiles(app, {
        "convex/ai.ts": ai('if (!process.env.OPENAI_API_KEY) throw new Error("Set OPENAI_API_KEY");'),
      }),
      errors: [{ messageId: "spends", file: "convex/ai.ts", line: 13 }],
    },
    {
      name: "a checkout beside the catalogue reads is spending (the module's Stripe client); so is a captcha action that also calls a paid API (not the Stripe client it never uses)",
      files: withFiles(app, {
        "convex/billing.ts": `import { v } from "convex/values";
import { action } from "./_generated/server";
import Stripe from "stripe";
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const listPlans = action({ args: {}, handler: async () => (await stripe.products.list()).data });
export const createCheckout = action({
  args: { price: v.string() },
  handler: async (_ctx, { price }) => stripe.checkout.sessions.create({ line_items: [{ price, quantity: 1 }], mode: "payment" }),
});
export const askWithCaptcha = action({
  args: { token: v.string(), prompt: v.string() },
  handler: async (_ctx, args) => {
    await fetch("https://challenges.cloudflare.com/turnstile/v0/siteverify", { body: process.env.TURNSTILE_SECRET_KEY });
    return fetch("https://api.example.com", { headers: { authorization: process.env.OPENAI_API_KEY! } });
  },
});
`,
      }),
      errors: [
        {
          messageId: "spends",
          file: "convex/billing.ts",
          line: 6,
          message: "`createCheckout` uses `STRIPE_SECRET_KEY`",
        },
        {
          messageId: "spends",
          file: "convex/billing.ts",
          line: 10,
          message: "`askWithCaptcha` uses `OPENAI_API_KEY` with",
        },
      ],
    },
    {
      name: "a signing key (a video host's private key) signs playback tokens for anyone, right there (no request waited for)",
      files: withFiles(app, {
        "convex/video.ts": `"use node";
import { v } from "convex/values";
import jwt from "jsonwebtoken";
import { action } from "./_generated/server";
export const getSignedPlaybackToken = action({
  args: { playbackId: v.string() },
  handler: async (_ctx, { playbackId }) => {
    const key = Buffer.from(process.env.MUX_SIGNING_KEY_PRIVATE!, "base64").toString("ascii");
    const token = jwt.sign({ sub: playbackId, aud: "v" }, key, { algorithm: "RS256", keyid: process.env.MUX_SIGNING_KEY_ID });
    return { token };
  },
});
`,
      }),
      errors: [{ messageId: "spends", file: "convex/video.ts", line: 5, message: "`MUX_SIGNING_KEY_PRIVATE` with" }],
    },
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
      name: "the key read in a helper of another module that builds the client and takes nothing (`getClient()`)",
      files: withFiles(app, {
        "convex/lib/client.ts": `export function getClient() {
  const token = process.env.VERCEL_TOKEN;
  if (!token) throw new Error("VERCEL_TOKEN is not set");
  return { addDomain: (name: string) => fetch("https://api.vercel.com/v10/domains", { method: "POST", headers: { Authorization: "Bearer " + token }, body: name }) };
}
`,
        "convex/domains.ts": `import { v } from "convex/values";
import { action } from "./_generated/server";
import { getClient } from "./lib/client";
export const addDomain = action({
  args: { domain: v.string() },
  handler: async (_ctx, args) => {
    await getClient().addDomain(args.domain);
  },
});
`,
      }),
      errors: [{ messageId: "spends", file: "convex/domains.ts", line: 4, message: "`VERCEL_TOKEN`" }],
    },
    {
      name: "ctx.db in an action after the paid call: the key is spent before it throws",
      files: withFiles(app, {
        "convex/ai.ts": ai("").replace(
          "return complete(args.prompt);",
          'const answer = await complete(args.prompt);\n    await (ctx as any).db.insert("answers", { answer });',
        ),
      }),
      errors: [{ messageId: "spends", file: "convex/ai.ts", line: 13, message: "`OPENAI_API_KEY`" }],
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
