/**
 * `authwire users --rbac` and `authwire protect` end to end with the real parts: the built CLI on
 * copies of the fixture apps (plus a module of unprotected functions and a role-guarded one, as
 * test scaffolding), then `convex codegen`, `tsc`, `vite build`, and the generated backend under
 * `convex-test`: store creates the user once and updates it, current returns it, protected
 * functions throw "Not authenticated" without an identity, requireRole allows and denies. The
 * doctor finds no AW6xx problem afterwards and a second run plans only skips.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codegen, convexTestRun, copyApp, runAuthwire, typecheck, viteBuild, type RunResult } from "./workspace.ts";

/** No deployment: everything runs against local files (NO_COLOR for plain output). */
const ENV = { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "" };

async function authwire(app: string, args: string[]): Promise<RunResult> {
  const result = await runAuthwire([...args, "--cwd", app], { cwd: app, env: ENV });
  expect(result.code, result.output).toBe(0);
  return result;
}

async function steps(app: string, ...fns: ((app: string) => Promise<RunResult>)[]): Promise<void> {
  for (const step of fns) {
    const result = await step(app);
    expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
  }
}

/** Test scaffolding: functions that touch data with no identity check (protect's work). */
const NOTES = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("notes").collect();
  },
});

export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.db.insert("notes", { text });
  },
});
`;

/** Test scaffolding: a multi-tenant tracker's functions, guarded by the generated requireRole. */
const PROJECTS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireRole } from "./roles";

export const list = query({
  args: { orgId: v.id("orgs") },
  handler: async (ctx, { orgId }) => {
    await requireRole(ctx, orgId, "viewer");
    return await ctx.db
      .query("projects")
      .withIndex("by_org", (q) => q.eq("orgId", orgId))
      .collect();
  },
});

export const create = mutation({
  args: { orgId: v.id("orgs"), name: v.string() },
  handler: async (ctx, { orgId, name }) => {
    await requireRole(ctx, orgId, "member");
    return await ctx.db.insert("projects", { orgId, name });
  },
});

export const remove = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const project = await ctx.db.get(projectId);
    if (project === null) {
      throw new Error("Not found");
    }
    await requireRole(ctx, project.orgId, "admin");
    await ctx.db.delete(projectId);
  },
});
`;

/** The same checks for every provider: `as(name)` signs in a stored user and returns its id. */
const RBAC_TESTS = `
test("requireRole per organization: outsiders and lower roles are refused, higher roles pass", async () => {
  const t = convexTest(schema, modules);
  const { orgA, orgB } = await t.run(async (ctx) => ({
    orgA: await ctx.db.insert("orgs", { name: "A" }),
    orgB: await ctx.db.insert("orgs", { name: "B" }),
  }));
  await expect(t.query(api.projects.list, { orgId: orgA })).rejects.toThrow("Not authenticated");

  const outsider = await as(t, "outsider");
  const viewer = await as(t, "viewer");
  const member = await as(t, "member");
  const admin = await as(t, "admin");
  await t.mutation(internal.roles.grantRole, { userId: viewer.userId, orgId: orgA, role: "viewer" });
  await t.mutation(internal.roles.grantRole, { userId: member.userId, orgId: orgA, role: "member" });
  await t.mutation(internal.roles.grantRole, { userId: admin.userId, orgId: orgA, role: "admin" });
  await t.mutation(internal.roles.grantRole, { userId: outsider.userId, orgId: orgB, role: "admin" });

  // Not a member of A (an admin of B): nothing in A.
  await expect(outsider.client.query(api.projects.list, { orgId: orgA })).rejects.toThrow('Forbidden: requires the role "viewer" or higher in this organization');
  await expect(outsider.client.mutation(api.projects.create, { orgId: orgA, name: "x" })).rejects.toThrow("Forbidden");
  // A viewer reads, doesn't write.
  expect(await viewer.client.query(api.projects.list, { orgId: orgA })).toEqual([]);
  await expect(viewer.client.mutation(api.projects.create, { orgId: orgA, name: "x" })).rejects.toThrow('Forbidden: requires the role "member"');
  // A member creates, doesn't delete; an admin passes the member check and deletes.
  const projectId = await member.client.mutation(api.projects.create, { orgId: orgA, name: "roadmap" });
  expect(await admin.client.mutation(api.projects.create, { orgId: orgA, name: "second" })).toBeTruthy();
  await expect(member.client.mutation(api.projects.remove, { projectId })).rejects.toThrow('Forbidden: requires the role "admin"');
  await expect(outsider.client.mutation(api.projects.remove, { projectId })).rejects.toThrow("Forbidden");
  await admin.client.mutation(api.projects.remove, { projectId });
  expect((await viewer.client.query(api.projects.list, { orgId: orgA })).map((project) => project.name)).toEqual(["second"]);

  // A granted role replaces the old one; a revoked membership opens nothing.
  await t.mutation(internal.roles.grantRole, { userId: member.userId, orgId: orgA, role: "viewer" });
  await expect(member.client.mutation(api.projects.create, { orgId: orgA, name: "x" })).rejects.toThrow("Forbidden");
  await t.mutation(internal.roles.revokeRole, { userId: viewer.userId, orgId: orgA });
  await expect(viewer.client.query(api.projects.list, { orgId: orgA })).rejects.toThrow("Forbidden");
});
`;

