import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./document-owner-not-checked.ts";

const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  notes: defineTable({ body: v.string(), userId: v.id("users") }).index("by_user", ["userId"]),
});
`;
const notes = (check: string) => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

export const remove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) throw new Error("Not signed in");
    const note = await ctx.db.get(args.id);
    ${check}
    await ctx.db.delete(args.id);
  },
});

export const get = query({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) return null;
    const note = await ctx.db.get(args.id);
    ${check}
    return note;
  },
});
`;
/** A family tree: `members` are people a user wrote down (createdBy), or (with `userId`) the users themselves. */
const familySchema = (memberLink: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  members: defineTable({ name: v.string(), fatherId: v.optional(v.id("members")), ${memberLink} }),
  events: defineTable({ title: v.string(), hostId: v.id("members") }),
});
`;
const familyEvents = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const rename = mutation({
  args: { id: v.id("events"), title: v.string() },
  handler: async (ctx, args) => {
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
    await ctx.db.patch(args.id, { title: args.title });
  },
});
`;
const app = viteClerk();
const withComments = schema.replace(
  "\n});",
  '\n  comments: defineTable({ body: v.string(), noteId: v.id("notes"), userId: v.id("users") })\n    .index("by_note", ["noteId"])\n    .index("by_user_note", ["userId", "noteId"]),\n});',
);
const comments = (body: string) => `import { v } from "convex/values";
import { query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

export const forNote = query({
  args: { noteId: v.id("notes") },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) throw new Error("Not signed in");
    ${body}
  },
});
`;
/** A feed of posts anyone signed in reads, with their comments (the schema is `withComments` on `posts`). */
const feed = `import { v } from "convex/values";
import { query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

export const get = query({
  args: { postId: v.id("posts") },
  handler: async (ctx, args) => {
    if ((await getAuthUserId(ctx)) === null) throw new Error("Not signed in");
    const post = await ctx.db.get(args.postId);
    if (post === null) throw new Error("Not found");
    const comments = await ctx.db.query("comments").withIndex("by_note", (q) => q.eq("noteId", args.postId)).collect();
    return { post, comments };
  },
});
`;
/** A public library of quoted people anyone may browse; signed-in users add quotes (and, near miss, rename people). */
const library = (isPublic: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  people: defineTable({ name: v.string(), createdBy: v.id("users")${isPublic} }),
  quotes: defineTable({ text: v.string(), personId: v.id("people"), createdBy: v.id("users") }),
});
`;
const LIBRARY = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

export const list = query({ args: {}, handler: async (ctx) => ctx.db.query("people").collect() });

export const addQuote = mutation({
  args: { personId: v.id("people"), text: v.string() },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) throw new Error("Not signed in");
    const person = await ctx.db.get(args.personId);
    if (person === null) throw new Error("Unknown person");
    await ctx.db.insert("quotes", { text: args.text, personId: args.personId, createdBy: userId });
  },
});
`;
/** A game whose characters are each a user's, and listed to everyone on purpose (DECLARE: how the list says so). */
const GAME_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  characters: defineTable({ name: v.string(), userId: v.id("users") }),
});
`;
const game = (
  declare: string,
  change = 'await ctx.db.insert("characters", { name: original.name, userId });',
) => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";

${declare}

export const clone = mutation({
  args: { characterId: v.id("characters") },
  handler: async (ctx, args) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) throw new Error("Not signed in");
    const original = await ctx.db.get(args.characterId);
    if (original === null) throw new Error("Unknown character");
    ${change}
  },
});
`;
const DECLARED = `// Public function for the mobile app - returns all characters without authentication
export const all = query({ args: {}, handler: async (ctx) => ctx.db.query("characters").collect() });`;
/** A platform admin's delete behind a helper that lets in only a claim's value (`platformRole`). */
const PLATFORM_ADMIN = `import { v } from "convex/values";
import { mutation, type MutationCtx } from "./_generated/server";

async function platformAdminOnly(ctx: MutationCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not signed in");
  const platformRole = identity.platformRole as string | undefined;
  if (platformRole === "platform_admin") return identity.subject;
  throw new Error("Platform admins only");
}

export const adminRemove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    await platformAdminOnly(ctx);
    await ctx.db.delete(args.id);
  },
});
`;
ruleTester(rule, {
  valid: [
    {
      name: "owner compared after the fetch",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes(`if (note === null || note.userId !== userId) throw new Error("Not found");`),
      }),
    },
    {
      name: "near miss: a helper given the document and the caller compares them",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes(`assertMine(note, userId);`).replace(
          "export const remove",
          "function assertMine(note: any, userId: string) { if (note?.userId !== userId) throw new Error(); }\nexport const remove",
        ),
      }),
    },
    {
      name: "rows of a note the client names, after comparing the note's owner",
      files: withFiles(app, {
        "convex/schema.ts": withComments,
        "convex/comments.ts": comments(
          `const note = await ctx.db.get(args.noteId);\n    if (note === null || note.userId !== userId) throw new Error("Not found");\n    return ctx.db.query("comments").withIndex("by_note", (q) => q.eq("noteId", args.noteId)).collect();`,
        ),
      }),
    },
    {
      name: "near miss: rows of a note the client names, keyed by the caller too",
      files: withFiles(app, {
        "convex/schema.ts": withComments,
        "convex/comments.ts": comments(
          `return ctx.db.query("comments").withIndex("by_user_note", (q) => q.eq("userId", userId).eq("noteId", args.noteId)).collect();`,
        ),
      }),
    },
    {
      name: "near miss: a moderator's action, after the caller's own users row is checked for its account type",
      files: withFiles(app, {
        "convex/schema.ts": schema.replace(
          "tokenIdentifier: v.string() })",
          "tokenIdentifier: v.string(), accountType: v.string() })",
        ),
        "convex/moderation.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const removeNote = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    const me = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    if (!me || me.accountType !== "SUPERUSER") throw new Error("Unauthorized");
    await ctx.db.delete(args.id);
  },
});
`,
      }),
    },
    {
      name: "near miss: an optional viewer (a helper that returns null when nobody is signed in) only marks their own reactions on a public thread",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/threads.ts": `import { v } from "convex/values";
