import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./convex-json-invalid.ts";

const app = viteWorkos();
ruleTester(rule, {
  valid: [
    { name: "template authKit config", files: app.files },
    {
      name: "near miss: JSONC comments and functions dir",
      files: withFiles(viteBaseline(), {
        "convex.json": '{\n  // where functions live\n  "functions": "convex/",\n}\n',
      }),
    },
  ],
  invalid: [
    {
      name: "syntax error",
      files: withFiles(app, { "convex.json": '{ "authKit": { ' }),
      errors: [{ messageId: "syntax", file: "convex.json", line: 1 }],
    },
    {
      name: "environmentType in dev, localEnvVars in prod, and a typo",
      files: withFiles(app, {
        "convex.json": JSON.stringify(
          { authkit: {}, authKit: { dev: { environmentType: "production" }, prod: { localEnvVars: { A: "b" } } } },
          null,
          2,
        ),
      }),
      errors: [
        { messageId: "unknown", severity: "warning", message: "authkit" },
        { messageId: "unknown", severity: "warning", message: "environmentType" },
        { messageId: "schema", severity: "error", message: "authKit.prod.localEnvVars" },
      ],
    },
  ],
});
