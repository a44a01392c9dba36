import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { MESSAGES_TS, USERS_SCHEMA, USERS_TS } from "../../../test/helpers/backend.ts";
import { viteBaseline, viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./missing-identity-check.ts";

const app = viteClerk();
/** The app with its schema and one functions module in place of the template's. */
const withModule = (schema: string, path: string, source: string) =>
  withFiles(app, { "convex/schema.ts": schema, "convex/myFunctions.ts": undefined, [path]: source });
/** The template's numbers beside a table of per-user notes. */
const OWNED_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  numbers: defineTable({ value: v.number() }),
  notes: defineTable({ ownerId: v.string(), body: v.string() }),
  tips: defineTable({ text: v.string() }),
});
`;
/** A helper that takes its ctx in an object (CHECK: what it does with the identity). */
const OBJECT_CTX = `import { v } from "convex/values";
import { mutation, type MutationCtx } from "./_generated/server";

async function signedInSubject({ ctx }: { ctx: MutationCtx }) {
  const identity = await ctx.auth.getUserIdentity();
  CHECK
  return identity?.subject ?? "";
}

export const add = mutation({
  args: { body: v.string() },
  handler: async (ctx, args) => {
    const ownerId = await signedInSubject({ ctx });
    await ctx.db.insert("notes", { ownerId, body: args.body });
  },
});
`;
/** A session's host check in a helper that loads the session through another helper (LOAD: how). */
const HOSTED_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  sessions: defineTable({ hostId: v.id("users"), running: v.boolean() }),
});
`;
const HOSTED_UTILS = `import type { QueryCtx } from "./_generated/server";
export async function getDocumentOrThrow(ctx: QueryCtx, table: string, id: any) {
  const document = await ctx.db.get(id);
  if (!document) throw new Error(table + " not found");
  return document;
}
`;
const HOSTED = `import { v } from "convex/values";
import { mutation, type MutationCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import { authComponent } from "./auth";
import { getDocumentOrThrow } from "./utils";

export async function getSession(ctx: MutationCtx, sessionId: Id<"sessions">) {
  const session = await getDocumentOrThrow(ctx, "sessions", sessionId);
  const meta = await authComponent.safeGetAuthUser(ctx);
  if (!meta) return null;
  const user = await ctx.db.get(meta.userId as Id<"users">);
  if (!user) throw new Error("User not found");
  CHECK
  return session;
}

export const stop = mutation({
  args: { sessionId: v.id("sessions") },
  handler: async (ctx, args) => {
    const session = await getSession(ctx, args.sessionId);
    if (!session) return null;
    await ctx.db.patch(args.sessionId, { running: false });
  },
});
`;
const THREADS = `import { v } from "convex/values";
import { mutation, query, type QueryCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";

async function requireThreadAccess(ctx: QueryCtx, threadId: Id<"threads">) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw new Error("Not authenticated");
  const thread = await ctx.db.get(threadId);
  if (thread === null || thread.owner !== identity.tokenIdentifier) throw new Error("Forbidden");
  return thread;
}

export const rename = mutation({
  args: { threadId: v.id("threads"), title: v.string() },
  handler: async (ctx, { threadId, title }) => {
    const thread = await ctx.db.get(threadId);
    if (thread === null) throw new Error("Not found");
    await requireThreadAccess(ctx, threadId);
    await ctx.db.patch(threadId, { title });
  },
});

export const purge = mutation({
  args: { threadId: v.id("threads") },
  handler: async (ctx, { threadId }) => {
    await ctx.db.delete(threadId);
    await requireThreadAccess(ctx, threadId);
  },
});

export const peek = query({
  args: { threadId: v.id("threads") },
  handler: async (ctx, { threadId }) => {
    const thread = await ctx.db.get(threadId);
    const viewer = (await ctx.auth.getUserIdentity())?.name ?? null;
    return { thread, viewer };
  },
});
`;

/** Per-user notes beside catalogue tables (categories, a rate-limit log) and a public flag. */
const CATALOGUE_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ email: v.string() }),
  notes: defineTable({ ownerId: v.id("users"), body: v.string(), isPublic: v.boolean(), shareId: v.string() }),
  attachments: defineTable({ noteId: v.id("notes"), storageId: v.id("_storage") }),
  categories: defineTable({ name: v.string() }),
  subcategories: defineTable({ categoryId: v.id("categories"), name: v.string() }),
});
`;
const PUBLIC_READS = `import { v } from "convex/values";
import { query, type QueryCtx } from "./_generated/server";

async function subcategoriesOf(ctx: QueryCtx, categoryId: string) {
  return ctx.db.query("subcategories").filter((q) => q.eq(q.field("categoryId"), categoryId)).collect();
}

export const categories = query({ args: {}, handler: async (ctx) => ctx.db.query("categories").collect() });

export const category = query({
  args: { id: v.id("categories") },
  handler: async (ctx, args) => ({ category: await ctx.db.get(args.id), subs: await subcategoriesOf(ctx, args.id) }),
});

export const publicNotes = query({
  args: {},
  handler: async (ctx) => ctx.db.query("notes").filter((q) => q.eq(q.field("isPublic"), true)).collect(),
});

export const shared = query({
  args: { shareId: v.string() },
  handler: async (ctx, args) => ctx.db.query("notes").filter((q) => q.eq(q.field("shareId"), args.shareId)).first(),
});

export const getTrendingNotes = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").take(10) });

export const hasNotes = query({ args: {}, handler: async (ctx) => (await ctx.db.query("notes").first()) !== null });

export const countNotes = query({ args: {}, handler: async (ctx) => (await ctx.db.query("notes").collect()).length });

export const getTotalPages = query({ args: {}, handler: async (ctx) => Math.ceil((await ctx.db.query("notes").collect()).length / 10) });

export const getNoteStats = query({
  args: {},
  handler: async (ctx) => ({ notes: (await ctx.db.query("notes").collect()).length }),
});

export const fileUrl = query({
  args: { storageId: v.id("_storage") },
  handler: async (ctx, args) => ctx.storage.getUrl(args.storageId),
});
`;
const NOT_PUBLIC_READS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const attachments = query({
  args: { noteId: v.id("notes") },
  handler: async (ctx, args) =>
    ctx.db.query("attachments").filter((q) => q.eq(q.field("noteId"), args.noteId)).collect(),
});

export const byFlag = query({
  args: { isPublic: v.boolean() },
  handler: async (ctx, args) => ctx.db.query("notes").filter((q) => q.eq(q.field("isPublic"), args.isPublic)).collect(),
});

export const uploadUrl = mutation({ args: {}, handler: async (ctx) => ctx.storage.generateUploadUrl() });

export const makePublic = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => ctx.db.patch(args.id, { isPublic: true }),
});

export const getCountryNotes = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").take(10) });

export const people = query({ args: {}, handler: async (ctx) => ctx.db.query("users").take(10) });

export const unnamedGet = query({
  args: {},
  handler: async (ctx) => {
    const first = await ctx.db.query("categories").first();
    return first && ctx.db.get(first._id);
  },
});
`;

/** Upkeep a cron could run: no arguments, nothing added, deletes only by age. */
const UPKEEP = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const deleteExpiredNotes = mutation({
  handler: async (ctx) => {
    const cutoff = Date.now() - 7 * 24 * 60 * 60 * 1000;
    const old = await ctx.db.query("notes").filter((q) => q.lt(q.field("_creationTime"), cutoff)).collect();
    for (const note of old) await ctx.db.delete(note._id);
  },
});

export const cleanup = mutation({
  args: {},
  handler: async (ctx) => {
    const now = new Date();
    for (const note of await ctx.db.query("notes").collect()) {
      if (note.expiresAt < now.getTime()) await ctx.db.delete(note._id);
    }
  },
});

export const migrateNotes = mutation({
  args: {},
  handler: async (ctx) => {
    for (const note of await ctx.db.query("notes").collect()) await ctx.db.patch(note._id, { body: note.body.trim() });
  },
});

// Aimed by an id and bounded by a number, writing only what it derives from what it reads.
export const rebuildNote = mutation({
  args: { id: v.id("notes"), limit: v.optional(v.number()) },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (note) await ctx.db.patch(note._id, { body: note.body.slice(0, args.limit ?? 100).trim() });
  },
});
`;
/** Named as upkeep but more than a cron would do: a wipe, an insert, an aimed change, a query. */
const NOT_UPKEEP = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const cleanNotes = mutation({
  args: {},
  handler: async (ctx) => {
    for (const note of await ctx.db.query("notes").collect()) await ctx.db.delete(note._id);
  },
});

export const initializeNotes = mutation({
  args: {},
  handler: async (ctx) => {
    if ((await ctx.db.query("notes").first()) === null) await ctx.db.insert("notes", { ownerId: "demo", body: "hi" });
  },
});

export const cleanupNote = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, { id }) => {
    if ((await ctx.db.get(id))?.body === "") await ctx.db.delete(id);
  },
});

// A state the caller sets on a document they pick: not a recompute.
export const expireNote = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, { id }) => ctx.db.patch(id, { body: "" }),
});

export const getExpiredNotes = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("notes").collect()).filter((note) => note.expiresAt < Date.now()),
});
`;

