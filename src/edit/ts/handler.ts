/**
 * Convex functions: insert statements (an auth check) at the start of an exported function's
 * handler. Refuses what it can't do without changing the function's meaning: a destructured or
 * missing ctx, a generator, a sync handler with a declared return type, or a handler that already
 * uses a name the statements declare (`identity`, `userId`).
 */
import type { Node } from "@babel/types";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import { refuse, unchanged, type Edit, type Refusal, type Unchanged } from "../edit.ts";
import { addImportsTo, type ImportSpec } from "./imports.ts";
import {
  fitSnippet,
  indentAt,
  isReference,
  lineOf,
  parseSnippet,
  renameInSnippet,
  sameCode,
  terminate,
  topLevelBindings,
  tsEdit,
  type TsEditContext,
} from "./source.ts";

export interface HandlerStatementSpec {
  /** The exported function, e.g. "list" for `export const list = query({...})`. */
  exportName: string;
  /**
   * The statement(s), written with the context named `ctx` in house style (two-space indents,
   * double quotes, semicolons); renamed to the handler's own parameter and fitted to the file.
   */
  statement: string;
  imports?: ImportSpec[];
}

type FunctionNode = Extract<Node, { type: "ArrowFunctionExpression" | "FunctionExpression" | "ObjectMethod" }>;

function isFunction(node: Node): node is FunctionNode {
  return node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression" || node.type === "ObjectMethod";
}

/** The handler of `const name = query({ handler })` or `const name = query(async (ctx) => …)`. */
function findHandler(ctx: TsEditContext, name: string): FunctionNode | { missing: string; line?: number } {
  for (const statement of ctx.ast.program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration") continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== "Identifier" || declarator.id.name !== name || !declarator.init) continue;
      const init = unwrapExpression(declarator.init);
      if (init.type !== "CallExpression")
        return { missing: `${name} is not a call like query({...})`, line: lineOf(init) };
      const argument = init.arguments[0] && unwrapExpression(init.arguments[0]);
      if (argument && isFunction(argument)) return argument;
      if (argument?.type === "ObjectExpression") {
        for (const property of argument.properties) {
          if (property.type === "SpreadElement" || propertyKeyName(property) !== "handler") continue;
          if (property.type === "ObjectMethod") return property;
          const value = unwrapExpression(property.value);
          if (isFunction(value)) return value;
        }
      }
      return { missing: `${name} has no handler function authwire can find`, line: lineOf(init) };
    }
  }
  return { missing: `there is no function named ${name}` };
}

/** Names the statements declare at their top level (`const identity = …` → identity). */
function declaredNames(statement: string): string[] {
  const parsed = parseSnippet(statement);
  return [...topLevelBindings({ type: "File", program: { type: "Program", body: parsed } } as never).keys()];
}

/** Whether `name` is declared or referenced anywhere in the handler (params included), not as a property name. */
function usesName(handler: FunctionNode, name: string): Node | undefined {
  let found: Node | undefined;
  walk(handler, (node, context) => {
    if (found || node.type !== "Identifier" || node.name !== name) return;
    if (isReference(node, context.parents[context.parents.length - 1])) found = node;
  });
  return found;
}

function describe(statement: string): string {
  const first = statement.trim().split("\n")[0]!.replace(/;$/, "");
  return statement.trim().includes("\n") ? `${first} …` : first;
}

export function insertAtHandlerStart(spec: HandlerStatementSpec): Edit {
  prepare(spec.statement);
  return tsEdit(`start ${spec.exportName} with ${describe(spec.statement)}`, (ctx) => {
    const outcome = insertAtHandlerStartIn(ctx, spec);
    if (outcome !== undefined) return outcome;
    for (const imports of spec.imports ?? []) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    return undefined;
  });
}

const prepared = new Map<string, { names: string[]; count: number }>();
/** The names a statement declares and how many statements it is (parsed once per statement). */
function prepare(statement: string): { names: string[]; count: number } {
  let entry = prepared.get(statement);
  if (!entry) {
    entry = { names: declaredNames(statement), count: parseSnippet(statement).length };
    prepared.set(statement, entry);
  }
  return entry;
}

