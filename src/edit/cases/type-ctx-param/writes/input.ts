export const ensureUser = async (ctx: any, name: string) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return await ctx.db.insert("users", { name, tokenIdentifier: identity.tokenIdentifier });
};