const PER_USER_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  conversations: defineTable({ members: v.array(v.id("users")), shareId: v.string() }).index("by_share", ["shareId"]),
  messages: defineTable({ body: v.string(), author: v.id("users"), conversationId: v.id("conversations") })
    .index("by_author", ["author"])
    .index("by_conversation", ["conversationId"]),
  notes: defineTable({ text: v.string(), author: v.id("users") }).index("by_author", ["author"]),
  payments: defineTable({ userId: v.id("users"), amount: v.number() }),
  settings: defineTable({ key: v.string(), value: v.string() }).index("by_key", ["key"]),
  invites: defineTable({ token: v.string(), conversationId: v.id("conversations"), email: v.string() }).index("by_token", ["token"]),
});
`;
const PER_USER_READS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const forAuthor = query({
  args: { author: v.id("users") },
  handler: async (ctx, args) => ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", args.author)).collect(),
});

export const notesBy = query({
  args: { author: v.id("users") },
  handler: async (ctx, { author }) => ctx.db.query("notes").withIndex("by_author", (q) => q.eq("author", author)).collect(),
});

export const inConversation = query({
  args: { conversationId: v.id("conversations") },
  handler: async (ctx, args) => { const id = args.conversationId; return ctx.db.query("messages").withIndex("by_conversation", (q) => q.eq("conversationId", id)).collect(); },
});

export const payment = query({
  args: { id: v.id("payments") },
  handler: async (ctx, { id: paymentId }) => ctx.db.get(paymentId),
});

export const shared = query({
  args: { shareId: v.string() },
  handler: async (ctx, args) => {
    const conversation = await ctx.db.query("conversations").withIndex("by_share", (q) => q.eq("shareId", args.shareId)).unique();
    if (conversation === null) return null;
    return ctx.db.query("messages").withIndex("by_conversation", (q) => q.eq("conversationId", conversation._id)).collect();
  },
});

export const remove = mutation({
  args: { id: v.id("messages") },
  handler: async (ctx, args) => ctx.db.delete(args.id),
});

export const latest = query({
  args: {},
  handler: async (ctx) => ctx.db.query("messages").order("desc").take(20),
});

// A yes/no answer: no records handed out.
export const hasPayment = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) =>
    (await ctx.db.query("payments").filter((q) => q.eq(q.field("userId"), args.userId)).first()) !== null,
});

// An invitation found by the token its holder was sent.
export const invite = query({
  args: { token: v.string() },
  handler: async (ctx, args) => {
    // The whole invitation, the invitee's own email included: its holder was sent the token.
    return await ctx.db.query("invites").withIndex("by_token", (q) => q.eq("token", args.token)).unique();
  },
});

// Site-wide settings by a key: nobody's records.
export const setting = query({
  args: { key: v.string() },
  handler: async (ctx, args) => ctx.db.query("settings").withIndex("by_key", (q) => q.eq("key", args.key)).unique(),
});
`;

const PUBLISHED_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), username: v.string() }).index("by_username", ["username"]),
  messages: defineTable({ body: v.string(), userId: v.id("users") }),
  posts: defineTable({ title: v.string(), author: v.id("users") }).index("by_author", ["author"]),
  presence: defineTable({ userId: v.id("users"), lastSeen: v.number() }).index("by_user", ["userId"]),
  scores: defineTable({ userId: v.id("users"), points: v.number() }).index("by_user", ["userId"]),
  grades: defineTable({ userId: v.id("users"), points: v.number() }).index("by_user", ["userId"]),
  workspaces: defineTable({ name: v.string() }),
  tasks: defineTable({ title: v.string(), workspaceId: v.id("workspaces") }),
  comments: defineTable({ body: v.string(), author: v.id("users"), taskId: v.id("tasks") }).index("by_task", ["taskId"]),
  threads: defineTable({ title: v.string() }),
  replies: defineTable({ body: v.string(), userId: v.id("users"), threadId: v.id("threads") }),
  chatMessages: defineTable({ body: v.string(), userId: v.id("users"), threadId: v.id("threads") }),
});
`;
const PUBLISHED_READS = `import { v } from "convex/values";
import { query } from "./_generated/server";

// One room everyone is in: the Convex demos' chat.
export const list = query({
  args: {},
  handler: async (ctx) => {
    const messages = await ctx.db.query("messages").order("desc").take(100);
    return Promise.all(messages.map(async (m) => ({ ...m, author: (await ctx.db.get("users", m.userId))?.name })));
  },
});

export const postsBy = query({
  args: { author: v.id("users") },
  handler: async (ctx, { author }) => ctx.db.query("posts").withIndex("by_author", (q) => q.eq("author", author)).collect(),
});

export const whoIsHere = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => ctx.db.query("presence").withIndex("by_user", (q) => q.eq("userId", args.userId)).unique(),
});

export const byUsername = query({
  args: { username: v.string() },
  handler: async (ctx, args) => ctx.db.query("users").withIndex("by_username", (q) => q.eq("username", args.username)).unique(),
});

export const getUserStats = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => (await ctx.db.query("scores").withIndex("by_user", (q) => q.eq("userId", args.userId)).collect()).length,
});
`;

/** A catalogue owned by its organisers and artists, beside people's own rows. */
const CATALOGUE_KIND_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }),
  events: defineTable({ title: v.string(), organizerId: v.id("users") }),
  artists: defineTable({ name: v.string(), ownerId: v.id("users") }),
  tracks: defineTable({ title: v.string(), artistId: v.id("artists") }),
  courseCategories: defineTable({ name: v.string(), ownerId: v.id("users") }),
  savedEvents: defineTable({ userId: v.id("users"), eventId: v.id("events") }),
  attendees: defineTable({ eventId: v.id("events"), phoneNumber: v.string(), name: v.string() }),
  posts: defineTable({ title: v.string(), author: v.id("users") }),
  comments: defineTable({ body: v.string(), author: v.id("users"), post: v.id("posts") }),
  ticketTypes: defineTable({ eventId: v.id("events"), name: v.string(), price: v.number() }),
  courses: defineTable({ title: v.string(), instructorId: v.id("users") }),
  modules: defineTable({ courseId: v.id("courses"), title: v.string() }),
  lessons: defineTable({ moduleId: v.id("modules"), body: v.string() }),
  quizzes: defineTable({ title: v.string(), ownerId: v.id("users") }),
  quizQuestions: defineTable({ quizId: v.id("quizzes"), text: v.string(), correctAnswer: v.string() }),
  clinics: defineTable({ name: v.string(), phone: v.string(), ownerId: v.id("users") }),
  clinicHours: defineTable({ clinicId: v.id("clinics"), opens: v.string() }),
  savedClinics: defineTable({ userId: v.id("users"), clinicId: v.id("clinics") }),
});
`;
const CATALOGUE_KIND_READS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const upcoming = query({ args: {}, handler: async (ctx) => ctx.db.query("events").take(20) });

export const categories = query({ args: {}, handler: async (ctx) => ctx.db.query("courseCategories").collect() });

// Parts of a catalogue's rows: an event's ticket types, a course's modules.
export const ticketTypes = query({ args: {}, handler: async (ctx) => ctx.db.query("ticketTypes").collect() });
export const modules = query({ args: {}, handler: async (ctx) => ctx.db.query("modules").collect() });

// The artist is loaded through the track's id field: the schema says it is an artists id.
export const track = query({
  args: { id: v.id("tracks") },
  handler: async (ctx, args) => {
    const track = await ctx.db.get(args.id);
    if (!track) return null;
    const artist = await ctx.db.get(track.artistId);
    return { title: track.title, artist: artist?.name };
  },
});

