/**
 * The rule engine: runs the code analysis (src/analysis: one parse and one walk per file read,
 * the visitors of any code rule in that same walk), then the facts rules over the project facts
 * and the CodeFacts. Only the analysis the selected rules need runs (analysisNeeds). A rule that
 * throws becomes an AW000 finding naming the rule and the file, and the run goes on. Unreadable,
 * binary, huge or unparsable files become skipped-file notes.
 */
import { analyzeCode, type ExtraVisitors } from "../analysis/analyze.ts";
import { positionOf } from "../code/walk.ts";
import type { DoctorContext } from "./context.ts";
import {
  interpolate,
  type CodeRule,
  type FileRuleContext,
  type ReportDescriptor,
  type Rule,
  type RuleFinding,
  type RuleMeta,
} from "./define.ts";
import { analysisNeeds } from "./needs.ts";
import ignore from "ignore";
import type { ProjectConfig } from "../project/config.ts";
import type { ProjectFacts } from "../project/facts.ts";

/** AW000 is the engine's own finding: a rule crashed. Its page is docs/rules/rule-crashed.md. */
export const RULE_CRASHED: RuleMeta<"crashed"> = {
  code: "AW000",
  name: "rule-crashed",
  category: "engine",
  severity: "error",
  fixable: false,
  description: "A doctor rule failed on this project; its check did not run.",
  docs: "docs/rules/rule-crashed.md",
  messages: { crashed: "Rule {{rule}} ({{code}}) crashed on {{file}}: {{error}}" },
  fixes: { crashed: "This is a bug in authwire: report it with this message. The other rules still ran." },
};

/** The analysis collectors crash as AW000 under their own names. */
const BACKEND_ANALYSIS: RuleMeta = { ...RULE_CRASHED, name: "backend-analysis" };
const CLIENT_ANALYSIS: RuleMeta = { ...RULE_CRASHED, name: "client-analysis" };

export interface EngineResult {
  findings: RuleFinding[];
}

function makeFinding<M extends string>(
  meta: RuleMeta<M>,
  descriptor: ReportDescriptor<M>,
  file: string | null,
): RuleFinding {
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new TypeError(`${meta.name} reported unknown messageId ${descriptor.messageId}`);
  const position = descriptor.node ? positionOf(descriptor.node) : null;
  const line = descriptor.line ?? position?.line ?? (file ? 1 : null);
  const column = descriptor.column ?? position?.column ?? (file ? 1 : null);
  const finding: RuleFinding = {
    code: meta.code,
    rule: meta.name,
    severity: descriptor.severity ?? meta.severity,
    message: interpolate(template, descriptor.data),
    file,
    line,
    column,
    fix: interpolate(meta.fixes[descriptor.messageId], descriptor.data),
    docs: meta.docs,
    fixable: meta.fixable && Boolean(descriptor.edits?.length),
  };
  finding.messageId = descriptor.messageId;
  if (descriptor.target) finding.target = descriptor.target;
  if (descriptor.subject) finding.subject = descriptor.subject;
  if (descriptor.edits?.length) finding.edits = descriptor.edits;
  return finding;
}

function crashFinding(rule: RuleMeta, file: string | null, error: unknown): RuleFinding {
  const message = error instanceof Error ? error.message : String(error);
  return makeFinding(
    RULE_CRASHED,
    {
      messageId: "crashed",
      data: { rule: rule.name, code: rule.code, file: file ?? "the project", error: message.split("\n")[0]! },
    },
    file,
  );
}

export async function runEngine(context: DoctorContext, rules: readonly Rule[]): Promise<EngineResult> {
  const findings: RuleFinding[] = [];
  const codeRules = rules.filter((rule): rule is CodeRule => rule.kind === "code");
  const factsRules = rules.filter((rule) => rule.kind === "facts");
  const needs = analysisNeeds(rules);
  const { facts } = context;

  const extra = (file: string, source: string, inConvex: boolean): ExtraVisitors[] => {
    const sets: ExtraVisitors[] = [];
    for (const rule of codeRules) {
      if (rule.scope === "convex" && !inConvex) continue;
      if (rule.scope === "client" && inConvex) continue;
      const ruleContext: FileRuleContext = {
        doctor: context,
        file,
        source,
        report(descriptor) {
          findings.push(makeFinding(rule.meta, descriptor, file));
        },
      };
      try {
        const visitors = rule.create(ruleContext);
        if (visitors) sets.push({ visitors, crashed: (error) => findings.push(crashFinding(rule.meta, file, error)) });
      } catch (error) {
        findings.push(crashFinding(rule.meta, file, error));
      }
    }
    return sets;
  };

  await analyzeCode({
    read: (path) => context.read(path),
    codeFiles: facts.codeFiles,
    convexDir: context.convexDir,
    parts: {
      backend: needs.backend || codeRules.some((rule) => rule.scope !== "client"),
      client: needs.client || codeRules.some((rule) => rule.scope !== "convex"),
    },
    clientEntries: [facts.entries.main, facts.entries.rootRoute, facts.entries.convexProvider, ...nextLayouts(facts)],
    allClientFiles: codeRules.some((rule) => rule.scope !== "convex"),
    extra: codeRules.length > 0 ? extra : undefined,
    collectorCrashed: (part, file, error) =>
      findings.push(crashFinding(part === "backend" ? BACKEND_ANALYSIS : CLIENT_ANALYSIS, file, error)),
    into: context.code,
    config: facts.config,
  });

  for (const rule of factsRules) {
    try {
      await rule.check({
        doctor: context,
        report(descriptor: ReportDescriptor<string>) {
          findings.push(makeFinding(rule.meta, descriptor, descriptor.file ?? null));
        },
      });
    } catch (error) {
      findings.push(crashFinding(rule.meta, null, error));
    }
  }

  return { findings: sortFindings(mergeBySubject(applyProjectConfig(findings, context.facts.config))) };
}

