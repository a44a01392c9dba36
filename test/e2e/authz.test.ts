/**
 * Issue 15's proof, end to end with the real parts: the authorization fixtures (a notes app, a
 * multi-tenant tracker orgs → projects → tasks whose list reads through a helper) written into a
 * real app, the built CLI's `users --rbac --yes` and `protect --yes`, then `convex codegen`, `tsc`
 * (the client calls the protected listMine without a userId), and a convex-test suite in the app:
 * signed-out callers refused by every function; another user's note can't be read, changed or
 * deleted, and a client-supplied userId is the caller's own; a non-member can't read or write an
 * organization's projects and tasks; a viewer reads but doesn't write; a member writes but doesn't
 * delete; an admin deletes. The doctor then reports nothing in AW6xx.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUTHZ_SCHEMA, MODEL, NOTES, PROJECTS, TASKS, VIA_HELPERS } from "../helpers/authz-apps.ts";
import { codegen, convexTestRun, copyApp, runAuthwire, typecheck, type RunResult } from "./workspace.ts";

/** No deployment: everything runs against local files (NO_COLOR for plain output). */
const ENV = { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "" };

async function authwire(app: string, args: string[]): Promise<RunResult> {
  const result = await runAuthwire([...args, "--cwd", app], { cwd: app, env: ENV });
  expect(result.code, result.output).toBe(0);
  return result;
}

/** The fixtures in place of the app's own backend; the client lists the caller's notes. */
function writeFixtures(app: string, provider: "clerk" | "convex-auth"): void {
  const schema =
    provider === "convex-auth"
      ? AUTHZ_SCHEMA.replace(
          'import { v } from "convex/values";\n',
          'import { authTables } from "@convex-dev/auth/server";\nimport { v } from "convex/values";\n',
        ).replace("export default defineSchema({\n", "export default defineSchema({\n  ...authTables,\n")
      : AUTHZ_SCHEMA;
  expect(schema).toContain(provider === "convex-auth" ? "...authTables," : "notes:");
  writeFileSync(join(app, "convex/schema.ts"), schema);
  writeFileSync(join(app, "convex/notes.ts"), NOTES);
  writeFileSync(join(app, "convex/projects.ts"), PROJECTS);
  writeFileSync(join(app, "convex/tasks.ts"), TASKS);
  mkdirSync(join(app, "convex/model"), { recursive: true });
  writeFileSync(join(app, "convex/model/access.ts"), MODEL);
  writeFileSync(join(app, "convex/viaHelpers.ts"), VIA_HELPERS);
  const appPath = join(app, "src/App.tsx");
  const client = readFileSync(appPath, "utf8").replace("useQuery(api.tasks.list)", "useQuery(api.notes.listMine, {})");
  expect(client).toContain("api.notes.listMine");
  writeFileSync(appPath, client);
}

const EVERY_FUNCTION = [
  "notes.ts:listMine",
  "notes.ts:get",
  "notes.ts:add",
  "notes.ts:update",
  "notes.ts:remove",
  "projects.ts:list",
  "projects.ts:create",
  "projects.ts:remove",
  "tasks.ts:list",
  "tasks.ts:add",
  "tasks.ts:rename",
  "tasks.ts:remove",
  "viaHelpers.ts:readNote",
  "viaHelpers.ts:renameProjectVia",
  "viaHelpers.ts:archiveProject",
];

