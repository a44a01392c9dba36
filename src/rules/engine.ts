/**
 * The rule engine: reads every code file once, parses it once and walks it once, running the
 * visitors of every code rule plus the analysis collectors in that walk; then runs the facts
 * rules over the facts and the indexes the walk built. A rule that throws becomes an AW000
 * finding naming the rule and the file, and the run goes on. Unreadable, binary, huge or
 * unparsable files become skipped-file notes.
 */
import type { Node } from "../code/parse.ts";
import { positionOf, type WalkContext } from "../code/walk.ts";
import { backendCollector } from "./analysis/backend.ts";
import { clientCollector } from "./analysis/client.ts";
import type { DoctorContext } from "./context.ts";
import {
  interpolate,
  type CodeRule,
  type FileRuleContext,
  type ReportDescriptor,
  type Rule,
  type RuleFinding,
  type RuleMeta,
  type Visitor,
} from "./define.ts";

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

const SKIP_KEYS = new Set([
  "type", "start", "end", "loc", "range", "extra", "comments",
  "leadingComments", "trailingComments", "innerComments", "errors", "tokens",
]);

/**
 * The engine's walk: the same order and context as code/walk.ts, but it remembers each node
 * shape's child keys (type + own-key count), so the hot loop skips `for…in` over every property.
 */
function walkShapes(root: Node, enter: (node: Node, context: WalkContext) => void, leave: (node: Node, context: WalkContext) => void): void {
  const shapes = new Map<string, string[]>();
  const parents: Node[] = [];
  let skipped = false;
  const context: WalkContext = {
    parents,
    skip() {
      skipped = true;
    },
  };
  const visit = (node: Node): void => {
    skipped = false;
    enter(node, context);
    if (!skipped) {
      const record = node as unknown as Record<string, unknown>;
      const own = Object.keys(record);
      const signature = `${node.type}:${own.length}`;
      let keys = shapes.get(signature);
      if (keys === undefined) {
        keys = own.filter((key) => !SKIP_KEYS.has(key) && (typeof record[key] === "object" || record[key] === undefined));
        shapes.set(signature, keys);
      }
      parents.push(node);
      for (const key of keys) {
        const value = record[key];
        if (value === null || value === undefined) continue;
        if (Array.isArray(value)) {
          for (const child of value) if (child !== null && typeof child === "object" && typeof (child as Node).type === "string") visit(child as Node);
        } else if (typeof (value as Node).type === "string") {
          visit(value as Node);
        }
      }
      parents.pop();
    }
    leave(node, context);
  };
  visit(root);
}

const KEEP_IN_CONVEX = /^(?:auth\.config|schema|http|auth|convex\.config)\.[cm]?[jt]sx?$/;

export interface EngineResult {
  findings: RuleFinding[];
}

function makeFinding<M extends string>(meta: RuleMeta<M>, descriptor: ReportDescriptor<M>, file: string | null): RuleFinding {
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
  if (descriptor.edits?.length) finding.edits = descriptor.edits;
  return finding;
}

function crashFinding(rule: RuleMeta, file: string | null, error: unknown): RuleFinding {
  const message = error instanceof Error ? error.message : String(error);
  return makeFinding(RULE_CRASHED, {
    messageId: "crashed",
    data: { rule: rule.name, code: rule.code, file: file ?? "the project", error: message.split("\n")[0]! },
  }, file);
}

/** Reads many files with bounded concurrency (disk latency, not CPU, is the cost). */
async function prefetch(context: DoctorContext, paths: string[], concurrency = 32): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      await context.read(path);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
}

interface Handler {
  owner: RuleMeta | null;
  /** Index into `disabled` for this file. */
  slot: number;
  fn: Visitor;
}

export async function runEngine(context: DoctorContext, rules: readonly Rule[]): Promise<EngineResult> {
  const findings: RuleFinding[] = [];
  const codeRules = rules.filter((rule): rule is CodeRule => rule.kind === "code");
  const factsRules = rules.filter((rule) => rule.kind === "facts");
  const convexPrefix = `${context.convexDir}/`;
  const files = context.facts.codeFiles;

  await prefetch(context, files);

  for (const file of files) {
    const source = await context.read(file);
    if (source === undefined) {
      context.skipped.push({ file, reason: "not read: binary, larger than 2 MiB, a broken link or unreadable" });
      continue;
    }
    const parsed = await context.parse(file);
    if (!parsed || !parsed.ok) {
      const problem = parsed && !parsed.ok ? parsed.problem : { message: "unreadable", line: 1, column: 1 };
      context.skipped.push({ file, reason: `syntax error at ${problem.line}:${problem.column}: ${problem.message}` });
      continue;
    }
    const inConvex = file.startsWith(convexPrefix);
    const isGenerated = inConvex && file.slice(convexPrefix.length).startsWith("_generated/");
    if (isGenerated) continue;

    const enter = new Map<string, Handler[]>();
    const leave = new Map<string, Handler[]>();
    const owners: (RuleMeta | null)[] = [];
    const disabled: boolean[] = [];
    const addVisitors = (owner: RuleMeta | null, visitors: Record<string, Visitor>) => {
      const slot = owners.length;
      owners.push(owner);
      disabled.push(false);
      for (const [key, fn] of Object.entries(visitors)) {
        const exit = key.endsWith(":exit");
        const type = exit ? key.slice(0, -5) : key;
        const table = exit ? leave : enter;
        const list = table.get(type) ?? [];
        list.push({ owner, slot, fn });
        table.set(type, list);
      }
    };

    const analysisMeta: RuleMeta = { ...RULE_CRASHED, name: inConvex ? "backend-analysis" : "client-analysis", code: "AW000" };
    addVisitors(analysisMeta, inConvex ? backendCollector(file, source, context.backend) : clientCollector(file, context.client));

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
        if (visitors) addVisitors(rule.meta, visitors);
      } catch (error) {
        findings.push(crashFinding(rule.meta, file, error));
      }
    }

    const dispatch = (table: Map<string, Handler[]>, node: Node, walkContext: WalkContext) => {
      const handlers = table.get(node.type);
      if (!handlers) return;
      for (const handler of handlers) {
        if (disabled[handler.slot]) continue;
        try {
          handler.fn(node, walkContext);
        } catch (error) {
          disabled[handler.slot] = true;
          findings.push(crashFinding(handler.owner ?? analysisMeta, file, error));
        }
      }
    };
    walkShapes(
      parsed.ast.program,
      (node, walkContext) => dispatch(enter, node, walkContext),
      (node, walkContext) => dispatch(leave, node, walkContext),
    );
    // Function modules are done with; keep the few files facts rules read (config, schema, http…).
    if (inConvex && !KEEP_IN_CONVEX.test(file.slice(convexPrefix.length))) context.release(file);
  }

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

  return { findings: sortFindings(findings) };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortFindings(findings: RuleFinding[]): RuleFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file ?? "~").localeCompare(b.file ?? "~") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
