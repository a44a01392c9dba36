/**
 * ESLint's RuleTester for authwire rules, over virtual projects. Strict on purpose: it rejects
 * duplicate cases, invalid cases without expected findings, unknown messageIds, a rule without a
 * near-miss (a valid case named "near miss: …"), `output` on a rule that can't fix, a fixable
 * rule with no `output` anywhere, and an `output` equal to the input.
 */
import { describe, expect, it } from "vitest";
import { staticEnvSource } from "../../src/config/env-source.ts";
import type { EnvValues } from "../../src/config/dotenv.ts";
import { memoryFiles } from "../../src/project/files.ts";
import type { DeploymentTarget, Rule, RuleFinding, Severity } from "../../src/rules/define.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { planDoctorFix } from "../../src/rules/fix.ts";
import { fileChanges } from "../../src/changes/plan.ts";

export interface RuleCase {
  /** Names are unique per rule; a valid case named "near miss: …" is required. */
  name: string;
  files: Record<string, string>;
  env?: Partial<Record<DeploymentTarget, EnvValues>>;
  /** Run with --online (the network layer fetches for real: point the config at a local issuer). */
  online?: boolean;
  /** Paths git tracks in this virtual project (default: none). */
  tracked?: string[];
}

export interface ExpectedFinding {
  messageId: string;
  file?: string | null;
  line?: number;
  severity?: Severity;
  target?: DeploymentTarget;
  /** A substring or pattern the message must contain. */
  message?: string | RegExp;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
  /**
   * For fixable rules: the content of every file `doctor --fix` edits (all the case's fixes
   * together); a pattern for content with generated parts (a random secret).
   */
  output?: Record<string, string | RegExp>;
  /** messageIds the rule still reports on the fixed files (default: none). */
  afterFix?: string[];
}

export async function runRuleOn(rule: Rule, testCase: RuleCase): Promise<RuleFinding[]> {
  const result = await runDoctor({
    cwd: "/virtual",
    files: memoryFiles(testCase.files, "/virtual"),
    envSource: staticEnvSource(testCase.env ?? {}, "test env"),
    rules: [rule],
    online: testCase.online,
    git: { dirty: async () => null, tracked: async (path) => (testCase.tracked ?? []).includes(path) },
  });
  const crashes = result.findings.filter((finding) => finding.code === "AW000");
  if (crashes.length > 0) throw new Error(crashes.map((finding) => finding.message).join("\n"));
  return result.findings;
}

function caseKey(testCase: RuleCase): string {
  const sorted = Object.fromEntries(Object.entries(testCase.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({
    files: sorted,
    env: testCase.env ?? {},
    online: Boolean(testCase.online),
    tracked: testCase.tracked ?? [],
  });
}

function validateCases(rule: Rule, valid: RuleCase[], invalid: InvalidCase[]): void {
  const { meta } = rule;
  const names = new Set<string>();
  const keys = new Map<string, string>();
  for (const testCase of [...valid, ...invalid]) {
    if (names.has(testCase.name)) throw new Error(`${meta.name}: duplicate case name "${testCase.name}"`);
    names.add(testCase.name);
    const key = caseKey(testCase);
    if (keys.has(key)) throw new Error(`${meta.name}: case "${testCase.name}" duplicates "${keys.get(key)}"`);
    keys.set(key, testCase.name);
  }
  if (valid.length === 0 || invalid.length === 0) throw new Error(`${meta.name}: needs valid and invalid cases`);
  if (!valid.some((testCase) => testCase.name.startsWith("near miss"))) {
    throw new Error(`${meta.name}: needs a valid case named "near miss: …" that must stay silent`);
  }
  for (const testCase of invalid) {
    if (testCase.errors.length === 0)
      throw new Error(`${meta.name}: invalid case "${testCase.name}" expects no findings`);
    for (const error of testCase.errors) {
      if (!(error.messageId in meta.messages))
        throw new Error(`${meta.name}: case "${testCase.name}" expects unknown messageId ${error.messageId}`);
    }
    if (testCase.output) {
      if (!meta.fixable)
        throw new Error(`${meta.name}: case "${testCase.name}" has output but the rule is not fixable`);
      for (const [path, content] of Object.entries(testCase.output)) {
        if (testCase.files[path] === content)
          throw new Error(`${meta.name}: case "${testCase.name}" output for ${path} equals the input`);
      }
    }
  }
  if (meta.fixable && !invalid.some((testCase) => testCase.output)) {
    throw new Error(`${meta.name}: a fixable rule needs at least one invalid case with output`);
  }
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  validateCases(rule, cases.valid, cases.invalid);
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    describe("valid", () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const findings = await runRuleOn(rule, testCase);
          expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.message}`)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const findings = await runRuleOn(rule, testCase);
          expect(
            findings.length,
            findings.map((finding) => `${finding.file}:${finding.line} ${finding.message}`).join("\n"),
          ).toBe(testCase.errors.length);
          const remaining = [...findings];
          for (const expected of testCase.errors) {
            const index = remaining.findIndex(
              (finding) =>
                finding.messageId === expected.messageId &&
                (expected.file === undefined || finding.file === expected.file) &&
                (expected.line === undefined || finding.line === expected.line) &&
                (expected.severity === undefined || finding.severity === expected.severity) &&
                (expected.target === undefined || finding.target === expected.target) &&
                (expected.message === undefined ||
                  (typeof expected.message === "string"
                    ? finding.message.includes(expected.message)
                    : expected.message.test(finding.message))),
            );
            expect(
              index,
              `no finding matches ${JSON.stringify(expected)} among\n${remaining.map((finding) => `${finding.messageId} ${finding.severity} ${finding.file}:${finding.line} ${finding.message}`).join("\n")}`,
            ).not.toBe(-1);
            const [finding] = remaining.splice(index, 1);
            expect(finding!.code).toBe(rule.meta.code);
          }
          if (testCase.output) {
            // Each finding's own edits, then the plan `doctor --fix` makes of all of them together.
            const edited: Record<string, string> = {};
            for (const finding of findings) for (const edit of finding.edits ?? []) edited[edit.path] ??= edit.after;
            const { plan, fixes } = await planDoctorFix({
              cwd: "/virtual",
              files: memoryFiles(testCase.files, "/virtual"),
              envSource: staticEnvSource(testCase.env ?? {}, "test env"),
              rules: [rule],
              online: testCase.online,
              git: false,
            });
            const planned = Object.fromEntries(fileChanges(plan).map((item) => [item.path, item.after]));
            const matches = (contents: Record<string, string>) => {
              expect(Object.keys(contents).sort()).toEqual(Object.keys(testCase.output!).sort());
              for (const [path, expected] of Object.entries(testCase.output!)) {
                if (typeof expected === "string") expect(contents[path]).toBe(expected);
                else expect(contents[path]).toMatch(expected);
              }
            };
            matches(planned);
            expect(plan.items.filter((item) => item.action === "skip")).toEqual([]);
            // One fix alone: the finding's own preview (`after`) is what the plan writes.
            if (fixes.length === 1) matches(edited);
            // Fixed means fixed: the rule is silent on the result (unless the case says what stays).
            const rerun = await runRuleOn(rule, { ...testCase, files: { ...testCase.files, ...planned } });
            expect(rerun.map((finding) => finding.messageId)).toEqual(testCase.afterFix ?? []);
          }
        });
      }
    });
  });
}