// A directory of businesses (its phone is the clinic's published contact) and its rows' parts.
export const clinics = query({ args: {}, handler: async (ctx) => ctx.db.query("clinics").collect() });
export const hours = query({ args: {}, handler: async (ctx) => ctx.db.query("clinicHours").collect() });
`;
/** Rows their authors made for others (campaigns by their creator), an admin's drafts, and people's own notes. */
const AUTHORED_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }),
  campaigns: defineTable({ title: v.string(), budget: v.number(), creatorUserId: v.id("users") }),
  newsletterDrafts: defineTable({ subject: v.string(), createdBy: v.id("users") }),
  notes: defineTable({ body: v.string(), userId: v.id("users") }),
  patterns: defineTable({ name: v.string(), createdBy: v.id("users"), isPublic: v.boolean() }),
});
`;
/** Two open doors to the campaigns (so they are served to everyone), one each to a draft and a note. */
const AUTHORED_READS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const allCampaigns = query({ args: {}, handler: async (ctx) => ctx.db.query("campaigns").collect() });

export const campaign = query({
  args: { id: v.id("campaigns") },
  handler: async (ctx, args) => {
    const campaign = await ctx.db.get(args.id);
    if (!campaign) return null;
    const creator = await ctx.db.get(campaign.creatorUserId);
    return { title: campaign.title, creator: creator?.name };
  },
});

export const draft = query({ args: { id: v.id("newsletterDrafts") }, handler: async (ctx, args) => ctx.db.get(args.id) });

export const myDrafts = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    return ctx.db.query("newsletterDrafts").collect();
  },
});

export const note = query({ args: { id: v.id("notes") }, handler: async (ctx, args) => ctx.db.get(args.id) });
export const allNotes = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").collect() });

export const pattern = query({ args: { id: v.id("patterns") }, handler: async (ctx, args) => ctx.db.get(args.id) });
export const allPatterns = query({ args: {}, handler: async (ctx) => ctx.db.query("patterns").collect() });
`;
const NOT_CATALOGUE_READS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const saved = query({ args: {}, handler: async (ctx) => ctx.db.query("savedEvents").take(20) });

// A course's content two levels down, and a quiz's answer key.
export const lessons = query({ args: {}, handler: async (ctx) => ctx.db.query("lessons").collect() });
export const questions = query({ args: {}, handler: async (ctx) => ctx.db.query("quizQuestions").collect() });

// A person found by the phone number the client gives, then their event.
export const eventForPhone = query({
  args: { phoneNumber: v.string() },
  handler: async (ctx, args) => {
    const attendee = await ctx.db.query("attendees").filter((q) => q.eq(q.field("phoneNumber"), args.phoneNumber)).first();
    if (!attendee) return null;
    const event = await ctx.db.get(attendee.eventId);
    return { event: event?.title, name: attendee.name };
  },
});

// The author comes back whole from a destructured Promise.all.
export const comment = query({
  args: { id: v.id("comments") },
  handler: async (ctx, args) => {
    const comment = await ctx.db.get(args.id);
    if (!comment) return null;
    const [author, post] = await Promise.all([ctx.db.get(comment.author), ctx.db.get(comment.post)]);
    return { ...comment, author, post };
  },
});

export const savedClinics = query({ args: {}, handler: async (ctx) => ctx.db.query("savedClinics").take(20) });
`;

/** A work queue for CI runners that hold a shared secret (EXPECTED: where the helper gets it). */
const QUEUE = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

function assertQueueSecret(secret: string) {
  const expected = EXPECTED;
  if (!expected) throw new Error("Queue disabled");
  if (secret !== expected) throw new Error("Unauthorized");
}

export const claim = mutation({
  args: { secret: v.string(), id: v.id("notes") },
  handler: async (ctx, args) => {
    assertQueueSecret(args.secret);
    await ctx.db.patch(args.id, { body: "claimed" });
  },
});
`;

/** Engagement counters bumped by anonymous visitors, and near misses that set or grant instead. */
const COUNTERS = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const incrementViews = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (note) await ctx.db.patch(args.id, { viewCount: (note.viewCount ?? 0) + 1, lastViewedAt: Date.now() });
  },
});

export const registerVisit = mutation({
  args: { noteId: v.id("notes") },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("visits").withIndex("by_note", (q) => q.eq("noteId", args.noteId)).first();
    if (row) await ctx.db.patch(row._id, { count: row.count + 1 });
    else await ctx.db.insert("visits", { noteId: args.noteId, count: 1 });
  },
});

export const touchSync = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => ctx.db.patch(args.id, { lastSyncAt: Date.now(), updatedAt: Date.now() }),
});

export const countView = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (!note) throw new Error("Not found");
    const views = (note.views ?? 0) + 1;
    await ctx.db.patch(args.id, { views });
    return { views };
  },
});

export const leaveAsSpectator = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (!note) return;
    const current = note.spectatorCount || 0;
    await ctx.db.patch(args.id, { spectatorCount: Math.max(0, current - 1) });
  },
});
`;
const NOT_COUNTERS = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const setViews = mutation({
  args: { id: v.id("notes"), views: v.number() },
  handler: async (ctx, args) => ctx.db.patch(args.id, { viewCount: args.views }),
});

export const addCredit = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (note) await ctx.db.patch(args.id, { credits: note.credits + 1 });
  },
});

export const markUsed = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => ctx.db.patch(args.id, { usedAt: Date.now() }),
});

export const viewNotification = mutation({
  args: { id: v.id("notifications") },
  handler: async (ctx, args) => {
    const notification = await ctx.db.get(args.id);
    if (notification) await ctx.db.patch(args.id, { viewCount: notification.viewCount + 1 });
  },
});

export const setViewsThroughLocal = mutation({
  args: { id: v.id("notes"), views: v.number() },
  handler: async (ctx, args) => {
    const views = Math.max(0, args.views - 1);
    await ctx.db.patch(args.id, { views: Math.max(views, 1000) });
  },
});
`;

/** One-click unsubscribe by the token the email carried; a near miss that also takes a note's id. */
const UNSUBSCRIBE = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const unsubscribe = mutation({
  args: { token: v.string() },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("subscribers").withIndex("by_unsubscribe_token", (q) => q.eq("unsubscribeToken", args.token)).unique();
    if (!row) throw new Error("Invalid link");
    await ctx.db.delete(row._id);
  },
});
`;
const UNSUBSCRIBE_AND_EDIT = UNSUBSCRIBE.replace(
  "args: { token: v.string() }",
  'args: { token: v.string(), noteId: v.id("notes") }',
).replace(
  "await ctx.db.delete(row._id);",
  'await ctx.db.delete(row._id);\n    await ctx.db.patch(args.noteId, { body: "" });',
);

/** A drawing game played by room code: its shared state, the word to draw, and a contact form beside an org's CRM. */
const GAME_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  games: defineTable({ code: v.string(), hostId: v.id("users"), round: v.number() }).index("by_code", ["code"]),
  gamePlayers: defineTable({ gameId: v.id("games"), userId: v.id("users"), score: v.number() }).index("by_game", ["gameId"]),
  turns: defineTable({ gameId: v.id("games"), drawerId: v.id("users"), cardId: v.id("cards") }).index("by_game", ["gameId"]),
  guesses: defineTable({ turnId: v.id("turns"), userId: v.id("users"), text: v.string() }).index("by_turn", ["turnId"]),
  cards: defineTable({ word: v.string() }),
  contactMessages: defineTable({ email: v.string(), body: v.string() }).index("by_email", ["email"]),
  waitlist: defineTable({ email: v.string() }),
  orgs: defineTable({ name: v.string(), ownerId: v.id("users") }),
  contacts: defineTable({ orgId: v.id("orgs"), email: v.string() }),
});
`;
const GAME_READS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const getGameByCode = query({
  args: { code: v.string() },
  handler: async (ctx, args) => ctx.db.query("games").withIndex("by_code", (q) => q.eq("code", args.code)).unique(),
});

export const getPlayers = query({
  args: { gameId: v.id("games") },
  handler: async (ctx, args) => {
    const players = await ctx.db.query("gamePlayers").withIndex("by_game", (q) => q.eq("gameId", args.gameId)).collect();
    return Promise.all(players.map(async (p) => ({ score: p.score, name: (await ctx.db.get(p.userId))?.name })));
  },
});

export const getTurnGuesses = query({
  args: { turnId: v.id("turns") },
  handler: async (ctx, args) => ctx.db.query("guesses").withIndex("by_turn", (q) => q.eq("turnId", args.turnId)).collect(),
});

export const sendContactMessage = mutation({
  args: { email: v.string(), body: v.string() },
  handler: async (ctx, args) => {
    const recent = await ctx.db.query("contactMessages").withIndex("by_email", (q) => q.eq("email", args.email)).collect();
    if (recent.length > 3) throw new Error("Too many messages");
    await ctx.db.insert("contactMessages", { email: args.email, body: args.body });
  },
});

export const joinWaitlist = mutation({
  args: { email: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.insert("waitlist", { email: args.email });
  },
});
`;
const GAME_SECRETS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const getCurrentCard = query({
  args: { turnId: v.id("turns") },
  handler: async (ctx, args) => {
    const turn = await ctx.db.get(args.turnId);
    return turn && (await ctx.db.get(turn.cardId));
  },
});

