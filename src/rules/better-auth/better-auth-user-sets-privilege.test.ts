import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-user-sets-privilege.ts";

const app = viteBetterAuth();
const auth = app.files["convex/auth.ts"]!;
/** The template's auth.ts with `user: { additionalFields: <fields> }` beside emailAndPassword. */
const withUserFields = (fields: string, before = "") =>
  withFiles(app, {
    "convex/auth.ts": auth
      .replace("    emailAndPassword: {", `    user: { additionalFields: ${fields} },\n    emailAndPassword: {`)
      .replace("export const createAuth", `${before}export const createAuth`),
  });

ruleTester(rule, {
  valid: [
    { name: "what add writes (no additional fields)", files: app.files },
    {
      name: "a role the server sets (input: false), and fields users may set (a bio, an onboarding flag)",
      files: withUserFields(
        '{ role: { type: "string", defaultValue: "member", input: false }, bio: { type: "string", required: false }, isBoarded: { type: "boolean", defaultValue: false } }',
      ),
    },
    {
      name: "near miss: a field object authwire can't read (a spread) is left alone",
      files: withUserFields(
        "{ role: { ...roleField } }",
        'const roleField = { type: "string" as const, input: false };\n',
      ),
    },
  ],
  invalid: [
    {
      name: "a role and a plan users may set on sign-up or with updateUser; the fields read from a const",
      files: withUserFields(
        "userFields",
        'const userFields = {\n  role: { type: "string", required: true, defaultValue: "nurse" },\n  plan: { type: "string", input: true },\n  nickname: { type: "string" },\n};\n',
      ),
      errors: [
        {
          messageId: "settable",
          file: "convex/auth.ts",
          message: "`user.additionalFields.role` has no `input: false`",
        },
        { messageId: "settable", file: "convex/auth.ts", message: "`user.additionalFields.plan`" },
      ],
    },
  ],
});
