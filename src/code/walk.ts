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
  const tables = newTables();
  tables.every = { enter: [{ slot: 0, fn: enter }], leave: leave ? [{ slot: 0, fn: leave }] : undefined };
  tables.disabled.push(false);
  traverse(root, tables, (_slot, error) => {
    throw error;
  });
}

export type Visitor = (node: Node, walk: WalkContext) => void;
/** Node type → handler; `Type:exit` runs after the node's children; `Program:exit` at the end. */
export type Visitors = Record<string, Visitor>;

interface Handler {
  /** The visitor set this handler belongs to (a crash disables the whole set). */
  slot: number;
  fn: Visitor;
}

/** Node type id → handlers, for entering (`Type`) and leaving (`Type:exit`) nodes. */
interface Tables {
  enter: (Handler[] | undefined)[];
  leave: (Handler[] | undefined)[];
  /** Handlers for every node (the generic `walk`): then every node is visited. */
  every: { enter: Handler[]; leave: Handler[] | undefined } | null;
  disabled: boolean[];
}

function newTables(): Tables {
  return { enter: [], leave: [], every: null, disabled: [] };
}

/**
 * Leaves and identifiers, by type id: usually childless, so skipped when no handler wants them
 * and they have no children. Filled lazily, as type ids are.
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

function childless(node: Node, keys: readonly string[]): boolean {
  const record = node as unknown as Record<string, unknown>;
  for (let index = 0; index < keys.length; index += 1) if (record[keys[index]!] != null) return false;
  return true;
}

/**
 * The one AST walk every layer uses (`walk` above, `dispatchWalk` below): depth first in Babel's
 * traversal order over the child keys of visitor-keys.ts, calling the handlers registered for each
 * node's type on the way in and (`:exit`) on the way out. Unless handlers want every node, nodes
 * no handler can see and that have no children are not visited at all (literals, identifiers
 * without type annotations: about half of all nodes). Allocates nothing per node.
 */
function traverse(root: Node, tables: Tables, crashed: (slot: number, error: unknown) => void): void {
  const { enter, leave, every, disabled } = tables;
  const parents: Node[] = [];
  let skipped = false;
  const context: WalkContext = {
    parents,
    skip() {
      skipped = true;
    },
  };
  const run = (handlers: Handler[], node: Node): void => {
    for (let index = 0; index < handlers.length; index += 1) {
      const handler = handlers[index]!;
      if (disabled[handler.slot]) continue;
      try {
        handler.fn(node, context);
      } catch (error) {
        disabled[handler.slot] = true;
        crashed(handler.slot, error);
      }
    }
  };
  const wanted = (child: Node, id: number): boolean =>
    every !== null ||
    !leafish(id, child.type) ||
    enter[id] !== undefined ||
    leave[id] !== undefined ||
    !childless(child, childKeys(child, id));

  const visit = (node: Node, id: number): void => {
    skipped = false;
    const onEnter = every !== null ? every.enter : enter[id];
    if (onEnter !== undefined) run(onEnter, node);
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
    const onLeave = every !== null ? every.leave : leave[id];
    if (onLeave !== undefined) run(onLeave, node);
  };
  visit(root, typeId(root.type));
}

/**
 * Walks `root` once for several visitor sets (the analysis collectors, code rules). A handler
 * that throws disables its set for the rest of the walk and is reported to `crashed` with the
 * set's index.
 */
export function dispatchWalk(
  root: Node,
  sets: readonly Visitors[],
  crashed: (set: number, error: unknown) => void,
): void {
  const tables = newTables();
  sets.forEach((visitors, slot) => {
    tables.disabled.push(false);
    for (const key in visitors) {
      const exit = key.endsWith(":exit");
      const id = typeId(exit ? key.slice(0, -5) : key);
      const table = exit ? tables.leave : tables.enter;
      const list = table[id];
      if (list) list.push({ slot, fn: visitors[key]! });
      else table[id] = [{ slot, fn: visitors[key]! }];
    }
  });
  traverse(root, tables, crashed);
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

export { columnAt, lineAt, positionOf } from "./location.ts";

type ImportSpecifierNode = Extract<
  Node,
  { type: "ImportSpecifier" | "ImportDefaultSpecifier" | "ImportNamespaceSpecifier" }
>;

/** The name an export specifier gives its module's importers (`export { a as b }` → "b"). */
export function exportedName(specifier: Extract<Node, { type: "ExportSpecifier" }>): string {
  return specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
}

/** The name an import specifier takes from its module: the export's name, "default", or "*". */
export function importedName(specifier: ImportSpecifierNode): string {
  if (specifier.type === "ImportDefaultSpecifier") return "default";
  if (specifier.type === "ImportNamespaceSpecifier") return "*";
  return specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
}
