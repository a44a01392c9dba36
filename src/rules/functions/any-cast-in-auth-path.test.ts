import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./any-cast-in-auth-path.ts";

const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  notes: defineTable({ body: v.string(), ownerId: v.string(), meta: v.optional(v.any()) }),
});
`;
/** A public mutation whose body is `body`, plus module-level helpers. */
const notes = (body: string, helpers = "", builder = "mutation") => `import { v } from "convex/values";
import { internalMutation, mutation } from "./_generated/server";
${helpers}
export const edit = ${builder}({
  args: { id: v.id("notes"), body: v.string(), payload: v.any() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    ${body}
  },
});
`;
/** An internal mutation casting the id it is given, run by a public action that passes VALUE. */
const relabel = (value: string) => `import { v } from "convex/values";
import { action, internalMutation, internalQuery } from "./_generated/server";
import { internal } from "./_generated/api";

export const relabelInternal = internalMutation({
  args: { noteId: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.patch(args.noteId as any, { body: "moved" });
  },
});

export const mine = internalQuery({ args: {}, handler: async (ctx) => ctx.db.query("notes").collect() });

export const relabelAll = action({
  args: { noteId: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    for (const note of await ctx.runQuery(internal.notes.mine, {})) {
      await ctx.runMutation(internal.notes.relabelInternal, { noteId: ${value} });
    }
  },
});
`;
const app = viteClerk();
const files = (body: string, helpers?: string, builder?: string) =>
  withFiles(app, { "convex/schema.ts": schema, "convex/notes.ts": notes(body, helpers, builder) });

ruleTester(rule, {
  valid: [
    {
      name: "typed ids and documents",
      files: files(`const note = await ctx.db.get(args.id);
    if (note === null || note.ownerId !== identity.subject) throw new Error("Not found");
    await ctx.db.patch(args.id, { body: args.body });`),
    },
    {
      name: "near miss: as any on a payload, a field value and a document's plain field, not on ctx, ids or documents",
      files: files(`const note = await ctx.db.get(args.id);
    if (note === null || note.ownerId !== identity.subject) throw new Error("Not found");
    const kind = note.meta as any;
    await ctx.db.patch(args.id, { meta: args.payload as any, body: (args.body as any).trim(), kind });`),
    },
    {
      name: "near miss: a file's storage id argument cast to any (a system table's id, no one's row)",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/files.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const attach = mutation({
  args: { noteId: v.id("notes"), storageId: v.id("_storage") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    await ctx.db.insert("notes", { body: "", ownerId: identity.subject, meta: { file: args.storageId as any } });
  },
});
`,
      }),
    },
    {
      name: "near miss: an internal function casting ctx is no public path",
      files: files(
        `await audit(ctx as any);
    await ctx.db.patch(args.id, { body: args.body });`,
        "",
        "internalMutation",
      ),
    },
    {
      name: "near miss: the identity cast after its null check (custom claims), and an id field of the function's own rows",
      files: files(`const org = (identity as any).org_id ?? (identity as any)["o.id"];
    const rows = await ctx.db.query("notes").collect();
    const byOwner = new Map(rows.map((row) => [row.ownerId, row]));
    for (const entry of [...byOwner.values()]) await ctx.db.get(entry._id as any);
    return org;`),
    },
    {
      name: "near miss: inside \`identity ? … : null\`, and an identity a checking helper hands over",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/me.ts": `import { query } from "./_generated/server";
async function requireIdentity(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not signed in");
  return identity;
}
export const claims = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return identity ? { org: (identity as any).org_id, role: (identity as any).org_role } : null;
  },
});
export const org = query({
  args: {},
  handler: async (ctx) => {
    const identity = await requireIdentity(ctx);
    return (identity as any).org_id as string;
  },
});
`,
      }),
    },
    {
      name: "near miss: a document read field by field over a list of names or a plain field through the cast, a storage id handed to ctx.storage, a field of the caller's own row",
      files: withFiles(app, {
        "convex/schema.ts": schema.replace(
          "meta: v.optional(v.any()) }),",
          'meta: v.optional(v.any()), fileId: v.optional(v.string()) }),\n  profiles: defineTable({ tokenIdentifier: v.string(), avatarId: v.optional(v.string()) }).index("by_token", ["tokenIdentifier"]),',
        ),
        "convex/notes.ts": notes(`const note = await ctx.db.get(args.id);
    if (note === null || note.ownerId !== identity.subject) throw new Error("Not found");
    const changed = ["body", "meta"].filter((field) => (note as any)[field] !== args.payload[field]);
    if (note.fileId) await ctx.storage.delete(note.fileId as any);
    const profile = await ctx.db.query("profiles").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();
    if (profile?.avatarId) await ctx.storage.delete(profile.avatarId as any);
    const avatar = profile?.avatarId as any;
    const kind = (note as any).meta;
    return { changed, avatar, kind };`),
      }),
    },
    {
      name: "near miss: an id argument cast under its own name (`{ id: args.id as any }`): the same table either way",
      files: files(
        `await log(ctx, { id: args.id as any, body: args.body });`,
        `async function log(ctx: any, entry: { id: string; body: string }) {
  await ctx.runMutation("logs:insert" as any, entry);
}`,
      ),
    },
    {
      name: "near miss: a helper whose first parameter is the identity, not ctx, reads a custom claim through a cast",
      files: files(
        `const role = roleOf(identity);
    if (role !== "admin") throw new Error("Admins only");
    await ctx.db.patch(args.id, { body: args.body });`,
        `function roleOf(identity: any): string {
  return (identity && (identity as any).role) ?? "user";
}`,
      ),
    },
    {
      name: "near miss: a helper whose first parameter is typed as something else (`card: { meta?: unknown }`) casts it, not ctx",
      files: files(
        `const note = await ctx.db.get(args.id);
    if (note === null || note.ownerId !== identity.subject) throw new Error("Not found");
    await ctx.db.patch(args.id, { body: String(effectOf(note)) });`,
        `function effectOf(card: { meta?: unknown }): unknown {
  return parse(card as any);
}
declare function parse(value: unknown): unknown;`,
      ),
    },
    {
      name: "near miss: an internal mutation casts the id its caller took from a row it read, not from the client",
      files: withFiles(app, { "convex/schema.ts": schema, "convex/notes.ts": relabel("note._id") }),
    },
    {
      name: "near miss: no auth in the app (no provider, no auth config, nothing asks who the caller is)",
      files: withFiles(viteBaseline(), {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes(`await ctx.db.patch(args.id as any, { body: args.body });`).replace(
          'if (identity === null) throw new Error("Not signed in");',
          "",
        ),
      }),
    },
    {
      name: "near miss: an owner field the schema declares, read through a document's cast (needless, but read right)",
      files: files(`const note = await ctx.db.get(args.id);
    if ((note as any).ownerId !== identity.subject) throw new Error("Not yours");`),
    },
  ],
  invalid: [
    {
      name: "an owner field the schema doesn't declare, read through a document's cast (reads undefined)",
      files: files(`const note = await ctx.db.get(args.id);
    if ((note as any).userId !== identity.subject) throw new Error("Not yours");`),
      errors: [{ messageId: "cast", line: 10, message: "casts a document read from ctx.db to any" }],
    },
    {
      name: "ctx, an id handed to ctx.db, a document loaded by the client's id: one finding for the function, the id first, naming the other lines",
      files: files(`await ctx.db.patch(args.id as any, { body: args.body });
    const note = (await ctx.db.get(args.id)) as any;
    await log(ctx as any, note, note.ownerId as any);`),
      errors: [
        {
          messageId: "cast",
          line: 9,
          severity: "warning",
          message:
            "casts the id handed to ctx.db to any: the type checker no longer sees which table the id belongs to (another table's id is accepted). 3 more casts to any in it (lines 10, 11).",
        },
      ],
    },
    {
      name: "the identity cast before any null check: one finding for the function, naming the other lines",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/org.ts": `import { query } from "./_generated/server";