/** The scenarios, the same for every provider: `as(t, name)` signs a stored user in. */
const SCENARIOS = `
async function seed(t: T) {
  const { userId: someone } = await as(t, "someone");
  return await t.run(async (ctx) => {
    const orgA = await ctx.db.insert("orgs", { name: "A" });
    const orgB = await ctx.db.insert("orgs", { name: "B" });
    const projectId = await ctx.db.insert("projects", { orgId: orgA, name: "roadmap" });
    const taskId = await ctx.db.insert("tasks", { projectId, title: "plan" });
    const noteId = await ctx.db.insert("notes", { userId: someone, text: "secret" });
    return { someone, orgA, orgB, projectId, taskId, noteId };
  });
}

test("signed out: every function is refused", async () => {
  const t = convexTest(schema, modules);
  const { someone, orgA, projectId, taskId, noteId } = await seed(t);
  const calls: [string, () => Promise<unknown>][] = [
    ["notes.listMine", () => t.query(api.notes.listMine, {})],
    ["notes.listMine(userId)", () => t.query(api.notes.listMine, { userId: someone } as never)],
    ["notes.get", () => t.query(api.notes.get, { noteId })],
    ["notes.add", () => t.mutation(api.notes.add, { text: "x" })],
    ["notes.update", () => t.mutation(api.notes.update, { noteId, text: "x" })],
    ["notes.remove", () => t.mutation(api.notes.remove, { noteId })],
    ["projects.list", () => t.query(api.projects.list, { orgId: orgA })],
    ["projects.create", () => t.mutation(api.projects.create, { orgId: orgA, name: "x" })],
    ["projects.remove", () => t.mutation(api.projects.remove, { projectId })],
    ["tasks.list", () => t.query(api.tasks.list, { projectId })],
    ["tasks.add", () => t.mutation(api.tasks.add, { projectId, title: "x" })],
    ["tasks.rename", () => t.mutation(api.tasks.rename, { taskId, title: "x" })],
    ["tasks.remove", () => t.mutation(api.tasks.remove, { taskId })],
    ["viaHelpers.readNote", () => t.query(api.viaHelpers.readNote, { noteId })],
    ["viaHelpers.renameProjectVia", () => t.mutation(api.viaHelpers.renameProjectVia, { projectId, name: "x" })],
    ["viaHelpers.archiveProject", () => t.mutation(api.viaHelpers.archiveProject, { projectId })],
  ];
  for (const [name, call] of calls) {
    await expect(call(), name).rejects.toThrow(name === "notes.listMine(userId)" ? /Validator|extra field|userId/ : "Not authenticated");
  }
  const after = await t.run(async (ctx) => ({
    note: await ctx.db.get(noteId),
    projects: await ctx.db.query("projects").collect(),
    tasks: await ctx.db.query("tasks").collect(),
  }));
  expect(after.note).toMatchObject({ text: "secret" });
  expect(after.projects.map((project) => project.name)).toEqual(["roadmap"]);
  expect(after.tasks.map((task) => task.title)).toEqual(["plan"]);
});

test("notes: another user's note can't be read, changed or deleted; a client-supplied userId is the caller's own", async () => {
  const t = convexTest(schema, modules);
  const ada = await as(t, "ada");
  const bob = await as(t, "bob");
  const adaNote = await ada.client.mutation(api.notes.add, { text: "ada's" });
  // The client can't name whose notes to add or list: the validator has no userId any more.
  await expect(bob.client.mutation(api.notes.add, { userId: ada.userId, text: "forged" } as never)).rejects.toThrow();
  await expect(bob.client.query(api.notes.listMine, { userId: ada.userId } as never)).rejects.toThrow();
  const bobNote = await bob.client.mutation(api.notes.add, { text: "bob's" });
  expect(await t.run((ctx) => ctx.db.get(bobNote))).toMatchObject({ userId: bob.userId, text: "bob's" });
  expect((await ada.client.query(api.notes.listMine, {})).map((note) => note.text)).toEqual(["ada's"]);
  expect((await bob.client.query(api.notes.listMine, {})).map((note) => note.text)).toEqual(["bob's"]);

  await expect(bob.client.query(api.notes.get, { noteId: adaNote })).rejects.toThrow("Forbidden");
  await expect(bob.client.query(api.viaHelpers.readNote, { noteId: adaNote })).rejects.toThrow("Forbidden");
  await expect(bob.client.mutation(api.notes.update, { noteId: adaNote, text: "changed" })).rejects.toThrow("Forbidden");
  await expect(bob.client.mutation(api.notes.remove, { noteId: adaNote })).rejects.toThrow("Forbidden");
  expect(await t.run((ctx) => ctx.db.get(adaNote))).toMatchObject({ userId: ada.userId, text: "ada's" });

  // The owner reads, changes and deletes it.
  expect(await ada.client.query(api.notes.get, { noteId: adaNote })).toMatchObject({ text: "ada's" });
  expect(await ada.client.query(api.viaHelpers.readNote, { noteId: adaNote })).toMatchObject({ text: "ada's" });
  await ada.client.mutation(api.notes.update, { noteId: adaNote, text: "edited" });
  expect(await ada.client.query(api.notes.get, { noteId: adaNote })).toMatchObject({ text: "edited" });
  await ada.client.mutation(api.notes.remove, { noteId: adaNote });
  expect(await t.run((ctx) => ctx.db.get(adaNote))).toBeNull();
  expect(await t.run((ctx) => ctx.db.get(bobNote))).toMatchObject({ text: "bob's" });
});

test("tracker: a non-member gets nothing; a viewer reads; a member writes but doesn't delete; an admin deletes", async () => {
  const t = convexTest(schema, modules);
  const { orgA, orgB, projectId, taskId } = await seed(t);
  const outsider = await as(t, "outsider");
  const viewer = await as(t, "viewer");
  const member = await as(t, "member");
  const admin = await as(t, "admin");
  await t.mutation(internal.roles.grantRole, { userId: outsider.userId, orgId: orgB, role: "admin" });
  await t.mutation(internal.roles.grantRole, { userId: viewer.userId, orgId: orgA, role: "viewer" });
  await t.mutation(internal.roles.grantRole, { userId: member.userId, orgId: orgA, role: "member" });
  await t.mutation(internal.roles.grantRole, { userId: admin.userId, orgId: orgA, role: "admin" });

  const writes = (c: Client) => [
    () => c.mutation(api.projects.create, { orgId: orgA, name: "x" }),
    () => c.mutation(api.tasks.add, { projectId, title: "x" }),
    () => c.mutation(api.tasks.rename, { taskId, title: "x" }),
    () => c.mutation(api.viaHelpers.renameProjectVia, { projectId, name: "x" }),
  ];
  const deletes = (c: Client) => [
    () => c.mutation(api.tasks.remove, { taskId }),
    () => c.mutation(api.projects.remove, { projectId }),
    () => c.mutation(api.viaHelpers.archiveProject, { projectId }),
  ];
  const reads = (c: Client) => [
    () => c.query(api.projects.list, { orgId: orgA }),
    () => c.query(api.tasks.list, { projectId }),
  ];

  // An admin of another organization is no member of A.
  for (const call of [...reads(outsider.client), ...writes(outsider.client), ...deletes(outsider.client)])
    await expect(call()).rejects.toThrow("Forbidden");
  // A viewer reads, doesn't write or delete.
  expect((await viewer.client.query(api.projects.list, { orgId: orgA })).map((p) => p.name)).toEqual(["roadmap"]);
  expect((await viewer.client.query(api.tasks.list, { projectId })).map((task) => task.title)).toEqual(["plan"]);
  for (const call of [...writes(viewer.client), ...deletes(viewer.client)])
    await expect(call()).rejects.toThrow('Forbidden: requires the role "');
  const untouched = await t.run(async (ctx) => ({
    projects: (await ctx.db.query("projects").collect()).map((p) => p.name),
    tasks: (await ctx.db.query("tasks").collect()).map((task) => task.title),
  }));
  expect(untouched).toEqual({ projects: ["roadmap"], tasks: ["plan"] });

  // A member writes, doesn't delete.
  const second = await member.client.mutation(api.projects.create, { orgId: orgA, name: "second" });
  const added = await member.client.mutation(api.tasks.add, { projectId, title: "added" });
  await member.client.mutation(api.tasks.rename, { taskId, title: "renamed" });
  await member.client.mutation(api.viaHelpers.renameProjectVia, { projectId: second, name: "second (renamed)" });
  for (const call of deletes(member.client)) await expect(call()).rejects.toThrow('Forbidden: requires the role "admin"');
  expect((await member.client.query(api.tasks.list, { projectId })).map((task) => task.title).sort()).toEqual(["added", "renamed"]);

  // An admin deletes (and passes the lower roles' checks).
  await admin.client.mutation(api.tasks.remove, { taskId: added });
  await admin.client.mutation(api.tasks.rename, { taskId, title: "by admin" });
  expect(await t.run((ctx) => ctx.db.get(second))).toMatchObject({ name: "second (renamed)" });
  await admin.client.mutation(api.viaHelpers.archiveProject, { projectId: second });
  const third = await member.client.mutation(api.projects.create, { orgId: orgA, name: "third" });
  await admin.client.mutation(api.projects.remove, { projectId: third });
  expect((await admin.client.query(api.projects.list, { orgId: orgA })).map((p) => p.name)).toEqual(["roadmap"]);
  expect((await admin.client.query(api.tasks.list, { projectId })).map((task) => task.title)).toEqual(["by admin"]);
  // Organization B's data is out of the admin of A's reach too.
  const bProject = await outsider.client.mutation(api.projects.create, { orgId: orgB, name: "b" });
  await expect(admin.client.mutation(api.projects.remove, { projectId: bProject })).rejects.toThrow("Forbidden");
  await expect(admin.client.query(api.tasks.list, { projectId: bProject })).rejects.toThrow("Forbidden");
});
`;

