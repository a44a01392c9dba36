/**
 * How functions look documents up: `ctx.db.query("t").withIndex("i", q => q.eq("f", v))`,
 * `.filter(q => q.eq(q.field("f"), v))`, and scans (`.filter(u => u.email === identity.email)`,
 * `.find`, `.some`), with what each compared field is compared with (`identity.email`,
 * `args.userId`, `other`) and whether the lookup is scoped to a user.
 */
import type { Node } from "../../code/parse.ts";
import { unwrapExpression, type Visitors } from "../../code/walk.ts";
import type { Position } from "../facts.ts";
import { USER_FIELD, USER_INDEX, append, eqField, stringValue } from "../shared.ts";
import type { BackendFile, Frame } from "./state.ts";

/** `ctx.db.query("t")…` chain root: the table name (or null) when the chain starts at ctx.db.query. */
export function chainTable(
  state: BackendFile,
  node: Node,
  frame: Frame,
): { table: string | null; index: string | null } | null {
  let current: Node = unwrapExpression(node);
  let index: string | null = null;
  for (let depth = 0; depth < 32; depth++) {
    if (current.type === "CallExpression" || current.type === "OptionalCallExpression") {
      const callee = unwrapExpression(current.callee);
      if (
        (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") &&
        callee.property.type === "Identifier"
      ) {
        if (callee.property.name === "query" && state.isCtxMember(callee.object, frame, "db", frame.dbNames)) {
          return { table: stringValue(current.arguments[0]), index };
        }
        if (callee.property.name === "withIndex") index = stringValue(current.arguments[0]) ?? index;
        current = unwrapExpression(callee.object);
        continue;
      }
      return null;
    }
    if (current.type === "AwaitExpression") {
      current = unwrapExpression(current.argument);
      continue;
    }
    return null;
  }
  return null;
}

function scanLookup(
  state: BackendFile,
  node: Node & { type: "CallExpression" },
  frame: Frame,
  position: Position,
): void {
  const argument = node.arguments[0];
  if (!argument) return;
  // Only rows read from a table (`(await ctx.db.query("users").collect()).find(…)`, or a local
  // holding them): not a document's own array (`getPlayers(room).some(…)`, `room.players.find(…)`).
  const receiver = unwrapExpression((unwrapExpression(node.callee) as Node & { type: "MemberExpression" }).object);
  const fromTable =
    (receiver.type === "Identifier" && frame.collected.has(receiver.name)) || chainTable(state, receiver, frame);
  if (!fromTable) return;
  const start = argument.start ?? 0;
  const end = argument.end ?? 0;
  const comparisons = frame.compares.filter((compare) => compare.start >= start && compare.end <= end);
  if (comparisons.length === 0) return;
  frame.summary.lookups = append(frame.summary.lookups, {
    table: null,
    method: "scan",
    index: null,
    comparisons: comparisons.map(({ field, value }) => ({ field, value })),
    line: position.line,
    column: position.column,
  });
}

/**
 * A lookup call leaving the walk (`<chain>.withIndex/.filter/.find/.some/q.eq(…)`), called by the
 * flow collector in its call chain; true when the call was one (nothing else to record for it).
 */
export function lookupCall(
  state: BackendFile,
  node: Node & { type: "CallExpression" },
  frame: Frame,
  method: string,
  at: () => Position,
): boolean {
  const callee = unwrapExpression(node.callee) as Node & { type: "MemberExpression" };
  if (method === "withIndex" || method === "filter") {
    const chain = chainTable(state, callee.object, frame);
    if (chain) {
      const argument = node.arguments[method === "withIndex" ? 1 : 0];
      const range = argument ? { start: argument.start ?? 0, end: argument.end ?? 0 } : null;
      const comparisons = range ? frame.eqs.filter((eq) => eq.start >= range.start && eq.end <= range.end) : [];
      const index = method === "withIndex" ? stringValue(node.arguments[0]) : null;
      frame.summary.lookups = append(frame.summary.lookups, {
        table: chain.table,
        method,
        index,
        comparisons: comparisons.map(({ field, value }) => ({ field, value })),
        line: at().line,
        column: at().column,
      });
      if ((index && USER_INDEX.test(index)) || comparisons.some((eq) => USER_FIELD.test(eq.field)))
        frame.summary.userScoped = true;
      return true;
    }
    if (method === "filter") {
      scanLookup(state, node, frame, at());
      return true;
    }
  }
  if (method === "find" || method === "some") {
    scanLookup(state, node, frame, at());
    return true;
  }
  if (method === "eq" && node.arguments.length === 2) {
    const field = eqField(node.arguments[0] as Node);
    if (field)
      frame.eqs.push({
        start: node.start ?? 0,
        end: node.end ?? 0,
        field,
        value: state.describeValue(node.arguments[1] as Node, frame),
      });
    return true;
  }
  return false;
}

/** `x.field === identity.email` comparisons, which scans (`.filter`, `.find`) are made of. */
export function lookupVisitors(state: BackendFile): Visitors {
  return {
    "BinaryExpression:exit"(node) {
      const frame = state.current();
      if (!frame || node.type !== "BinaryExpression" || (node.operator !== "===" && node.operator !== "==")) return;
      const left = unwrapExpression(node.left);
      const right = unwrapExpression(node.right);
      for (const [field, value] of [
        [left, right],
        [right, left],
      ] as const) {
        if (field.type !== "MemberExpression" || field.property.type !== "Identifier" || field.computed) continue;
        const description = state.describeValue(value, frame);
        if (description.startsWith("identity.")) {
          frame.compares.push({
            start: node.start ?? 0,
            end: node.end ?? 0,
            field: field.property.name,
            value: description,
          });
          return;
        }
      }
    },
  };
}
