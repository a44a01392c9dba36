import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-tables-missing.ts";

const app = viteConvexAuth();
const plainSchema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  numbers: defineTable({
    value: v.number(),
  }),
});
`;
ruleTester(rule, {
  valid: [
    { name: "authTables spread", files: app.files },
    { name: "near miss: Clerk app without authTables", files: viteClerk().files },
    {
      name: "near miss: authTables imported under another name",
      files: withFiles(app, {
        "convex/schema.ts": app.files["convex/schema.ts"]!.replace(
          "import { authTables }",
          "import { authTables as tables }",
        ).replace("...authTables", "...tables"),
      }),
    },
    {
      name: "authTables spread through a typed alias",
      files: withFiles(app, {
        "convex/schema.ts": app.files["convex/schema.ts"]!.replace(
          "export default defineSchema({",
          "const typedAuthTables = authTables as unknown as typeof authTables;\n\nexport default defineSchema({",
        ).replace("...authTables", "...typedAuthTables"),
      }),
    },
    {
      name: "near miss: @convex-dev/auth only in package.json of a Clerk app (never imported)",
      files: withFiles(viteClerk(), {
        "package.json": viteClerk().files["package.json"]!.replace(
          '"convex":',
          '"@convex-dev/auth": "^0.0.90", "convex":',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "an alias of something else is not authTables",
      files: withFiles(app, {
        "convex/schema.ts": app.files["convex/schema.ts"]!.replace(
          "export default defineSchema({",
          "const typedAuthTables = {} as typeof authTables;\n\nexport default defineSchema({",
        ).replace("...authTables", "...typedAuthTables"),
      }),
      errors: [{ messageId: "notSpread" }],
    },
    {
      name: "schema without authTables (fixed)",
      files: withFiles(app, { "convex/schema.ts": plainSchema }),
      errors: [{ messageId: "notSpread", file: "convex/schema.ts", line: 4 }],
      output: {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { authTables } from "@convex-dev/auth/server";

export default defineSchema({
  ...authTables,
  numbers: defineTable({
    value: v.number(),
  }),
});
`,
      },
    },
    {
      name: "no schema file",
      files: withFiles(app, { "convex/schema.ts": undefined }),
      errors: [{ messageId: "noSchema" }],
    },
  ],
});