const HEADER = `import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.*s");
type T = ReturnType<typeof convexTest>;
type Client = Pick<T, "query" | "mutation">;
`;

const CLERK_TEST = `${HEADER}
const ISSUER = "https://happy-otter-1.clerk.accounts.dev";

async function as(t: T, name: string) {
  const client = t.withIdentity({ subject: \`user_\${name}\`, issuer: ISSUER, tokenIdentifier: \`\${ISSUER}|user_\${name}\` });
  const userId = await client.mutation(api.users.store, {});
  return { client, userId };
}
${SCENARIOS}`;

const CONVEX_AUTH_TEST = `${HEADER}
async function as(t: T, name: string) {
  const { userId, sessionId } = await t.run(async (ctx) => {
    const userId = await ctx.db.insert("users", { email: \`\${name}@example.com\` });
    const sessionId = await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 3_600_000 });
    return { userId, sessionId };
  });
  const client = t.withIdentity({ subject: \`\${userId}|\${sessionId}\`, issuer: "https://happy-otter-123.convex.site" });
  return { client, userId };
}
${SCENARIOS}`;

/** Every AW6xx finding the built doctor reports, whatever its severity. */
async function aw6xx(app: string): Promise<string[]> {
  const result = await runAuthwire(["doctor", "--offline", "--json", "--cwd", app], { cwd: app, env: ENV });
  const json = JSON.parse(result.output) as {
    findings: { code: string; file?: string; line?: number; message: string }[];
  };
  return json.findings
    .filter((finding) => finding.code.startsWith("AW6"))
    .map((finding) => `${finding.code} ${finding.file ?? ""}:${finding.line ?? ""} ${finding.message}`);
}