export const addContact = mutation({
  args: { orgId: v.id("orgs"), email: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.insert("contacts", { orgId: args.orgId, email: args.email });
  },
});

export const joinWaitlistAndPlay = mutation({
  args: { email: v.string(), gameId: v.id("games") },
  handler: async (ctx, args) => {
    await ctx.db.insert("waitlist", { email: args.email });
    await ctx.db.patch(args.gameId, { round: 0 });
  },
});
`;

/** An organization's releases: shown to its members, or to everyone when the organization is public. */
const RELEASES_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  orgs: defineTable({ name: v.string(), isPublic: v.boolean(), ownerId: v.string() }),
  members: defineTable({ orgId: v.id("orgs"), userId: v.string() }).index("by_org_user", ["orgId", "userId"]),
  releases: defineTable({ orgId: v.id("orgs"), title: v.string() }).index("by_org", ["orgId"]),
});
`;
const RELEASES = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const list = query({
  args: { orgId: v.id("orgs") },
  handler: async (ctx, args) => {
    const org = await ctx.db.get(args.orgId);
    if (!org) return [];
    const identity = await ctx.auth.getUserIdentity();
    let isMember = false;
    if (identity) {
      const membership = await ctx.db.query("members").withIndex("by_org_user", (q) => q.eq("orgId", args.orgId).eq("userId", identity.subject)).unique();
      isMember = membership !== null;
    }
    if (!(isMember || org.isPublic)) return [];
    return ctx.db.query("releases").withIndex("by_org", (q) => q.eq("orgId", args.orgId)).collect();
  },
});
`;

/** A game's characters (each a user's) and campaigns (some private), and lists of them (LIST: which, and how it says so). */
const CHARACTERS_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  characters: defineTable({ name: v.string(), userId: v.string() }),
  campaigns: defineTable({ name: v.string(), creatorId: v.string(), isPublic: v.boolean() }),
});
`;
const characters = (table: string, list: string) => `import { v } from "convex/values";
import { query } from "./_generated/server";

${list}
export const all = query({ args: {}, handler: async (ctx) => ctx.db.query("${table}").collect() });

export const byId = query({
  args: { id: v.id("${table}") },
  handler: async (ctx, args) => ctx.db.get(args.id),
});
`;
const DECLARED_LIST = "// Public function for the mobile app - returns all of them without authentication";

/** Health checks over everyone's notes: counts, flags and constants only (EXTRA: a further returned value). */
const health = (extra: string) => `import { v } from "convex/values";
import { query } from "./_generated/server";

export const health = query({
  args: {},
  handler: async (ctx) => {
    const notes = await ctx.db.query("notes").collect();
    const words = notes.reduce((sum, note) => sum + note.body.split(" ").length, 0);
    let empty = 0;
    for (const note of notes) if (note.body === "") empty += 1;
    return {
      status: "ok",
      checkedAt: new Date().toISOString(),
      stats: { notes: notes.length, words, empty, average: notes.length > 0 ? Math.round(words / notes.length) : 0 },${extra}
    };
  },
});

export const totalNotes = query({
  args: {},
  handler: async (ctx) => ctx.db.query("notes").collect().then((all) => all.length),
});
`;

/** Seeds: once on an empty table, row by row where a row is missing, or again whenever anyone calls them. */
const SEEDS = `import { v } from "convex/values";
import { mutation, type MutationCtx } from "./_generated/server";

export const seedNumbers = mutation({
  args: {},
  handler: async (ctx) => {
    const existing = await ctx.db.query("numbers").first();
    if (existing) return 0;
    for (const value of [1, 2, 3]) await ctx.db.insert("numbers", { value });
    return 3;
  },
});

export const seedOnce = mutation({
  handler: async (ctx) => {
    const any = await ctx.db.query("numbers").first();
    if (any) throw new Error("Already seeded");
    await ctx.db.insert("numbers", { value: 0 });
  },
});

export const seedMissingTips = mutation({
  args: {},
  handler: async (ctx) => {
    for (const text of ["drink water", "sleep"]) {
      const found = await ctx.db.query("tips").filter((q) => q.eq(q.field("text"), text)).first();
      if (!found) await ctx.db.insert("tips", { text });
    }
  },
});

async function addTips(ctx: MutationCtx) {
  for (const text of ["stretch", "walk"]) await ctx.db.insert("tips", { text });
}

export const seedTipsOnce = mutation({
  args: {},
  handler: async (ctx) => {
    const rows = await ctx.db.query("tips").take(1);
    if (rows.length > 0) return "already seeded";
    await addTips(ctx);
  },
});
`;
const NOT_SEEDS = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const seedAgain = mutation({
  args: {},
  handler: async (ctx) => {
    for (const value of [1, 2, 3]) await ctx.db.insert("tips", { text: "tip " + value });
  },
});

export const seedFor = mutation({
  args: { value: v.number() },
  handler: async (ctx, args) => {
    const existing = await ctx.db.query("tips").first();
    if (existing) return;
    await ctx.db.insert("tips", { text: "tip " + args.value });
  },
});

export const reseed = mutation({
  args: {},
  handler: async (ctx) => {
    const existing = await ctx.db.query("tips").first();
    if (existing) return;
    for (const note of await ctx.db.query("notes").collect()) await ctx.db.delete(note._id);
  },
});

export const resetTips = mutation({
  args: {},
  handler: async (ctx) => {
    for (const text of ["drink water", "sleep"]) {
      const found = await ctx.db.query("tips").filter((q) => q.eq(q.field("text"), text)).first();
      if (found) await ctx.db.patch(found._id, { text });
      else await ctx.db.insert("tips", { text });
    }
  },
});
`;

/** A turn's answer: the game is read first, then a stranger is stopped before anything is written (CHECK: how). */
const CHECKED_TURN = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const respond = mutation({
  args: { noteId: v.id("notes"), accept: v.boolean() },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.noteId);
    if (!note) return { ok: false, message: "Not found" };
    const identity = await ctx.auth.getUserIdentity();
    CHECK
    await ctx.db.patch(args.noteId, { body: args.accept ? "yes" : "no" });
    return { ok: true, by: identity?.name ?? "" };
  },
});
`;

