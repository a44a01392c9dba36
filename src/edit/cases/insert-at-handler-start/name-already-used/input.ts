import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const remove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.id);
    const identity = await ctx.auth.getUserIdentity();
    if (note?.owner !== identity?.subject) throw new Error("Not yours");
    await ctx.db.delete(args.id);
  },
});
