import { describe, expect, it } from "vitest";
import { SERVER, analyze } from "../fixture.test-helper.ts";
import { BackendResolver } from "../resolver.ts";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }),
  gigs: defineTable({ postedBy: v.id("users"), title: v.string(), secret: v.string() }),
});`;

/** What `f` returns (tables of whole documents, field names), with helpers in convex/lib.ts. */
async function returned(handler: string, args = '{ id: v.id("gigs") }', lib = "") {
  const facts = await analyze({
    "convex/schema.ts": SCHEMA,
    "convex/lib.ts": `import type { Id, Doc } from "./_generated/dataModel";\n${lib}`,
    "convex/m.ts": `${SERVER}import { api } from "./_generated/api";
import { getAuthUserId } from "@convex-dev/auth/server";
import { loadGig, toCard } from "./lib";
export const f = query({ args: ${args}, handler: async (ctx, args) => {
${handler}
} });
export const other = query({ args: {}, handler: async (ctx) => ctx.db.query("users").collect() });`,
  });
  const resolver = new BackendResolver(facts.backend, "convex");
  const fn = facts.backend.modules.get("convex/m.ts")!.functions[0]!;
  const { tables, fields } = resolver.returned(fn);
  return { tables: [...tables].sort(), fields: [...fields].sort() };
}

const CASES: { title: string; handler: string; args?: string; lib?: string; tables: string[]; fields: string[] }[] = [
  {
    title: "`new Set(…)` holds what it is given: the distinct values of a field; another constructor holds nothing",
    handler: `const gigs = await ctx.db.query("gigs").collect();
if (gigs.length > 3) return [...new Set(gigs.map((g) => g.title))].sort();
return new Date(gigs[0]!._creationTime);`,
    tables: [],
    fields: ["title"],
  },
  {
    title: "a query's documents, kept through filter and slice",
    handler: `const gigs = await ctx.db.query("gigs").withIndex("by_x").collect(); return gigs.filter((g) => g.title).slice(0, 5);`,
    tables: ["gigs"],
    fields: [],
  },
  {
    title:
      "`doc && { … }` hands out the picked fields, not the document (the left only when null); `doc ?? fallback` hands out the document",
    handler: `const gig = await ctx.db.get(args.id); if (args.id) return gig && { title: gig.title }; return gig ?? null;`,
    tables: ["gigs"],
    fields: ["title"],
  },
  {
    title: "only `doc && { … }`: the picked fields",
    handler: `const gig = await ctx.db.get(args.id); return gig && { title: gig.title };`,
    tables: [],
    fields: ["title"],
  },
  {
    title: "a document by a v.id argument, spread into the result",
    handler: `const gig = await ctx.db.get(args.id); return { ...gig, extra: 1 };`,
    tables: ["gigs"],
    fields: [],
  },
  {
    title: "an id field's document, by the schema, inside map",
    handler: `const gigs = await ctx.db.query("gigs").take(10);
return Promise.all(gigs.map(async (gig) => { const poster = await ctx.db.get(gig.postedBy); return { title: gig.title, poster }; }));`,
    tables: ["users"],
    fields: ["poster", "title"],
  },
  {
    title: "an id field's document awaited inline as a property of a spread item",
    handler: `const gigs = await ctx.db.query("gigs").collect();
return await Promise.all(gigs.map(async (gig) => ({ ...gig, rank: 1, poster: await ctx.db.get(gig.postedBy) })));`,
    tables: ["gigs", "users"],
    fields: ["poster"],
  },
  {
    title: "picked fields only: keys and the fields they read",
    handler: `const users = await ctx.db.query("users").collect(); return users.map((u) => ({ id: u._id, contact: u.email, hasName: !!u.name }));`,
    tables: [],
    fields: ["_id", "contact", "email", "id"],
  },
  {
    title: "destructured items name their fields",
    handler: `const users = await ctx.db.query("users").collect(); return users.map(({ _id, email }) => ({ _id, label: email }));`,
    tables: [],
    fields: ["_id", "email", "label"],
  },
  {
    title: "a paginated result whose page is replaced by picked fields",
    handler: `const result = await ctx.db.query("users").paginate(args.opts);
return { ...result, page: result.page.map((u) => ({ name: u.name })) };`,
    tables: [],
    fields: ["name", "page"],
  },
  {
    title: "a paginated result returned as is",
    handler: `return await ctx.db.query("gigs").paginate(args.opts);`,
    tables: ["gigs"],
    fields: [],
  },
  {
    title: "the caller's own document is not counted (getAuthUserId, identity lookups)",
    handler: `const userId = await getAuthUserId(ctx);
const me = userId === null ? null : await ctx.db.get("users", userId);
const identity = await ctx.auth.getUserIdentity();
const mine = await ctx.db.query("gigs").withIndex("by_poster", (q) => q.eq("postedBy", identity!.subject)).collect();
return { viewer: me?.email, mine };`,
    tables: [],
    fields: [],
  },
  {
    title: "items pushed into a list, and a for-of loop",
    handler: `const out = []; for (const gig of await ctx.db.query("gigs").collect()) out.push({ ...gig }); return out;`,
    tables: ["gigs"],
    fields: [],
  },
  {
    title: "a helper's result (typed Id parameter) and ctx.runQuery's",
    handler: `if (args.id) return await loadGig(ctx, args.id); return await ctx.runQuery(api.m.other, {});`,
    lib: `export async function loadGig(ctx: any, id: Id<"gigs">) { return await ctx.db.get(id); }`,
    tables: ["gigs", "users"],
    fields: [],
  },
  {
    title: "a Doc-typed parameter spread by a helper",
    handler: `const gig = await ctx.db.get(args.id); return toCard(gig!);`,
    lib: `export function toCard(gig: Doc<"gigs">) { return { ...gig, when: Date.now() }; }`,
    tables: ["gigs"],
    fields: [],
  },
  {
    title: "numbers and booleans only",
    handler: `const gigs = await ctx.db.query("gigs").collect(); return { count: gigs.length, any: gigs.length > 0 };`,
    tables: [],
    fields: [],
  },
];

describe("returns collector", () => {
  it.each(CASES)("$title", async ({ handler, args, lib, tables, fields }) => {
    expect(await returned(handler, args, lib)).toEqual({ tables, fields });
  });
});