const backend = { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": USERS_TS, "convex/messages.ts": MESSAGES_TS };
ruleTester(rule, {
  valid: [
    {
      name: "an identity helper that takes ctx in an object (`signedInSubject({ ctx })`, no guard name) is a check",
      files: withModule(
        OWNED_SCHEMA,
        "convex/notes.ts",
        OBJECT_CTX.replace("CHECK", 'if (identity === null) throw new Error("Not authenticated");'),
      ),
    },
    {
      name: "a helper loads the session through another helper given its id, then throws unless the caller's row hosts it: a check",
      files: withFiles(app, {
        "convex/schema.ts": HOSTED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/utils.ts": HOSTED_UTILS,
        "convex/sessions.ts": HOSTED.replace(
          "CHECK",
          'if (session.hostId !== user._id) throw new Error("Not the host");',
        ),
      }),
    },
    {
      name: "the template's addNumber, listNumbers and myAction left beside per-user data: rows of bare numbers are nobody's",
      files: withFiles(app, { "convex/schema.ts": OWNED_SCHEMA }),
    },
    {
      name: "load, then check the caller and compare the owner inline before the write (Better Auth's component getAuthUserId)",
      files: withFiles(app, {
        "convex/schema.ts": OWNED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/auth.ts": `import { BetterAuth } from "@convex-dev/better-auth";
import { components } from "./_generated/api";
export const betterAuthComponent = new BetterAuth(components.betterAuth, {});
`,
        "convex/notes.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { betterAuthComponent } from "./auth";
export const rename = mutation({
  args: { id: v.id("notes"), body: v.string() },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    if (!note) throw new Error("Not found");
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not authenticated");
    const userId = await betterAuthComponent.getAuthUserId(ctx);
    if (!userId) throw new Error("Not authenticated");
    if (note.ownerId !== userId) throw new Error("Not yours");
    await ctx.db.patch(args.id, { body: args.body });
  },
});
`,
      }),
    },
    {
      name: "near miss: a template whose schema holds no per-user data (public by design)",
      files: app.files,
    },
    {
      name: "load, then a helper that checks identity and ownership, then write (issue 14, pattern 1)",
      files: withFiles(app, {
        ...backend,
        "convex/myFunctions.ts": undefined,
        "convex/threads.ts": THREADS.slice(0, THREADS.indexOf("export const purge")),
      }),
    },
    {
      name: "public by nature: a one-room chat, a user's posts, presence, a profile by username, a user's stats",
      files: withModule(PUBLISHED_SCHEMA, "convex/reads.ts", PUBLISHED_READS),
    },
    {
      name: "the identity read with an optional call (getUserIdentity?.())",
      files: withFiles(app, {
        ...backend,
        "convex/myFunctions.ts": undefined,
        "convex/profile.ts": `import { mutation } from "./_generated/server";
export const touch = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity?.();
    if (!identity) throw new Error("Not signed in");
    await ctx.db.insert("messages", { body: "hi", author: identity.subject });
  },
});
`,
      }),
    },
    {
      name: "helpers from another file check identity first",
      files: withFiles(app, { ...backend, "convex/myFunctions.ts": undefined }),
    },
    {
      name: "Convex Auth template (getAuthUserId before data)",
      files: withFiles(viteConvexAuth(), {
        "convex/myFunctions.ts": viteConvexAuth().files["convex/myFunctions.ts"]!.replace(
          /export const listNumbers[\s\S]*?\n\}\);\n/,
          "",
        ),
      }),
    },
    { name: "near miss: baseline app without auth", files: viteBaseline().files },
    {
      name: "near miss: internal mutation and a custom builder",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/admin.ts": `import { internalMutation } from "./_generated/server";\nimport { customMutation } from "convex-helpers/server/customFunctions";\nimport { mutation } from "./_generated/server";\nconst authed = customMutation(mutation, {});\nexport const wipe = internalMutation({ args: {}, handler: async (ctx) => { await ctx.db.delete("x" as any); } });\nexport const edit = authed({ args: {}, handler: async (ctx: any) => { await ctx.db.insert("x", {}); } });\n`,
      }),
    },
    {
      name: "near miss: marked `// authwire: public` (public on purpose)",
      files: withFiles(app, {
        "convex/myFunctions.ts": `import { query } from "./_generated/server";\n\n// authwire: public\nexport const leaderboard = query({ args: {}, handler: async (ctx) => ctx.db.query("scores").take(10) });\n\n/* authwire: public (the landing page shows them) */\nexport const stats = query({ args: {}, handler: async (ctx) => ctx.db.query("stats").first() });\n`,
      }),
    },
    {
      name: "public by what it reads: catalogue tables (also through a helper), a visibility flag, a share token, a file URL; by its name (public, an aggregate, a yes/no question)",
      files: withModule(CATALOGUE_SCHEMA, "convex/catalogue.ts", PUBLIC_READS),
    },
    {
      name: "a catalogue by its tables' names (events, categories of courses, tracks with the artist their id field points at) and its rows' parts (an event's ticket types, a course's modules)",
      files: withModule(CATALOGUE_KIND_SCHEMA, "convex/catalogue.ts", CATALOGUE_KIND_READS),
    },
    {
      name: "a multiplayer game's shared state (the game by its code, its players with their names, a turn's guesses) and a public form's inbox (a contact form with its rate limit, a waitlist)",
      files: withModule(GAME_SCHEMA, "convex/game.ts", GAME_READS),
    },
    {
      name: "members, or everyone when the organization is public: it stops on the document's visibility flag",
      files: withModule(RELEASES_SCHEMA, "convex/releases.ts", RELEASES),
    },
    {
      name: "a health check and a total that take nothing and return counts, flags, constants and the time: no record leaves",
      files: withModule(OWNED_SCHEMA, "convex/health.ts", health("")),
    },
    {
      name: "a table the app lists to everyone on purpose (the list's doc comment says so): its other queries hand out nothing new",
      files: withModule(CHARACTERS_SCHEMA, "convex/game.ts", characters("characters", DECLARED_LIST)),
    },
    {
      name: "seeds that fill an empty table once (no arguments, a return or a throw when a row exists, writes after it, in the handler or a helper) or insert only the rows a lookup did not find",
      files: withModule(OWNED_SCHEMA, "convex/seed.ts", SEEDS),
    },
    {
      name: "a mutation that reads, then stops a caller without identity before any write, and returns no document",
      files: withModule(
        OWNED_SCHEMA,
        "convex/turns.ts",
        CHECKED_TURN.replace("CHECK", 'if (!identity) return { ok: false, message: "Not signed in" };'),
      ),
    },
    {
      name: "a shared secret the caller passes, compared in a plain helper with a local read from the deployment's env",
      files: withModule(OWNED_SCHEMA, "convex/queue.ts", QUEUE.replace("EXPECTED", 'process.env.QUEUE_SECRET ?? ""')),
    },
    {
      name: "engagement counters anyone's visit bumps by one (a view count with its timestamp, a visit row created at 1), and bookkeeping stamps refreshed (lastSyncAt, updatedAt)",
      files: withModule(OWNED_SCHEMA, "convex/counters.ts", COUNTERS),
    },
    {
      name: "a mutation acting on the row its link's token finds (one-click unsubscribe)",
      files: withModule(OWNED_SCHEMA, "convex/subscribers.ts", UNSUBSCRIBE),
    },
    {
      name: "upkeep a cron could run: no arguments, deletes only by age (Date.now(), new Date()), a migration that patches, a rebuild aimed by an id and a limit",
      files: withModule(OWNED_SCHEMA, "convex/upkeep.ts", UPKEEP),
    },
    {
      name: "near miss: helper from a package receives ctx (unknown counts as checked)",
      files: withFiles(app, {
        "convex/myFunctions.ts": `import { query } from "./_generated/server";\nimport { requireUser } from "some-auth-lib";\nexport const mine = query({ args: {}, handler: async (ctx) => { await requireUser(ctx); return ctx.db.query("numbers").collect(); } });\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "a mutation built with the app's triggers wrapper (customMutation(rawMutation, customCtx(triggers.wrapDB)) in ./functions) is a plain public mutation; one built with an auth wrapper is not judged",
      files: withFiles(app, {
        "convex/schema.ts": OWNED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/functions.ts": `import { customCtx, customMutation } from "convex-helpers/server/customFunctions";
import { Triggers } from "convex-helpers/server/triggers";
import type { DataModel } from "./_generated/dataModel";
import { mutation as rawMutation } from "./_generated/server";
const triggers = new Triggers<DataModel>();
export const mutation = customMutation(rawMutation, customCtx(triggers.wrapDB));
export const authedMutation = customMutation(
  rawMutation,
  customCtx(async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    return { identity };
  }),
);
`,
        "convex/notes.ts": `import { v } from "convex/values";
import { authedMutation, mutation } from "./functions";
export const updateNote = mutation({
  args: { id: v.id("notes"), body: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.patch(args.id, { body: args.body });
  },
});
export const renameNote = authedMutation({
  args: { id: v.id("notes"), body: v.string() },
  handler: async (ctx, args) => ctx.db.patch(args.id, { body: args.body }),
});
`,
      }),
      errors: [
        {
          messageId: "noCheck",
          file: "convex/notes.ts",
          line: 3,
          severity: "warning",
          message: "`updateNote` writes data",
        },
      ],
    },
    {
      name: "a zod builder whose customizer takes no ctx (zCustomMutation(mutation, customCtx(async () => ({})))) is a plain public mutation; one whose customizer reads ctx is not judged",
      files: withFiles(app, {
        "convex/schema.ts": OWNED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/functions.ts": `import { customCtx } from "convex-helpers/server/customFunctions";
import { zCustomMutation } from "convex-helpers/server/zod4";
import { mutation } from "./_generated/server";
export const zodMutation = zCustomMutation(mutation, customCtx(async () => ({})));
export const authedZodMutation = zCustomMutation(
  mutation,
  customCtx(async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    return { identity };
  }),
);
`,
        "convex/notes.ts": `import { z } from "zod";
import { authedZodMutation, zodMutation } from "./functions";
export const updateNote = zodMutation({
  args: { id: z.string(), body: z.string() },
  handler: async (ctx, args) => {
    await ctx.db.patch(args.id as never, { body: args.body });
  },
});
export const renameNote = authedZodMutation({
  args: { id: z.string(), body: z.string() },
  handler: async (ctx, args) => ctx.db.patch(args.id as never, { body: args.body }),
});
`,
      }),
      errors: [
        {
          messageId: "noCheck",
          file: "convex/notes.ts",
          line: 3,
          severity: "warning",
          message: "`updateNote` writes data",
        },
      ],
    },
    {
      name: "a schema with no per-user table, a query listing the users table still reports",
      files: withFiles(app, {
        "convex/schema.ts":
          'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ users: defineTable({ name: v.string() }), numbers: defineTable({ value: v.number() }) });\n',
        "convex/people.ts":
          'import { query } from "./_generated/server";\nexport const everyone = query({ args: {}, handler: async (ctx) => ctx.db.query("users").collect() });\n',
      }),
      errors: [{ messageId: "noCheck", file: "convex/people.ts", line: 2, severity: "info" }],
    },
    {
      name: "a write before the checking helper; a read with only a bare getUserIdentity() after it",
      files: withFiles(app, {
        ...backend,
        "convex/myFunctions.ts": undefined,
        "convex/threads.ts":
          THREADS.slice(0, THREADS.indexOf("export const rename")) +
          THREADS.slice(THREADS.indexOf("export const purge")),
      }),
      errors: [
        { messageId: "noCheck", file: "convex/threads.ts", line: 13, message: "`purge` writes data" },
        { messageId: "noCheck", file: "convex/threads.ts", line: 21, message: "`peek` reads data" },
      ],
    },
    {
      name: "near miss of an identity helper given `{ ctx }`: it never reads the identity",
      files: withModule(
        OWNED_SCHEMA,
        "convex/notes.ts",
        OBJECT_CTX.replace("CHECK", "").replace("await ctx.auth.getUserIdentity()", "ctx && null"),
      ),
      errors: [{ messageId: "noCheck", file: "convex/notes.ts", line: 10, message: "`add`" }],
    },
    {
      name: "near miss of a host check: the helper loads the session and the caller but compares nothing",
      files: withFiles(app, {
        "convex/schema.ts": HOSTED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/utils.ts": HOSTED_UTILS,
        "convex/sessions.ts": HOSTED.replace("CHECK", ""),
      }),
      errors: [{ messageId: "noCheck", file: "convex/sessions.ts", line: 17, message: "`stop`" }],
    },
    {
      name: "near miss of bare numbers: the template's functions over a table with text in it (a tip anyone adds) are info",
      files: withFiles(app, {
        "convex/schema.ts": OWNED_SCHEMA.replace("value: v.number() }", "value: v.number(), label: v.string() }"),
      }),
      errors: [
        { messageId: "noCheck", file: "convex/myFunctions.ts", line: 16, severity: "info", message: "writes data" },
        { messageId: "noCheck", file: "convex/myFunctions.ts", line: 24, severity: "info" },
      ],
    },
    {
      name: "near miss of a health check: one value read off a note leaves with the counts",
      files: withModule(OWNED_SCHEMA, "convex/health.ts", health("\n      latest: notes[0]?.body,")),
      errors: [{ messageId: "noCheck", file: "convex/health.ts", line: 4, severity: "info", message: "`health`" }],
    },
    {
      name: "near miss of a total: another user's count, for the owner the client names",
      files: withModule(
        OWNED_SCHEMA,
        "convex/health.ts",
        health("").replace(
          'args: {},\n  handler: async (ctx) => ctx.db.query("notes").collect()',
          'args: { ownerId: v.string() },\n  handler: async (ctx, args) => ctx.db.query("notes").filter((q) => q.eq(q.field("ownerId"), args.ownerId)).collect()',
        ),
      ),
      errors: [{ messageId: "noCheck", file: "convex/health.ts", line: 19, severity: "info", message: "`totalNotes`" }],
    },
    {
      name: "near miss of a declared list: some campaigns are private (isPublic), and the list hands them all out",
      files: withModule(CHARACTERS_SCHEMA, "convex/game.ts", characters("campaigns", DECLARED_LIST)),
      errors: [
        { messageId: "noCheck", file: "convex/game.ts", line: 5, severity: "info", message: "`all`" },
        { messageId: "noCheck", file: "convex/game.ts", line: 7, severity: "info", message: "`byId`" },
      ],
    },
    {
      name: "near miss of a declared list: a list with no word on it declares nothing",
      files: withModule(CHARACTERS_SCHEMA, "convex/game.ts", characters("characters", "// Lists them.")),
      errors: [
        { messageId: "noCheck", file: "convex/game.ts", line: 5, severity: "info", message: "`all`" },
        { messageId: "noCheck", file: "convex/game.ts", line: 7, severity: "info", message: "`byId`" },
      ],
    },
    {
      name: "near misses of a seed: no check for existing rows, a value the client passes, a delete, a reset of the rows it finds",
      files: withModule(OWNED_SCHEMA, "convex/seed.ts", NOT_SEEDS),
      errors: [
        { messageId: "noCheck", file: "convex/seed.ts", line: 4, message: "`seedAgain`" },
        { messageId: "noCheck", file: "convex/seed.ts", line: 11, message: "`seedFor`" },
        { messageId: "noCheck", file: "convex/seed.ts", line: 20, message: "`reseed`" },
        { messageId: "noCheck", file: "convex/seed.ts", line: 29, message: "`resetTips`" },
      ],
    },
    {
      name: "near miss of a check before writing: the caller's identity is read for a name and never tested",
      files: withModule(OWNED_SCHEMA, "convex/turns.ts", CHECKED_TURN.replace("CHECK", "")),
      errors: [
        {
          messageId: "noCheck",
          file: "convex/turns.ts",
          line: 4,
          message: "writes data (line 7)",
          severity: "warning",
        },
      ],
    },
    {
      name: "near miss of a check before writing: the caller is tested only after the write",
      files: withModule(
        OWNED_SCHEMA,
        "convex/turns.ts",
        CHECKED_TURN.replace("CHECK", "").replace(
          '    return { ok: true, by: identity?.name ?? "" };',
          '    if (!identity) return { ok: false, message: "Not signed in" };\n    return { ok: true, by: identity.name ?? "" };',
        ),
      ),
      errors: [
        {
          messageId: "noCheck",
          file: "convex/turns.ts",
          line: 4,
          message: "writes data (line 7)",
          severity: "warning",
        },
      ],
    },
    {
      name: "near miss of a check before writing: the document read before the check is returned to a stranger",
      files: withModule(OWNED_SCHEMA, "convex/turns.ts", CHECKED_TURN.replace("CHECK", "if (!identity) return note;")),
      errors: [
        { messageId: "noCheck", file: "convex/turns.ts", line: 4, message: "reads data (line 7)", severity: "info" },
      ],
    },
    {
      name: "near miss of a visibility gate: the flag the client passes decides, not the document's",
      files: withModule(
        RELEASES_SCHEMA,
        "convex/releases.ts",
        RELEASES.replace(
          'args: { orgId: v.id("orgs") }',
          'args: { orgId: v.id("orgs"), isPublic: v.boolean() }',
        ).replace("org.isPublic", "args.isPublic"),
      ),
      errors: [{ messageId: "noCheck", file: "convex/releases.ts", line: 4, severity: "info", message: "`list`" }],
    },
    {
      name: "near misses of a game and a form: the word to draw (a table of its own), an organization's CRM contacts, a signup that also changes a game",
      files: withModule(GAME_SCHEMA, "convex/game.ts", GAME_SECRETS),
      errors: [
        { messageId: "noCheck", file: "convex/game.ts", line: 4, severity: "info", message: "`getCurrentCard`" },
        { messageId: "noCheck", file: "convex/game.ts", line: 12, message: "`addContact`" },
        {
          messageId: "noCheck",
          file: "convex/game.ts",
          line: 19,
          severity: "warning",
          message: "`joinWaitlistAndPlay`",
        },
      ],
    },
    {
      name: "near misses of public data: a child of an owned table, a client-chosen flag, an upload URL, the users table, a get of a table the analysis can't name, a write named public, Country is no Count",
      files: withModule(CATALOGUE_SCHEMA, "convex/catalogue.ts", NOT_PUBLIC_READS),
      errors: [
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 4, severity: "info", message: "`attachments`" },
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 10, severity: "info", message: "`byFlag`" },
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 15, severity: "info", message: "`uploadUrl`" },
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 17, severity: "warning", message: "`makePublic`" },
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 22, severity: "info", message: "`getCountryNotes`" },
        {
          messageId: "exposes",
          file: "convex/catalogue.ts",
          line: 24,
          severity: "warning",
          message: "`people` returns `email` of `users` documents",
        },
        { messageId: "noCheck", file: "convex/catalogue.ts", line: 26, severity: "info", message: "`unnamedGet`" },
      ],
    },
    {
      name: "rows their authors made for others, served openly by two queries, are public (campaigns with their creator's name); near misses: an admin's drafts every other reader gates, people's own notes however many queries hand them out, authored rows some of which are private (isPublic)",
      files: withModule(AUTHORED_SCHEMA, "convex/campaigns.ts", AUTHORED_READS),
      errors: [
        { messageId: "noCheck", line: 16, severity: "info", message: "`draft`" },
        { messageId: "noCheck", line: 27, severity: "info", message: "`note`" },
        { messageId: "noCheck", line: 28, severity: "info", message: "`allNotes`" },
        { messageId: "noCheck", line: 30, severity: "info", message: "`pattern`" },
        { messageId: "noCheck", line: 31, severity: "info", message: "`allPatterns`" },
      ],
    },
    {
      name: "an action runs for what it starts, not for the catalogue it reads (a query over events is silent, an action over them is not)",
      files: withModule(
        CATALOGUE_KIND_SCHEMA,
        "convex/scrape.ts",
        `import { action, query } from "./_generated/server";
import { api } from "./_generated/api";
export const upcoming = query({ args: {}, handler: async (ctx) => ctx.db.query("events").take(20) });
export const rescrape = action({
  args: {},
  handler: async (ctx) => (await ctx.runQuery(api.scrape.upcoming, {})).length,
});
`,
      ),
      errors: [{ messageId: "noCheck", line: 4, severity: "info", message: "`rescrape`" }],
    },
    {
      name: "a label of an account (its role) is no record; near miss: its name",
      files: withModule(
        AUTHORED_SCHEMA,
        "convex/labels.ts",
        `import { v } from "convex/values";
import { query } from "./_generated/server";
export const roleOf = query({ args: { id: v.id("users") }, handler: async (ctx, args) => (await ctx.db.get(args.id))?.role ?? null });
export const nameOf = query({ args: { id: v.id("users") }, handler: async (ctx, args) => (await ctx.db.get(args.id))?.name ?? null });
`,
      ),
      errors: [{ messageId: "noCheck", line: 4, severity: "info", message: "`nameOf`" }],
    },
    {
      name: "a doc comment saying what a query hands out is public silences the info tier, not a warning; near miss: one saying the function is a public mutation",
      files: withModule(
        OWNED_SCHEMA.replace("body: v.string() }", "body: v.string(), email: v.string() }"),
        "convex/described.ts",
        `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
// Get a note by id - public information
export const shown = query({ args: { id: v.id("notes") }, handler: async (ctx, args) => (await ctx.db.get(args.id))?.body });
/** Recent notes for the live feed (public) */
export const feed = query({ args: {}, handler: async (ctx) => (await ctx.db.query("notes").take(10)).map((n) => n.body) });
// Get a note with its author (public profile)
export const withEmail = query({ args: { id: v.id("notes") }, handler: async (ctx, args) => ctx.db.get(args.id) });
// Public mutation for the API route
export const add = mutation({ args: { body: v.string() }, handler: async (ctx, args) => { await ctx.db.insert("tips", { text: args.body }); } });
`,
      ),
      errors: [
        { messageId: "exposes", line: 8, severity: "warning", message: "`withEmail`" },
        { messageId: "noCheck", line: 10, severity: "info", message: "`add`" },
      ],
    },
    {
      name: "the values a filter offers (distinct categories of owned rows) are no records; near miss: the distinct titles",
      files: withModule(
        OWNED_SCHEMA.replace("body: v.string() }", "body: v.string(), category: v.string(), title: v.string() }"),
        "convex/filters.ts",
        `import { query } from "./_generated/server";
export const categories = query({ args: {}, handler: async (ctx) => [...new Set((await ctx.db.query("notes").collect()).map((n) => n.category))].sort() });
export const titles = query({ args: {}, handler: async (ctx) => [...new Set((await ctx.db.query("notes").collect()).map((n) => n.title))].sort() });
`,
      ),
      errors: [{ messageId: "noCheck", line: 3, severity: "info", message: "`titles`" }],
    },
    {
      name: "near misses of a catalogue: someone's saved events or clinics, a course's lessons under its modules, a quiz's questions with their answer key, a person found by their phone number, a comment returning its author whole (Promise.all destructured)",
      files: withModule(CATALOGUE_KIND_SCHEMA, "convex/catalogue.ts", NOT_CATALOGUE_READS),
      errors: [
        { messageId: "noCheck", line: 4, severity: "info", message: "`saved`" },
        { messageId: "noCheck", line: 7, severity: "info", message: "`lessons`" },
        { messageId: "noCheck", line: 8, severity: "info", message: "`questions`" },
        { messageId: "noCheck", line: 11, severity: "info", message: "`eventForPhone`" },
        {
          messageId: "exposes",
          line: 22,
          severity: "warning",
          message: "`comment` returns `email` of `users` documents",
        },
        { messageId: "noCheck", line: 32, severity: "info", message: "`savedClinics`" },
      ],
    },
    {
      name: "near miss of a shared secret: the helper compares with a constant written in the code, not the deployment's env",
      files: withModule(OWNED_SCHEMA, "convex/queue.ts", QUEUE.replace("EXPECTED", '"hunter2"')),
      errors: [{ messageId: "noCheck", line: 10, severity: "warning", message: "`claim`" }],
    },
    {
      name: "near misses of a counter: a count the client sets, a bump of credits, a timestamp alone, the views of someone's notification",
      files: withModule(OWNED_SCHEMA, "convex/counters.ts", NOT_COUNTERS),
      errors: [
        { messageId: "noCheck", line: 4, severity: "warning", message: "`setViews`" },
        { messageId: "noCheck", line: 9, severity: "warning", message: "`addCredit`" },
        { messageId: "noCheck", line: 17, severity: "warning", message: "`markUsed`" },
        { messageId: "noCheck", line: 22, severity: "warning", message: "`viewNotification`" },
        { messageId: "noCheck", line: 30, severity: "warning", message: "`setViewsThroughLocal`" },
      ],
    },
    {
      name: "near miss of a link's token: the mutation also changes a document the client names by id",
      files: withModule(OWNED_SCHEMA, "convex/subscribers.ts", UNSUBSCRIBE_AND_EDIT),
      errors: [{ messageId: "noCheck", line: 4, severity: "warning", message: "`unsubscribe`" }],
    },
    {
      name: "near misses of upkeep: a wipe with no clock, an insert (of per-user data: a warning), a cleanup the caller aims, a state the caller sets (expire), a query named as upkeep",
      files: withModule(OWNED_SCHEMA, "convex/upkeep.ts", NOT_UPKEEP),
      errors: [
        { messageId: "noCheck", line: 4, severity: "info", message: "`cleanNotes` writes data" },
        { messageId: "noCheck", line: 11, severity: "warning", message: "`initializeNotes`" },
        { messageId: "noCheck", line: 18, severity: "warning", message: "`cleanupNote`" },
        { messageId: "noCheck", line: 26, severity: "warning", message: "`expireNote`" },
        { messageId: "noCheck", line: 31, severity: "info", message: "`getExpiredNotes` reads data" },
      ],
    },
    {
      name: "per-user reads: private records the client picks (messages by author or conversation, a payment by id) are warnings, a user's notes and an unkeyed list are info, a delete is a warning, a share link's chat, an invitation by its token, a yes/no question and site-wide settings by key are silent",
      files: withModule(PER_USER_SCHEMA, "convex/reads.ts", PER_USER_READS),
      errors: [
        {
          messageId: "privateRecords",
          line: 4,
          severity: "warning",
          message: "`forAuthor` reads `messages` (communications) records the client picks",
        },
        { messageId: "noCheck", line: 9, severity: "info", message: "`notesBy`" },
        { messageId: "privateRecords", line: 14, severity: "warning", message: "`inConversation`" },
        { messageId: "privateRecords", line: 19, severity: "warning", message: "`payment` reads `payments` (money)" },
        { messageId: "noCheck", line: 33, severity: "warning", message: "`remove` writes data" },
        { messageId: "noCheck", line: 38, severity: "info", message: "`latest`" },
      ],
    },
    {
      name: "near misses of public by nature: a chat in threads listed whole, replies by thread, a user's grades by a plain name, a workspace task's comments",
      files: withFiles(app, {
        "convex/schema.ts": PUBLISHED_SCHEMA,
        "convex/myFunctions.ts": undefined,
        "convex/reads.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const allChat = query({ args: {}, handler: async (ctx) => ctx.db.query("chatMessages").take(100) });
export const inThread = query({
  args: { threadId: v.id("threads") },
  handler: async (ctx, args) => (await ctx.db.query("chatMessages").collect()).filter((m) => m.threadId === args.threadId),
});
export const forTask = query({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, args) => ctx.db.query("comments").withIndex("by_task", (q) => q.eq("taskId", args.taskId)).collect(),
});
export const gradesOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => ctx.db.query("grades").withIndex("by_user", (q) => q.eq("userId", args.userId)).collect(),
});
`,
      }),
      errors: [
        { messageId: "noCheck", line: 3, severity: "info", message: "`allChat`" },
        { messageId: "noCheck", line: 4, severity: "info", message: "`inThread`" },
        { messageId: "noCheck", line: 8, severity: "info", message: "`forTask`" },
        { messageId: "noCheck", line: 12, severity: "info", message: "`gradesOf`" },
      ],
    },
    {
      name: "Better Auth's adapter through the component: a public action rewriting any user's row is a warning; an internal one, another component's call and a read after the check are not",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/users.ts": `import { v } from "convex/values";
import { action, internalAction, query } from "./_generated/server";
import { components } from "./_generated/api";
export const setDetails = action({
  args: { fid: v.number(), details: v.string() },
  handler: async (ctx, args) => {
    await ctx.runMutation(components.betterAuth.adapter.updateOne, { input: { model: "user", where: [{ field: "fid", value: args.fid }], update: { details: args.details } } });
  },
});
export const setDetailsInternal = internalAction({
  args: { fid: v.number() },
  handler: async (ctx, args) => ctx.runMutation(components.betterAuth.adapter.deleteOne, { input: { model: "user", where: [{ field: "fid", value: args.fid }] } }),
});
export const limited = action({
  args: {},
  handler: async (ctx) => ctx.runMutation(components.rateLimiter.lib.rateLimit, { name: "x" }),
});
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) return null;
    return ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "id", value: identity.subject }] });
  },
});
`,
      }),
      errors: [{ messageId: "noCheck", line: 4, severity: "warning", message: "`setDetails` writes data (line 7)" }],
    },
    {
      name: "Better Auth's adapter: a public action that finds a user by email and then rewrites their role is reported; a public listing that reads its authors through the adapter is not",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/roles.ts": `import { v } from "convex/values";
