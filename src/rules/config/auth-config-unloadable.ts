/**
 * AW111: auth.config can't be loaded by Convex at all: a syntax error, no default export, a value
 * JSON can't serialize, or a "use node" directive (auth config runs in Convex's own runtime).
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

const CODES = new Set([
  "AuthwireSyntaxError",
  "AuthConfigMissingExportError",
  "AuthConfigUnserializableError",
  "AuthConfigInNode",
  "EnvironmentVariableNameInvalid",
]);

export default defineRule({
  meta: {
    code: "AW111",
    name: "auth-config-unloadable",
    category: "config",
    severity: "error",
    fixable: false,
    description: 'auth.config can\'t be loaded (syntax error, no default export, "use node").',
    docs: "docs/rules/auth-config-unloadable.md",
    messages: {
      unloadable: "{{message}}{{reported}}",
    },
    fixes: {
      unloadable: "{{hint}}",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    for (const problem of checks.static.problems) {
      if (!CODES.has(problem.code)) continue;
      report({
        messageId: "unloadable",
        data: {
          message: problem.message,
          reported: problem.reported ? ` (Convex: ${problem.reported.code})` : "",
          hint: problem.hint ?? "Make the file export a plain object: export default { providers: [...] }.",
        },
        ...at(problem, checks.raw.file),
      });
    }
  },
});
