import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { USERS_SCHEMA, USERS_TS } from "../../../test/helpers/backend.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./user-never-created.ts";

const app = viteClerk();
const readOnly = USERS_TS.replace(/export const store[\s\S]*?\n\}\);\n/, "");
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
  ],
  invalid: [
    {
      name: "lookups without any insert",
      files: withFiles(app, { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": readOnly }),
      errors: [{ messageId: "never", file: "convex/users.ts", line: 7, message: "users" }],
    },
  ],
});
