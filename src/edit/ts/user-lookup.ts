/**
 * Edits of auth helpers (doctor --fix for AW603 and AW606):
 *
 *   retargetUserLookup  `.withIndex("by_email", (q) => q.eq("email", identity.email))` or
 *                       `.filter((q) => q.eq(q.field("email"), identity.email))` on the line given
 *                       becomes `.withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))`
 *   typeCtxParam        `ctx: any` of the function on the line given becomes `ctx: QueryCtx` (or the
 *                       type the helper needs), imported as a type from ./_generated/server
 */
import type { Node } from "@babel/types";
import { walk } from "../../code/walk.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { addImportsTo } from "./imports.ts";
import { lineOf, quoteString, tsEdit } from "./source.ts";
import { unwrapExpression } from "../../code/walk.ts";

export interface UserLookupSpec {
  /** The line of the lookup call (`.withIndex(` or `.filter(`), as doctor reports it. */
  line: number;
  /** The identity field compared today. */
  from?: string;
  /** The stable identity field and its index. */
  field?: string;
  index?: string;
}

type Call = Node & { type: "CallExpression" };

function memberName(node: Node): string | null {
  const callee = unwrapExpression(node);
  if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return null;
  return callee.property.name;
}

function stringOf(node: Node | undefined): string | null {
  if (!node) return null;
  const inner = unwrapExpression(node);
  return inner.type === "StringLiteral" ? inner.value : null;
}

/** The `q.eq(field, value)` calls inside a node: field name → value node. */
function eqsIn(root: Node): { field: string; value: Node }[] {
  const found: { field: string; value: Node }[] = [];
  walk(root, (node) => {
    if (node.type !== "CallExpression" || memberName(node.callee) !== "eq" || node.arguments.length !== 2) return;
    const first = unwrapExpression(node.arguments[0] as Node);
    let field = stringOf(first);
    if (!field && first.type === "CallExpression" && memberName(first.callee) === "field")
      field = stringOf(first.arguments[0]);
    if (field) found.push({ field, value: node.arguments[1] as Node });
  });
  return found;
}

/** `const <name> = await ctx.auth.getUserIdentity()` (or any initializer calling getUserIdentity) somewhere in the file. */
function fromIdentity(root: Node, name: string): boolean {
  let found = false;
  walk(root, (node) => {
    if (found || node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || node.id.name !== name) return;
    if (!node.init) return;
    walk(node.init, (inner) => {
      if (inner.type === "CallExpression" && memberName(inner.callee) === "getUserIdentity") found = true;
    });
  });
  return found;
}

/** Rewrites the current user's email lookup on `spec.line` to the identity's tokenIdentifier and its index. */
export function retargetUserLookup(spec: UserLookupSpec): Edit {
  const from = spec.from ?? "email";
  const field = spec.field ?? "tokenIdentifier";
  const index = spec.index ?? "by_token";
  return tsEdit(`look the user up by ${field} (index ${index}) instead of ${from}`, (ctx) => {
    const calls: Call[] = [];
    walk(ctx.ast, (node) => {
      if (node.type !== "CallExpression") return;
      const name = memberName(node.callee);
      if (name !== "withIndex" && name !== "filter") return;
      const callee = unwrapExpression(node.callee) as Node & { type: "MemberExpression" };
      if (lineOf(callee.property) === spec.line || lineOf(node) === spec.line) calls.push(node);
    });
    if (calls.length === 0) return refuse(`${ctx.path}:${spec.line}: no .withIndex/.filter lookup on that line.`);
    for (const call of calls) {
      const eqs = eqsIn(call);
      if (
        memberName(call.callee) === "withIndex" &&
        stringOf(call.arguments[0]) === index &&
        eqs.some((eq) => eq.field === field)
      )
        continue; // already the stable lookup
      const byFrom = eqs.filter((eq) => eq.field === from);
      if (byFrom.length === 0) continue;
      if (eqs.length !== 1) {
        return refuse(
          `${ctx.path}:${spec.line}: the lookup compares more than ${from}; change it to ${field} by hand.`,
          { line: spec.line },
        );
      }
      const value = unwrapExpression(byFrom[0]!.value);
      const object =
        value.type === "MemberExpression" &&
        !value.computed &&
        value.property.type === "Identifier" &&
        value.property.name === from
          ? unwrapExpression(value.object)
          : null;
      if (!object || object.type !== "Identifier") {
        return refuse(
          `${ctx.path}:${spec.line}: the ${from} compared is not read from an identity variable (identity.${from}); change the lookup by hand.`,
          { line: spec.line },
        );
      }
      if (!fromIdentity(ctx.ast, object.name)) {
        return refuse(
          `${ctx.path}:${spec.line}: ${object.name}.${from} is not the caller's identity (ctx.auth.getUserIdentity()); change the lookup by hand.`,
          { line: spec.line },
        );
      }
      const callee = unwrapExpression(call.callee) as Node & { type: "MemberExpression" };
      const q = quoteString;
      const text = `withIndex(${q(index, ctx.quote)}, (q) => q.eq(${q(field, ctx.quote)}, ${object.name}.${field}))`;
      ctx.s.overwrite(callee.property.start!, call.end!, text);
      return undefined;
    }
    return unchanged;
  });
}

