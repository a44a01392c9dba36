import { describe, expect, it } from "vitest";
import { analyze } from "./fixture.test-helper.ts";
import { BackendResolver } from "./resolver.ts";

const HELPERS = `export async function viewer(ctx) { const identity = await ctx.auth.getUserIdentity(); if (!identity) return null; return ctx.db.query("people").withIndex("by_token", (q) => q.eq("token", identity.tokenIdentifier)).unique(); }
export async function mustView(ctx) { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error("signed out"); return identity; }
`;

/** What `convex/things.ts`'s `name` answers a caller without identity, given the module's body. */
async function signedOut(body: string, name = "f") {
  const facts = await analyze({
    "convex/lib.ts": HELPERS,
    "convex/things.ts": `import { query } from "./_generated/server";\nimport { viewer, mustView } from "./lib";\nimport { custom } from "./builders";\n${body}`,
  });
  const resolver = new BackendResolver(facts.backend, "convex");
  const fn = resolver.functionAt(["things", name]);
  if (!fn) throw new Error(`no function things.${name}`);
  return resolver.signedOutResult(fn);
}

describe("signedOutResult: what a query answers before Convex has the token", () => {
  it.each([
    {
      title: "no identity read anywhere on its path: the same answer",
      body: `export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("events").collect() });`,
      result: { same: true },
    },
    {
      title: "its own first guard returns a value",
      body: `export const f = query({ args: {}, handler: async (ctx) => { const me = await viewer(ctx); if (!me) { return []; } return ctx.db.query("notes").collect(); } });`,
      result: { value: "[]" },
    },
    {
      title: "the helper whose result it returns guards with null",
      body: `export const f = query({ args: {}, handler: async (ctx) => { return await viewer(ctx); } });`,
      result: { value: "null" },
    },
    {
      title: "near miss: a helper that throws runs before its own guard",
      body: `export const f = query({ args: {}, handler: async (ctx) => { const identity = await mustView(ctx); if (!identity) return 0; return 1; } });`,
      result: null,
    },
    {
      title: "near miss: its first guard throws",
      body: `export const f = query({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error("no"); return 0; } });`,
      result: null,
    },
    {
      title: "near miss: it returns the helper's result but also checks identity elsewhere",
      body: `export const f = query({ args: {}, handler: async (ctx) => { await mustView(ctx); return await viewer(ctx); } });`,
      result: null,
    },
    {
      title: "near miss: a custom builder may check anything",
      body: `export const f = custom({ args: {}, handler: async (ctx) => ctx.db.query("events").collect() });`,
      result: null,
    },
  ])("$title", async ({ body, result }) => {
    expect(await signedOut(body)).toEqual(result);
  });
});

describe("helpers imported through a barrel file", () => {
  /** The order `convex/things.ts`'s `f` checks identity in, its guard imported as `importLine` says. */
  async function order(barrels: Record<string, string>, importLine: string) {
    const facts = await analyze({
      "convex/lib/auth.ts": HELPERS,
      ...barrels,
      "convex/things.ts": `import { mutation } from "./_generated/server";\n${importLine}\nexport const f = mutation({ args: {}, handler: async (ctx) => { await mustView(ctx); await ctx.db.insert("notes", {}); } });`,
    });
    const resolver = new BackendResolver(facts.backend, "convex");
    return resolver.classify(resolver.handlerOf(resolver.functionAt(["things", "f"])!)!).order;
  }

  it.each<{ title: string; barrels: Record<string, string>; line: string }>([
    {
      title: "export * from",
      barrels: { "convex/lib/index.ts": `export * from "./auth";` },
      line: `import { mustView } from "./lib";`,
    },
    {
      title: "export { a as b } from",
      barrels: { "convex/lib/index.ts": `export { mustView as requireViewer } from "./auth";` },
      line: `import { requireViewer as mustView } from "./lib";`,
    },
    {
      title: "a barrel of barrels",
      barrels: {
        "convex/lib/index.ts": `export * from "./guards";`,
        "convex/lib/guards.ts": `export * from "./auth";`,
      },
      line: `import { mustView } from "./lib";`,
    },
  ])("$title: the guard is followed", async ({ barrels, line }) => {
    expect(await order(barrels, line)).toBe("identity-first");
  });

  it("near miss: a name the barrel doesn't re-export stays unknown", async () => {
    expect(
      await order({ "convex/lib/index.ts": `export { viewer } from "./auth";` }, `import { mustView } from "./lib";`),
    ).toBe("unknown");
  });
});

describe("a registered function called like a helper (Convex runs its handler)", () => {
  async function order(files: Record<string, string>) {
    const facts = await analyze(files);
    const resolver = new BackendResolver(facts.backend, "convex");
    return resolver.classify(resolver.handlerOf(resolver.functionAt(["things", "f"])!)!);
  }
  const AVAILABILITY = `import { query } from "./_generated/server";
export const checkAvailability = query({ args: {}, handler: async (ctx, args) => ctx.db.query("tickets").collect() });
export const mustBeSignedIn = query({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error("signed out"); return identity; } });
`;

  it.each<{ title: string; files: Record<string, string>; expected: string }>([
    {
      title: "in its own module: its reads come first",
      files: {
        "convex/things.ts": `${AVAILABILITY}import { mutation } from "./_generated/server";\nexport const f = mutation({ args: {}, handler: async (ctx) => { await checkAvailability(ctx, {}); await ctx.db.insert("waiting", {}); } });`,
      },
      expected: "data-first",
    },
    {
      title: "imported from another module: its check comes first",
      files: {
        "convex/events.ts": AVAILABILITY,
        "convex/things.ts": `import { mutation } from "./_generated/server";\nimport { mustBeSignedIn } from "./events";\nexport const f = mutation({ args: {}, handler: async (ctx) => { await mustBeSignedIn(ctx, {}); await ctx.db.insert("waiting", {}); } });`,
      },
      expected: "identity-first",
    },
  ])("$title", async ({ files, expected }) => {
    expect((await order(files)).order).toBe(expected);
  });

  it("near miss: a call to a name the module neither defines nor registers stays unknown", async () => {
    const result = await order({
      "convex/things.ts": `import { mutation } from "./_generated/server";\nexport const f = mutation({ args: {}, handler: async (ctx) => { await somewhere(ctx, {}); await ctx.db.insert("waiting", {}); } });`,
    });
    expect(result.order).toBe("unknown");
  });
});
