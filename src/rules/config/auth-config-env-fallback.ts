/**
 * AW112: `process.env.X ?? "fallback"` (or `||`) in auth.config. The sandbox throws on reading an
 * unset variable before the fallback is considered, so the fallback never applies; it only hides
 * the real requirement from readers. A built-in URL (`CONVEX_SITE_URL`) is never unset: its
 * fallback is dead code, not a hidden requirement, and nothing to report.
 */
import { BUILTIN_ENV_NAMES, type StaticValue } from "../../config/auth-config.ts";
import { defineRule } from "../define.ts";
import { authConfigChecks } from "./evaluate.ts";

function fallbacks(value: StaticValue, found: (StaticValue & { kind: "env" })[]): void {
  switch (value.kind) {
    case "env":
      if (value.fallback && !(BUILTIN_ENV_NAMES as readonly string[]).includes(value.name)) found.push(value);
      break;
    case "concat":
      value.parts.forEach((part) => fallbacks(part, found));
      break;
    case "object":
      value.entries.forEach((entry) => fallbacks(entry.value, found));
      break;
    case "array":
      value.items.forEach((item) => fallbacks(item, found));
      break;
    default:
  }
}

export default defineRule({
  meta: {
    code: "AW112",
    name: "auth-config-env-fallback",
    category: "config",
    severity: "info",
    fixable: false,
    description: "An env fallback in auth.config that Convex never applies.",
    docs: "docs/rules/auth-config-env-fallback.md",
    messages: {
      fallback:
        "`{{name}} {{operator}} …` never falls back: Convex fails the push when {{name}} is unset, before `{{operator}}` runs.",
    },
    fixes: {
      fallback:
        "Drop the fallback and set {{name}} on every deployment (npx convex env set {{name}}, and with --prod).",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks?.raw.config) return;
    const found: (StaticValue & { kind: "env" })[] = [];
    fallbacks(checks.raw.config, found);
    // A const used in several fields (`issuer`, `jwks`, `applicationID`) is one fallback, said once.
    const seen = new Set<string>();
    for (const read of found) {
      const at = `${read.loc.file}:${read.loc.line}:${read.loc.column}`;
      if (seen.has(at)) continue;
      seen.add(at);
      report({
        messageId: "fallback",
        data: { name: read.name, operator: read.fallback!.operator },
        file: read.loc.file,
        line: read.loc.line,
        column: read.loc.column,
      });
    }
  },
});
