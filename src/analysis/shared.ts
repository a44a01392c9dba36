/** Small AST questions and memory helpers the collectors share. */
import type { Node } from "../code/parse.ts";
import { unwrapExpression } from "../code/walk.ts";

/** Field names that tie a document to a user. */
export const USER_FIELD = /^(?:user|owner|author|creator|createdBy|created_by|member|account)(?:_?id)?$/i;
/**
 * Fields naming who made or vetted a row for others to see (`createdBy`, `authorId`, `sellerId`,
 * `instructorId`, `approvedBy`), unlike an owner (`userId`, `ownerId`) whose row is kept for them.
 */
export const AUTHOR_FIELD =
  /^(?:created|posted|submitted|uploaded|published|added|approved|admin_?approved|(?:last_?)?(?:updated|edited|modified))_?by(?:_?id)?$|^(?:creator|author|seller|host|organi[sz]er|instructor)(?:_?user)?(?:_?id)?$/i;
/** Argument names that carry a user id. */
export const USER_ID_ARG = /^(?:user|owner|author|creator|member|account|viewer|currentUser)_?Id$/i;
/** Index names that suggest a per-user lookup. */
export const USER_INDEX = /user|owner|author|creator|member/i;
/** Field names that tie a document to an organization (team, workspace, tenant…). */
export const ORG_FIELD = /^(?:org|organization|organisation|team|workspace|tenant|company)(?:_?id)?$/i;

export const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * The index lives for the whole run and most of its lists stay empty: they share one frozen
 * empty array until their first item (fewer long-lived objects for the garbage collector).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** One copy of each short label the index keeps (`db.insert`, `identity.email`…), however many functions use it. */
const labels = new Map<string, string>();

export function label(text: string): string {
  const known = labels.get(text);
  if (known !== undefined) return known;
  if (labels.size > 50_000) labels.clear();
  labels.set(text, text);
  return text;
}

/** Pushes onto a list that may still be the shared `NONE`. */
export function append<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

/** `<x>.system` where the member is not computed (as memberPath's last part "system"). */
export function systemObject(node: Node): Node | null {
  const inner = unwrapExpression(node);
  if (inner.type !== "MemberExpression" && inner.type !== "OptionalMemberExpression") return null;
  const property = inner.property;
  const isSystem = inner.computed
    ? property.type === "StringLiteral" && property.value === "system"
    : property.type === "Identifier" && property.name === "system";
  return isSystem ? inner.object : null;
}

/** `a.b["c"]` → ["a", "b", "c"]; null when any part is computed otherwise or the root is not a name. */
export function memberPath(node: Node): string[] | null {
  const parts: string[] = [];
  let current: Node = node;
  for (;;) {
    current = unwrapExpression(current);
    if (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
      if (current.computed) {
        if (current.property.type !== "StringLiteral") return null;
        parts.unshift(current.property.value);
      } else if (current.property.type === "Identifier") {
        parts.unshift(current.property.name);
      } else return null;
      current = current.object;
      continue;
    }
    if (current.type === "Identifier") {
      parts.unshift(current.name);
      return parts;
    }
    return null;
  }
}

/** A string literal or a template without expressions; else null. */
/** The field a `q.eq(…)` compares: `q.eq("orgId", v)` or `q.eq(q.field("orgId"), v)`; null when not a literal. */
export function eqField(first: Node): string | null {
  const node = unwrapExpression(first);
  const field = stringValue(node);
  if (field !== null || node.type !== "CallExpression") return field;
  const callee = unwrapExpression(node.callee);
  return callee.type === "MemberExpression" && callee.property.type === "Identifier" && callee.property.name === "field"
    ? stringValue(node.arguments[0])
    : null;
}

export function stringValue(node: Node | undefined | null): string | null {
  if (!node) return null;
  const inner = unwrapExpression(node);
  if (inner.type === "StringLiteral") return inner.value;
  if (inner.type === "TemplateLiteral" && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? null;
  return null;
}

export function isFunctionNode(node: Node): boolean {
  return (
    node.type === "ArrowFunctionExpression" ||
    node.type === "FunctionExpression" ||
    node.type === "FunctionDeclaration" ||
    node.type === "ObjectMethod"
  );
}

/**
 * The table a validator's document ids belong to: `v.id("t")`, `v.optional(v.id("t"))`,
 * `v.array(v.id("t"))`, `v.union(v.id("t"), v.null())` → "t"; null otherwise.
 */
export function idTable(validator: Node): string | null {
  const inner = unwrapExpression(validator);
  if (inner.type !== "CallExpression") return null;
  const path = memberPath(inner.callee);
  const method = path?.[path.length - 1];
  if (method === "id") return stringValue(inner.arguments[0]);
  if (method === "optional" || method === "array" || method === "union" || method === "nullable") {
    const tables = new Set<string>();
    for (const argument of inner.arguments) {
      const table = idTable(argument);
      if (table !== null) tables.add(table);
    }
    return tables.size === 1 ? [...tables][0]! : null;
  }
  return null;
}

/**
 * Better Auth's component client methods that load the caller's user (`authComponent.getAuthUser(ctx)`)
 * or their id (`betterAuthComponent.getAuthUserId(ctx)`, the component's 0.7 API).
 */
export const AUTH_USER_METHOD = /^(?:safeG|g)etAuthUser(?:Id)?$/;

/** A field whose value says a row is shown to everyone (`isPublic`, `published`, `visibility`). */
export const VISIBILITY_FIELD = /^(?:is_?)?(?:public|published|listed|featured|visible)$|^visibility$/i;