import { query, type QueryCtx } from "./_generated/server";
async function optionalUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();
}
export const getThread = query({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const viewer = await optionalUser(ctx);
    const note = await ctx.db.get(args.id);
    if (note === null) return null;
    const reactions = await ctx.db.query("notes").withIndex("by_user", (q) => q.eq("userId", viewer?._id ?? ("" as never))).collect();
    return { ...note, reacted: reactions.length > 0 };
  },
});
`,
      }),
    },
    {
      name: "near miss: the caller's membership looked up by an id derived from the caller (extractUserId(user))",
      files: withFiles(app, {
        "convex/schema.ts": withComments.replace(
          "\n});",
          '\n  noteMembers: defineTable({ userId: v.string(), noteId: v.id("notes") }).index("by_user_note", ["userId", "noteId"]),\n});',
        ),
        "convex/comments.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
function extractUserId(identity: { subject: string }) {
  return identity.subject.split("|")[0]!;
}
export const forNote = query({
  args: { noteId: v.id("notes") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    const userId = extractUserId(identity);
    const membership = await ctx.db
      .query("noteMembers")
      .withIndex("by_user_note", (q) => q.eq("userId", userId).eq("noteId", args.noteId))
      .first();
    if (!membership) return [];
    return ctx.db.query("comments").withIndex("by_note", (q) => q.eq("noteId", args.noteId)).collect();
  },
});
`,
      }),
    },
    {
      name: "a signed-in feed: reading anyone's post by id, and its comments, is what a feed is for",
      files: withFiles(app, {
        "convex/schema.ts": withComments
          .replace("notes: defineTable", "posts: defineTable")
          .replaceAll('v.id("notes")', 'v.id("posts")'),
        "convex/posts.ts": feed,
      }),
    },
    {
      name: "a quote added to a person of a public library (what authors published, listed to anyone): only an insert",
      files: withFiles(app, { "convex/schema.ts": library(""), "convex/quotes.ts": LIBRARY }),
    },
    {
      name: "a copy of a character the app lists to everyone on purpose (a doc comment says so): reading it gives nothing away",
      files: withFiles(app, { "convex/schema.ts": GAME_SCHEMA, "convex/characters.ts": game(DECLARED) }),
    },
    {
      name: "the same, declared by the list's name (`listPublicCharacters`)",
      files: withFiles(app, {
        "convex/schema.ts": GAME_SCHEMA,
        "convex/characters.ts": game(
          'export const listPublicCharacters = query({ args: {}, handler: async (ctx) => ctx.db.query("characters").collect() });',
        ),
      }),
    },
    {
      name: "a platform admin's action: the token's platformRole claim lets them in, anyone else is refused",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": PLATFORM_ADMIN,
      }),
    },
    {
      name: "near miss: no auth in the app (no provider, no auth config, nothing asks who the caller is)",
      files: withFiles(viteBaseline(), {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes("")
          .replaceAll("const userId = await getAuthUserId(ctx);", "const userId = args.id;")
          .replaceAll(/if \(userId === null\) (?:throw new Error\("Not signed in"\)|return null);/g, ""),
      }),
    },
    {
      name: "near miss: an admin's action, the role read off the caller's row loaded by their id (`ctx.db.get(userId)`, `role?.includes(\"admin\")`)",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes(
          'const me = await ctx.db.get(userId);\n    if (!me?.role?.includes("admin")) throw new Error("Admins only");',
        ),
      }),
    },
    {
      name: "near miss: an admin's action, the caller's row found by a helper given ctx.db and the token's subject",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": `import { v } from "convex/values";
import { mutation, type DatabaseReader } from "./_generated/server";

async function userBySubject(db: DatabaseReader, subject: string) {
  return db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", subject)).first();
}

export const remove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    const user = await userBySubject(ctx.db, identity.subject);
    if (!user || (user.role !== "admin" && user.role !== "superadmin")) throw new Error("Admins only");
    await ctx.db.delete(args.id);
  },
});
`,
      }),
    },
    {
      name: "near miss: an id of a family member (a `members` table linked to users only by who created its rows) names no owner",
      files: withFiles(app, {
        "convex/schema.ts": familySchema('createdBy: v.optional(v.id("users"))'),
        "convex/events.ts": familyEvents,
      }),
    },
  ],
  invalid: [
    {
      name: "a helper given `{ ctx }` that pages through rows by calling itself checks nobody: the note is still anyone's to delete",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes("await clearAll({ ctx, noteId: args.id, cursor: null });").replace(
          'import { getAuthUserId } from "@convex-dev/auth/server";',
          `import { getAuthUserId } from "@convex-dev/auth/server";
