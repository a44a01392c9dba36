/**
 * AW108: auth.config has no providers (`providers: []`, or no `providers` at all): every token
 * is rejected with "No auth provider found … (no providers configured)".
 */
import { defineRule } from "../define.ts";
import { AUTH_AWARE_PROVIDERS } from "./auth-config-missing.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW108",
    name: "auth-config-no-providers",
    category: "config",
    severity: "error",
    fixable: false,
    description: "auth.config has no providers.",
    docs: "docs/rules/auth-config-no-providers.md",
    messages: {
      empty: '{{file}} has `providers: []`: Convex rejects every token ("no providers configured"){{client}}.',
      missing: "{{message}}",
    },
    fixes: {
      empty:
        "Add your provider's entry (authwire add <provider> writes it), or delete the file if the app has no login.",
      missing: "Export { providers: [...] } from {{file}}.",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    const file = checks.raw.file!;
    for (const problem of checks.static.problems) {
      if (
        problem.code === "AuthConfigNotMatchingSchemaError" &&
        /missing field `providers`|expected a sequence/.test(problem.message)
      ) {
        report({ messageId: "missing", data: { message: problem.message, file }, ...at(problem, file) });
      }
    }
    if (checks.raw.providers && checks.raw.providers.length === 0) {
      const sendsTokens = [...doctor.client.files.values()].some((entry) =>
        entry.elements.some((use) => AUTH_AWARE_PROVIDERS.test(use.name)),
      );
      report({
        messageId: "empty",
        data: { file, client: sendsTokens ? ", while the client sends tokens" : "" },
        file,
        line: checks.raw.providersLocation?.line,
        column: checks.raw.providersLocation?.column,
        severity: sendsTokens ? "error" : "warning",
      });
    }
  },
});