import { action, query } from "./_generated/server";
import { components } from "./_generated/api";
export const setRole = action({
  args: { email: v.string(), role: v.string() },
  handler: async (ctx, args) => {
    const found = await ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "email", value: args.email }] });
    if (!found) return;
    await ctx.runMutation(components.betterAuth.adapter.updateOne, { input: { model: "user", where: [{ field: "_id", value: found._id }], update: { role: args.role } } });
  },
});
export const workshop = query({
  args: { id: v.id("workshops") },
  handler: async (ctx, args) => {
    const workshop = await ctx.db.get(args.id);
    if (!workshop) return null;
    const author = await ctx.runQuery(components.betterAuth.adapter.findOne, { model: "user", where: [{ field: "_id", value: workshop.authorId }] });
    return { title: workshop.title, author: author?.name ?? null };
  },
});
`,
      }),
      errors: [{ messageId: "noCheck", line: 4, severity: "warning", message: "`setRole` writes data (line 9)" }],
    },
    {
      name: "a component's client (a rate limiter, an aggregate) checks nobody; an auth component's client and a local wrapper may",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/scores.ts": `import { v } from "convex/values";
import { RateLimiter } from "@convex-dev/rate-limiter";
import { AuthKit } from "@convex-dev/workos-authkit";
import { Guarded } from "./guarded";
import { mutation } from "./_generated/server";
import { components } from "./_generated/api";
const limiter = new RateLimiter(components.rateLimiter, {});
const authKit = new AuthKit(components.workOSAuthKit);
const guarded = new Guarded(components.rateLimiter);
export const submit = mutation({
  args: { points: v.number() },
  handler: async (ctx, args) => {
    await limiter.limit(ctx, "submit");
    await ctx.db.insert("scores", { points: args.points, userId: "someone" });
  },
});
export const mine = mutation({
  args: { points: v.number() },
  handler: async (ctx, args) => {
    await authKit.getAuthUser(ctx);
    await ctx.db.insert("scores", { points: args.points, userId: "someone" });
  },
});
export const wrapped = mutation({
  args: { points: v.number() },
  handler: async (ctx, args) => {
    await guarded.check(ctx);
    await ctx.db.insert("scores", { points: args.points, userId: "someone" });
  },
});
`,
      }),
      errors: [{ messageId: "noCheck", line: 10, message: "`submit` writes data (line 14)" }],
    },
    {
      name: "a directory of businesses publishes their phone, email and address; a credential on the same rows is still a warning",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  clinics: defineTable({ name: v.string(), phone: v.string(), email: v.string(), address: v.string(), ownerId: v.id("users") }),
  vendors: defineTable({ name: v.string(), email: v.string(), apiKey: v.string(), ownerId: v.id("users") }),
  localBusinesses: defineTable({ name: v.string(), phoneNumber: v.string(), ownerId: v.id("users") }),
  shops: defineTable({ name: v.string(), contactNumber: v.string(), payoutAccountNumber: v.string(), ownerId: v.id("users") }),
});
`,
        "convex/directory.ts": `import { query } from "./_generated/server";
export const clinics = query({ args: {}, handler: async (ctx) => ctx.db.query("clinics").collect() });
export const vendors = query({ args: {}, handler: async (ctx) => ctx.db.query("vendors").collect() });
export const businesses = query({ args: {}, handler: async (ctx) => ctx.db.query("localBusinesses").collect() });
export const shops = query({ args: {}, handler: async (ctx) => ctx.db.query("shops").collect() });
`,
      }),
      // The clinics and local businesses are a directory (a catalogue): silent, not a warning.
      errors: [
        { messageId: "exposes", line: 3, severity: "warning", message: "returns `apiKey` of `vendors` documents" },
        // A shop's contact number is published; its payout account number is not a contact.
        {
          messageId: "exposes",
          line: 5,
          severity: "warning",
          message: "returns `payoutAccountNumber` of `shops` documents",
        },
      ],
    },
    {
      name: "rental listings publish where they are and whom to call, whole or picked; an address picked beside a tenant's row is still a warning",
      files: withFiles(app, {
        "convex/myFunctions.ts": undefined,
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), homeAddress: v.string() }),
  properties: defineTable({ title: v.string(), address: v.string(), contactEmail: v.string(), ownerId: v.id("users") }),
});
`,
        "convex/listings.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const byId = query({ args: { id: v.id("properties") }, handler: async (ctx, args) => ctx.db.get(args.id) });
export const pins = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("properties").collect()).map((p) => ({ title: p.title, address: p.address })),
});
export const withOwner = query({
  args: { id: v.id("properties") },
  handler: async (ctx, args) => {
    const p = await ctx.db.get(args.id);
    const owner = p ? await ctx.db.get(p.ownerId) : null;
    return { title: p?.title, homeAddress: owner?.homeAddress };
  },
});
`,
      }),
      errors: [{ messageId: "exposes", line: 8, severity: "warning", message: "returns `homeAddress`" }],
    },
    {
      name: "a query returning emails or secrets is a warning whatever its name or tables say; picked harmless fields and the caller's own email are not",
      files: withFiles(app, {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string(), emailVerified: v.boolean() }),
  gigs: defineTable({ title: v.string(), secret: v.string(), contactPhone: v.optional(v.string()) }),
});
`,
        "convex/myFunctions.ts": undefined,
        "convex/listings.ts": `import { getAuthUserId } from "@convex-dev/auth/server";
