/**
 * AW105: auth.config reads an env var the target deployment doesn't have. The sandbox throws on
 * the read, so `npx convex dev`/`deploy` fails: "Environment variable X is used in auth config
 * file but its value was not set" (a fallback like `?? "x"` doesn't help).
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW105",
    name: "auth-config-env-missing",
    category: "config",
    severity: "error",
    fixable: false,
    description: "An env var the auth config reads is not set on the target deployment.",
    docs: "docs/rules/auth-config-env-missing.md",
    messages: {
      missing: "{{name}} is read by {{file}} but not set on the {{target}} deployment ({{source}}): {{effect}}",
    },
    fixes: {
      missing: "Set it before pushing: `npx convex env set{{flag}} {{name}}` (value on stdin){{local}}.",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    const local = await doctor.localEnv();
    for (const [target, evaluated] of Object.entries(checks.targets)) {
      const env = await doctor.env(target as "dev" | "prod");
      for (const problem of evaluated.problems) {
        if (problem.code !== "AuthConfigMissingEnvironmentVariable" || !problem.envName) continue;
        const inLocal = local.find((file) => problem.envName! in file.values);
        report({
          messageId: "missing",
          data: {
            name: problem.envName,
            file: checks.raw.file ?? "auth.config",
            target,
            source: env?.source ?? target,
            effect:
              problem.severity === "error"
                ? `"${problem.message}" and the ${target === "prod" ? "deploy" : "push"} fails.`
                : "the provider that uses it never matches.",
            flag: target === "prod" ? " --prod" : "",
            local: inLocal ? ` (it is in ${inLocal.path}, which Convex functions never read)` : "",
          },
          ...at(problem, checks.raw.file),
          severity: problem.severity === "error" ? "error" : "warning",
          target: target as "dev" | "prod",
        });
      }
    }
  },
});
