import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-ctx-any.ts";

const app = viteClerk();
ruleTester(rule, {
  valid: [
    { name: "typed QueryCtx", files: withFiles(app, { "convex/users.ts": USERS_TS }) },
    {
      name: "near miss: any-typed ctx that only logs",
      files: withFiles(app, {
        "convex/log.ts": `export function log(ctx: any, message: string) {\n  console.log(message, typeof ctx);\n}\n`,
      }),
    },
    {
      name: "near miss: a metrics helper with ctx: any that reads no user data (not an auth path)",
      files: withFiles(app, {
        "convex/metrics.ts": `export async function averageRating(ctx: any, gigId: string) {\n  const reviews = await ctx.db.query("reviews").filter((q: any) => q.eq(q.field("gigId"), gigId)).collect();\n  return reviews.length;\n}\n`,
      }),
    },
    {
      name: "near miss: helpers with ctx: any that only write a user's row, or look up fixed test ids (seeding, not an auth path)",
      files: withFiles(app, {
        "convex/seed.ts": `export async function seedProfile(ctx: any, name: string) {\n  await ctx.db.insert("profiles", { userId: "eval-teacher", name });\n}\nexport async function cleanup(ctx: any) {\n  const rows = await ctx.db.query("profiles").filter((q: any) => q.eq(q.field("userId"), "eval-teacher")).collect();\n  for (const row of rows) await ctx.db.delete(row._id);\n}\n`,
      }),
    },
    {
      name: "near miss: a data helper with ctx: any over an owner its callers resolved (reads, decides nothing)",
      files: withFiles(app, {
        "convex/settings.ts": `export async function loadSettings(ctx: any, ownerId: string) {\n  return await ctx.db.query("settings").withIndex("by_owner", (q: any) => q.eq("ownerId", ownerId)).first();\n}\n`,
      }),
    },
    {
      name: "near miss: users found by what is no account key (a username probed for a free name, a branch's staff by role to notify)",
      files: withFiles(app, {
        "convex/names.ts": `export async function freeUsername(ctx: any, base: string) {\n  const taken = await ctx.db.query("users").withIndex("by_username", (q: any) => q.eq("username", base)).first();\n  return taken ? base + "1" : base;\n}\nexport async function notifyStaff(ctx: any, branchId: string) {\n  const staff = await ctx.db.query("users").withIndex("by_branch_role", (q: any) => q.eq("branch_id", branchId).eq("role", "staff")).collect();\n  for (const member of staff) await ctx.db.insert("notifications", { userId: member._id, text: "New booking" });\n}\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "a helper with ctx: any that resolves a user by clerkId: info",
      files: withFiles(app, {
        "convex/people.ts": `export const userByClerkId = async (ctx: any, clerkId: string) => {\n  return await ctx.db.query("users").withIndex("by_clerkId", (q: any) => q.eq("clerkId", clerkId)).first();\n};\n`,
      }),
      errors: [{ messageId: "any", file: "convex/people.ts", line: 1, severity: "info" }],
    },
    {
      name: "a helper with ctx: any that resolves a user by email or by id: info",
      files: withFiles(app, {
        "convex/lookup.ts": `export async function userByEmail(ctx: any, email: string) {\n  return await ctx.db.query("users").withIndex("by_email", (q: any) => q.eq("email", email)).unique();\n}\nexport async function userById(ctx: any, id: string) {\n  return await ctx.db.query("users").filter((q: any) => q.eq(q.field("_id"), id)).first();\n}\n`,
      }),
      errors: [
        { messageId: "any", file: "convex/lookup.ts", line: 1, severity: "info" },
        { messageId: "any", file: "convex/lookup.ts", line: 4, severity: "info" },
      ],
    },
    {
      name: "a helper with ctx: any that decides on a user's rows by the id it is given (a quota that throws): info",
      files: withFiles(app, {
        "convex/usage.ts": `export async function enforceQuota(ctx: any, userId: string) {\n  const usage = await ctx.db.query("usage").withIndex("by_user", (q: any) => q.eq("userId", userId)).first();\n  if (usage && usage.count >= 10) throw new Error("Quota reached");\n}\n`,
      }),
      errors: [{ messageId: "any", file: "convex/usage.ts", line: 1, severity: "info" }],
    },
    {
      name: "a helper with ctx: any that looks a membership up by the ids it is given: info",
      files: withFiles(app, {
        "convex/families.ts": `export async function activeMembership(ctx: any, familyId: string, userId: string) {\n  return await ctx.db.query("familyMembers").withIndex("by_family_user", (q: any) => q.eq("familyId", familyId).eq("userId", userId)).unique();\n}\n`,
      }),
      errors: [{ messageId: "any", file: "convex/families.ts", line: 1, severity: "info" }],
    },
    {
      name: "auth helper with ctx: any",
      files: withFiles(app, {
        "convex/users.ts": USERS_TS.replace("getCurrentUser(ctx: QueryCtx)", "getCurrentUser(ctx: any)"),
      }),
      errors: [{ messageId: "any", file: "convex/users.ts", line: 20, severity: "warning" }],
      output: { "convex/users.ts": USERS_TS },
    },
    {
      name: "a writing helper in a nested file (MutationCtx, imported from ../_generated/server)",
      files: withFiles(app, {
        "convex/lib/auth.ts": `export async function ensureUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier });\n}\n`,
        "convex/users.ts": `import { mutation } from "./_generated/server";\nimport { ensureUser } from "./lib/auth";\nexport const store = mutation({ args: {}, handler: async (ctx) => ensureUser(ctx) });\n`,
      }),
      errors: [{ messageId: "any", file: "convex/lib/auth.ts", line: 1 }],
      output: {
        "convex/lib/auth.ts": `import type { MutationCtx } from "../_generated/server";\n\nexport async function ensureUser(ctx: MutationCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier });\n}\n`,
      },
    },
    {
      name: "an identity helper called from a query and an action: QueryCtx | ActionCtx",
      files: withFiles(app, {
        "convex/users.ts": `import { action, query } from "./_generated/server";\n\nasync function requireIdentity(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return identity;\n}\n\nexport const me = query({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\nexport const run = action({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\n`,
      }),
      errors: [{ messageId: "any", file: "convex/users.ts", line: 3 }],
      output: {
        "convex/users.ts": `import { action, query } from "./_generated/server";\nimport type { QueryCtx, ActionCtx } from "./_generated/server";\n\nasync function requireIdentity(ctx: QueryCtx | ActionCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return identity;\n}\n\nexport const me = query({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\nexport const run = action({ args: {}, handler: async (ctx) => requireIdentity(ctx) });\n`,
      },
    },
  ],
});