/** The app's data beside what authwire adds: notes, and organizations with their projects. */
function addAppTables(app: string): void {
  const path = join(app, "convex/schema.ts");
  const schema = readFileSync(path, "utf8");
  writeFileSync(
    path,
    schema.replace(
      "export default defineSchema({\n",
      [
        "export default defineSchema({",
        "  notes: defineTable({ text: v.string() }),",
        "  orgs: defineTable({ name: v.string() }),",
        '  projects: defineTable({ orgId: v.id("orgs"), name: v.string() }).index("by_org", ["orgId"]),',
        "",
      ].join("\n"),
    ),
  );
}

/** The client uses the generated hook, so the build really compiles and bundles it. */
function useTheHook(app: string): void {
  const path = join(app, "src/App.tsx");
  const source = readFileSync(path, "utf8")
    .replace(
      'import { api } from "../convex/_generated/api";',
      'import { api } from "../convex/_generated/api";\nimport { useStoreUserEffect } from "./useStoreUserEffect";',
    )
    .replace(
      "function TaskList() {\n",
      "function TaskList() {\n  const { isLoading, isAuthenticated } = useStoreUserEffect();\n  const me = useQuery(api.users.current);\n",
    )
    .replace("    <ul>\n", "    <ul data-loading={isLoading} data-user={isAuthenticated ? me?._id : undefined}>\n");
  expect(source).toContain("useStoreUserEffect()");
  writeFileSync(path, source);
}

const CLERK_TEST = `import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.*s");
const ISSUER = "https://happy-otter-1.clerk.accounts.dev";
const identity = (subject: string, extra: Record<string, unknown> = {}) => ({ subject, issuer: ISSUER, tokenIdentifier: \`\${ISSUER}|\${subject}\`, ...extra });

test("store creates the user once, updates the profile when the token changes; current returns it", async () => {
  const t = convexTest(schema, modules);
  const ada = t.withIdentity(identity("user_ada", { name: "Ada", email: "ada@example.com", pictureUrl: "https://img.example.com/ada.png" }));
  const id = await ada.mutation(api.users.store, {});
  expect(await ada.mutation(api.users.store, {})).toBe(id);
  await t.withIdentity(identity("user_ada", { name: "Ada Lovelace", email: "ada@example.com" })).mutation(api.users.store, {});
  const users = await t.run((ctx) => ctx.db.query("users").collect());
  expect(users).toHaveLength(1);
  expect(users[0]).toMatchObject({ _id: id, name: "Ada Lovelace", email: "ada@example.com", tokenIdentifier: \`\${ISSUER}|user_ada\` });
  expect(users[0]!.pictureUrl).toBeUndefined();
  expect(await ada.query(api.users.current, {})).toMatchObject({ _id: id, name: "Ada Lovelace" });
  expect(await t.query(api.users.current, {})).toBeNull();
  await expect(t.mutation(api.users.store, {})).rejects.toThrow("Not authenticated");
});

test("protected functions throw Not authenticated without an identity and work with one", async () => {
  const t = convexTest(schema, modules);
  await expect(t.query(api.notes.list, {})).rejects.toThrow("Not authenticated");
  await expect(t.mutation(api.notes.add, { text: "x" })).rejects.toThrow("Not authenticated");
  const ada = t.withIdentity(identity("user_ada"));
  await ada.mutation(api.notes.add, { text: "hello" });
  expect(await ada.query(api.notes.list, {})).toMatchObject([{ text: "hello" }]);
});

async function as(t: ReturnType<typeof convexTest>, name: string, claims: Record<string, unknown> = {}) {
  const client = t.withIdentity(identity(\`user_\${name}\`, claims));
  const userId = await client.mutation(api.users.store, {});
  return { client, userId };
}

test("requireRole needs a stored user, and never trusts the token's organization claims", async () => {
  const t = convexTest(schema, modules);
  const orgId = await t.run((ctx) => ctx.db.insert("orgs", { name: "A" }));
  await expect(t.withIdentity(identity("user_new")).query(api.projects.list, { orgId })).rejects.toThrow("User not stored yet");
  const claimed = await as(t, "claimed", { org_id: orgId, org_role: "org:admin" });
  await expect(claimed.client.query(api.projects.list, { orgId })).rejects.toThrow("Forbidden");
});
${RBAC_TESTS}`;

