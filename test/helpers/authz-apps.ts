/**
 * Authorization fixtures (issue 15), shared by the protect unit tests and the e2e: a notes app
 * (documents owned by a user), a multi-tenant tracker (orgs → projects → tasks) and a module whose
 * handlers read through a helper. Each function starts unprotected: protect's work.
 */
export const AUTHZ_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({ userId: v.id("users"), text: v.string() }).index("by_user", ["userId"]),
  orgs: defineTable({ name: v.string() }),
  projects: defineTable({ orgId: v.id("orgs"), name: v.string() }).index("by_org", ["orgId"]),
  tasks: defineTable({ projectId: v.id("projects"), title: v.string() }).index("by_project", ["projectId"]),
});
`;

export const NOTES = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const listMine = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    return await ctx.db
      .query("notes")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .collect();
  },
});

export const get = query({
  args: { noteId: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.noteId);
    return note;
  },
});

export const add = mutation({
  args: { userId: v.id("users"), text: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("notes", { userId: args.userId, text: args.text });
  },
});

export const update = mutation({
  args: { noteId: v.id("notes"), text: v.string() },
  handler: async (ctx, { noteId, text }) => {
    await ctx.db.patch(noteId, { text });
  },
});

export const remove = mutation({
  args: { noteId: v.id("notes") },
  handler: async (ctx, { noteId }) => {
    await ctx.db.delete(noteId);
  },
});
`;

export const PROJECTS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const list = query({
  args: { orgId: v.id("orgs") },
  handler: async (ctx, { orgId }) => {
    return await ctx.db
      .query("projects")
      .withIndex("by_org", (q) => q.eq("orgId", orgId))
      .collect();
  },
});

export const create = mutation({
  args: { orgId: v.id("orgs"), name: v.string() },
  handler: async (ctx, { orgId, name }) => {
    return await ctx.db.insert("projects", { orgId, name });
  },
});

export const remove = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await ctx.db.delete(projectId);
  },
});
`;

/** Tasks belong to a project, which belongs to an organization; list reads through a helper. */
export const TASKS = `import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import { mutation, query, type QueryCtx } from "./_generated/server";

async function tasksOf(ctx: QueryCtx, projectId: Id<"projects">) {
  return await ctx.db
    .query("tasks")
    .withIndex("by_project", (q) => q.eq("projectId", projectId))
    .collect();
}

export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, args) => {
    return await tasksOf(ctx, args.projectId);
  },
});

export const add = mutation({
  args: { projectId: v.id("projects"), title: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("tasks", { projectId: args.projectId, title: args.title });
  },
});

export const rename = mutation({
  args: { taskId: v.id("tasks"), title: v.string() },
  handler: async (ctx, args) => {
    const task = await ctx.db.get(args.taskId);
    if (!task) {
      throw new Error("No such task");
    }
    await ctx.db.patch(task._id, { title: args.title });
  },
});

export const remove = mutation({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    await ctx.db.delete(taskId);
  },
});
`;

/** Helpers in another module: the reads and writes happen there, the handlers only pass ids on. */
export const MODEL = `import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

export async function loadNote(ctx: QueryCtx, noteId: Id<"notes">) {
  const note = await ctx.db.get(noteId);
  if (!note) {
    throw new Error("No such note");
  }
  return note;
}

export async function dropProject(ctx: MutationCtx, projectId: Id<"projects">) {
  await ctx.db.delete(projectId);
}

export async function renameProject(ctx: MutationCtx, projectId: Id<"projects">, name: string) {
  await ctx.db.patch(projectId, { name });
}
`;

/** Handlers over convex/model/access.ts (MODEL): a delete through a helper is still a delete. */
export const VIA_HELPERS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { dropProject, loadNote, renameProject } from "./model/access";

export const readNote = query({
  args: { noteId: v.id("notes") },
  handler: async (ctx, { noteId }) => await loadNote(ctx, noteId),
});

export const renameProjectVia = mutation({
  args: { projectId: v.id("projects"), name: v.string() },
  handler: async (ctx, args) => {
    await renameProject(ctx, args.projectId, args.name);
  },
});

export const archiveProject = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await dropProject(ctx, projectId);
  },
});
`;
