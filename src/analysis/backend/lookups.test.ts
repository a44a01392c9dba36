import { describe, expect, it } from "vitest";
import { SERVER, moduleOf } from "../fixture.test-helper.ts";

const CASES: {
  title: string;
  body: string;
  lookups: {
    table: string | null;
    method: string;
    index: string | null;
    comparisons: { field: string; value: string }[];
  }[];
  userScoped: boolean;
}[] = [
  {
    title: "withIndex on the identity's token",
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity) return; return ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();`,
    lookups: [
      {
        table: "users",
        method: "withIndex",
        index: "by_token",
        comparisons: [{ field: "tokenIdentifier", value: "identity.tokenIdentifier" }],
      },
    ],
    userScoped: false,
  },
  {
    title: "filter with q.field on an argument (user-scoped by field)",
    body: `return ctx.db.query("tasks").filter((q) => q.eq(q.field("userId"), args.userId)).collect();`,
    lookups: [
      { table: "tasks", method: "filter", index: null, comparisons: [{ field: "userId", value: "args.userId" }] },
    ],
    userScoped: true,
  },
  {
    title: "by_user index makes it user-scoped",
    body: `const { owner } = args; return ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("owner", owner)).collect();`,
    lookups: [
      { table: "tasks", method: "withIndex", index: "by_user", comparisons: [{ field: "owner", value: "args.owner" }] },
    ],
    userScoped: true,
  },
  {
    title: "scan in JS by email",
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity) return; const all = await ctx.db.query("users").collect(); return all.find((u) => u.email === identity.email);`,
    lookups: [{ table: null, method: "scan", index: null, comparisons: [{ field: "email", value: "identity.email" }] }],
    userScoped: false,
  },
  {
    title: "a filter on a plain array is not a lookup",
    body: `return [1, 2].filter((n) => n > 1);`,
    lookups: [],
    userScoped: false,
  },
];

describe("lookups collector", () => {
  it.each(CASES)("$title", async ({ body, lookups, userScoped }) => {
    const module = await moduleOf(
      `${SERVER}export const f = query({ args: {}, handler: async (ctx, args) => {\n${body}\n} });`,
    );
    const summary = module.functions[0]!.handler!;
    expect(summary.lookups.map(({ line: _l, column: _c, ...rest }) => rest)).toEqual(lookups);
    expect(summary.userScoped).toBe(userScoped);
  });
});
