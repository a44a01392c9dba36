import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./weak-role-check.ts";

const schema = (
  role = `v.union(v.literal("admin"), v.literal("member"), v.literal("viewer"))`,
) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  orgs: defineTable({ name: v.string() }),
  memberships: defineTable({ userId: v.id("users"), orgId: v.id("orgs"), role: ${role} })
    .index("by_user", ["userId"])
    .index("by_user_and_org", ["userId", "orgId"]),
  projects: defineTable({ orgId: v.id("orgs"), name: v.string() }).index("by_org", ["orgId"]),
});
`;
/** One mutation deleting a project: `body` runs after the caller's user row is loaded. */
const remove = (body: string, helpers = "") => `import { v } from "convex/values";
import { mutation } from "./_generated/server";
${helpers}
export const remove = mutation({
  args: { orgId: v.id("orgs"), projectId: v.id("projects") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    const user = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    if (user === null) throw new Error("No user");
    ${body}
    await ctx.db.delete(args.projectId);
  },
});
`;
const byUserAndOrg = `const membership = await ctx.db
      .query("memberships")
      .withIndex("by_user_and_org", (q) => q.eq("userId", user._id).eq("orgId", args.orgId))
      .unique();`;
const byUserOnly = `const membership = await ctx.db
      .query("memberships")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .first();`;
const app = viteClerk();
const files = (body: string, role?: string, helpers?: string) =>
  withFiles(app, { "convex/schema.ts": schema(role), "convex/projects.ts": remove(body, helpers) });

ruleTester(rule, {
  valid: [
    {
      name: "membership by user and organization, null and allowed roles checked",
      files: files(`${byUserAndOrg}
    if (membership === null || membership.role !== "admin") throw new Error("Forbidden");`),
    },
    {
      name: "membership by the caller and the organization their token has active (the org id claim), then its role",
      files: files(`const membership = await ctx.db
      .query("memberships")
      .withIndex("by_user_and_org", (q) => q.eq("userId", user._id).eq("orgId", identity.org_id as Id<"orgs">))
      .unique();
    if (membership === null || membership.role !== "admin") throw new Error("Forbidden");`),
    },
    {
      name: "near miss: an exact-role check locks higher roles out, it lets nobody in",
      files: files(`${byUserAndOrg}
    if (!membership || membership.role !== "member") throw new Error("Forbidden");`),
    },
    {
      name: "near miss: a denylist on a closed union of roles",
      files: files(`${byUserAndOrg}
    if (membership === null || membership.role === "viewer") throw new Error("Forbidden");`),
    },
    {
      name: "near miss: the org role claim is checked together with the org id claim",
      files: files(
        `if (identity.org_id !== args.orgId || identity.org_role !== "org:admin") throw new Error("Forbidden");`,
      ),
    },
    {
      name: "near miss: a role test stored and then used",
      files: files(`${byUserAndOrg}
    const isAdmin = membership?.role === "admin";
    if (!isAdmin) throw new Error("Forbidden");`),
    },
    {
      name: "near miss: a predicate helper that throws is a guard, its dropped result is fine",
      files: files(
        `await hasAdminRole(ctx, user._id, args.orgId);`,
        undefined,
        `async function hasAdminRole(ctx: any, userId: any, orgId: any) {
  const m = await ctx.db.query("memberships").withIndex("by_user_and_org", (q: any) => q.eq("userId", userId).eq("orgId", orgId)).unique();
  if (m === null || m.role !== "admin") throw new Error("Forbidden");
  return true;
}`,
      ),
    },
    {
      name: "near miss: a chat message's role is no authorization",
      files: withFiles(app, {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  messages: defineTable({ threadId: v.string(), role: v.string(), body: v.string() }).index("by_thread", ["threadId"]),
});
`,
        "convex/chat.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const reply = mutation({
  args: { threadId: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    const last = await ctx.db.query("messages").withIndex("by_thread", (q) => q.eq("threadId", args.threadId)).first();
    if (last?.role === "user") return;
    const fromUser = last?.role === "user";
    if (last !== null && last.role !== "user") {
      await ctx.db.insert("messages", { threadId: args.threadId, role: "user", body: "…" });
    }
  },
});
`,
      }),
    },
  ],
  invalid: [
    {
      name: "no membership passes an optional-chained denylist",
      files: files(`${byUserAndOrg}
    if (membership?.role === "viewer") throw new Error("Forbidden");`),
      errors: [{ messageId: "optionalNegative", line: 18, severity: "error" }],
    },
    {
      name: "the token's org role trusted for any organization",
      files: files(`if (identity.org_role !== "org:admin") throw new Error("Forbidden");`),
      errors: [{ messageId: "orgClaim", line: 14, message: "org:admin" }],
    },
    {
      name: "membership looked up by the user only, then its role tested",
      files: files(`${byUserOnly}
    if (!membership || membership.role !== "admin") throw new Error("Forbidden");`),
      errors: [
        { messageId: "userOnlyMembership", line: 18, message: "`memberships` row looked up by the caller alone" },
      ],
    },
    {
      name: "a denylist on a free-text role",
      files: files(
        `${byUserAndOrg}
    if (membership === null) throw new Error("Forbidden");
    if (membership.role !== "viewer") {
      await ctx.db.patch(args.projectId, { name: "renamed" });
    }`,
        "v.string()",
      ),
      errors: [{ messageId: "denylist", line: 19, severity: "warning", message: "`memberships.role` is v.string()" }],
    },
    {
      name: "role tests whose results nothing reads",
      files: files(
        `${byUserAndOrg}
    if (membership === null) throw new Error("Forbidden");
    const isAdmin = membership.role === "admin";
    isOwner(membership, user._id);`,
        undefined,
        `function isOwner(membership: { role: string; userId: string }, userId: string) {
  return membership.userId === userId && membership.role === "admin";
}`,
      ),
      errors: [
        { messageId: "unused", line: 21 },
        { messageId: "discarded", line: 22, message: "`isOwner`" },
      ],
    },
  ],
});
