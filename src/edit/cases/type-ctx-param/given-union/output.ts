import { query } from "./_generated/server";
import type { QueryCtx, ActionCtx } from "./_generated/server";

export async function getUser(ctx: QueryCtx | ActionCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db.query("users").first();
}

export const me = query({ args: {}, handler: async (ctx) => getUser(ctx) });
