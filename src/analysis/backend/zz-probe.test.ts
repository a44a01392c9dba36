import { it } from "vitest";
import { moduleOf, SERVER } from "../fixture.test-helper.ts";
it("probe", async () => {
  const m = await moduleOf(`${SERVER}
export const f = mutation({ args: { orgId: v.id("orgs"), id: v.id("projects") }, handler: async (ctx, args) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error();
  const m = await ctx.db.query("memberships").withIndex("by_user", (q) => q.eq("userId", identity.subject)).first();
  if (!m || m.role !== "admin") throw new Error();
  if (identity.org_role !== "org:admin") throw new Error();
  const isAdmin = m.role === "admin";
  isOwner(ctx, args.id);
  const ps = await ctx.db.query("projects").withIndex("by_org", (q) => q.eq("orgId", args.orgId)).filter((q) => q.eq(q.field("x"), args.id)).collect();
  await ctx.db.get(args.id as any);
  const d = (await ctx.db.get(args.id)) as any;
  await ctx.db.insert("projects", { orgId: args.orgId, name: "x" });
} });
function isOwner(ctx: any, id: any) { return true; }
`);
  console.log(JSON.stringify(m.functions[0]!.handler!.access, null, 1));
});
