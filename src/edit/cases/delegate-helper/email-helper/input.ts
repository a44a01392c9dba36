import { QueryCtx } from "../_generated/server";

export async function getViewer(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not signed in");
  const user = await ctx.db
    .query("users")
    .withIndex("by_email", (q: any) => q.eq("email", identity.email))
    .unique();
  if (!user) throw new Error("No user");
  return user;
}
