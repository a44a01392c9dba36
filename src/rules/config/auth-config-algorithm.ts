/**
 * AW107: a customJwt provider's `algorithm` is not RS256 or ES256, the only two Convex verifies;
 * the push fails with a schema error.
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW107",
    name: "auth-config-algorithm",
    category: "config",
    severity: "error",
    fixable: false,
    description: "A customJwt provider uses an algorithm other than RS256/ES256.",
    docs: "docs/rules/auth-config-algorithm.md",
    messages: {
      unsupported: "{{message}}",
    },
    fixes: {
      unsupported:
        'Use algorithm: "RS256" or "ES256" and have the issuer sign with it (HS256 and RS512 are not supported).',
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    const evaluations = [checks.static, ...Object.values(checks.targets)];
    const seen = new Set<string>();
    for (const evaluated of evaluations) {
      for (const problem of evaluated.problems) {
        if (problem.code !== "AuthConfigNotMatchingSchemaError" || problem.field !== "algorithm") continue;
        const key = `${problem.location?.line}:${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Convex's own words say only "untagged enum"; the hint names the algorithm.
        const message = problem.hint ? `${problem.message.trimEnd()}: ${problem.hint}.` : problem.message;
        report({ messageId: "unsupported", data: { message }, ...at(problem, checks.raw.file) });
      }
    }
  },
});
