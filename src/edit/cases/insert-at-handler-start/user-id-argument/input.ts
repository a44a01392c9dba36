import { v } from "convex/values";
import { query } from "./_generated/server";

export const forUser = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    return await ctx.db.query("notes").withIndex("by_owner", (q) => q.eq("owner", userId)).collect();
  },
});
