/**
 * What a doctor rule is (ESLint's meta + create, Clerk's crash-proof checks). A rule is either a
 * **facts rule** (`check(ctx)` over the project facts, the deployment env and the indexes the
 * engine builds in its one walk) or a **code rule** (`create(ctx)` returning AST visitors that the
 * engine runs in its one shared walk per file). Findings are data; a rule never throws on
 * purpose, and one that does becomes an AW000 finding.
 */
import type { Node } from "../code/parse.ts";
import type { Visitor, Visitors } from "../code/walk.ts";
import type { Edit } from "../edit/edit.ts";
import type { DoctorContext } from "./context.ts";

export type Severity = "error" | "warning" | "info";
export type RuleCategory =
  "engine" | "config" | "env" | "client" | "workos" | "convex-auth" | "better-auth" | "functions";
import type { DeploymentTarget } from "../config/env-source.ts";

export type { DeploymentTarget };

/** One finding, exactly design.md's `doctor --json` object. */
export interface Finding {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  /** Relative POSIX path, or null for a finding about the deployment itself. */
  file: string | null;
  line: number | null;
  column: number | null;
  fix: string;
  docs: string;
  fixable: boolean;
}

/**
 * A change a fixable rule proposes to one file: the content it was computed from (`before`,
 * null for a new file), the result (`after`), and the edit that makes it. `--fix` records the
 * edit in a change plan (src/rules/fix.ts), where several fixes of one file run one after
 * another, each on the previous result; the plan is applied only while the files still hold
 * what was planned from.
 */
export interface FileEdit {
  path: string;
  before: string | null;
  after: string;
  reason: string;
  /**
   * The edit (src/edit/) that turns `before` into `after`. Without one, the fix is a whole-file
   * replacement that applies only while the file still holds exactly `before`.
   */
  edit?: Edit;
  /** The path this edit makes git ignore: the plan warns when git already tracks it. */
  ignores?: string;
}

/** A finding plus what the engine keeps for itself (never serialized). */
export interface RuleFinding extends Finding {
  /** The rule's messageId (rule tests compare it). */
  messageId?: string;
  /** The deployment a finding is about, for the checklist (dev / prod). */
  target?: DeploymentTarget;
  edits?: FileEdit[];
  /**
   * What the finding is about, for the engine's merge (engine.ts mergeBySubject): findings with the
   * same subject (`function:<file>:<name>`, `env:<NAME>`) become one, the worst, naming the others.
   */
  subject?: string;
  /** The findings merged into this one (same subject), in report order. */
  related?: RelatedFinding[];
}

/** A finding merged into a worse one about the same subject. */
export interface RelatedFinding {
  code: string;
  severity: Severity;
  message: string;
  file: string | null;
  line: number | null;
}

export interface RuleMeta<M extends string = string> {
  /** Stable code, never reused: AW + 3 digits. */
  code: string;
  /** kebab-case; equals the file name and the doc page name. */
  name: string;
  category: RuleCategory;
  /** The severity findings get unless a report says otherwise (documented per rule). */
  severity: Severity;
  fixable: boolean;
  /** One line: what the rule checks (SARIF shortDescription, `explain_rule`). */
  description: string;
  /** Repository-relative path of the rule's page, `docs/rules/<name>.md`. */
  docs: string;
  /** messageId → message template with `{{placeholders}}`. */
  messages: Record<M, string>;
  /** messageId → one-line fix template. */
  fixes: Record<M, string>;
}

export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Where: a file (and a node in it, or a line/column). */
  file?: string | null;
  node?: Node;
  line?: number;
  column?: number;
  severity?: Severity;
  target?: DeploymentTarget;
  edits?: FileEdit[];
  /**
   * What the finding is about (`function:<file>:<name>`, `env:<NAME>`): the engine keeps one
   * finding per subject, the worst, and lists the others in its message.
   */
  subject?: string;
}

export interface RuleContext<M extends string = string> {
  readonly doctor: DoctorContext;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface FileRuleContext<M extends string = string> extends RuleContext<M> {
  /** The file being walked (relative POSIX path) and its text. */
  readonly file: string;
  readonly source: string;
  /** Reports at a node of this file. */
  report(descriptor: Omit<ReportDescriptor<M>, "file"> & { node?: Node }): void;
}

/** Node type → handler; `Type:exit` runs after the node's children (code/walk.ts dispatchWalk). */
export type { Visitor, Visitors };

/** Which code files a code rule's visitors see. */
export type CodeScope = "convex" | "client" | "all";

export interface FactsRule<M extends string = string> {
  readonly kind: "facts";
  readonly meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void | Promise<void>;
}

export interface CodeRule<M extends string = string> {
  readonly kind: "code";
  readonly meta: RuleMeta<M>;
  readonly scope: CodeScope;
  /** Returns the visitors for one file, or null to skip the file. */
  create(ctx: FileRuleContext<M>): Visitors | null;
}

export type Rule<M extends string = string> = FactsRule<M> | CodeRule<M>;

const CODE = /^AW\d{3}$/;
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Declares a rule; checks its meta so a malformed rule fails at load, not at run. */
export function defineRule<M extends string>(rule: {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void | Promise<void>;
}): FactsRule<M>;
export function defineRule<M extends string>(rule: {
  meta: RuleMeta<M>;
  scope: CodeScope;
  create(ctx: FileRuleContext<M>): Visitors | null;
}): CodeRule<M>;
export function defineRule<M extends string>(rule: {
  meta: RuleMeta<M>;
  scope?: CodeScope;
  check?: (ctx: RuleContext<M>) => void | Promise<void>;
  create?: (ctx: FileRuleContext<M>) => Visitors | null;
}): Rule<M> {
  const { meta } = rule;
  if (!CODE.test(meta.code)) throw new TypeError(`Rule code must look like AW123, got ${meta.code}`);
  if (!NAME.test(meta.name)) throw new TypeError(`Rule name must be kebab-case, got ${meta.name}`);
  if (meta.docs !== `docs/rules/${meta.name}.md`)
    throw new TypeError(`${meta.name}: docs must be docs/rules/${meta.name}.md`);
  for (const id of Object.keys(meta.messages)) {
    if (!(id in meta.fixes)) throw new TypeError(`${meta.name}: message ${id} has no fix`);
  }
  if (rule.check && rule.create) throw new TypeError(`${meta.name}: a rule has check() or create(), not both`);
  if (rule.check) return { kind: "facts", meta, check: rule.check };
  if (rule.create) return { kind: "code", meta, scope: rule.scope ?? "all", create: rule.create };
  throw new TypeError(`${meta.name}: a rule needs check() or create()`);
}

/** `{{name}}` → data.name (missing data stays visible as `{{name}}`). */
export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The docs path as a link a finding carries. */
export function docsPath(meta: RuleMeta): string {
  return meta.docs;
}
