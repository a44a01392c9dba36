import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./parallel-users-table.ts";

const app = viteConvexAuth();
const clerkSchema = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),\n});\n`;
/** A storeUser-style mutation finding the caller's row in `table` by tokenIdentifier. */
const storeUser = (table: string) => `import { mutation } from "./_generated/server";
export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    const row = await ctx.db
      .query("${table}")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    return row?._id ?? (await ctx.db.insert("${table}", { tokenIdentifier: identity.tokenIdentifier }));
  },
});
`;
const withPlayers = app.files["convex/schema.ts"]!.replace(
  "  numbers:",
  '  players: defineTable({ tokenIdentifier: v.string(), score: v.number() }).index("by_token", ["tokenIdentifier"]),\n  numbers:',
);
ruleTester(rule, {
  valid: [
    { name: "authTables only", files: app.files },
    {
      name: "near miss: Clerk app with a tokenIdentifier users table",
      files: withFiles(viteClerk(), { "convex/schema.ts": clerkSchema }),
    },
    {
      name: "near miss: a classroom's course subject, not indexed, on a table that isn't users",
      files: withFiles(app, {
        "convex/schema.ts": app.files["convex/schema.ts"]!.replace(
          "  numbers:",
          '  classrooms: defineTable({ name: v.string(), subject: v.optional(v.string()), creatorId: v.id("users") }),\n  numbers:',
        ),
      }),
    },
    {
      name: "near miss: a tokenIdentifier index left from an earlier setup that no function looks a row up by",
      files: withFiles(app, { "convex/schema.ts": withPlayers }),
    },
  ],
  invalid: [
    {
      name: "players keyed by tokenIdentifier (an index) beside authTables",
      files: withFiles(app, { "convex/schema.ts": withPlayers, "convex/players.ts": storeUser("players") }),
      errors: [
        { messageId: "table", file: "convex/schema.ts", line: 7, message: "players table is keyed by tokenIdentifier" },
      ],
    },
    {
      name: "profiles keyed by tokenIdentifier beside authTables",
      files: withFiles(app, {
        "convex/schema.ts": app.files["convex/schema.ts"]!.replace(
          "  numbers:",
          "  profiles: defineTable({ tokenIdentifier: v.string() }),\n  numbers:",
        ),
        "convex/profiles.ts": storeUser("profiles"),
      }),
      errors: [{ messageId: "table", file: "convex/schema.ts", line: 7 }],
    },
  ],
});
