import { describe, expect, it } from "vitest";
import { isNoop } from "../changes/plan.ts";
import { memoryFiles } from "../project/files.ts";
import { viteClerk, withFiles, type Files } from "../../test/helpers/projects.ts";
import { appliedFiles, authorizationFindings, functionFindings, planned } from "../../test/helpers/scaffold.ts";
import { AUTHZ_SCHEMA, MODEL, NOTES, PROJECTS, TASKS, VIA_HELPERS } from "../../test/helpers/authz-apps.ts";
import { planProtect } from "./protect.ts";
import { planUsers } from "./users.ts";

const at = { cwd: "/virtual", git: false as const, env: {} };
const decisions = (functions: { file: string; name: string; action: string; reason: string }[]) =>
  Object.fromEntries(
    functions.map((fn) => [`${fn.file.replace("convex/", "")}:${fn.name}`, `${fn.action}: ${fn.reason}`]),
  );

/** The Clerk app with the fixtures' schema and modules, after `users --rbac`. */
async function trackerApp(extra: Files = {}): Promise<Files> {
  const files = withFiles(viteClerk(), {
    "convex/myFunctions.ts": undefined,
    "convex/schema.ts": AUTHZ_SCHEMA,
    "convex/notes.ts": NOTES,
    "convex/projects.ts": PROJECTS,
    "convex/tasks.ts": TASKS,
    ...extra,
  });
  const users = await planUsers({ ...at, files: memoryFiles(files), rbac: true });
  return appliedFiles(files, users.plan);
}

describe("authwire protect authorizes", () => {
  it("owner comparisons, requireRole per operation, the caller's own id for a client-supplied one; AW601/AW602 clean; a second run only skips", async () => {
    const files = await trackerApp();
    const protect = await planProtect({ ...at, files: memoryFiles(files) });
    const notes = planned(protect.plan, "convex/notes.ts");
    const projects = planned(protect.plan, "convex/projects.ts");
    const tasks = planned(protect.plan, "convex/tasks.ts");
    expect(decisions(protect.functions)).toMatchObject({
      "notes.ts:listMine":
        "protect: reads data (line 7) before any identity check; the client's userId is replaced by the caller's own id",
      "notes.ts:get":
        "protect: reads data (line 17) before any identity check; noteId: the notes document's userId must be the caller",
      "projects.ts:list": 'protect: reads data (line 7) before any identity check; orgId: requireRole "viewer"',
      "projects.ts:create": 'protect: writes data (line 17) before any identity check; orgId: requireRole "member"',
      "projects.ts:remove": `protect: writes data (line 24) before any identity check; projectId: requireRole "admin" in the projects document's organization`,
      "tasks.ts:rename": `protect: writes data (line 29) before any identity check; taskId: requireRole "member" in the tasks document's organization (through projects)`,
    });
    // The client's user id leaves the validator and the handler reads the caller's own.
    expect(notes).toContain(`export const listMine = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUserOrThrow(ctx);
    const userId = user._id;
    return await ctx.db`);
    expect(notes).toContain(`  args: { text: v.string() },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    return await ctx.db.insert("notes", { userId: user._id, text: args.text });`);
    expect(notes).toContain('import { getCurrentUserOrThrow } from "./users";');
    // A query that fetched the document keeps answering null for a missing one; writes throw.
    expect(notes).toContain(`    const note = await ctx.db.get(args.noteId);
    if (note !== null) {
      if (note.userId !== user._id) {
        throw new Error("Forbidden");
      }
    }
    return note;`);
    expect(notes).toContain(`    const user = await getCurrentUserOrThrow(ctx);
    const note = await ctx.db.get(noteId);
    if (note === null) {
      throw new Error("Not found");
    }
    if (note.userId !== user._id) {
      throw new Error("Forbidden");
    }
    await ctx.db.delete(noteId);`);
    expect(projects).toContain(`    await requireRole(ctx, orgId, "viewer");
    return await ctx.db`);
    expect(projects).toContain(`    await requireRole(ctx, project.orgId, "admin");
    await ctx.db.delete(projectId);`);
    // Tasks: through their project to its organization, after the handler's own fetch.
    expect(tasks).toContain(`    const task = await ctx.db.get(args.taskId);
    if (task === null) {
      throw new Error("Not found");
    }
    const project = await ctx.db.get(task.projectId);
    if (project === null) {
      throw new Error("Not found");
    }
    await requireRole(ctx, project.orgId, "member");
    if (!task) {`);
    // Nothing inserted is left unused.
    expect(`${notes}${projects}${tasks}`).not.toMatch(/const identity = /);
    const after = appliedFiles(files, protect.plan);
    const findings = (await functionFindings({ files: after })).filter((f) => f.code === "AW601" || f.code === "AW602");
    expect(findings.map((f) => `${f.code} ${f.file}:${f.line}`)).toEqual([]);
    const again = await planProtect({ ...at, files: memoryFiles(after) });
    expect(isNoop(again.plan)).toBe(true);
  });
});

