/**
 * The rule engine: reads every code file once, parses it once and walks it once, running the
 * visitors of every code rule plus the analysis collectors in that walk; then runs the facts
 * rules over the facts and the indexes the walk built. A rule that throws becomes an AW000
 * finding naming the rule and the file, and the run goes on. Unreadable, binary, huge or
 * unparsable files become skipped-file notes.
 */
import { parseCode, type Node } from "../code/parse.ts";
import { VISITOR_KEYS } from "../code/visitor-keys.ts";
import { childKeys, positionOf, typeId, type WalkContext } from "../code/walk.ts";
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

interface Handler {
  /** The slot of the visitor set this handler belongs to (a crash disables the whole set). */
  slot: number;
  fn: Visitor;
}

/**
 * Leaves and identifiers, by type id: usually childless, so skipped when no handler wants them
 * and they have no children. Filled lazily, as type ids are (code/walk.ts).
 */
const LEAFISH_BY_ID: boolean[] = [];

function leafish(id: number, type: string): boolean {
  let known = LEAFISH_BY_ID[id];
  if (known === undefined) {
    const keys = VISITOR_KEYS[type];
    known = keys !== undefined && (keys.length === 0 || type === "Identifier");
    LEAFISH_BY_ID[id] = known;
  }
  return known;
}

/** Node type id → handlers, for entering (`Type`) and leaving (`Type:exit`) nodes. */
interface DispatchTables {
  enter: (Handler[] | undefined)[];
  leave: (Handler[] | undefined)[];
  disabled: boolean[];
  /** A handler threw: its visitor set is disabled for the rest of the file. */
  crashed(slot: number, error: unknown): void;
}

function run(handlers: Handler[], node: Node, context: WalkContext, tables: DispatchTables): void {
  for (let index = 0; index < handlers.length; index += 1) {
    const handler = handlers[index]!;
    if (tables.disabled[handler.slot]) continue;
    try {
      handler.fn(node, context);
    } catch (error) {
      tables.disabled[handler.slot] = true;
      tables.crashed(handler.slot, error);
    }
  }
}

function childless(node: Node, keys: readonly string[]): boolean {
  const record = node as unknown as Record<string, unknown>;
  for (let index = 0; index < keys.length; index += 1) if (record[keys[index]!] != null) return false;
  return true;
}

/**
 * The engine's walk: depth first in Babel's traversal order, calling the handlers registered for
 * each node's type on the way in and (`:exit`) on the way out, over the child keys the generic
 * `walk` uses (code/walk.ts). Nodes no handler can see and that have no children are not visited
 * at all (literals, identifiers without type annotations: about half of all nodes). The walk
 * allocates nothing per node.
 */
function walkTree(root: Node, tables: DispatchTables): void {
  const { enter, leave } = tables;
  const parents: Node[] = [];
  let skipped = false;
  const context: WalkContext = {
    parents,
    skip() {
      skipped = true;
    },
  };
  const wanted = (child: Node, id: number): boolean =>
    !leafish(id, child.type) ||
    enter[id] !== undefined ||
    leave[id] !== undefined ||
    !childless(child, childKeys(child, id));

  const visit = (node: Node, id: number): void => {
    skipped = false;
    const onEnter = enter[id];
    if (onEnter !== undefined) run(onEnter, node, context, tables);
    if (!skipped) {
      const record = node as unknown as Record<string, unknown>;
      const keys = childKeys(node, id);
      parents.push(node);
      for (let index = 0; index < keys.length; index += 1) {
        const value = record[keys[index]!];
        if (value === null || value === undefined || typeof value !== "object") continue;
        if (Array.isArray(value)) {
          for (let item = 0; item < value.length; item += 1) {
            const child = value[item] as Node | null;
            if (child === null || typeof child !== "object" || typeof child.type !== "string") continue;
            const childId = typeId(child.type);
            if (wanted(child, childId)) visit(child, childId);
          }
        } else {
          const child = value as Node;
          if (typeof child.type !== "string") continue;
          const childId = typeId(child.type);
          if (wanted(child, childId)) visit(child, childId);
        }
      }
      parents.pop();
    }
    const onLeave = leave[id];
    if (onLeave !== undefined) run(onLeave, node, context, tables);
  };
  visit(root, typeId(root.type));
}

/** The analysis collectors crash as AW000 under their own names. */
const BACKEND_ANALYSIS: RuleMeta = { ...RULE_CRASHED, name: "backend-analysis" };
const CLIENT_ANALYSIS: RuleMeta = { ...RULE_CRASHED, name: "client-analysis" };

const KEEP_IN_CONVEX = /^(?:auth\.config|schema|http|auth|convex\.config)\.[cm]?[jt]sx?$/;

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
  const convexPrefix = `${context.convexDir}/`;
  const files = context.facts.codeFiles;

  for (const file of files) {
    const inConvex = file.startsWith(convexPrefix);
    if (inConvex && file.slice(convexPrefix.length).startsWith("_generated/")) continue;
    // Function modules are parsed, walked and dropped; the few files facts rules read again
    // (auth.config, schema, http, client entries…) stay in the context's cache.
    const transient = inConvex && !KEEP_IN_CONVEX.test(file.slice(convexPrefix.length));
    const source = await context.read(file);
    if (source === undefined) {
      context.skipped.push({ file, reason: "not read: binary, larger than 2 MiB, a broken link or unreadable" });
      continue;
    }
    const parsed = transient ? parseCode(file, source) : await context.parse(file);
    if (!parsed || !parsed.ok) {
      const problem = parsed && !parsed.ok ? parsed.problem : { message: "unreadable", line: 1, column: 1 };
      context.skipped.push({ file, reason: `syntax error at ${problem.line}:${problem.column}: ${problem.message}` });
      continue;
    }

    const owners: RuleMeta[] = [];
    const tables: DispatchTables = {
      enter: [],
      leave: [],
      disabled: [],
      crashed: (slot, error) => findings.push(crashFinding(owners[slot]!, file, error)),
    };
    const addVisitors = (owner: RuleMeta, visitors: Record<string, Visitor>) => {
      const slot = owners.length;
      owners.push(owner);
      tables.disabled.push(false);
      for (const key in visitors) {
        const exit = key.endsWith(":exit");
        const id = typeId(exit ? key.slice(0, -5) : key);
        const table = exit ? tables.leave : tables.enter;
        const list = table[id];
        if (list) list.push({ slot, fn: visitors[key]! });
        else table[id] = [{ slot, fn: visitors[key]! }];
      }
    };

    const analysisMeta = inConvex ? BACKEND_ANALYSIS : CLIENT_ANALYSIS;
    addVisitors(
      analysisMeta,
      inConvex ? backendCollector(file, source, context.backend) : clientCollector(file, context.client),
    );

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

    walkTree(parsed.ast.program, tables);
    if (transient) context.release(file);
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
