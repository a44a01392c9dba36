/** Convex backend files in the shapes the docs teach (users + store, helpers, messages). */
export const USERS_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  messages: defineTable({ body: v.string(), author: v.id("users") }).index("by_author", ["author"]),
});
`;

export const USERS_TS = `import { mutation, query, type QueryCtx } from "./_generated/server";

export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Called storeUser without authentication present");
    const user = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    if (user !== null) {
      if (user.name !== identity.name) await ctx.db.patch(user._id, { name: identity.name });
      return user._id;
    }
    return await ctx.db.insert("users", { name: identity.name ?? "Anonymous", tokenIdentifier: identity.tokenIdentifier });
  },
});

export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
}

export async function getCurrentUserOrThrow(ctx: QueryCtx) {
  const user = await getCurrentUser(ctx);
  if (!user) throw new Error("Can't get current user");
  return user;
}

export const current = query({
  args: {},
  handler: async (ctx) => getCurrentUser(ctx),
});
`;

export const MESSAGES_TS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getCurrentUserOrThrow } from "./users";

export const list = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUserOrThrow(ctx);
    return await ctx.db.query("messages").withIndex("by_author", (q) => q.eq("author", user._id)).collect();
  },
});

export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    const user = await getCurrentUserOrThrow(ctx);
    await ctx.db.insert("messages", { body, author: user._id });
  },
});

export const remove = mutation({
  args: { id: v.id("messages") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    const message = await ctx.db.get(args.id);
    if (message?.author !== user._id) throw new Error("Not yours");
    await ctx.db.delete(args.id);
  },
});
`;

/** A public action verifying a Turnstile captcha with the server's secret (its module imports `v` and `action`). */
export const captchaAction = (name: string) => `export const ${name} = action({
  args: { token: v.string() },
  handler: async (_ctx, { token }) => {
    const response = await fetch("https://challenges.cloudflare.com/turnstile/v0/siteverify", {
      method: "POST",
      body: JSON.stringify({ secret: process.env.TURNSTILE_SECRET_KEY, response: token }),
    });
    return (await response.json()).success === true;
  },
});
`;
