/** A small, allocation-light walk over Babel ASTs, plus the AST questions every layer asks. */
import type { Node } from "@babel/types";

import { VISITOR_KEYS } from "./visitor-keys.ts";

export interface WalkContext {
  /** Ancestors of the current node, outermost first. */
  readonly parents: readonly Node[];
  /** Call to skip the current node's children. */
  skip(): void;
}

/*
 * Child keys come from Babel's own table (visitor-keys.ts), in its traversal order, instead of
 * enumerating each node's properties. Node types get small integer ids, shared by every walk, so
 * the rule engine's per-file handler tables can be arrays indexed by them.
 */
const TYPE_IDS = new Map<string, number>();
/** Child keys per type id; null for a type Babel's table doesn't know (keys read off the node). */
const KEYS_BY_ID: (readonly string[] | null)[] = [];

const NOT_CHILDREN = new Set([
  "type",
  "start",
  "end",
  "loc",
  "range",
  "extra",
  "comments",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "errors",
  "tokens",
]);

export function typeId(type: string): number {
  let id = TYPE_IDS.get(type);
  if (id === undefined) {
    id = KEYS_BY_ID.length;
    KEYS_BY_ID.push(VISITOR_KEYS[type] ?? null);
    TYPE_IDS.set(type, id);
  }
  return id;
}

for (const type of Object.keys(VISITOR_KEYS)) typeId(type);

/** The keys that may hold a node's children (for a type Babel doesn't know: every object property). */
export function childKeys(node: Node, id = typeId(node.type)): readonly string[] {
  const keys = KEYS_BY_ID[id];
  if (keys) return keys;
  const record = node as unknown as Record<string, unknown>;
  return Object.keys(record).filter(
    (key) => !NOT_CHILDREN.has(key) && typeof record[key] === "object" && record[key] !== null,
  );
}

/** Calls `enter` for every node, depth first, in Babel's traversal order; `leave` after its children. */
export function walk(
  root: Node,
  enter: (node: Node, context: WalkContext) => void,
  leave?: (node: Node, context: WalkContext) => void,
): void {
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
      parents.push(node);
      const record = node as unknown as Record<string, unknown>;
      for (const key of childKeys(node)) {
        const value = record[key];
        if (Array.isArray(value)) {
          for (const child of value) if (isNode(child)) visit(child);
        } else if (isNode(value)) {
          visit(value);
        }
      }
      parents.pop();
    }
    leave?.(node, context);
  };
  visit(root);
}

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Strips `x as T`, `x satisfies T`, `x!`, `<T>x` and parentheses. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "ParenthesizedExpression":
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** The static name of a property key (`a`, `"a"`, `["a"]`), or undefined when computed. */
export function propertyKeyName(node: Node & { key?: Node; computed?: boolean }): string | undefined {
  const key = node.key;
  if (!key) return undefined;
  if (key.type === "Identifier" && !node.computed) return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/** 1-based line and column of a node's start. */
export function positionOf(node: Node): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

/** `positionOf(node).line` without the object (for records that keep line and column as fields). */
export function lineAt(node: Node): number {
  return node.loc?.start.line ?? 1;
}

/** `positionOf(node).column`, 1-based. */
export function columnAt(node: Node): number {
  return (node.loc?.start.column ?? 0) + 1;
}