export const orgOf = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    const org = (identity as any).org_id || (identity as any)["o.id"];
    const role = (identity as any).org_role;
    return { org, role };
  },
});
`,
      }),
      errors: [
        {
          messageId: "cast",
          file: "convex/org.ts",
          line: 6,
          message:
            "casts the caller's identity to any: the type checker no longer sees that the identity may be null. 2 more casts to any in it (lines 6, 7).",
        },
      ],
    },
    {
      name: "an id argument cast under another id's name (`{ debateId: args.id as any }`): another table's id gets through",
      files: files(
        `await ctx.db.insert("notes", { body: args.body, ownerId: identity.subject, meta: { debateId: args.id as any } });`,
      ),
      errors: [{ messageId: "cast", line: 9, message: "casts an id argument to any" }],
    },
    {
      name: "a helper the public function runs casts the id it is given",
      files: files(
        `await rename(ctx, args.id, args.body);`,
        `async function rename(ctx: any, noteId: string, body: string) {
  const note = await ctx.db.get(<any>noteId);
  if (note === null) throw new Error("Not found");
  await ctx.db.patch(note._id, { body });
}`,
      ),
      errors: [{ messageId: "cast", line: 4, message: "`<any>noteId` in `rename`" }],
    },
    {
      name: "an internal mutation casts the id a public action passes from the client's arguments",
      files: withFiles(app, { "convex/schema.ts": schema, "convex/notes.ts": relabel("args.noteId") }),
      errors: [
        { messageId: "cast", file: "convex/notes.ts", line: 8, message: "`args.noteId as any` in `relabelInternal`" },
      ],
    },
    {
      name: "a helper whose first parameter is typed as a ctx (`c: MutationCtx`) casts it",
      files: files(
        `await touch(ctx, args.id);`,
        `import type { MutationCtx } from "./_generated/server";
declare function record(ctx: MutationCtx): Promise<void>;
async function touch(c: MutationCtx, noteId: string) {
  await record(c as any);
}`,
      ),
      errors: [{ messageId: "cast", line: 6, message: "`c as any` in `touch` casts ctx to any" }],
    },
  ],
});
