export const getCurrentUser = async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db.query("users").filter((q) => q.eq(q.field("email"), identity.email)).first();
};