const CONVEX_AUTH_TEST = `import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.*s");

async function signedIn(t: ReturnType<typeof convexTest>, email: string) {
  const { userId, sessionId } = await t.run(async (ctx) => {
    const userId = await ctx.db.insert("users", { email });
    const sessionId = await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 3_600_000 });
    return { userId, sessionId };
  });
  return { userId, as: t.withIdentity({ subject: \`\${userId}|\${sessionId}\`, issuer: "https://happy-otter-123.convex.site" }) };
}

test("current returns Convex Auth's own user document (no second users table)", async () => {
  const t = convexTest(schema, modules);
  const { userId, as } = await signedIn(t, "ada@example.com");
  expect(await as.query(api.users.current, {})).toMatchObject({ _id: userId, email: "ada@example.com" });
  expect(await t.query(api.users.current, {})).toBeNull();
});

test("protected functions throw Not authenticated without a session and work with one", async () => {
  const t = convexTest(schema, modules);
  await expect(t.query(api.notes.list, {})).rejects.toThrow("Not authenticated");
  await expect(t.mutation(api.notes.add, { text: "x" })).rejects.toThrow("Not authenticated");
  const { as } = await signedIn(t, "ada@example.com");
  await as.mutation(api.notes.add, { text: "hello" });
  expect(await as.query(api.notes.list, {})).toMatchObject([{ text: "hello" }]);
});

async function as(t: ReturnType<typeof convexTest>, name: string) {
  const { userId, as: client } = await signedIn(t, \`\${name}@example.com\`);
  return { client, userId };
}
${RBAC_TESTS}`;

/** No AW6xx (or AW506) warning or error from the built doctor. */
async function expectDoctorClean(app: string): Promise<void> {
  const result = await runAuthwire(
    ["doctor", "--offline", "--json", "--only", "AW506,AW601,AW602,AW603,AW604,AW605,AW606,AW607", "--cwd", app],
    { cwd: app, env: ENV },
  );
  const json = JSON.parse(result.output) as { findings: { code: string; severity: string; message: string }[] };
  expect(json.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
  expect(json.findings.filter((finding) => finding.code === "AW602")).toEqual([]);
}

/** The second run of both commands: only skips. */
async function expectOnlySkips(app: string): Promise<void> {
  const users = JSON.parse((await authwire(app, ["users", "--rbac", "--dry-run", "--json"])).output) as {
    plan: { action: string }[];
  };
  expect(users.plan.filter((item) => item.action !== "skip")).toEqual([]);
  const protect = JSON.parse((await authwire(app, ["protect", "--dry-run", "--json"])).output) as {
    plan: unknown[];
    functions: { action: string }[];
  };
  expect(protect.plan).toEqual([]);
  expect(protect.functions.filter((fn) => fn.action === "protect")).toEqual([]);
}

describe("authwire users --rbac + protect (built CLI, real SDKs, convex-test)", () => {
  it("vite-clerk-done: codegen, tsc, vite build; store/current/protect/requireRole under convex-test; doctor clean; idempotent", async () => {
    const app = copyApp("vite-clerk-done", "scaffold-clerk");
    writeFileSync(join(app, "convex/notes.ts"), NOTES);
    addAppTables(app);
    await authwire(app, ["users", "--rbac", "--yes"]);
    const protect = await authwire(app, ["protect", "--yes", "--json"]);
    expect(
      (JSON.parse(protect.output) as { functions: { name: string; action: string }[] }).functions
        .filter((fn) => fn.action === "protect")
        .map((fn) => fn.name),
    ).toEqual(["list", "add"]);
    writeFileSync(join(app, "convex/projects.ts"), PROJECTS);
    useTheHook(app);
    await steps(app, codegen, typecheck, viteBuild);
    const backend = await convexTestRun(app, "scaffold", CLERK_TEST, { env: ENV });
    expect(backend.code, backend.output).toBe(0);
    expect(backend.output).toMatch(/4 passed/);
    await expectDoctorClean(app);
    await expectOnlySkips(app);
  });

  it("vite-convex-auth-done: helpers over getAuthUserId, getAuthUserId checks, memberships; codegen, tsc, vite build; convex-test; doctor clean", async () => {
    const app = copyApp("vite-convex-auth-done", "scaffold-convex-auth");
    writeFileSync(join(app, "convex/notes.ts"), NOTES);
    addAppTables(app);
    await authwire(app, ["users", "--rbac", "--yes"]);
    expect(existsSync(join(app, "src/useStoreUserEffect.ts"))).toBe(false);
    await authwire(app, ["protect", "--yes"]);
    expect(readFileSync(join(app, "convex/notes.ts"), "utf8")).toContain("if ((await getAuthUserId(ctx)) === null) {");
    writeFileSync(join(app, "convex/projects.ts"), PROJECTS);
    await steps(app, codegen, typecheck, viteBuild);
    const backend = await convexTestRun(app, "scaffold", CONVEX_AUTH_TEST, { env: ENV });
    expect(backend.code, backend.output).toBe(0);
    expect(backend.output).toMatch(/3 passed/);
    await expectDoctorClean(app);
    await expectOnlySkips(app);
  });
});
