import { describe, expect, it } from "vitest";
import type { FlowEvent, FunctionSummary } from "../facts.ts";
import { SERVER, moduleOf } from "../fixture.test-helper.ts";

/** Events as short strings: `identity:…`, `data:db.get`, `data!:db.insert` (a write), `call:local helper`. */
function describeEvents(events: FlowEvent[]): string[] {
  return events.map((event) => {
    if (event.kind === "identity") return `identity:${event.via}`;
    if (event.kind === "data") return `data${event.write ? "!" : ""}:${event.op}`;
    if (event.kind === "unknown") return `unknown:${event.what}`;
    const target = event.target;
    if (target.kind === "ref") return `call:${target.namespace}.${target.path.join(".")}`;
    if (target.kind === "import") return `call:${target.module}#${target.name}`;
    return `call:local ${target.name}`;
  });
}

async function handler(body: string, params = "ctx, args", prefix = ""): Promise<FunctionSummary> {
  const module = await moduleOf(
    `${SERVER}import { api, internal } from "./_generated/api";\nimport { getAuthUserId } from "@convex-dev/auth/server";\nimport { helper } from "./lib";\n${prefix}export const f = mutation({ args: {}, handler: async (${params}) => {\n${body}\n} });`,
  );
  const summary = module.functions[0]?.handler;
  if (!summary) throw new Error("no handler");
  return summary;
}

const EVENT_CASES: { title: string; body: string; params?: string; events: string[] }[] = [
  {
    title: "identity before data",
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error(); return ctx.db.query("t").collect();`,
    events: ["identity:ctx.auth.getUserIdentity()", "data:db.query"],
  },
  {
    title: "data before identity, writes marked",
    body: `await ctx.db.insert("t", {}); await ctx.db.patch(args.id, {}); await getAuthUserId(ctx);`,
    events: ["data!:db.insert", "data!:db.patch", "identity:getAuthUserId(ctx)"],
  },
  {
    title: "Better Auth's component client reads the session; another object's getAuthUser without ctx does not",
    body: `await other.getAuthUser(args); await ctx.db.get(args.id); await authComponent.safeGetAuthUser(ctx); return ctx.db.query("t").collect();`,
    events: ["data:db.get", "identity:authComponent.safeGetAuthUser(ctx)", "data:db.query"],
  },
  {
    title: "destructured db and auth",
    params: "{ db, auth }, args",
    body: `const who = await auth.getUserIdentity(); return db.get(args.id);`,
    events: ["identity:ctx.auth.getUserIdentity()", "data:db.get"],
  },
  {
    title: "calls: ctx handed to a helper, runQuery refs, storage, ctx.db.system, db handed over",
    body: `await helper(ctx); await ctx.runQuery(internal.a.b, {}); await ctx.runMutation(someRef, {}); await ctx.storage.delete(args.id); await ctx.db.system.get(args.id); await other(ctx.db);`,
    events: [
      "call:./lib#helper",
      "call:internal.a.b",
      "unknown:ctx.runMutation(…)",
      "data!:storage.delete",
      "data:db.get",
      "data:db passed to a helper",
    ],
  },
];

describe("flow collector: identity and data events", () => {
  it.each(EVENT_CASES)("$title", async ({ body, params, events }) => {
    const summary = await handler(body, params);
    expect(describeEvents(summary.events)).toEqual(events);
  });
});

const GUARD_CASES: { title: string; body: string; unguarded: string[] }[] = [
  {
    title: "checked with if",
    body: `const i = await ctx.auth.getUserIdentity(); if (!i) throw 1; return i.email;`,
    unguarded: [],
  },
  {
    title: "read before the check",
    body: `const i = await ctx.auth.getUserIdentity(); const e = i.email; if (i === null) throw 1;`,
    unguarded: ["i.email"],
  },
  {
    title: "never checked",
    body: `const i = await ctx.auth.getUserIdentity(); return i.subject;`,
    unguarded: ["i.subject"],
  },
  {
    title: "guarded by && and by a call",
    body: `const i = await ctx.auth.getUserIdentity(); assert(i); return i && i.name;`,
    unguarded: [],
  },
  {
    title: "the left of ?? reads the identity: no null check (`${i!.name ?? i!.email}`)",
    body: "const i = await ctx.auth.getUserIdentity(); return `${i!.name ?? i!.email}`;",
    unguarded: ["i!.name", "i!.email"],
  },
  {
    title: "optional chaining on the left of ?? is a null check",
    body: 'const i = await ctx.auth.getUserIdentity(); const n = i?.name ?? "anon"; if (!i) throw 1; return i.email;',
    unguarded: [],
  },
  {
    title: "non-null asserted call result",
    body: `return (await ctx.auth.getUserIdentity())!.subject;`,
    unguarded: ["(await ctx.auth.getUserIdentity())!.subject"],
  },
];

describe("flow collector: identity null checks", () => {
  it.each(GUARD_CASES)("$title", async ({ body, unguarded }) => {
    const summary = await handler(body);
    expect(summary.unguardedIdentity.map((access) => access.text)).toEqual(unguarded);
  });
});

describe("flow collector: handler facts", () => {
  it("records args read (member reads and destructuring), ctx typed any, user-scoped writes, modifications", async () => {
    const summary = await handler(
      `const { a } = args; const b = args.b; await ctx.db.insert("t", { userId: a }); await ctx.db.delete(b);`,
      "ctx: any, args",
    );
    expect([...summary.argReads].sort()).toEqual(["a", "b"]);
    expect(summary.ctxAny).not.toBeNull();
    expect(summary.userScoped).toBe(true);
    expect(summary.modifiesExisting).toBe(true);
    expect(summary.inserts.map((insert) => insert.table)).toEqual(["t"]);
    expect(summary.usesAuthDirectly).toBe(false);
  });
});
