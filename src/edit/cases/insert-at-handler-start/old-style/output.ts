import { query } from "./_generated/server";

export const list = query(async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  return await ctx.db.query("tasks").collect();
});
