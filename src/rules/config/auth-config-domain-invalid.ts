/**
 * AW104: a provider's `domain`/`issuer` is not a URL Convex accepts (quoted, no TLD, bad scheme),
 * written in the file or coming from a deployment's env var. The push fails with
 * InvalidProviderDomainUrl.
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW104",
    name: "auth-config-domain-invalid",
    category: "config",
    severity: "error",
    fixable: false,
    description: "A provider's domain/issuer is not a valid URL (quoted, no TLD, bad scheme).",
    docs: "docs/rules/auth-config-domain-invalid.md",
    messages: {
      literal: "Provider {{index}}'s {{field}}: {{message}} (InvalidProviderDomainUrl: the push fails).",
      fromEnv:
        "Provider {{index}}'s {{field}} comes from {{env}} on the {{target}} deployment: {{message}} (InvalidProviderDomainUrl: the push fails).",
    },
    fixes: {
      literal: "{{hint}}",
      fromEnv: "{{hint}}",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    for (const problem of checks.static.problems) {
      if (problem.code !== "InvalidProviderDomainUrl") continue;
      report({
        messageId: "literal",
        data: {
          index: problem.providerIndex ?? 0,
          field: problem.field ?? "domain",
          message: problem.message,
          hint: problem.hint ?? "Write a full https:// URL.",
        },
        ...at(problem, checks.raw.file),
      });
    }
    for (const [target, evaluated] of Object.entries(checks.targets)) {
      for (const problem of evaluated.problems) {
        if (problem.code !== "InvalidProviderDomainUrl" || !problem.envName) continue;
        report({
          messageId: "fromEnv",
          data: {
            index: problem.providerIndex ?? 0,
            field: problem.field ?? "domain",
            env: problem.envName,
            target,
            message: problem.message,
            hint: problem.hint ?? `Set ${problem.envName} to a full https:// URL.`,
          },
          ...at(problem, checks.raw.file),
          target: target as "dev" | "prod",
        });
      }
    }
  },
});
