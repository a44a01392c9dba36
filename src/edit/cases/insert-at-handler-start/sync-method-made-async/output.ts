import { query } from "./_generated/server";

export const count = query({
  args: {},
  async handler(ctx) {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) {
      throw new Error("Not authenticated");
    }
    return ctx.db.query("notes").take(10);
  },
});
