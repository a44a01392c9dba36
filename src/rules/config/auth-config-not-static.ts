/**
 * AW109: part of auth.config can't be evaluated without running it (a function call, an import
 * from another file…), so authwire can't check that part. Info only.
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW109",
    name: "auth-config-not-static",
    category: "config",
    severity: "info",
    fixable: false,
    description: "Part of auth.config can't be evaluated statically, so it isn't checked.",
    docs: "docs/rules/auth-config-not-static.md",
    messages: {
      dynamic: "{{message}}",
    },
    fixes: {
      dynamic: "{{hint}}",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    for (const problem of checks.static.problems) {
      if (problem.code !== "AuthwireNotStatic") continue;
      report({
        messageId: "dynamic",
        data: { message: problem.message, hint: problem.hint ?? "Use literals and process.env reads." },
        ...at(problem, checks.raw.file),
      });
    }
  },
});
