import { describe, expect, it } from "vitest";
import { authorizationOf, mayThrow, orgClaimNear, publicPaths, type Authorization } from "./authz.ts";
import { SERVER, analyze } from "./fixture.test-helper.ts";
import { BackendResolver } from "./resolver.ts";

/** convex/m.ts with one public mutation `f` (args: id, orgId) whose body is `body`, plus `helpers`. */
async function resolved(body: string, helpers = "", extra: Record<string, string> = {}) {
  const facts = await analyze({
    "convex/m.ts": `${SERVER}import { getAuthUserId } from "@convex-dev/auth/server";\nimport { requireRole } from "./roles";\nimport { audit } from "some-package";\n${helpers}\nexport const f = mutation({ args: { id: v.id("projects"), orgId: v.id("orgs") }, handler: async (ctx, args) => {\n${body}\n} });\n`,
    ...extra,
  });
  const resolver = new BackendResolver(facts.backend, "convex");
  const fn = facts.backend.modules.get("convex/m.ts")!.functions.find((candidate) => candidate.name === "f")!;
  return { resolver, handler: resolver.handlerOf(fn)!, module: facts.backend.modules.get("convex/m.ts")! };
}

const SIGNED_IN = `const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error();`;
const NOTHING: Authorization = { owner: false, membership: false, privilege: false, unknown: false };

/**
 * Source in, what the function's path checks out (its helpers included). A lookup keyed by the
 * caller on a data table, or any comparison with the caller, is an owner check too.
 */
