/**
 * AW708: Better Auth's `user.additionalFields` declares a field that grants rights (`role`,
 * `isAdmin`, `plan`, `credits`…) without `input: false`. Better Auth takes every additional field
 * from the request unless `input` is false (its parseInputData throws "… is not allowed to be set"
 * only then), so any user sets it on sign-up (`signUp.email({ …, role: "admin" })`) or afterwards
 * (`authClient.updateUser({ role: "admin" })`), and every check that reads the field trusts it.
 */
import { defineRule } from "../define.ts";
import { readBetterAuthApp, usesBetterAuth } from "./instance.ts";

/** Field names that grant rights or money's worth. */
const PRIVILEGE_FIELD =
  /^(?:roles?|user_?role|org_?role|is_?admin|admin|is_?super_?(?:admin|user)|permissions?|plan|tier|credits|balance|is_?pro|is_?premium|subscription(?:_?(?:tier|status|plan))?|account_?type|user_?type|access_?level|is_?verified|banned|is_?banned)$/i;

export default defineRule({
  meta: {
    code: "AW708",
    name: "better-auth-user-sets-privilege",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description: "A Better Auth user field that grants rights can be set by the user (no `input: false`).",
    docs: "docs/rules/better-auth-user-sets-privilege.md",
    messages: {
      settable:
        "Better Auth's `user.additionalFields.{{field}}` has no `input: false`: any user sets it when signing up or with `authClient.updateUser({ {{field}}: … })`, and every check that reads `{{field}}` trusts it.",
    },
    fixes: {
      settable:
        "Add `input: false` to the field (with a `defaultValue`), and set it only on the server: a trigger, an internal mutation, or the admin plugin's setRole.",
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor)) return;
    const app = await readBetterAuthApp(doctor);
    for (const instance of app.instances) {
      for (const field of instance.userFields) {
        if (field.input !== true || !PRIVILEGE_FIELD.test(field.name)) continue;
        report({
          messageId: "settable",
          data: { field: field.name },
          file: instance.file,
          line: field.line,
          column: field.column,
          subject: `better-auth-field:${field.name}`,
        });
      }
    }
  },
});