export type CtxType = "QueryCtx" | "MutationCtx" | "ActionCtx";

export interface CtxParamSpec {
  /** The function's name (a declaration, or the variable/property holding it). */
  name?: string;
  /** The line of the `any` annotation, as doctor reports it (used when no name is given). */
  line?: number;
  /** The type(s) ctx gets; several make a union. Empty: chosen from what the function uses. */
  types?: CtxType[];
  /** Where the types come from, relative to the file (default ./_generated/server). */
  from?: string;
}

type FunctionNode = Node & { params: Node[]; body: Node };

/** `function f`, `const f = () => …`, `{ f: () => … }`, `{ f() {} }`: f. */
function functionName(node: Node, parent: Node | undefined): string | null {
  if (node.type === "FunctionDeclaration") return node.id?.name ?? null;
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if ((parent?.type === "ObjectProperty" || parent?.type === "ObjectMethod") && parent.key.type === "Identifier")
    return parent.key.name;
  return null;
}

/** What a function body does with its ctx: writes → MutationCtx, runQuery/runMutation/runAction → ActionCtx. */
export function ctxTypeFor(fn: Node, ctxName: string): CtxType {
  let type: CtxType = "QueryCtx";
  walk(fn, (node) => {
    if (node.type !== "MemberExpression" || node.computed || node.property.type !== "Identifier") return;
    const object = unwrapExpression(node.object);
    const name = node.property.name;
    if (object.type === "Identifier" && object.name === ctxName) {
      if (/^run(?:Query|Mutation|Action)$/.test(name) || name === "vectorSearch") type = "ActionCtx";
      else if (name === "scheduler" && type === "QueryCtx") type = "MutationCtx";
      return;
    }
    if (
      object.type === "MemberExpression" &&
      !object.computed &&
      object.property.type === "Identifier" &&
      object.property.name === "db" &&
      unwrapExpression(object.object).type === "Identifier" &&
      (unwrapExpression(object.object) as Node & { name: string }).name === ctxName &&
      /^(?:insert|patch|replace|delete)$/.test(name) &&
      type === "QueryCtx"
    )
      type = "MutationCtx";
  });
  return type;
}

/** Types a function's `ctx: any` parameter with the Convex ctx type it needs (and imports it). */
export function typeCtxParam(spec: CtxParamSpec): Edit {
  const from = spec.from ?? "./_generated/server";
  return tsEdit(`type ctx with ${spec.types?.join(" | ") || "its Convex ctx type"}`, (ctx) => {
    let target: { fn: FunctionNode; param: Node & { type: "Identifier" } } | undefined;
    let typed = false;
    walk(ctx.ast, (node, context) => {
      if (
        target ||
        (node.type !== "FunctionDeclaration" &&
          node.type !== "FunctionExpression" &&
          node.type !== "ArrowFunctionExpression")
      )
        return;
      const param = node.params[0];
      if (!param || param.type !== "Identifier" || param.typeAnnotation?.type !== "TSTypeAnnotation") return;
      const annotation = param.typeAnnotation.typeAnnotation;
      if (spec.name !== undefined) {
        if (functionName(node, context.parents[context.parents.length - 1]) !== spec.name) return;
      } else if (lineOf(param) !== spec.line && lineOf(annotation) !== spec.line) return;
      if (annotation.type === "TSAnyKeyword") target = { fn: node as FunctionNode, param };
      else typed = true;
    });
    if (!target) {
      if (typed) return unchanged;
      const where = spec.name !== undefined ? `${ctx.path}: ${spec.name}` : `${ctx.path}:${spec.line}`;
      return refuse(`${where}: no function with a \`ctx: any\` first parameter there.`);
    }
    const types = spec.types?.length ? spec.types : [ctxTypeFor(target.fn.body, target.param.name)];
    const annotation = (target.param.typeAnnotation as Node & { typeAnnotation: Node }).typeAnnotation;
    ctx.s.overwrite(annotation.start!, annotation.end!, types.join(" | "));
    return addImportsTo(ctx, { from, named: [...new Set(types)], typeOnly: true });
  });
}