const CASES: {
  title: string;
  body: string;
  helpers?: string;
  extra?: Record<string, string>;
  expected: Authorization;
}[] = [
  { title: "signed in only", body: `${SIGNED_IN} await ctx.db.delete(args.id);`, expected: NOTHING },
  {
    title:
      'the caller\'s row found by their email with a constant for a missing one (`identity.email ?? ""`): its admin flag is a privilege',
    body: `${SIGNED_IN} const user = await ctx.db.query("users").withIndex("email", (q) => q.eq("email", identity.email ?? "")).first(); if (!user?.is_admin) throw new Error(); await ctx.db.delete(args.id);`,
    expected: { ...NOTHING, privilege: "role" },
  },
  {
    title:
      "the caller from a helper handed ctx in an object (`signedInId({ ctx })`), compared with the owner after the fetch",
    helpers: `async function signedInId({ ctx }: { ctx: any }) { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error(); return identity.subject; }`,
    body: `const me = await signedInId({ ctx }); const p = await ctx.db.get(args.id); if (p?.ownerId !== me) throw new Error();`,
    expected: { ...NOTHING, owner: true },
  },
  {
    title: "near miss: a helper handed ctx and the client's id in an object returns a document, not the caller",
    helpers: `async function load({ ctx, id }: { ctx: any; id: any }) { return await ctx.db.get(id); }`,
    body: `${SIGNED_IN} const p = await load({ ctx, id: args.id }); const q = await ctx.db.get(args.orgId); if (q?.ownerId !== p?.ownerId) throw new Error();`,
    expected: NOTHING,
  },
  {
    title: "near miss: a user found by an email the client passes is no caller, so its admin flag is none",
    body: `${SIGNED_IN} const user = await ctx.db.query("users").withIndex("email", (q) => q.eq("email", args.email ?? "")).first(); if (!user?.is_admin) throw new Error(); await ctx.db.delete(args.id);`,
    expected: NOTHING,
  },
  {
    title: "the owner compared after the fetch",
    body: `${SIGNED_IN} const p = await ctx.db.get(args.id); if (p?.ownerId !== identity.subject) throw new Error();`,
    expected: { ...NOTHING, owner: true },
  },
  {
    title: "a membership lookup keyed by the caller",
    body: `${SIGNED_IN} const m = await ctx.db.query("memberships").withIndex("by_user_and_org", (q) => q.eq("userId", identity.subject).eq("orgId", args.orgId)).unique(); if (!m) throw new Error();`,
    expected: { ...NOTHING, owner: true, membership: true },
  },
  {
    title: "a guard helper by name (requireRole from a module we read)",
    body: `await requireRole(ctx, args.orgId, "member");`,
    extra: {
      "convex/roles.ts": `export async function requireRole(ctx: any, orgId: any, atLeast: string) { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error(); const m = await ctx.db.query("memberships").withIndex("by_user_and_org", (q: any) => q.eq("userId", identity.subject).eq("orgId", orgId)).unique(); if (m === null) throw new Error(); }`,
    },
    expected: { ...NOTHING, owner: true, membership: true },
  },
  {
    title: "the membership lookup two helpers down",
    body: `await loadProject(ctx, args.id);`,
    helpers: `async function member(ctx: any) { const identity = await ctx.auth.getUserIdentity(); return ctx.db.query("team_members").withIndex("by_user", (q: any) => q.eq("userId", identity!.subject)).first(); }\nasync function loadProject(ctx: any, id: any) { const m = await member(ctx); return ctx.db.get(id); }`,
    expected: { ...NOTHING, owner: true, membership: true },
  },
  {
    title: "the org claim compared with the client's org",
    body: `${SIGNED_IN} if (identity.org_id !== args.orgId) throw new Error();`,
    expected: { ...NOTHING, owner: true, membership: true },
  },
  {
    title: "the caller's admin flag tested",
    body: `${SIGNED_IN} if (!identity.isAdmin) throw new Error();`,
    expected: { ...NOTHING, privilege: "role" },
  },
  {
    title: "the admin flag on the caller's own row (loaded by their id)",
    body: `const userId = await getAuthUserId(ctx); if (!userId) throw new Error(); const user = await ctx.db.get(userId); if (!user || !user.isAdmin) throw new Error(); await ctx.db.patch(args.id, { status: "approved" });`,
    expected: { ...NOTHING, privilege: "role" },
  },
  {
    title: "a capability flag on the caller's own row (`canAccessCallLogs`)",
    body: `const userId = await getAuthUserId(ctx); if (!userId) throw new Error(); const user = await ctx.db.get(userId); if (!user?.canAccessCallLogs) throw new Error(); await ctx.db.patch(args.id, { status: "done" });`,
    expected: { ...NOTHING, privilege: "role" },
  },
  {
    title: "a flag on the document is no privilege of the caller",
    body: `${SIGNED_IN} const p = await ctx.db.get(args.id); if (!p?.canComment) throw new Error(); await ctx.db.patch(args.id, { n: 1 });`,
    expected: NOTHING,
  },
  {
    title: "a lookup keyed by the caller's own row id (`user._id`) is keyed by the caller",
    body: `const userId = await getAuthUserId(ctx); if (!userId) throw new Error(); const user = await ctx.db.get(userId); if (!user) throw new Error(); const player = await ctx.db.query("players").withIndex("by_room_and_user", (q) => q.eq("roomId", args.id).eq("userId", user._id)).unique(); if (!player) throw new Error();`,
    expected: { ...NOTHING, owner: true },
  },
  {
    title: "a server's shared secret compared with the deployment's env and thrown on",
    body: `const expected = process.env.INTERNAL_API_KEY; if (!expected || args.id !== expected) throw new Error("Invalid key"); await ctx.db.patch(args.id, { n: 1 });`,
    expected: { ...NOTHING, privilege: "deployment" },
  },
  {
    title: "the caller's subject tested against the deployment's list of admins (`ADMIN_USER_IDS`) in a helper",
    helpers: `function isAdminSubject(subject?: string | null) { const ids = new Set((process.env.ADMIN_USER_IDS ?? "").split(",")); return !!subject && ids.has(subject); }`,
    body: `const identity = await ctx.auth.getUserIdentity(); if (!identity || !isAdminSubject(identity.subject)) throw new Error(); await ctx.db.patch(args.id, { n: 1 });`,
    expected: { ...NOTHING, privilege: "deployment" },
  },
  {
    title:
      "near miss: the caller's subject handed to a helper reading an env variable that lists no one (`APP_REGION`)",
    helpers: `function regionOf(subject?: string | null) { return (process.env.APP_REGION ?? "eu") + (subject ?? ""); }`,
    body: `${SIGNED_IN} if (!regionOf(identity.subject)) throw new Error(); await ctx.db.patch(args.id, { n: 1 });`,
    expected: NOTHING,
  },
  {
    title: "near miss: a constant written in the code is no shared secret",
    body: `if (args.id !== "hunter2") throw new Error("Invalid key"); await ctx.db.patch(args.id, { n: 1 });`,
    expected: NOTHING,
  },
  {
    title: "a package's code handed the document: it may check",
    body: `${SIGNED_IN} const p = await ctx.db.get(args.id); await audit(ctx, p);`,
    expected: { ...NOTHING, unknown: true },
  },
];