/**
 * App Router layouts: a nested one may render the app's providers (template-nextjs-shadcn renders
 * its Convex client provider in app/product/layout.tsx), often through a local module only.
 */
function nextLayouts(facts: ProjectFacts): string[] {
  const routes = facts.entries.routesDir;
  if (facts.framework.name !== "next-app" || !routes) return [];
  return facts.codeFiles.filter((path) => path.startsWith(`${routes}/`) && /\/layout\.[jt]sx?$/.test(path));
}

/**
 * The project configuration's say over findings: a rule set to "off" reports nothing, one set to a
 * severity reports at that severity, and findings in files matching `ignore` are dropped.
 */
export function applyProjectConfig(findings: RuleFinding[], config: ProjectConfig): RuleFinding[] {
  const ignored = config.ignore.length > 0 ? ignore().add(config.ignore) : null;
  const result: RuleFinding[] = [];
  for (const finding of findings) {
    if (ignored && finding.file && ignored.ignores(finding.file)) continue;
    const override = config.rules[finding.code] ?? config.rules[finding.rule];
    if (override === "off" && finding.code !== RULE_CRASHED.code) continue;
    if (override && override !== "off" && finding.code !== RULE_CRASHED.code) finding.severity = override;
    result.push(finding);
  }
  return result;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** How many other places a merged message names before it only counts them. */
const NAMED_PLACES = 3;

/**
 * One finding per subject (a function, an env variable), the worst: the highest severity, and on a
 * tie the one reported first (rules report their most specific case first, and the registry runs
 * AW601 before AW608 before AW602). The others are kept in `related` and named in its message
 * ("Also: AW602 on line 9." / "Also read in 2 other places: src/a.ts:3, src/b.ts:7."), so an app
 * with 27 functions that trust a user id and check nothing gets 27 findings, not 54, and a secret
 * read by 24 files one finding. Findings without a subject pass through. Runs after the project
 * configuration, so a rule turned off never hides another.
 */
export function mergeBySubject(findings: RuleFinding[]): RuleFinding[] {
  const groups = new Map<string, RuleFinding[]>();
  const result: (RuleFinding | string)[] = [];
  for (const finding of findings) {
    if (!finding.subject) {
      result.push(finding);
      continue;
    }
    const group = groups.get(finding.subject);
    if (group) group.push(finding);
    else {
      groups.set(finding.subject, [finding]);
      result.push(finding.subject);
    }
  }
  return result.map((item) => {
    if (typeof item !== "string") return item;
    const group = groups.get(item)!;
    if (group.length === 1) return group[0]!;
    let worst = group[0]!;
    for (const finding of group) if (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst.severity]) worst = finding;
    const others = group.filter((finding) => finding !== worst);
    return {
      ...worst,
      message: `${worst.message} ${describeOthers(worst, others)}`,
      related: others.map(({ code, severity, message, file, line }) => ({ code, severity, message, file, line })),
    };
  });
}

function describeOthers(worst: RuleFinding, others: RuleFinding[]): string {
  const place = (finding: RuleFinding) =>
    finding.file === worst.file ? `line ${finding.line}` : `${finding.file ?? "the deployment"}:${finding.line}`;
  const sameRule = others.filter((finding) => finding.code === worst.code);
  const otherRules = others.filter((finding) => finding.code !== worst.code);
  const parts: string[] = [];
  if (sameRule.length > 0) {
    const named = sameRule
      .slice(0, NAMED_PLACES)
      .map((finding) => `${finding.file ?? "the deployment"}:${finding.line}`);
    const more = sameRule.length - named.length;
    parts.push(
      `Also in ${sameRule.length} other place${sameRule.length > 1 ? "s" : ""}: ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`,
    );
  }
  if (otherRules.length > 0) {
    parts.push(
      `Also: ${otherRules.map((finding) => `${finding.code} (${finding.severity}) on ${place(finding)}`).join(", ")}.`,
    );
  }
  return parts.join(" ");
}

export function sortFindings(findings: RuleFinding[]): RuleFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file ?? "~").localeCompare(b.file ?? "~") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
