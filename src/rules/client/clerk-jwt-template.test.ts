import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { tanstackClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./clerk-jwt-template.ts";

const app = tanstackClerk();
ruleTester(rule, {
  valid: [
    { name: "plain getToken()", files: app.files },
    {
      name: "near miss: another template",
      files: withFiles(app, {
        "src/token.ts": `export const t = (getToken: any) => getToken({ template: "supabase" });\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "template convex in the root route",
      files: withFiles(app, {
        "src/routes/__root.tsx": app.files["src/routes/__root.tsx"]!.replace(
          "await getToken()",
          'await getToken({ template: "convex" })',
        ),
      }),
      errors: [{ messageId: "template", file: "src/routes/__root.tsx", line: 9, severity: "info" }],
    },
  ],
});
