import type { MutationCtx } from "./_generated/server";

export const ensureUser = async (ctx: MutationCtx, name: string) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return await ctx.db.insert("users", { name, tokenIdentifier: identity.tokenIdentifier });
};