/**
 * The in-pass form of `insertAtHandlerStart`, for an edit that changes several handlers of one file
 * in one parse: checks everything before it touches `ctx.s`, so a refusal leaves the pass clean.
 * Adds no imports (the caller adds `spec.imports` once).
 */
export function insertAtHandlerStartIn(
  ctx: TsEditContext,
  spec: HandlerStatementSpec,
): Refusal | Unchanged | undefined {
  const { names, count: wantedCount } = prepare(spec.statement);
  const handler = findHandler(ctx, spec.exportName);
  if ("missing" in handler) {
    return refuse(
      `${ctx.path}${handler.line ? `:${handler.line}` : ""}: ${handler.missing}.`,
      handler.line ? { line: handler.line } : undefined,
    );
  }
  const first = handler.params[0];
  if (!first || first.type !== "Identifier") {
    return refuse(
      `${ctx.path}:${lineOf(handler)}: the handler of ${spec.exportName} ${first ? "destructures its context" : "takes no ctx parameter"}; add the check by hand.`,
      { line: lineOf(handler) },
    );
  }
  const renamed = renameInSnippet(spec.statement.trim(), { ctx: first.name });
  const wanted = parseSnippet(renamed);
  const body = handler.body;
  if (body.type === "BlockStatement") {
    const statements = body.body;
    for (let i = 0; i + wantedCount <= statements.length; i++) {
      if (wanted.every((statement, j) => sameCode(statements[i + j]!, statement))) return unchanged;
    }
  }
  if (handler.generator) {
    return refuse(
      `${ctx.path}:${lineOf(handler)}: the handler of ${spec.exportName} is a generator; add the check by hand.`,
      { line: lineOf(handler) },
    );
  }
  for (const name of names) {
    const clash = usesName(handler, name);
    if (clash) {
      return refuse(
        `${ctx.path}:${lineOf(clash)}: the handler of ${spec.exportName} already uses the name \`${name}\`; add the check by hand (or rename it).`,
        { line: lineOf(clash) },
      );
    }
  }
  if (!handler.async && /\bawait\b/.test(spec.statement)) {
    if (handler.returnType) {
      return refuse(
        `${ctx.path}:${lineOf(handler)}: the handler of ${spec.exportName} is not async and declares its return type; make it async and add the check by hand.`,
        { line: lineOf(handler) },
      );
    }
    // Convex awaits whatever a handler returns, so an async handler means the same.
    const at = handler.type === "ObjectMethod" ? handler.key.start! : handler.start!;
    ctx.s.appendLeft(at, "async ");
  }
  if (body.type === "BlockStatement") {
    const firstStatement = body.body[0];
    if (firstStatement) {
      const indent = indentAt(ctx.source, firstStatement.start!);
      ctx.s.appendRight(firstStatement.start!, `${fitSnippet(ctx, renamed, indent)}${ctx.eol}${indent}`);
    } else {
      const indent = indentAt(ctx.source, body.start!);
      const inner = indent + ctx.indentUnit;
      ctx.s.overwrite(
        body.start!,
        body.end!,
        `{${ctx.eol}${inner}${fitSnippet(ctx, renamed, inner)}${ctx.eol}${indent}}`,
      );
    }
  } else {
    // An expression body becomes a block that starts with the statement and returns the expression.
    const parenthesized = (body.extra as { parenthesized?: boolean; parenStart?: number } | undefined) ?? {};
    const start = parenthesized.parenthesized ? parenthesized.parenStart! : body.start!;
    const end = parenthesized.parenthesized ? ctx.source.indexOf(")", body.end!) + 1 : body.end!;
    const indent = indentAt(ctx.source, start);
    const inner = indent + ctx.indentUnit;
    const expression = ctx.source.slice(start, end);
    ctx.s.overwrite(
      start,
      end,
      `{${ctx.eol}${inner}${fitSnippet(ctx, renamed, inner)}${ctx.eol}${inner}${terminate(ctx, `return ${expression}`)}${ctx.eol}${indent}}`,
    );
  }
  return undefined;
}
