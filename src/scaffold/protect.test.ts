import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isNoop } from "../changes/plan.ts";
import { memoryFiles } from "../project/files.ts";
import { viteBaseline, viteClerk, viteConvexAuth, withFiles, type Files } from "../../test/helpers/projects.ts";
import { writeFiles } from "../../test/helpers/project.ts";
import { appliedFiles, functionFindings, planLines, planned } from "../../test/helpers/scaffold.ts";
import { viteBetterAuth } from "../../test/helpers/better-auth-app.ts";
import { captchaAction } from "../../test/helpers/backend.ts";
import { applyProtect, guardFor, planProtect, toProtectJson } from "./protect.ts";

const virtual = (files: Files) => planProtect({ cwd: "/virtual", files: memoryFiles(files), git: false, env: {} });
const decisions = (functions: { name: string; action: string; reason: string }[]) =>
  Object.fromEntries(functions.map((fn) => [fn.name, `${fn.action}: ${fn.reason}`]));
const aw602 = async (files: Files) =>
  (await functionFindings({ files }))
    .filter((finding) => finding.code === "AW602")
    .map((finding) => `${finding.file}:${finding.line}`);

const temp = mkdtempSync(join(tmpdir(), "authwire-protect-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("authwire protect", () => {
  it("the Clerk template's functions: each gets the check at the start of its handler; AW602 is gone; a second run only skips", async () => {
    // With a table of per-user rows beside the template's numbers, and a label on each number (rows
    // of bare numbers are nobody's: AW602 would be silent), AW602 reports the write and the action;
    // listNumbers reads only the numbers (catalogue data: its info tier is silent). protect still
    // protects all three.
    const clerk = viteClerk();
    const app = {
      ...clerk,
      files: withFiles(clerk, {
        "convex/schema.ts": clerk.files["convex/schema.ts"]!.replace(
          "  numbers: defineTable({",
          "  notes: defineTable({ ownerId: v.string(), body: v.string() }),\n  numbers: defineTable({\n    label: v.optional(v.string()),",
        ),
      }),
    };
    expect(await aw602(app.files)).toEqual(["convex/myFunctions.ts:16", "convex/myFunctions.ts:24"]);
    const protect = await virtual(app.files);
    expect(protect.provider).toBe("clerk");
    expect(decisions(protect.functions)).toEqual({
      listNumbers: "protect: reads data (line 8) before any identity check",
      addNumber: "protect: writes data (line 19) before any identity check",
      // It runs addNumber, which writes: what a function does counts the functions it runs.
      myAction: "protect: writes data (line 27) before any identity check",
    });
    expect(planLines(protect.plan)).toEqual(["modify convex/myFunctions.ts"]);
    const code = planned(protect.plan, "convex/myFunctions.ts");
    expect(code).toContain(`export const listNumbers = query({
  args: { count: v.number() },
  handler: async (ctx, args) => {
    if ((await ctx.auth.getUserIdentity()) === null) {
      throw new Error("Not authenticated");
    }
    const numbers = await ctx.db.query("numbers").order("desc").take(args.count);`);
    expect(code.match(/throw new Error\("Not authenticated"\);/g)).toHaveLength(3);

    const after = appliedFiles(app.files, protect.plan);
    expect(await aw602(after)).toEqual([]);
    const again = await virtual(after);
    expect(isNoop(again.plan)).toBe(true);
    expect(new Set(again.functions.map((fn) => fn.reason))).toEqual(
      new Set(["already checks identity before touching data"]),
    );
  });

  it("Convex Auth: getAuthUserId with its import; functions that already check are skipped", async () => {
    const app = viteConvexAuth();
    const files = withFiles(app, {
      "convex/notes.ts": `import { v } from "convex/values";\nimport { mutation, query } from "./_generated/server";\n\nexport const list = query({\n  args: {},\n  handler: async (ctx) => {\n    return await ctx.db.query("notes").collect();\n  },\n});\n\nexport const remove = mutation({\n  args: { id: v.id("notes") },\n  handler: async (ctx, { id }) => {\n    await ctx.db.delete(id);\n  },\n});\n`,
    });
    const protect = await virtual(files);
    expect(decisions(protect.functions)).toMatchObject({
      listNumbers: "skip: already checks identity before touching data",
      addNumber: "skip: already checks identity before touching data",
      list: "protect: reads data (line 7) before any identity check",
      remove: "protect: writes data (line 14) before any identity check",
    });
    const code = planned(protect.plan, "convex/notes.ts");
    expect(code).toContain(
      'import { mutation, query } from "./_generated/server";\nimport { getAuthUserId } from "@convex-dev/auth/server";',
    );
    expect(code).toContain(
      '  handler: async (ctx, { id }) => {\n    if ((await getAuthUserId(ctx)) === null) {\n      throw new Error("Not authenticated");\n    }\n    await ctx.db.delete(id);',
    );
    const after = appliedFiles(files, protect.plan);
    expect(await aw602(after)).toEqual([]);
    expect(isNoop((await virtual(after)).plan)).toBe(true);
  });

  it("Better Auth: the sign-in check goes through the component client (authComponent.safeGetAuthUser, which checks the session)", async () => {
    const app = viteBetterAuth();
    // The template's schema holds no per-user table, so AW602 stays silent before too; protect still guards each function.
    const protect = await virtual(app.files);
    expect(protect.provider).toBe("better-auth");
    expect(protect.functions.filter((fn) => fn.action === "protect")).toHaveLength(3);
    const code = planned(protect.plan, "convex/myFunctions.ts");
    expect(code).toMatch(/^import \{ authComponent \} from "\.\/auth";$/m);
    expect(code).toContain(
      '  handler: async (ctx, args) => {\n    if ((await authComponent.safeGetAuthUser(ctx)) === undefined) {\n      throw new Error("Not authenticated");\n    }',
    );
    expect(code.match(/await authComponent.safeGetAuthUser\(ctx\)/g)).toHaveLength(3);
    const after = appliedFiles(app.files, protect.plan);
    expect(await aw602(after)).toEqual([]);
    const again = await virtual(after);
    expect(isNoop(again.plan)).toBe(true);
    expect(new Set(again.functions.map((fn) => fn.reason))).toEqual(
      new Set(["already checks identity before touching data"]),
    );
    expect(guardFor("better-auth", "../auth")).toEqual({
      statement:
        'if ((await authComponent.safeGetAuthUser(ctx)) === undefined) {\n  throw new Error("Not authenticated");\n}',
      imports: [{ from: "../auth", named: ["authComponent"] }],
    });
  });

  it("a data-free public action spending a server secret gets the sign-in check (AW612 is gone); a captcha check and a catalogue read are left alone, as is the module's Stripe client for the actions that don't use it", async () => {
    const files = withFiles(viteClerk(), {
      "convex/ai.ts": `"use node";
import { v } from "convex/values";
import { action } from "./_generated/server";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const generate = action({
  args: { prompt: v.string() },
  handler: async (_ctx, args) => {
    const response = await fetch("https://api.openai.com/v1/responses", {
      method: "POST",
      headers: { authorization: \`Bearer \${process.env.OPENAI_API_KEY}\` },
      body: JSON.stringify({ model: "gpt-4.1-mini", input: args.prompt }),
    });
    return await response.json();
  },
});

export const checkout = action({
  args: { price: v.string() },
  handler: async (_ctx, { price }) =>
    (await stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price, quantity: 1 }] })).url,
});

export const listPlans = action({ args: {}, handler: async () => (await stripe.products.list()).data });

${captchaAction("verifyCaptcha")}`,
    });
    const aw612 = async (app: Files) =>
      (await functionFindings({ files: app }))
        .filter((finding) => finding.code === "AW612")
        .map((finding) => `${finding.file}:${finding.line}`);
    expect(await aw612(files)).toEqual(["convex/ai.ts:8", "convex/ai.ts:20"]);
    const protect = await virtual(files);
    expect(decisions(protect.functions)).toMatchObject({
      generate: "protect: uses `OPENAI_API_KEY` with no identity check",
      checkout: "protect: uses `STRIPE_SECRET_KEY` with no identity check",
      listPlans: "skip: touches no data and spends no server secret",
      verifyCaptcha: "skip: touches no data and spends no server secret",
    });
    const code = planned(protect.plan, "convex/ai.ts");
    expect(code).toContain(`  handler: async (_ctx, args) => {
    if ((await _ctx.auth.getUserIdentity()) === null) {
      throw new Error("Not authenticated");
    }
    const response = await fetch("https://api.openai.com/v1/responses", {`);
    expect(code.match(/throw new Error\("Not authenticated"\);/g)).toHaveLength(2);
    const after = appliedFiles(files, protect.plan);
    expect(await aw612(after)).toEqual([]);
    const again = await virtual(after);
    expect(isNoop(again.plan)).toBe(true);
    expect(decisions(again.functions)).toMatchObject({
      generate: "skip: already checks identity before touching data",
      checkout: "skip: already checks identity before touching data",
    });
  });

  it("skips, each with its reason: internal, marked public, destructured ctx, a clashing name, a named handler, a custom builder", async () => {
    const files = withFiles(viteClerk(), {
      "convex/myFunctions.ts": undefined,
      "convex/notes.ts": `import { v } from "convex/values";
import { authedQuery } from "./lib/auth";
import { internalMutation, mutation, query } from "./_generated/server";

export const wipe = internalMutation({ args: {}, handler: async (ctx) => { await ctx.db.delete("x" as never); } });

// authwire: public
export const leaderboard = query({ args: {}, handler: async (ctx) => ctx.db.query("scores").take(10) });

export const byDb = query({ args: {}, handler: async ({ db }) => db.query("notes").collect() });

export const remove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    const identity = await ctx.auth.getUserIdentity();
    if (note?.owner !== identity?.subject) throw new Error("Not yours");
    await ctx.db.delete(args.id);
  },
});

async function listHandler(ctx: any) {
  return await ctx.db.query("notes").collect();
}
export const listNamed = query({ args: {}, handler: listHandler });

export const mine = authedQuery({ args: {}, handler: async (ctx: any) => ctx.db.query("notes").collect() });

export const ping = query({ args: {}, handler: async () => "pong" });
`,
    });
    const protect = await virtual(files);
    expect(decisions(protect.functions)).toEqual({
      wipe: "skip: internal: clients can't call it",
      leaderboard: "skip: marked `// authwire: public`",
      byDb: "skip: reads data (line 10) before any identity check, but the handler of byDb destructures its context; add the check by hand.",
      // Loads, then compares the owner with the caller and throws: the check is there.
      remove: "skip: already checks identity before touching data",
      listNamed:
        "skip: reads data (line 23) before any identity check, but its handler is the function listHandler; add the check there by hand",
      mine: "skip: built with a custom builder (customQuery, …): its wrapper decides about auth",
      ping: "skip: touches no data",
    });
    expect(planLines(protect.plan)).toEqual([]);
  });

  it("keeps the file's style: single quotes, no semicolons, tabs; a sync expression handler becomes async", async () => {
    const files = withFiles(viteClerk(), {
      "convex/myFunctions.ts": undefined,
      "convex/notes.ts":
        "import { query } from './_generated/server'\n\nexport const list = query({\n\targs: {},\n\thandler: (ctx) => ctx.db.query('notes').collect(),\n})\n",
    });
    const protect = await virtual(files);
    expect(planned(protect.plan, "convex/notes.ts")).toBe(
      "import { query } from './_generated/server'\n\nexport const list = query({\n\targs: {},\n\thandler: async (ctx) => {\n\t\tif ((await ctx.auth.getUserIdentity()) === null) {\n\t\t\tthrow new Error('Not authenticated')\n\t\t}\n\t\treturn ctx.db.query('notes').collect()\n\t},\n})\n",
    );
  });

  it("applies on disk through the engine; JSON lists every function with its decision", async () => {
    const root = join(temp, "clerk");
    writeFiles(root, viteClerk().files);
    const protect = await planProtect({ cwd: root, git: false });
    const json = toProtectJson(protect, { applied: false });
    expect(json).toMatchObject({
      version: 1,
      provider: "clerk",
      applied: false,
      plan: [{ action: "modify", path: "convex/myFunctions.ts", by: "protect" }],
    });
    expect(json.functions.map((fn) => `${fn.action} ${fn.file}:${fn.line} ${fn.name} (${fn.kind})`)).toEqual([
      "protect convex/myFunctions.ts:5 listNumbers (query)",
      "protect convex/myFunctions.ts:16 addNumber (mutation)",
      "protect convex/myFunctions.ts:24 myAction (action)",
    ]);
    await applyProtect(protect);
    expect(readFileSync(join(root, "convex/myFunctions.ts"), "utf8")).toBe(
      planned(protect.plan, "convex/myFunctions.ts"),
    );
    expect((await functionFindings({ cwd: root })).filter((finding) => finding.code === "AW602")).toEqual([]);
  });

  it("a file whose import would clash is skipped for each of its handlers, with the reason", async () => {
    const files = withFiles(viteConvexAuth(), {
      "convex/notes.ts": `import { query } from "./_generated/server";\nimport { getAuthUserId } from "./lib/auth";\n\nexport const list = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").collect() });\n`,
    });
    const protect = await virtual(files);
    expect(decisions(protect.functions).list).toBe(
      'skip: reads data (line 4) before any identity check, but getAuthUserId is already imported from "./lib/auth"; authwire won\'t import a second getAuthUserId from "@convex-dev/auth/server".',
    );
    expect(protect.plan.items).toEqual([]);
  });

  it("an app without auth: a usage error naming authwire add", async () => {
    await expect(virtual(viteBaseline().files)).rejects.toMatchObject({ code: "unsupported" });
  });
});