import type { MutationCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";

async function clearAll({ ctx, noteId, cursor }: { ctx: MutationCtx; noteId: Id<"notes">; cursor: string | null }) {
  const page = await ctx.db.query("notes").paginate({ cursor, numItems: 10 });
  for (const row of page.page) if (row._id !== noteId) await ctx.db.delete(row._id);
  if (!page.isDone) await clearAll({ ctx, noteId, cursor: page.continueCursor });
}`,
        ),
      }),
      errors: [
        { messageId: "unchecked", line: 20, severity: "error", message: "deletes a `notes`" },
        { messageId: "unchecked", line: 29, severity: "warning", message: "reads a `notes`" },
      ],
    },
    {
      name: "an id of a member who is a user (`members.userId`) names the event's owner",
      files: withFiles(app, {
        "convex/schema.ts": familySchema('userId: v.id("users")'),
        "convex/events.ts": familyEvents,
      }),
      errors: [{ messageId: "unchecked", line: 8, severity: "error", message: "changes a `events`" }],
    },
    {
      name: "a role within an organization on the caller's row (`member`) is no right over another user's note",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": notes(
          'const me = await ctx.db.get(userId);\n    if (me?.role !== "member") throw new Error("Members only");',
        ),
      }),
      errors: [
        { messageId: "unchecked", line: 13, severity: "error", message: "deletes a `notes`" },
        { messageId: "unchecked", line: 22, severity: "warning", message: "reads a `notes`" },
      ],
    },
    {
      name: "near miss of the feed: deleting anyone's post by id is still a hole",
      files: withFiles(app, {
        "convex/schema.ts": withComments
          .replace("notes: defineTable", "posts: defineTable")
          .replaceAll('v.id("notes")', 'v.id("posts")'),
        "convex/posts.ts": feed.replace(
          "await ctx.db.get(args.postId);\n    if (post === null)",
          "await ctx.db.get(args.postId);\n    await ctx.db.delete(args.postId);\n    if (post === null)",
        ),
      }),
      errors: [{ messageId: "unchecked", line: 10, severity: "error", message: "deletes a `posts`" }],
    },
    {
      name: "near miss of the library: some people are private (isPublic), so the open list may be the hole",
      files: withFiles(app, { "convex/schema.ts": library(", isPublic: v.boolean()"), "convex/quotes.ts": LIBRARY }),
      errors: [{ messageId: "unchecked", line: 12, severity: "warning", message: "reads a `people`" }],
    },
    {
      name: "near miss of the library: renaming a person is a change, however public the library",
      files: withFiles(app, {
        "convex/schema.ts": library(""),
        "convex/quotes.ts": LIBRARY.replace(
          'await ctx.db.insert("quotes", { text: args.text, personId: args.personId, createdBy: userId });',
          "await ctx.db.patch(args.personId, { name: args.text });",
        ),
      }),
      errors: [{ messageId: "unchecked", line: 14, severity: "error", message: "changes a `people`" }],
    },
    {
      name: "near miss of the declared list: a featured list is a selection, not the table",
      files: withFiles(app, {
        "convex/schema.ts": GAME_SCHEMA,
        "convex/characters.ts": game(
          'export const listFeatured = query({ args: {}, handler: async (ctx) => ctx.db.query("characters").collect() });',
        ),
      }),
      errors: [{ messageId: "unchecked", line: 12, severity: "warning", message: "reads a `characters`" }],
    },
    {
      name: "near miss of the declared list: renaming anyone's character is a change, however public the list",
      files: withFiles(app, {
        "convex/schema.ts": GAME_SCHEMA,
        "convex/characters.ts": game(DECLARED, 'await ctx.db.patch(args.characterId, { name: "mine" });'),
      }),
      errors: [{ messageId: "unchecked", line: 15, severity: "error", message: "changes a `characters`" }],
    },
    {
      name: "near miss of the platform admin: the claim compared is the client's platform, no privilege",
      files: withFiles(app, {
        "convex/schema.ts": schema,
        "convex/notes.ts": PLATFORM_ADMIN.replaceAll("platformRole", "platformName").replace(
          '"platform_admin"',
          '"web"',
        ),
      }),
      errors: [{ messageId: "unchecked", line: 16, severity: "error", message: "deletes a `notes`" }],
    },
    {
      name: "signed in is checked, the owner is not",
      files: withFiles(app, { "convex/schema.ts": schema, "convex/notes.ts": notes("") }),
      errors: [
        { messageId: "unchecked", file: "convex/notes.ts", line: 12, severity: "error", message: "deletes a `notes`" },
        { messageId: "unchecked", file: "convex/notes.ts", line: 21, severity: "warning", message: "reads a `notes`" },
      ],
    },
    {
      name: "rows of a note the client names, read with no look at the note's owner",
      files: withFiles(app, {
        "convex/schema.ts": withComments,
        "convex/comments.ts": comments(
          `return ctx.db.query("comments").withIndex("by_note", (q) => q.eq("noteId", args.noteId)).collect();`,
        ),
      }),
      errors: [
        {
          messageId: "child",
          file: "convex/comments.ts",
          line: 10,
          severity: "warning",
          message:
            "reads `comments` rows of the `notes` document the client names in `noteId` without comparing its `userId`",
        },
      ],
    },
  ],
});
