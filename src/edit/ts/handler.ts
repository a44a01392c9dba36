/** Convex functions: insert a statement at the start of an exported function's handler. */
import type { Node } from "@babel/types";
import { propertyKeyName, unwrapExpression } from "../../code/walk.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { addImportsTo, type ImportSpec } from "./imports.ts";
import { indentAt, lineOf, parseSnippet, renameInSnippet, sameCode, terminate, tsEdit, type TsEditContext } from "./source.ts";

export interface HandlerStatementSpec {
  /** The exported function, e.g. "list" for `export const list = query({...})`. */
  exportName: string;
  /** The statement, written with the context named `ctx`; renamed to the handler's own parameter. */
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
      if (init.type !== "CallExpression") return { missing: `${name} is not a call like query({...})`, line: lineOf(init) };
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

export function insertAtHandlerStart(spec: HandlerStatementSpec): Edit {
  parseSnippet(spec.statement);
  return tsEdit(`start ${spec.exportName} with ${spec.statement.trim().replace(/;$/, "")}`, (ctx) => {
    const handler = findHandler(ctx, spec.exportName);
    if ("missing" in handler) {
      return refuse(`${ctx.path}${handler.line ? `:${handler.line}` : ""}: ${handler.missing}.`, handler.line ? { line: handler.line } : undefined);
    }
    const first = handler.params[0];
    if (!first || first.type !== "Identifier") {
      return refuse(
        `${ctx.path}:${lineOf(handler)}: the handler of ${spec.exportName} ${first ? "destructures its context" : "takes no ctx parameter"}; add the check by hand.`,
        { line: lineOf(handler) },
      );
    }
    const code = terminate(ctx, renameInSnippet(spec.statement, { ctx: first.name }));
    const wanted = parseSnippet(code)[0]!;
    const body = handler.body;
    if (body.type === "BlockStatement") {
      if (body.body.some((statement) => sameCode(statement, wanted))) return unchanged;
      const firstStatement = body.body[0];
      if (firstStatement) {
        ctx.s.appendRight(firstStatement.start!, `${code}${ctx.eol}${indentAt(ctx.source, firstStatement.start!)}`);
      } else {
        const indent = indentAt(ctx.source, body.start!);
        ctx.s.overwrite(body.start!, body.end!, `{${ctx.eol}${indent}${ctx.indentUnit}${code}${ctx.eol}${indent}}`);
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
        `{${ctx.eol}${inner}${code}${ctx.eol}${inner}${terminate(ctx, `return ${expression}`)}${ctx.eol}${indent}}`,
      );
    }
    for (const imports of spec.imports ?? []) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    return undefined;
  });
}