async function prove(provider: "clerk" | "convex-auth", fixture: string, test: string): Promise<void> {
  const app = copyApp(fixture, `authz-${provider}`);
  writeFixtures(app, provider);
  await authwire(app, ["users", "--rbac", "--yes"]);
  const protect = await authwire(app, ["protect", "--yes", "--json"]);
  const functions = (
    JSON.parse(protect.output) as { functions: { file: string; name: string; action: string; reason: string }[] }
  ).functions;
  const decided = Object.fromEntries(functions.map((fn) => [`${fn.file.replace("convex/", "")}:${fn.name}`, fn]));
  for (const name of EVERY_FUNCTION) expect(decided[name]?.action, `${name}: ${decided[name]?.reason}`).toBe("protect");
  for (const step of [codegen, typecheck]) {
    const result = await step(app);
    expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
  }
  const backend = await convexTestRun(app, "authz", test, { env: ENV });
  expect(backend.code, backend.output).toBe(0);
  expect(backend.output).toMatch(/3 passed/);
  expect(await aw6xx(app)).toEqual([]);
}

describe("issue 15: users --rbac + protect authorize (built CLI, real SDKs, convex-test)", () => {
  it("Clerk: owners, organizations and roles hold under convex-test; tsc clean; no AW6xx", async () => {
    await prove("clerk", "vite-clerk-done", CLERK_TEST);
  });

  it("Convex Auth: the same scenarios over getAuthUserId; tsc clean; no AW6xx", async () => {
    await prove("convex-auth", "vite-convex-auth-done", CONVEX_AUTH_TEST);
  });
});
