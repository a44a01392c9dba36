import { describe, expect, it } from "vitest";
import { SERVER, moduleOf } from "../fixture.test-helper.ts";

type Expected = {
  name: string;
  kind: string;
  isPublic: boolean;
  custom?: boolean;
  markedPublic?: boolean;
  args: { name: string; table: string | null }[] | null;
  handler: "inline" | "none" | { ref: string };
};

const CASES: { title: string; source: string; expected: Expected[] }[] = [
  {
    title: "query with args (v.id tables, optional and array ids, plain values)",
    source: `${SERVER}export const get = query({ args: { id: v.id("tasks"), owner: v.optional(v.id("users")), tags: v.array(v.id("tags")), n: v.number(), either: v.union(v.id("a"), v.id("b")) }, handler: async (ctx, args) => ctx.db.get(args.id) });`,
    expected: [
      {
        name: "get",
        kind: "query",
        isPublic: true,
        args: [
          { name: "id", table: "tasks" },
          { name: "owner", table: "users" },
          { name: "tags", table: "tags" },
          { name: "n", table: null },
          { name: "either", table: null },
        ],
        handler: "inline",
      },
    ],
  },
  {
    title: "function form, internal, default export, handler by name",
    source: `${SERVER}async function impl(ctx) { return 1; }
export const a = mutation(async (ctx) => {});
export const b = internalMutation({ args: {}, handler: impl });
export default query({ handler: async () => null });`,
    expected: [
      { name: "a", kind: "mutation", isPublic: true, args: null, handler: "inline" },
      { name: "b", kind: "internalMutation", isPublic: false, args: [], handler: { ref: "impl" } },
      { name: "default", kind: "query", isPublic: true, args: null, handler: "inline" },
    ],
  },
  {
    title:
      "custom builders are recorded, not judged (a local one's args and handler are read); httpAction is not public",
    source: `${SERVER}import { authedQuery } from "./lib";
export const c = authedQuery({ args: {}, handler: async () => 1 });
export const h = httpAction(async () => new Response());`,
    expected: [
      { name: "c", kind: "query", isPublic: false, custom: true, args: [], handler: "inline" },
      { name: "h", kind: "httpAction", isPublic: false, args: null, handler: "inline" },
    ],
  },
  {
    title:
      "a pass-through builder (triggers, NoOp) is no function, and what it builds is plain; one that adds auth is not judged",
    source: `${SERVER}import { customCtx, customMutation, customQuery, NoOp } from "convex-helpers/server/customFunctions";
import { Triggers } from "convex-helpers/server/triggers";
const triggers = new Triggers();
export const triggered = customMutation(mutation, customCtx(triggers.wrapDB));
const plainQuery = customQuery(query, NoOp);
const authed = customQuery(query, customCtx(async (ctx) => ({ user: await ctx.auth.getUserIdentity() })));
export const save = triggered({ args: { id: v.id("notes") }, handler: async (ctx, args) => ctx.db.delete(args.id) });
export const list = plainQuery({ args: {}, handler: async (ctx) => ctx.db.query("notes").collect() });
export const mine = authed({ args: {}, handler: async (ctx) => ctx.user });`,
    // `mine` is built by a local builder that adds auth: not a registration authwire judges.
    expected: [
      { name: "save", kind: "mutation", isPublic: true, args: [{ name: "id", table: "notes" }], handler: "inline" },
      { name: "list", kind: "query", isPublic: true, args: [], handler: "inline" },
    ],
  },
  {
    title: "// authwire: public marker",
    source: `${SERVER}// authwire: public
export const open = query({ args: {}, handler: async () => 1 });
export const closed = query({ args: {}, handler: async () => 1 });`,
    expected: [
      { name: "open", kind: "query", isPublic: true, markedPublic: true, args: [], handler: "inline" },
      { name: "closed", kind: "query", isPublic: true, markedPublic: false, args: [], handler: "inline" },
    ],
  },
  {
    title: "builders from convex/server, *Generic names; not a registration without an imported builder",
    source: `import { queryGeneric } from "convex/server";
const local = (x) => x;
export const g = queryGeneric({ args: {}, handler: async () => 1 });
export const notOne = local({ handler: async () => 1 });`,
    expected: [{ name: "g", kind: "query", isPublic: true, args: [], handler: "inline" }],
  },
];

describe("functions collector: registrations and args", () => {
  it.each(CASES)("$title", async ({ source, expected }) => {
    const module = await moduleOf(source);
    const actual = module.functions.map((fn) => {
      const entry: Expected = {
        name: fn.name,
        kind: fn.kind,
        isPublic: fn.isPublic,
        args: fn.args?.map((arg) => ({ name: arg.name, table: arg.table })) ?? null,
        handler: fn.handler ? "inline" : fn.handlerRef ? { ref: fn.handlerRef } : "none",
      };
      return entry;
    });
    expect(actual).toEqual(expected.map(({ custom: _custom, markedPublic: _marked, ...rest }) => rest));
    for (const [index, item] of expected.entries()) {
      if (item.custom !== undefined) expect(module.functions[index]!.custom).toBe(item.custom);
      if (item.markedPublic !== undefined) expect(module.functions[index]!.markedPublic).toBe(item.markedPublic);
    }
  });

  it("keeps the validator text and the argument position", async () => {
    const module = await moduleOf(
      `${SERVER}export const q = query({\n  args: { id: v.id("tasks") },\n  handler: async () => 1,\n});`,
    );
    expect(module.functions[0]!.args).toEqual([
      { name: "id", validator: 'v.id("tasks")', table: "tasks", line: 4, column: 11 },
    ]);
  });

  it("records top-level helpers (declared and const arrow functions), not nested ones", async () => {
    const module = await moduleOf(`${SERVER}export async function helper(ctx) { const inner = () => 1; }
const arrow = async (ctx) => 2;
function plain() {}`);
    expect([...module.helpers.keys()]).toEqual(["helper", "arrow", "plain"]);
  });
});
