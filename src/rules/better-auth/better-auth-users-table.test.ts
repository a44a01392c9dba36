import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-users-table.ts";

const app = viteBetterAuth();

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    authId: v.string(),
    name: v.string(),
  }).index("by_authId", ["authId"]),
  notes: defineTable({
    userId: v.id("users"),
    text: v.string(),
  }),
});
`;

const LOOKUP = `import { query } from "./_generated/server";

export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_authId", (q) => q.eq("authId", identity.subject))
      .unique();
  },
});
`;

const STORE = `import { mutation } from "./_generated/server";

export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return await ctx.db.insert("users", { authId: identity.subject, name: identity.name ?? "" });
  },
});
`;

/** A bot's public mutation writing profiles from its own arguments (no caller identity), linked to the Better Auth id later. */
const BOT_PROFILES = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const fromDiscord = mutation({
  args: { discordId: v.string(), name: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("users", { authId: args.discordId, name: args.name });
  },
});
`;

const INTERNAL_STORE = STORE.replace("import { mutation }", "import { internalMutation }").replace(
  "export const store = mutation(",
  "export const store = internalMutation(",
);

const TRIGGERS = app.files["convex/auth.ts"]!.replace(
  "createClient<DataModel>(components.betterAuth);",
  "createClient<DataModel>(components.betterAuth, {\n  authFunctions: internal.auth,\n  triggers: { user: { onCreate: async () => {} } },\n});",
);

ruleTester(rule, {
  valid: [
    { name: "no app users table", files: app.files },
    {
      name: "near miss: the app table filled by the component's user triggers",
      files: {
        ...app.files,
        "convex/schema.ts": SCHEMA,
        "convex/users.ts": LOOKUP,
        "convex/auth.ts": TRIGGERS,
      },
    },
    {
      name: "filled by an internal mutation (a Better Auth database hook)",
      files: { ...app.files, "convex/schema.ts": SCHEMA, "convex/users.ts": LOOKUP, "convex/store.ts": INTERNAL_STORE },
    },
    {
      name: "near miss: profiles a bot writes from its own arguments, not a copy of the signed-in user",
      files: { ...app.files, "convex/schema.ts": SCHEMA, "convex/users.ts": LOOKUP, "convex/bot.ts": BOT_PROFILES },
    },
  ],
  invalid: [
    {
      name: "a Clerk-style storeUser copy beside the component",
      files: { ...app.files, "convex/schema.ts": SCHEMA, "convex/users.ts": LOOKUP, "convex/store.ts": STORE },
      errors: [{ messageId: "clientCopy", file: "convex/users.ts", line: 8, message: "convex/store.ts:store" }],
    },
    {
      name: "looked up but never written",
      files: { ...app.files, "convex/schema.ts": SCHEMA, "convex/users.ts": LOOKUP },
      errors: [{ messageId: "never", file: "convex/users.ts", message: "by identity.subject" }],
    },
    {
      name: 'v.id("user") pointing into the component',
      files: {
        ...app.files,
        "convex/schema.ts": SCHEMA.replace('userId: v.id("users")', 'userId: v.id("user")'),
      },
      errors: [{ messageId: "componentId", file: "convex/schema.ts", severity: "error", message: "field userId" }],
    },
  ],
});