describe("doctor's authorization rules after users --rbac and protect", () => {
  it("report nothing in AW608–AW611 on the protected fixtures, and AW609 once the membership check is taken out", async () => {
    const files = await trackerApp();
    const after = appliedFiles(files, (await planProtect({ ...at, files: memoryFiles(files) })).plan);
    // The generated roles.ts (getMembership/requireRole) and every protected function are clean.
    expect(after["convex/roles.ts"]).toContain("export async function requireRole");
    const clean = await authorizationFindings(after);
    expect(clean.map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
    // The same module with requireRole swapped for a bare sign-in check: a non-member gets in.
    const projects = after["convex/projects.ts"]!;
    expect(projects).toContain('await requireRole(ctx, orgId, "member");');
    const weakened = {
      ...after,
      "convex/projects.ts": projects
        .replace('await requireRole(ctx, orgId, "member");', "await getCurrentUserOrThrow(ctx);")
        .replace(/^/, 'import { getCurrentUserOrThrow } from "./users";\n'),
    };
    const found = await authorizationFindings(weakened);
    expect(found.map((f) => `${f.code} ${f.file} ${f.severity}`)).toEqual(["AW609 convex/projects.ts error"]);
  });
});

describe("authwire protect follows helpers for the role an operation needs", () => {
  it("a delete in a helper needs the delete role, a patch in one the write role; a mutation that seems only to read, the write role", async () => {
    const files = await trackerApp({
      "convex/model/access.ts": MODEL,
      "convex/viaHelpers.ts": VIA_HELPERS,
      "convex/peek.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const touch = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    return await ctx.db.get(projectId);
  },
});
`,
    });
    const protect = await planProtect({ ...at, files: memoryFiles(files) });
    expect(decisions(protect.functions)).toMatchObject({
      "viaHelpers.ts:readNote":
        "protect: reads data (line 7) before any identity check; noteId: the notes document's userId must be the caller",
      "viaHelpers.ts:renameProjectVia": `protect: writes data (line 13) before any identity check; projectId: requireRole "member" in the projects document's organization`,
      "viaHelpers.ts:archiveProject": `protect: writes data (line 20) before any identity check; projectId: requireRole "admin" in the projects document's organization`,
      "peek.ts:touch": `protect: reads data (line 7) before any identity check; projectId: requireRole "member" in the projects document's organization`,
    });
    expect(planned(protect.plan, "convex/viaHelpers.ts")).toContain(`    await requireRole(ctx, project.orgId, "admin");
    await dropProject(ctx, projectId);`);
  });
});

describe("authwire protect refuses what it can't authorize, with the reason", () => {
  it("a scan of a user's table, a string user reference, an org table without roles, a custom roles option", async () => {
    const files = await trackerApp({
      "convex/extra.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";

export const all = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("notes").collect();
  },
});

export const bySubject = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("orgs").filter((q) => q.eq(q.field("name"), args.userId)).collect();
  },
});
`,
    });
    const protect = await planProtect({
      ...at,
      files: memoryFiles(files),
      roles: { read: "member", delete: "member" },
    });
    expect(decisions(protect.functions)).toMatchObject({
      "extra.ts:all":
        "skip: reads data (line 7) before any identity check, but it reads notes, whose documents belong to a user, with no argument that says whose; scope it to the caller by hand (getCurrentUserOrThrow)",
      "extra.ts:bySubject":
        'skip: reads data (line 14) before any identity check, but it takes the user reference `userId` (v.string()) from the client; protect replaces only v.id("users") arguments with the caller\'s own id: compare it with the caller or drop it by hand',
      "projects.ts:list": 'protect: reads data (line 7) before any identity check; orgId: requireRole "member"',
      "projects.ts:remove": `protect: writes data (line 24) before any identity check; projectId: requireRole "member" in the projects document's organization`,
    });
    // authwire.config.json `roles` lists the roles allowed per operation: requireRole takes the least.
    const configured = await planProtect({
      ...at,
      files: memoryFiles({
        ...files,
        "authwire.config.json": JSON.stringify({ roles: { read: ["admin", "member"], delete: ["member", "admin"] } }),
      }),
    });
    expect(decisions(configured.functions)).toMatchObject({
      "projects.ts:list": 'protect: reads data (line 7) before any identity check; orgId: requireRole "member"',
      "projects.ts:remove": `protect: writes data (line 24) before any identity check; projectId: requireRole "member" in the projects document's organization`,
    });
    await expect(planProtect({ ...at, files: memoryFiles(files), roles: { write: "owner" } })).rejects.toThrow(
      'roles.write: "owner" is not one of the roles (admin, member, viewer).',
    );

    // Without users --rbac: organization data is refused; without users, owned data too.
    const bare = withFiles(viteClerk(), {
      "convex/myFunctions.ts": undefined,
      "convex/schema.ts": AUTHZ_SCHEMA,
      "convex/notes.ts": NOTES,
      "convex/projects.ts": PROJECTS,
    });
    const refused = decisions((await planProtect({ ...at, files: memoryFiles(bare) })).functions);
    expect(refused["projects.ts:list"]).toMatch(
      /but projects belongs to an organization \(orgId\), and there are no per-organization roles yet: run authwire users --rbac first$/,
    );
    expect(refused["notes.ts:get"]).toMatch(/but it needs the caller's user document: run authwire users first/);
  });
});
