import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import { viteConvexAuth } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-v1-leftovers.ts";

const app = viteConvexAuthV2();
const v1 = viteConvexAuth();
ruleTester(rule, {
  valid: [
    { name: "a clean v2 app", files: app.files, env: app.env },
    { name: "near miss: a v1 app keeps its keys and tables", files: v1.files, env: v1.env },
  ],
  invalid: [
    {
      name: "keys still on dev and authTables in the schema",
      files: {
        ...app.files,
        "convex/schema.ts":
          'import { authTables } from "@convex-dev/auth/server";\nimport { defineSchema } from "convex/server";\n\nexport default defineSchema({ ...authTables });\n',
      },
      env: { dev: { ...app.env.dev, JWT_PRIVATE_KEY: "x", JWKS: "{}" } },
      errors: [
        { messageId: "keys", target: "dev", message: "JWT_PRIVATE_KEY, JWKS" },
        { messageId: "code", file: "convex/schema.ts", line: 1, message: "authTables" },
      ],
    },
    {
      name: "v2 installed while package.json still declares v1, with @auth/core",
      files: {
        ...app.files,
        "package.json": app.files["package.json"]!.replace(
          '"@convex-dev/auth": "2.0.0"',
          '"@convex-dev/auth": "^0.0.95", "@auth/core": "0.41.1"',
        ),
        "node_modules/@convex-dev/auth/package.json": '{"name":"@convex-dev/auth","version":"2.0.0"}',
      },
      errors: [
        { messageId: "mixed", file: "package.json", message: "package.json: ^0.0.95 (v1)" },
        { messageId: "authCore", file: "package.json" },
      ],
    },
  ],
});