describe("authorizationOf: source in, checks out", () => {
  it.each(CASES)("$title", async ({ body, helpers, extra, expected }) => {
    const { resolver, handler } = await resolved(body, helpers, extra);
    expect(authorizationOf(resolver, handler)).toEqual(expected);
  });
});

describe("the call graph questions the authorization rules ask", () => {
  it("mayThrow: a throw in a helper counts, a predicate that only returns doesn't, a package's code may", async () => {
    const { resolver, module } = await resolved(
      `${SIGNED_IN}`,
      `function isOwner(a: string, b: string) { return a === b; }
function assertOwner(a: string, b: string) { if (a !== b) throw new Error(); }
function viaAssert(a: string, b: string) { assertOwner(a, b); return true; }
function viaPackage(ctx: any) { return audit(ctx); }`,
    );
    const helper = (name: string) => module.helpers.get(name)!;
    expect(mayThrow(resolver, helper("isOwner"))).toBe(false);
    expect(mayThrow(resolver, helper("assertOwner"))).toBe(true);
    expect(mayThrow(resolver, helper("viaAssert"))).toBe(true);
    expect(mayThrow(resolver, helper("viaPackage"))).toBe(true);
  });

  it("orgClaimNear: the org id claim read by the helper, by its caller, or nowhere", async () => {
    const { resolver, module } = await resolved(
      `${SIGNED_IN} if (identity.org_id !== args.orgId) throw new Error(); await requireOrgAdmin(ctx);`,
      `async function requireOrgAdmin(ctx: any) { const identity = await ctx.auth.getUserIdentity(); if (identity?.org_role !== "org:admin") throw new Error(); }
async function requireAnyOrgAdmin(ctx: any) { const identity = await ctx.auth.getUserIdentity(); if (identity?.org_role !== "org:admin") throw new Error(); }
async function readsOwnOrg(ctx: any) { const identity = await ctx.auth.getUserIdentity(); return identity?.org_id; }`,
    );
    expect(orgClaimNear(resolver, module.helpers.get("requireOrgAdmin")!)).toBe(true);
    expect(orgClaimNear(resolver, module.helpers.get("requireAnyOrgAdmin")!)).toBe(false);
    expect(orgClaimNear(resolver, module.helpers.get("readsOwnOrg")!)).toBe(true);
  });

  it("publicPaths: public handlers and the helpers they reach, not internal ones or unused helpers", async () => {
    const { resolver, handler, module } = await resolved(
      `await used(ctx, args.id);`,
      `async function used(ctx: any, id: any) { return inner(ctx, id); }
async function inner(ctx: any, id: any) { return ctx.db.get(id); }
async function unused(ctx: any) { return null; }
export const hidden = internalMutation({ args: {}, handler: async (ctx) => { await unused(ctx); } });`,
    );
    const paths = publicPaths(resolver);
    expect(paths.has(handler)).toBe(true);
    expect(paths.has(module.helpers.get("used")!)).toBe(true);
    expect(paths.has(module.helpers.get("inner")!)).toBe(true);
    expect(paths.has(module.helpers.get("unused")!)).toBe(false);
    const hidden = module.functions.find((fn) => fn.name === "hidden")!;
    expect(paths.has(resolver.handlerOf(hidden)!)).toBe(false);
  });
});
