/**
 * `explain_rule`: a rule's meta and its documentation page, by code (`AW603`) or name
 * (`user-lookup-by-email`). AW000 (the engine's rule-crashed finding) is explained too.
 */
import { readFile } from "node:fs/promises";
import { AuthwireError } from "../errors.ts";
import type { RuleMeta } from "./define.ts";
import { RULE_CRASHED } from "./engine.ts";
import { findRule } from "./index.ts";

export interface RuleExplanation {
  code: string;
  name: string;
  category: RuleMeta["category"];
  severity: RuleMeta["severity"];
  fixable: boolean;
  description: string;
  /** Repository-relative path of the page (`docs/rules/<name>.md`). */
  docs: string;
  /** messageId → message template, and → fix template (`{{placeholders}}` filled per finding). */
  messages: Record<string, string>;
  fixes: Record<string, string>;
  /** The page's Markdown: what, why, incorrect/correct examples, the fix, the heuristics. */
  page: string;
}

/** The package root, where docs/ ships (from src/rules/ and dist/rules/ alike). */
const PACKAGE_ROOT = new URL("../../", import.meta.url);

export async function explainRule(codeOrName: string): Promise<RuleExplanation> {
  const key = codeOrName.trim();
  const meta =
    key.toUpperCase() === RULE_CRASHED.code || key === RULE_CRASHED.name ? RULE_CRASHED : findRule(key)?.meta;
  if (!meta) {
    throw new AuthwireError("usage", `Unknown rule "${codeOrName}".`, {
      hint: "Pass a rule code (AW603) or name (user-lookup-by-email); see docs/rules/.",
    });
  }
  const page = await readFile(new URL(meta.docs, PACKAGE_ROOT), "utf8");
  const { code, name, category, severity, fixable, description, docs, messages, fixes } = meta;
  return {
    code,
    name,
    category,
    severity,
    fixable,
    description,
    docs,
    messages: { ...messages },
    fixes: { ...fixes },
    page,
  };
}
