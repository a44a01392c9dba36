import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_SCHEMA, USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./user-never-created.ts";

const app = viteClerk();
const readOnly = USERS_TS.replace(/export const store[\s\S]*?\n\}\);\n/, "");
/** Deleting the caller's chats, found by an owner field (FIELD) in `chats` (no function inserts any). */
const clearChats = (field: string) => `import { mutation } from "./_generated/server";
export const clearMyChats = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    const chats = await ctx.db
      .query("chats")
      .withIndex("by_${field}", (q) => q.eq("${field}", identity.subject))
      .collect();
    for (const chat of chats) await ctx.db.delete(chat._id);
  },
});
`;
ruleTester(rule, {
  valid: [
    {
      name: "store mutation inserts users",
      files: withFiles(app, { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": USERS_TS }),
    },
    {
      name: "near miss: a webhook's internal mutation inserts users",
      files: withFiles(app, {
        "convex/users.ts": readOnly,
        "convex/clerk.ts": `import { v } from "convex/values";\nimport { internalMutation } from "./_generated/server";\nexport const upsertFromClerk = internalMutation({ args: { data: v.any() }, handler: async (ctx, { data }) => { await ctx.db.insert("users", { name: data.first_name, tokenIdentifier: data.id }); } });\n`,
      }),
    },
    {
      name: "near miss: Convex Auth creates users itself",
      files: withFiles(viteConvexAuth(), { "convex/users.ts": readOnly }),
    },
    {
      name: "near miss: the caller's rows of another table found by its owner field (`userId`), not the caller",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA,
        "convex/users.ts": USERS_TS,
        "convex/chats.ts": clearChats("userId"),
      }),
    },
  ],
  invalid: [
    {
      name: "lookups without any insert",
      files: withFiles(app, { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": readOnly }),
      errors: [{ messageId: "never", file: "convex/users.ts", line: 7, message: "users" }],
    },
    {
      name: "a table that isn't users, keyed by the caller's token identifier, where no function inserts",
      files: withFiles(app, {
        "convex/schema.ts": USERS_SCHEMA,
        "convex/users.ts": USERS_TS,
        "convex/chats.ts": clearChats("tokenIdentifier"),
      }),
      errors: [{ messageId: "never", file: "convex/chats.ts", line: 7, message: "`chats`" }],
    },
  ],
});
