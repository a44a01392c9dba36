/**
 * The rule registry, sorted by code. A rule is listed here by hand (no self-registration);
 * `npm run check:rules` fails when a rule file, its test, its doc page or this entry is missing.
 */
import type { Rule } from "./define.ts";
import authConfigMissing from "./config/auth-config-missing.ts";
import authConfigDuplicate from "./config/auth-config-duplicate.ts";

export const RULES: readonly Rule[] = [
  authConfigMissing,
  authConfigDuplicate,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

export function findRule(codeOrName: string): Rule | undefined {
  const key = codeOrName.trim();
  return RULES.find((rule) => rule.meta.code.toLowerCase() === key.toLowerCase() || rule.meta.name === key);
}
