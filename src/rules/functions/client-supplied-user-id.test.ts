import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { MESSAGES_TS, USERS_SCHEMA, USERS_TS } from "../../../test/helpers/backend.ts";
import { viteBaseline, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./client-supplied-user-id.ts";

const app = viteClerk();
const trusting = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const send = mutation({
  args: { body: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    await ctx.db.insert("messages", { body: args.body, author: args.userId });
  },
});

export const profile = query({
  args: { owner: v.id("users") },
  handler: async (ctx, { owner }) => ctx.db.get(owner),
});
`;
const INVITES_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  invites: defineTable({ email: v.string(), vault: v.string(), invitedBy: v.string() }).index("by_email", ["email"]),
  waitlist: defineTable({ email: v.string() }),
});
`;
const invites = (extra: string) => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
export const join = mutation({
  args: { email: v.string() },
  handler: async (ctx, args) => { await ctx.db.insert("waitlist", { email: args.email }); },
});
export const invite = mutation({
  args: { email: v.string(), vault: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    await ctx.db.insert("invites", { email: args.email, vault: args.vault, invitedBy: identity.subject });
  },
});
export const pending = query({
  args: { email: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    ${extra}
    return ctx.db.query("invites").withIndex("by_email", (q) => q.eq("email", args.email)).collect();
  },
});
`;
ruleTester(rule, {
  valid: [
    {
      name: "the user id compared with Better Auth's user for the caller (authComponent.safeGetAuthUser)",
      files: withFiles(app, {
        "convex/presence.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { authComponent } from "./auth";
export const heartbeat = mutation({
  args: { roomId: v.string(), userId: v.string() },
  handler: async (ctx, { roomId, userId }) => {
    const user = await authComponent.safeGetAuthUser(ctx);
    if (!user || user._id !== userId) throw new Error("Not yours");
    await ctx.db.insert("presence", { roomId, userId });
  },
});
`,
      }),
    },
    {
      name: "near misses of an email: a waitlist with no sign-in, an invite naming another party, an email compared with the caller's",
      files: withFiles(app, {
        "convex/schema.ts": INVITES_SCHEMA,
        "convex/invites.ts": invites('if (args.email !== identity.email) throw new Error("Not yours");'),
      }),
    },
    {
      name: "near miss of an email: a signed-in mutation writing a new customer's contact address",
      files: withFiles(app, {
        "convex/customers.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const createCustomer = mutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    return ctx.db.insert("customers", { name: args.name, email: args.email, orgId: identity.org_id as string });
  },
});
`,
      }),
    },
    {
      name: "identity from the session",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA,
        "convex/users.ts": USERS_TS,
        "convex/messages.ts": MESSAGES_TS,
      }),
    },
    {
      name: "near miss: admin function tests the caller's role and takes a userId",
      files: withFiles(app, {
        "convex/admin.ts": `import { v } from "convex/values";\nimport { mutation } from "./_generated/server";\nimport { getCurrentUserOrThrow } from "./users";\nexport const ban = mutation({ args: { userId: v.id("users") }, handler: async (ctx, args) => {\n  const me = await getCurrentUserOrThrow(ctx);\n  if (me.role !== "admin") throw new Error("no");\n  await ctx.db.patch(args.userId, { banned: true });\n} });\n`,
      }),
    },
    {
      name: "near miss: a test-mode switch and a worker's secret, compared and thrown on, before the user id is used",
      files: withFiles(app, {
        "convex/payments.ts": `import { v } from "convex/values";