import { query } from "./_generated/server";

export const getPublicGigs = query({ args: {}, handler: async (ctx) => ctx.db.query("gigs").collect() });

export const directory = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("users").take(50)).map((u) => ({ name: u.name, contact: u.email })),
});

export const cards = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("users").take(50)).map((u) => ({ name: u.name, verified: u.emailVerified })),
});

export const titles = query({
  args: {},
  handler: async (ctx) => {
    const gigs = await ctx.db.query("gigs").take(20);
    const userId = await getAuthUserId(ctx);
    const me = userId === null ? null : await ctx.db.get(userId);
    return { viewer: me?.email ?? null, titles: gigs.map((gig) => gig.title) };
  },
});
`,
      }),
      errors: [
        {
          messageId: "exposes",
          line: 4,
          severity: "warning",
          message: "`getPublicGigs` returns `secret`, `contactPhone` of `gigs` documents to anyone",
        },
        { messageId: "exposes", line: 6, severity: "warning", message: "`directory` returns `email` to anyone" },
        { messageId: "noCheck", line: 11, severity: "info", message: "`cards`" },
      ],
    },
    {
      name: "a comment above that is not the marker still reports",
      files: withFiles(app, {
        "convex/schema.ts": OWNED_SCHEMA,
        "convex/myFunctions.ts": `import { query } from "./_generated/server";\n\n// recent notes (authwire: check later)\nexport const recentNotes = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").take(10) });\n`,
      }),
      errors: [{ messageId: "noCheck", file: "convex/myFunctions.ts", line: 4, severity: "info" }],
    },
  ],
});
