import { query } from "./_generated/server";

export async function getUser(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db.query("users").first();
}

export const me = query({ args: {}, handler: async (ctx) => getUser(ctx) });