import { action, mutation } from "./_generated/server";
import { api } from "./_generated/api";
export const simulatePayment = action({
  args: { userId: v.id("users"), amount: v.number() },
  handler: async (ctx, args) => {
    if (process.env.PAYMENT_TEST_MODE !== "true") throw new Error("Test mode only");
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
    await ctx.runMutation(api.payments.record, { userId: args.userId, amount: args.amount, secret: "" });
  },
});
export const record = mutation({
  args: { userId: v.id("users"), amount: v.number(), secret: v.string() },
  handler: async (ctx, args) => {
    if (args.secret !== process.env.WORKER_SECRET) throw new Error("Forbidden");
    await ctx.db.insert("payments", { userId: args.userId, amount: args.amount });
  },
});
`,
      }),
    },
    { name: "near miss: no auth in the app", files: withFiles(viteBaseline(), { "convex/messages.ts": trusting }) },
    {
      name: "near miss: a query whose name says it serves everyone (the id only marks the caller's likes)",
      files: withFiles(app, {
        "convex/messages.ts": trusting
          .replace("export const send = mutation", "export const sendInternal = internalMutation")
          .replace("import { mutation, query }", "import { internalMutation, query }")
          .replace("export const profile", "export const getPublicProfile"),
      }),
    },
    {
      name: "near miss: a query asking a yes/no question about the user (canX, hasX, …Eligibility)",
      files: withFiles(app, {
        "convex/messages.ts": trusting
          .replace("export const send = mutation", "export const sendInternal = internalMutation")
          .replace("import { mutation, query }", "import { internalMutation, query }")
          .replace("export const profile", "export const canMessage"),
      }),
    },
  ],
  invalid: [
    {
      name: "an unused identity check beside a clerkId that sets roles",
      files: withFiles(app, {
        "convex/users.ts": `import { v } from "convex/values";\nimport { mutation } from "./_generated/server";\nexport const syncUser = mutation({ args: { clerkId: v.string(), roles: v.array(v.string()) }, handler: async (ctx, args) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("no");\n  await ctx.db.insert("users", { clerkId: args.clerkId, roles: args.roles });\n} });\n`,
      }),
      errors: [{ messageId: "escalation", file: "convex/users.ts", line: 3, severity: "error", message: "roles" }],
    },
    {
      name: "mutation writes with a client userId; query reads a profile by id",
      files: withFiles(app, { "convex/messages.ts": trusting }),
      errors: [
        { messageId: "trusted", file: "convex/messages.ts", line: 5, severity: "error", message: "userId" },
        { messageId: "trusted", file: "convex/messages.ts", line: 12, severity: "info", message: "owner" },
      ],
    },
    {
      name: "a monorepo's backend package (no provider here, no auth config) whose other functions ask who the caller is",
      files: withFiles(viteBaseline(), {
        "convex/messages.ts": trusting,
        "convex/me.ts": `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return identity.subject;
  },
});
`,
      }),
      errors: [
        { messageId: "trusted", file: "convex/messages.ts", line: 5, severity: "error", message: "userId" },
        { messageId: "trusted", file: "convex/messages.ts", line: 12, severity: "info", message: "owner" },
      ],
    },
    {
      name: "a query handing out the user's email is a warning, even named public; a signed-in check alone doesn't excuse it",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace("name: v.string(),", "name: v.string(), email: v.string(),"),
        "convex/messages.ts": trusting
          .replace("export const send = mutation", "export const sendInternal = internalMutation")
          .replace("import { mutation, query }", "import { internalMutation, query }")
          .replace("export const profile", "export const getPublicProfile"),
        "convex/users.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const byId = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
    const user = await ctx.db.get(userId);
    return { ...user, seen: Date.now() };
  },
});
`,
      }),
      errors: [
        {
          messageId: "exposes",
          file: "convex/messages.ts",
          line: 12,
          severity: "warning",
          message: "returns `email` of `users` documents without comparing `owner` with the caller: anyone",
        },
        {
          messageId: "exposes",
          file: "convex/users.ts",
          line: 4,
          severity: "warning",
          message: "any signed-in user can read another user's",
        },
      ],
    },
    {
      name: "a query reading the messages of the user the client names (by an index or a JS filter, under a count's name) is a warning; their notes stay info; their posts, game scores and stats, and a query named public, are public",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace(
          'author: v.id("users") })',
          'author: v.id("users"), conversation: v.id("conversations") })',
        ).replace(
          "\n});",
          '\n  conversations: defineTable({ title: v.string() }),\n  notes: defineTable({ text: v.string(), author: v.id("users") }).index("by_author", ["author"]),\n  posts: defineTable({ title: v.string(), author: v.id("users") }).index("by_author", ["author"]),\n  gameScores: defineTable({ points: v.number(), player: v.id("users") }).index("by_player", ["player"]),\n});',
        ),
        "convex/inbox.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const messagesOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
    return ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", userId)).collect();
  },
});
export const threadsOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => (await ctx.db.query("messages").collect()).filter((m) => m.author === userId),
});
export const notesOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
    return ctx.db.query("notes").withIndex("by_author", (q) => q.eq("author", userId)).collect();
  },
});
export const getUnreadCount = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => (await ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", userId)).collect()).length,
});
// Public by nature: what a profile page shows.
export const postsOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => ctx.db.query("posts").withIndex("by_author", (q) => q.eq("author", userId)).collect(),
});
// A player's game history: every player sees the scores.
export const scoresOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => ctx.db.query("gameScores").withIndex("by_player", (q) => q.eq("player", userId)).collect(),
});
// Named public: the profile tab anyone sees.
export const getPublicThreadsOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) =>
    (await ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", userId)).collect()).map((m) => m._id),
});
export const getFollowersStats = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => (await ctx.db.get(userId))?.name.length,
});
`,
      }),
      errors: [
        {
          messageId: "privateRecords",
          file: "convex/inbox.ts",
          line: 4,
          severity: "warning",
          message: "reads `messages` (communications) records by it",
        },
        { messageId: "privateRecords", file: "convex/inbox.ts", line: 11, severity: "warning", message: "threadsOf" },
        { messageId: "uncompared", file: "convex/inbox.ts", line: 15, severity: "info", message: "notesOf" },
        {
          messageId: "privateRecords",
          file: "convex/inbox.ts",
          line: 22,
          severity: "warning",
          message: "`getUnreadCount` takes `userId` from the client and reads `messages`",
        },
      ],
    },
    {
      name: "a seller's listings, which the app also lists to everyone, are public; near miss: a seller's payouts by the same id",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace(
          "\n});",
          '\n  listings: defineTable({ title: v.string(), sellerId: v.id("users") }).index("by_seller", ["sellerId"]),\n  payouts: defineTable({ amount: v.number(), sellerId: v.id("users") }).index("by_seller", ["sellerId"]),\n});',
        ),
        "convex/listings.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const browse = query({ args: {}, handler: async (ctx) => ctx.db.query("listings").take(50) });
export const bySeller = query({
  args: { sellerId: v.id("users") },
  handler: async (ctx, { sellerId }) => ctx.db.query("listings").withIndex("by_seller", (q) => q.eq("sellerId", sellerId)).collect(),
});
export const payoutsOf = query({
  args: { sellerId: v.id("users") },
  handler: async (ctx, { sellerId }) => ctx.db.query("payouts").withIndex("by_seller", (q) => q.eq("sellerId", sellerId)).collect(),
});
`,
      }),
      errors: [
        { messageId: "privateRecords", file: "convex/listings.ts", line: 9, severity: "warning", message: "payoutsOf" },
      ],
    },
    {
      name: "a label of the account the client names (its role, its theme) is no record; near misses: a role in an organization's membership, a role with the plan's renewal date",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace(
          "tokenIdentifier: v.string() })",
          'tokenIdentifier: v.string(), clerkId: v.string(), role: v.string(), theme: v.string(), renewsAt: v.number() }).index("by_clerk", ["clerkId"])',
        ).replace(
          "\n});",
          '\n  memberships: defineTable({ userId: v.id("users"), orgId: v.string(), role: v.string() }).index("by_user", ["userId"]),\n});',
        ),
        "convex/roles.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const getUserRole = query({
  args: { clerkId: v.string() },
  handler: async (ctx, { clerkId }) => {
    const user = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", clerkId)).unique();
    return user?.role ?? null;
  },
});
export const getUserTheme = query({
  args: { clerkId: v.string() },
  handler: async (ctx, { clerkId }) => {
    const user = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", clerkId)).unique();
    return { theme: user?.theme ?? "light" };
  },
});
export const getMemberRole = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const membership = await ctx.db.query("memberships").withIndex("by_user", (q) => q.eq("userId", userId)).first();
    return membership?.role ?? null;
  },
});
export const getPlan = query({
  args: { clerkId: v.string() },
  handler: async (ctx, { clerkId }) => {
    const user = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", clerkId)).unique();
    return { role: user?.role, renewsAt: user?.renewsAt };
  },
});
`,
      }),
      errors: [
        { messageId: "trusted", file: "convex/roles.ts", line: 18, severity: "info", message: "getMemberRole" },
        { messageId: "trusted", file: "convex/roles.ts", line: 25, severity: "info", message: "getPlan" },
      ],
    },
    {
      name: "a family's shared feed, listed whole to every signed-in member, filtered by one member is no leak; near miss: messages listed whole are a hole of their own, no excuse",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace(
          'author: v.id("users") })',
          'author: v.id("users"), to: v.id("users") })',
        ).replace(
          "\n});",
          '\n  activities: defineTable({ text: v.string(), memberId: v.id("users") }).index("by_member", ["memberId"]),\n});',
        ),
        "convex/feed.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
async function signedIn(ctx: any) {
  if ((await ctx.auth.getUserIdentity()) === null) throw new Error("Not signed in");
}
export const list = query({ args: {}, handler: async (ctx) => { await signedIn(ctx); return ctx.db.query("activities").collect(); } });
export const listByMemberId = query({
  args: { memberId: v.id("users") },
  handler: async (ctx, { memberId }) => {
    await signedIn(ctx);
    return ctx.db.query("activities").withIndex("by_member", (q) => q.eq("memberId", memberId)).collect();
  },
});
export const allMessages = query({ args: {}, handler: async (ctx) => { await signedIn(ctx); return ctx.db.query("messages").collect(); } });
export const messagesOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    await signedIn(ctx);
    return ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", userId)).collect();
  },
});
`,
      }),
      errors: [
        { messageId: "privateRecords", file: "convex/feed.ts", line: 16, severity: "warning", message: "messagesOf" },
      ],
    },
    {
      name: "a signed-in query reading the invitations of an email the client passes (the caller's own, unchecked)",
      files: withFiles(app, { "convex/schema.ts": INVITES_SCHEMA, "convex/invites.ts": invites("") }),
      errors: [
        {
          messageId: "exposes",
          file: "convex/invites.ts",
          line: 16,
          severity: "warning",
          message: "`pending` takes `email` from the client",
        },
      ],
    },
    {
      name: "an AuthId argument (the provider's user id) written and read with no check",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA.replace(
          "\n});",
          "\n  budgets: defineTable({ AuthId: v.string(), amount: v.number() }),\n});",
        ),
        "convex/budgets.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
export const createBudget = mutation({
  args: { AuthId: v.string(), amount: v.number() },
  handler: async (ctx, args) => ctx.db.insert("budgets", { AuthId: args.AuthId, amount: args.amount }),
});
export const getBudgets = query({
  args: { AuthId: v.string() },
  handler: async (ctx, args) => ctx.db.query("budgets").filter((q) => q.eq(q.field("AuthId"), args.AuthId)).collect(),
});
`,
      }),
      errors: [
        {
          messageId: "trusted",
          file: "convex/budgets.ts",
          line: 4,
          severity: "error",
          message: "`createBudget` takes `AuthId`",
        },
        {
          messageId: "trusted",
          file: "convex/budgets.ts",
          line: 8,
          severity: "info",
          message: "`getBudgets` takes `AuthId`",
        },
      ],
    },
    {
      name: "a public-sounding name doesn't excuse a mutation",
      files: withFiles(app, {
        "convex/messages.ts": trusting.replace("export const send", "export const publishPublic"),
      }),
      errors: [
        { messageId: "trusted", file: "convex/messages.ts", line: 5, severity: "error", message: "publishPublic" },
        { messageId: "trusted", file: "convex/messages.ts", line: 12, severity: "info", message: "owner" },
      ],
    },
  ],
});
