import { mutation } from "./_generated/server";

export const list = mutation({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
  },
});
