/** Users (added by authwire). */
import { query } from "./_generated/server";
import type { QueryCtx } from "./_generated/server";

/** The user for a token. */
async function lookup(ctx: QueryCtx, token: string) {
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", token))
    .unique();
}

/** The signed-in user. */
export async function me(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await lookup(ctx, identity.tokenIdentifier);
}

export const current = query({
  args: {},
  handler: async (ctx) => {
    return await me(ctx);
  },
});