export interface DelegateHelperSpec {
  /** The helper to rewrite (a declaration, or the variable/property holding it). */
  name: string;
  /** The function it returns instead, and where that is imported from (omitted: the same file). */
  to: string;
  from?: string;
  /** The type its `ctx` gets when it is `any` or untyped, imported as a type from `ctxFrom`. */
  ctxType?: CtxType;
  ctxFrom?: string;
}

/**
 * Points an existing helper at another one: its body becomes `return <to>(ctx);` (the import
 * added, aliased when the helper has the same name), so one lookup exists instead of two. Refused
 * when the helper takes more than ctx (its callers would pass arguments the new one ignores).
 */
export function delegateHelper(spec: DelegateHelperSpec): Edit {
  return tsEdit(`make ${spec.name} return ${spec.to}(ctx)`, (ctx) => {
    let fn: FunctionNode | undefined;
    walk(ctx.ast, (node, context) => {
      if (
        fn ||
        (node.type !== "FunctionDeclaration" &&
          node.type !== "FunctionExpression" &&
          node.type !== "ArrowFunctionExpression")
      )
        return;
      if (functionName(node, context.parents[context.parents.length - 1]) === spec.name) fn = node;
    });
    if (!fn) return refuse(`${ctx.path} has no function ${spec.name}.`);
    const [param, ...rest] = fn.params;
    if (!param || param.type !== "Identifier" || rest.length > 0) {
      return refuse(
        `${ctx.path}:${lineOf(fn)}: ${spec.name} takes more than ctx, so it can't simply return ${spec.to}(ctx); point it at ${spec.to} by hand.`,
        { line: lineOf(fn) },
      );
    }
    const sameName = spec.from !== undefined && spec.to === spec.name;
    const local = sameName ? `${spec.to}ByToken` : spec.to;
    const call = `${local}(${param.name})`;
    const body = fn.body;
    const statements = body.type === "BlockStatement" ? (body as Node & { body: Node[] }).body : null;
    const only = statements?.length === 1 ? statements[0] : undefined;
    const already =
      (only?.type === "ReturnStatement" &&
        only.argument &&
        ctx.source.slice(only.argument.start!, only.argument.end!).replace(/^await\s+/, "") === call) ||
      (body.type !== "BlockStatement" && ctx.source.slice(body.start!, body.end!).replace(/^await\s+/, "") === call);
    const annotation = param.typeAnnotation?.type === "TSTypeAnnotation" ? param.typeAnnotation.typeAnnotation : null;
    const retype = spec.ctxType && (!annotation || annotation.type === "TSAnyKeyword");
    if (already && !retype) return unchanged;
    if (!already) {
      if (body.type === "BlockStatement") {
        const indent = indentOf(ctx.source, fn.start!);
        ctx.s.overwrite(
          body.start!,
          body.end!,
          `{${ctx.eol}${indent}${ctx.indentUnit}return ${call}${ctx.semicolons ? ";" : ""}${ctx.eol}${indent}}`,
        );
      } else ctx.s.overwrite(body.start!, body.end!, call);
      if (spec.from !== undefined) {
        const refusal = addImportsTo(ctx, {
          from: spec.from,
          named: [sameName ? { name: spec.to, as: local } : spec.to],
        });
        if (refusal) return refusal;
      }
    }
    if (retype) {
      if (annotation) ctx.s.overwrite(annotation.start!, annotation.end!, spec.ctxType!);
      else ctx.s.appendLeft(param.end!, `: ${spec.ctxType!}`);
      return addImportsTo(ctx, { from: spec.ctxFrom ?? "./_generated/server", named: [spec.ctxType!], typeOnly: true });
    }
    return undefined;
  });
}

function indentOf(source: string, offset: number): string {
  const start = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(start))![0];
}
