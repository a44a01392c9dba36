import { describe, expect, it } from "vitest";
import type { AccessFacts } from "../facts.ts";
import { SERVER, moduleOf } from "../fixture.test-helper.ts";

/** The access facts of one mutation handler (args: orgId, id, userId) whose body is `body`. */
async function accessOf(body: string, prefix = ""): Promise<AccessFacts> {
  const module = await moduleOf(
    `${SERVER}${prefix}\nexport const f = mutation({ args: { orgId: v.id("orgs"), id: v.id("projects"), userId: v.id("users") }, handler: async (ctx, args) => {\n${body}\n} });`,
  );
  const access = module.functions[0]?.handler?.access;
  if (!access) throw new Error("no access facts");
  return access;
}

const SIGNED_IN = `const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error();`;

/** Source in, facts out: only the keys each case names are compared. */
const CASES: { title: string; body: string; prefix?: string; facts: Partial<Record<keyof AccessFacts, unknown>> }[] = [
  {
    title: "documents by the client's id: get, patch, delete",
    body: `const p = await ctx.db.get(args.id); await ctx.db.patch(args.id, {}); await ctx.db.delete(args.id);`,
    facts: {
      byArgId: [
        { op: "get", arg: "id", line: 5, column: 17 },
        { op: "patch", arg: "id", line: 5, column: 44 },
        { op: "delete", arg: "id", line: 5, column: 77 },
      ],
    },
  },
  {
    title: "an org lookup keyed by the client's org id (withIndex and q.field filters), counted once per eq",
    body: `await ctx.db.query("projects").withIndex("by_org", (q) => q.eq("orgId", args.orgId)).filter((q) => q.eq(q.field("ownerId"), args.userId)).collect();`,
    facts: {
      argLookups: [
        { table: "projects", field: "orgId", arg: "orgId", line: 5, column: 7 },
        { table: "projects", field: "ownerId", arg: "userId", line: 5, column: 7 },
      ],
      callerLookups: [],
    },
  },
  {
    title: "lookups keyed by the caller, or by an org id taken from the caller's membership, are caller lookups",
    body: `${SIGNED_IN} const m = await ctx.db.query("members").withIndex("by_user", (q) => q.eq("userId", identity.subject)).first(); await ctx.db.query("projects").withIndex("by_org", (q) => q.eq("orgId", m.orgId)).collect();`,
    facts: {
      callerLookups: [
        { table: "members", line: 5, column: 102 },
        { table: "projects", line: 5, column: 203 },
      ],
      argLookups: [],
    },
  },
  {
    title: "inserts record the fields whose values come from arguments",
    body: `await ctx.db.insert("projects", { orgId: args.orgId, name: "x", ownerId: args.userId });`,
    facts: { argWrites: [{ table: "projects", fields: ["orgId", "ownerId"], line: 5, column: 7 }] },
  },
  {
    title: "owner comparison of a loaded document with the caller",
    body: `${SIGNED_IN} const p = await ctx.db.get(args.id); if (p === null || p.ownerId !== identity.subject) throw new Error();`,
    facts: {
      compares: [{ left: "doc:p.ownerId", right: "caller.subject", line: 5, column: 141 }],
      callerUsed: true,
      throws: true,
    },
  },
  {
    title: "the org role claim tested, the org id claim never read",
    body: `${SIGNED_IN} if (identity.org_role !== "org:admin") throw new Error();`,
    facts: {
      roleChecks: [{ kind: "org-claim", role: "org:admin", source: "claim", line: 5, column: 90 }],
      orgClaimRead: false,
      orgClaimCompared: false,
    },
  },
  {
    title: "the org id claim read (destructured) and compared",
    body: `${SIGNED_IN} const { org_id } = identity; if (identity.org_id !== args.orgId) throw new Error();`,
    facts: { orgClaimRead: true, orgClaimCompared: true, roleChecks: [] },
  },
  {
    title: "a membership looked up by the caller alone, then its role tested",
    body: `${SIGNED_IN} const m = await ctx.db.query("memberships").withIndex("by_user", (q) => q.eq("userId", identity.subject)).unique(); if (!m || m.role !== "admin") throw new Error();`,
    facts: {
      roleChecks: [
        { kind: "user-only-membership", role: "admin", source: "table", table: "memberships", line: 5, column: 212 },
      ],
    },
  },
  {
    title: "by caller and organization: no user-only finding, an exact allowlist records nothing",
    body: `${SIGNED_IN} const m = await ctx.db.query("memberships").withIndex("by_both", (q) => q.eq("userId", identity.subject).eq("orgId", args.orgId)).unique(); if (!m || m.role !== "member") throw new Error();`,
    facts: { roleChecks: [] },
  },
  {
    title: "optional chain with no null check, a denylist, an unused role test",
    body: `${SIGNED_IN} const m = await ctx.db.query("memberships").withIndex("by_both", (q) => q.eq("userId", identity.subject).eq("orgId", args.orgId)).unique(); if (m?.role === "viewer") throw new Error(); if (m.role === "guest") throw new Error(); const isAdmin = m.role === "admin";`,
    facts: {
      roleChecks: [
        { kind: "optional-negative", role: "viewer", source: "table", table: "memberships", line: 5, column: 230 },
        { kind: "denylist", role: "guest", source: "table", table: "memberships", line: 5, column: 275 },
        { kind: "unused", role: "admin", source: "table", table: "memberships", line: 5, column: 320 },
      ],
    },
  },
  {
    title: "a predicate called as a statement is a dropped answer",
    body: `isAdmin(ctx); await canEditProject(ctx, args.id); await helper(ctx);`,
    facts: {
      discardedCalls: [
        { callee: "isAdmin", target: { kind: "local", name: "isAdmin" }, line: 5, column: 1 },
        { callee: "canEditProject", target: { kind: "local", name: "canEditProject" }, line: 5, column: 21 },
      ],
      throws: false,
    },
  },
  {
    title:
      "casts: ctx, an id handed to ctx.db, a document loaded by the client's id, an argument (not the identity checked before)",
    body: `${SIGNED_IN} await go(ctx as any); await ctx.db.get(<any>args.id); const p = (await ctx.db.get(args.id)) as any; const i = identity as any; const o = args.orgId as any; const list = (await ctx.db.query("projects").collect()) as any;`,
    facts: {
      anyCasts: [
        { what: "ctx", text: "ctx as any", line: 5, column: 95 },
        { what: "id", text: "<any>args.id", arg: "id", line: 5, column: 125 },
        { what: "document", text: "(await ctx.db.get(args.id)) as any", line: 5, column: 150 },
        { what: "argument", text: "args.orgId as any", arg: "orgId", line: 5, column: 223 },
      ],
    },
  },
  {
    title: "the first caller guard returns an empty list in the body: what a caller without identity gets",
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity) return []; if (!args.id) return null;`,
    facts: { callerGuard: "return", callerGuardReturn: { value: "[]", line: 5, column: 52 } },
  },
  {
    title: "a bare return is null (Convex sends undefined as null); a caller value from a helper given ctx",
    body: `const user = await getCurrentUser(ctx); if (user === null) { return; }`,
    facts: { callerGuard: "return", callerGuardReturn: { value: "null", line: 5, column: 41 } },
  },
  {
    title: "a guard returning an object is some other value",
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity) return { items: [] };`,
    facts: { callerGuard: "return", callerGuardReturn: { value: "other", line: 5, column: 52 } },
  },
  {
    title: "near miss: a guard in a branch or a callback, or a throwing guard, says nothing about the value",
    body: `const identity = await ctx.auth.getUserIdentity(); if (args.id) { if (!identity) return 0; } await Promise.all([1].map(async () => { if (!identity) return false; })); if (!identity) throw new Error();`,
    facts: { callerGuard: "throw", callerGuardReturn: null },
  },
];

describe("access collector: source in, authorization facts out", () => {
  it.each(CASES)("$title", async ({ body, prefix, facts }) => {
    const access = await accessOf(body, prefix);
    const picked = Object.fromEntries(Object.keys(facts).map((key) => [key, access[key as keyof AccessFacts]]));
    expect(picked).toEqual(facts);
  });
});
