import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./org-membership-not-checked.ts";

const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  orgs: defineTable({ name: v.string() }),
  memberships: defineTable({ userId: v.id("users"), orgId: v.id("orgs"), role: v.string() })
    .index("by_user", ["userId"])
    .index("by_user_and_org", ["userId", "orgId"]),
  projects: defineTable({ orgId: v.id("orgs"), name: v.string() }).index("by_org", ["orgId"]),
  labels: defineTable({ name: v.string() }),
});
`;
/** The module: each handler checks the caller is signed in, then `check` (membership or nothing). */
const projects = (check: string, orgValue = "args.orgId") => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getCurrentUserOrThrow } from "./users";

export const list = query({
  args: { orgId: v.id("orgs") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    ${check}
    return await ctx.db
      .query("projects")
      .withIndex("by_org", (q) => q.eq("orgId", ${orgValue}))
      .collect();
  },
});

export const create = mutation({
  args: { orgId: v.id("orgs"), name: v.string() },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    ${check}
    return await ctx.db.insert("projects", { orgId: args.orgId, name: args.name });
  },
});

export const remove = mutation({
  args: { orgId: v.id("orgs"), projectId: v.id("projects") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    ${check}
    await ctx.db.delete(args.projectId);
  },
});
`;
const users = `import type { QueryCtx } from "./_generated/server";
export async function getCurrentUserOrThrow(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw new Error("Not authenticated");
  const user = await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
  if (user === null) throw new Error("No user");
  return user;
}
`;
const roles = `import type { QueryCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import { getCurrentUserOrThrow } from "./users";
export async function assertMember(ctx: QueryCtx, orgId: Id<"orgs">) {
  const user = await getCurrentUserOrThrow(ctx);
  const membership = await ctx.db
    .query("memberships")
    .withIndex("by_user_and_org", (q) => q.eq("userId", user._id).eq("orgId", orgId))
    .unique();
  if (membership === null) throw new Error("Forbidden");
}
`;
const app = viteClerk();
const files = (module: string, extra: Record<string, string> = {}) =>
  withFiles(app, { "convex/schema.ts": schema, "convex/users.ts": users, "convex/projects.ts": module, ...extra });

ruleTester(rule, {
  valid: [
    {
      name: "membership looked up by the caller and the organization",
      files: files(
        projects(`const m = await ctx.db.query("memberships").withIndex("by_user_and_org", (q) => q.eq("userId", user._id).eq("orgId", args.orgId)).unique();
    if (m === null) throw new Error("Forbidden");`),
      ),
    },
    {
      name: "near miss: membership checked in a helper of another module",
      files: files(
        projects(`await assertMember(ctx, args.orgId);`).replace(
          'import { getCurrentUserOrThrow } from "./users";',
          'import { getCurrentUserOrThrow } from "./users";\nimport { assertMember } from "./roles";',
        ),
        { "convex/roles.ts": roles },
      ),
    },
    {
      name: "near miss: the organization comes from the caller's own membership",
      files: files(
        `import { query } from "./_generated/server";
import { getCurrentUserOrThrow } from "./users";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUserOrThrow(ctx);
    const membership = await ctx.db.query("memberships").withIndex("by_user", (q) => q.eq("userId", user._id)).first();
    if (membership === null) return [];
    return await ctx.db.query("projects").withIndex("by_org", (q) => q.eq("orgId", membership.orgId)).collect();
  },
});
`,
      ),
    },
    {
      name: "near miss: a table that is not org-scoped",
      files: files(`import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { getCurrentUserOrThrow } from "./users";
export const label = mutation({
  args: { labelId: v.id("labels"), name: v.string() },
  handler: async (ctx, args) => {
    await getCurrentUserOrThrow(ctx);
    await ctx.db.patch(args.labelId, { name: args.name });
  },
});
`),
    },
    {
      name: "near miss: teams no user belongs to are not organizations",
      files: withFiles(app, {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  teams: defineTable({ name: v.string() }),
  players: defineTable({ teamId: v.id("teams"), name: v.string() }).index("by_team", ["teamId"]),
});
`,
        "convex/users.ts": users,
        "convex/players.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
import { getCurrentUserOrThrow } from "./users";
export const roster = query({
  args: { teamId: v.id("teams") },
  handler: async (ctx, args) => {
    await getCurrentUserOrThrow(ctx);
    return await ctx.db.query("players").withIndex("by_team", (q) => q.eq("teamId", args.teamId)).collect();
  },
});
`,
      }),
    },
    {
      name: "users who each belong to an organization, and the caller found in the deployment's list of admins (`ADMIN_USER_IDS`): a right over every organization",
      files: files(
        projects('if (!isPlatformAdmin(user.tokenIdentifier)) throw new Error("Admins only");').replace(
          'import { getCurrentUserOrThrow } from "./users";',
          'import { getCurrentUserOrThrow } from "./users";\nfunction isPlatformAdmin(subject: string) {\n  return (process.env.ADMIN_USER_IDS ?? "").split(",").includes(subject);\n}',
        ),
        {
          "convex/schema.ts": schema.replace(
            "users: defineTable({ name: v.string(), tokenIdentifier: v.string() })",
            'users: defineTable({ name: v.string(), tokenIdentifier: v.string(), orgId: v.id("orgs"), role: v.string() })',
          ),
        },
      ),
    },
    {
      name: "near miss: no identity check at all (AW602's)",
      files: files(projects("").replace(/const user = await getCurrentUserOrThrow\(ctx\);/g, "")),
    },
  ],
  invalid: [
    {
      name: "signed in is checked, membership is not",
      files: files(projects("")),
      errors: [
        { messageId: "byOrg", line: 10, severity: "warning", message: "reads `projects` rows" },
        { messageId: "byOrg", line: 22, severity: "error", message: "adds `projects` rows" },
        { messageId: "byDocument", line: 31, severity: "error", message: "deletes a `projects` document" },
      ],
    },
    {
      name: "users who each belong to an organization: an admin role on the caller's row is their role in their own organization, no right over another's projects",
      files: files(projects('if (user.role !== "admin") throw new Error("Admins only");'), {
        "convex/schema.ts": schema.replace(
          "users: defineTable({ name: v.string(), tokenIdentifier: v.string() })",
          'users: defineTable({ name: v.string(), tokenIdentifier: v.string(), orgId: v.id("orgs"), role: v.string() })',
        ),
      }),
      errors: [
        { messageId: "byOrg", line: 10, severity: "warning", message: "reads `projects` rows" },
        { messageId: "byOrg", line: 22, severity: "error", message: "adds `projects` rows" },
        { messageId: "byDocument", line: 31, severity: "error", message: "deletes a `projects` document" },
      ],
    },
    {
      name: "a string org id (the auth provider's organization) never compared with the token's",
      files: withFiles(app, {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  invoices: defineTable({ orgId: v.string(), total: v.number() }).index("by_org", ["orgId"]),
});
`,
        "convex/invoices.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";
export const list = query({
  args: { orgId: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    return await ctx.db.query("invoices").withIndex("by_org", (q) => q.eq("orgId", args.orgId)).collect();
  },
});
`,
      }),
      errors: [{ messageId: "byOrg", file: "convex/invoices.ts", line: 8, severity: "warning" }],
    },
  ],
});
