/**
 * What the Convex functions do, gathered in the engine's single walk over each file of the
 * functions folder: registered functions (public or internal), their arguments, the order in
 * which they check identity and touch data, how they look users up, helpers and their calls,
 * the schema's tables, http.ts routes and `convexAuth({ providers })`. Resolution across files
 * (helpers imported from the functions folder, `ctx.runQuery(api.x.y)`) happens afterwards in
 * `classify`. Heuristics lean to silence: whatever can't be resolved is "unknown".
 */
import { posix } from "node:path";
import type { Node } from "../../code/parse.ts";
import { VISITOR_KEYS } from "../../code/visitor-keys.ts";
import { columnAt, lineAt, positionOf, propertyKeyName, unwrapExpression, type WalkContext } from "../../code/walk.ts";
import type { Visitors } from "../define.ts";
import { PROFILES, isProfileModule } from "../../providers/profiles.ts";

const CONVEX_AUTH = PROFILES["convex-auth"];

export type FunctionKind =
  "query" | "mutation" | "action" | "internalQuery" | "internalMutation" | "internalAction" | "httpAction";

const BUILDERS: Record<string, FunctionKind> = {
  query: "query",
  mutation: "mutation",
  action: "action",
  internalQuery: "internalQuery",
  internalMutation: "internalMutation",
  internalAction: "internalAction",
  httpAction: "httpAction",
  queryGeneric: "query",
  mutationGeneric: "mutation",
  actionGeneric: "action",
  internalQueryGeneric: "internalQuery",
  internalMutationGeneric: "internalMutation",
  internalActionGeneric: "internalAction",
  httpActionGeneric: "httpAction",
};

/** Field names that tie a document to a user. */
export const USER_FIELD = /^(?:user|owner|author|creator|createdBy|created_by|member|account)(?:_?id)?$/i;
/** Argument names that carry a user id. */
export const USER_ID_ARG = /^(?:user|owner|author|creator|member|account|viewer|currentUser)_?Id$/i;
const USER_INDEX = /user|owner|author|creator|member/i;

export interface Position {
  line: number;
  column: number;
}

export type CallTarget =
  | { kind: "local"; name: string }
  | { kind: "import"; module: string; name: string }
  | { kind: "ref"; namespace: "api" | "internal"; path: string[] };

export type FlowEvent =
  | ({ kind: "identity"; via: string } & Position)
  | ({ kind: "data"; op: string; write: boolean } & Position)
  | ({ kind: "call"; target: CallTarget } & Position)
  | ({ kind: "unknown"; what: string } & Position);

export interface Lookup extends Position {
  table: string | null;
  method: "withIndex" | "filter" | "scan";
  index: string | null;
  /** Field compared → what it is compared with (`identity.email`, `args.userId`, `other`). */
  comparisons: { field: string; value: string }[];
}

export interface FunctionSummary extends Position {
  file: string;
  name: string;
  events: FlowEvent[];
  /** The first parameter (ctx) is typed `any`. */
  ctxAny: Position | null;
  /** Calls ctx.auth / getAuthUserId directly. */
  usesAuthDirectly: boolean;
  /** `identity.x` read with no null check before it, or `(await getUserIdentity())!.x`. */
  unguardedIdentity: (Position & { text: string })[];
  lookups: Lookup[];
  inserts: (Position & { table: string })[];
  /** A lookup or write keyed by a user field (userId, ownerId, by_user index…). */
  userScoped: boolean;
  /** Writes that change or delete existing documents (patch/replace/delete). */
  modifiesExisting: boolean;
  /** Names of handler args (or destructured params) read in the body. */
  argReads: Set<string>;
}

export interface ArgInfo extends Position {
  name: string;
  /** Source text of the validator, e.g. `v.id("users")`. */
  validator: string;
}

export interface RegisteredFunction extends Position {
  file: string;
  /** Export name (`default` for a default export). */
  name: string;
  kind: FunctionKind;
  /** Registered with a builder we don't know (customQuery…): we don't judge it. */
  custom: boolean;
  /** The builder's local name as called (`query`, `authedMutation`, `defineSchema`…). */
  builder: string;
  isPublic: boolean;
  /** null when the function has no args validator (`query(async (ctx) => …)` or no `args`). */
  args: ArgInfo[] | null;
  handler: FunctionSummary | null;
  /** Handler given by name (`handler: myHandler`). */
  handlerRef: string | null;
  /** A `// authwire: public` comment above it: public on purpose, not flagged or protected. */
  markedPublic: boolean;
}

/** `// authwire: public` (or `/* authwire: public *\/`) above a function marks it public on purpose. */
export const PUBLIC_MARKER = /^\s*\*?\s*authwire:\s*public\b/;

export interface SchemaTable extends Position {
  name: string;
  fields: string[];
  /** Field → its validator's source text (`v.optional(v.string())`). */
  validators: Record<string, string>;
  indexes: { name: string; fields: string[] }[];
}

export interface SchemaInfo extends Position {
  file: string;
  tables: SchemaTable[];
  /** Identifiers spread into defineSchema (`...authTables`). */
  spreads: string[];
}

export interface ModuleInfo {
  file: string;
  imports: Map<string, { module: string; imported: string }>;
  helpers: Map<string, FunctionSummary>;
  functions: RegisteredFunction[];
  /** export name → local name. */
  exportNames: Map<string, string>;
  envReads: (Position & { name: string })[];
  /** `X.addHttpRoutes(...)` calls (http.ts). */
  addHttpRoutes: Position[];
  hasDefaultExport: boolean;
  httpRoutes: (Position & { path: string })[];
  /** `convexAuth({ providers: [...] })`: the provider names, or null when not a literal array. */
  convexAuth: (Position & { providers: string[] | null }) | null;
  /** `"use node"` at the top. */
  useNode: boolean;
}

export interface BackendIndex {
  modules: Map<string, ModuleInfo>;
  schema: SchemaInfo | null;
}

export function emptyBackendIndex(): BackendIndex {
  return { modules: new Map(), schema: null };
}

/** Modules without top-level helper functions share this (never written: see `helperMap`). */
const NO_HELPERS: ReadonlyMap<string, FunctionSummary> = new Map();

/**
 * Import bindings are the same few pairs (`query` from `./_generated/server`…) in every module:
 * one object per pair for the run, shared by the modules (they are never modified).
 */
const bindingTables = new WeakMap<BackendIndex, Map<string, { module: string; imported: string }>>();

function binding(index: BackendIndex, module: string, imported: string): { module: string; imported: string } {
  let table = bindingTables.get(index);
  if (!table) bindingTables.set(index, (table = new Map()));
  const key = `${module}\0${imported}`;
  let found = table.get(key);
  if (!found) table.set(key, (found = { module, imported }));
  return found;
}

/* ------------------------------------------------------------------ helpers */

/** `process.env` (parentheses and TS wrappers aside), as memberPath would spell ["process", "env"]. */
function isProcessEnv(node: Node): boolean {
  const inner = unwrapExpression(node);
  if (inner.type !== "MemberExpression" && inner.type !== "OptionalMemberExpression") return false;
  const property = inner.property;
  const isEnv = inner.computed
    ? property.type === "StringLiteral" && property.value === "env"
    : property.type === "Identifier" && property.name === "env";
  if (!isEnv) return false;
  const object = unwrapExpression(inner.object);
  return object.type === "Identifier" && object.name === "process";
}

/** `<x>.system` where the member is not computed (as memberPath's last part "system"). */
function systemObject(node: Node): Node | null {
  const inner = unwrapExpression(node);
  if (inner.type !== "MemberExpression" && inner.type !== "OptionalMemberExpression") return null;
  const property = inner.property;
  const isSystem = inner.computed
    ? property.type === "StringLiteral" && property.value === "system"
    : property.type === "Identifier" && property.name === "system";
  return isSystem ? inner.object : null;
}

function memberPath(node: Node): string[] | null {
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
    if (current.type === "ThisExpression") return null;
    return null;
  }
}

function stringValue(node: Node | undefined | null): string | null {
  if (!node) return null;
  const inner = unwrapExpression(node);
  if (inner.type === "StringLiteral") return inner.value;
  if (inner.type === "TemplateLiteral" && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? null;
  return null;
}

function isFunctionNode(node: Node): boolean {
  return (
    node.type === "ArrowFunctionExpression" ||
    node.type === "FunctionExpression" ||
    node.type === "FunctionDeclaration" ||
    node.type === "ObjectMethod"
  );
}

function resolveModulePath(fromFile: string, source: string, known: ReadonlySet<string>): string | null {
  if (!source.startsWith(".")) return null;
  const base = posix.normalize(posix.join(posix.dirname(fromFile), source)).replace(/\.(?:js|mjs|cjs|jsx)$/, "");
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.js`,
    `${base}.mts`,
    `${base}.mjs`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/* ---------------------------------------------------------------- collector */

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * The index lives for the whole run and most of its lists stay empty: they share one frozen
 * empty array until their first item (fewer long-lived objects for the garbage collector).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** One copy of each short label the index keeps (`db.insert`, `identity.email`…), however many functions use it. */
const labels = new Map<string, string>();

function label(text: string): string {
  const known = labels.get(text);
  if (known !== undefined) return known;
  if (labels.size > 50_000) labels.clear();
  labels.set(text, text);
  return text;
}

function append<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

interface Frame {
  summary: FunctionSummary;
  ctxNames: Set<string>;
  dbNames: Set<string>;
  authNames: Set<string>;
  argsName: string | null;
  argNames: Set<string>;
  identityVars: Set<string>;
  /** Identity var → position (offset) of its first null check. */
  guards: Map<string, number>;
  accesses: { name: string; offset: number; position: Position; text: string }[];
  eqs: { start: number; end: number; field: string; value: string }[];
  compares: { start: number; end: number; field: string; value: string }[];
}

/**
 * The visitors that build one module's info. `file` is relative to the project root.
 */
export function backendCollector(file: string, source: string, index: BackendIndex): Visitors {
  const module: ModuleInfo = {
    file,
    imports: new Map(),
    helpers: NO_HELPERS as Map<string, FunctionSummary>,
    functions: [],
    exportNames: new Map(),
    envReads: NONE,
    addHttpRoutes: NONE,
    hasDefaultExport: false,
    httpRoutes: NONE,
    convexAuth: null,
    useNode: false,
  };
  index.modules.set(file, module);
  const handlerOwners = new WeakMap<Node, RegisteredFunction>();
  const frames: Frame[] = [];
  const frameByNode = new WeakMap<Node, Frame>();
  const isSchema = /(^|\/)schema\.[cm]?[jt]s$/.test(file);

  const builderKind = (callee: Node): { kind: FunctionKind | null; custom: boolean } | null => {
    const inner = unwrapExpression(callee);
    if (inner.type !== "Identifier") return null;
    const imported = module.imports.get(inner.name);
    if (imported) {
      const fromServer =
        /(^|\/)_generated\/server(\.js)?$/.test(imported.module) || imported.module === "convex/server";
      if (fromServer && BUILDERS[imported.imported]) return { kind: BUILDERS[imported.imported]!, custom: false };
      return { kind: null, custom: true };
    }
    return null;
  };

  const newSummary = (name: string, node: Node): FunctionSummary => ({
    file,
    name,
    line: lineAt(node),
    column: columnAt(node),
    events: [],
    ctxAny: null,
    usesAuthDirectly: false,
    unguardedIdentity: NONE,
    lookups: NONE,
    inserts: NONE,
    userScoped: false,
    modifiesExisting: false,
    argReads: new Set(),
  });

  const openFrame = (fn: Node, summary: FunctionSummary) => {
    const params = (fn as { params?: Node[] }).params ?? [];
    const frame: Frame = {
      summary,
      ctxNames: new Set(),
      dbNames: new Set(),
      authNames: new Set(),
      argsName: null,
      argNames: new Set(),
      identityVars: new Set(),
      guards: new Map(),
      accesses: [],
      eqs: [],
      compares: [],
    };
    const first = params[0];
    if (first) {
      const target = first.type === "AssignmentPattern" ? first.left : first;
      if (target.type === "Identifier") {
        frame.ctxNames.add(target.name);
        const annotation = target.typeAnnotation;
        if (annotation && annotation.type === "TSTypeAnnotation" && annotation.typeAnnotation.type === "TSAnyKeyword") {
          summary.ctxAny = positionOf(target);
        }
      } else if (target.type === "ObjectPattern") {
        for (const property of target.properties) {
          if (property.type !== "ObjectProperty") continue;
          const key = propertyKeyName(property);
          const value = property.value.type === "AssignmentPattern" ? property.value.left : property.value;
          if (value.type !== "Identifier") continue;
          if (key === "db") frame.dbNames.add(value.name);
          if (key === "auth") frame.authNames.add(value.name);
        }
      }
    }
    const second = params[1];
    if (second) {
      const target = second.type === "AssignmentPattern" ? second.left : second;
      if (target.type === "Identifier") frame.argsName = target.name;
      else if (target.type === "ObjectPattern") {
        for (const property of target.properties) {
          if (property.type === "ObjectProperty") {
            const key = propertyKeyName(property);
            if (key) {
              frame.argNames.add(key);
              summary.argReads.add(label(key));
            }
          }
        }
      }
    }
    frames.push(frame);
    frameByNode.set(fn, frame);
  };

  const current = (): Frame | undefined => frames[frames.length - 1];

  const isCtx = (node: Node, frame: Frame): boolean => {
    const inner = unwrapExpression(node);
    return inner.type === "Identifier" && (frame.ctxNames.has(inner.name) || inner.name === "ctx");
  };

  const isCtxMember = (node: Node, frame: Frame, member: string, aliases: ReadonlySet<string>): boolean => {
    const inner = unwrapExpression(node);
    if (inner.type === "Identifier") return aliases.has(inner.name);
    return (
      (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") &&
      !inner.computed &&
      inner.property.type === "Identifier" &&
      inner.property.name === member &&
      isCtx(inner.object, frame)
    );
  };

  /** `ctx.db.query("t")…` chain root: the table name (or null) when the chain starts at ctx.db.query. */
  const chainTable = (node: Node, frame: Frame): { table: string | null; index: string | null } | null => {
    let currentNode: Node = unwrapExpression(node);
    let index: string | null = null;
    for (let depth = 0; depth < 32; depth++) {
      if (currentNode.type === "CallExpression" || currentNode.type === "OptionalCallExpression") {
        const callee = unwrapExpression(currentNode.callee);
        if (
          (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") &&
          callee.property.type === "Identifier"
        ) {
          if (callee.property.name === "query" && isCtxMember(callee.object, frame, "db", frame.dbNames)) {
            return { table: stringValue(currentNode.arguments[0] as Node), index };
          }
          if (callee.property.name === "withIndex") index = stringValue(currentNode.arguments[0] as Node) ?? index;
          currentNode = unwrapExpression(callee.object);
          continue;
        }
        return null;
      }
      if (currentNode.type === "AwaitExpression") {
        currentNode = unwrapExpression(currentNode.argument);
        continue;
      }
      return null;
    }
    return null;
  };

  /** What an expression compared in a lookup is: `identity.email`, `args.userId`, or `other`. */
  const describeValue = (node: Node, frame: Frame): string => {
    let inner = unwrapExpression(node);
    if (inner.type === "LogicalExpression") inner = unwrapExpression(inner.left);
    if (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") {
      const path = memberPath(inner);
      if (path && path.length === 2) {
        if (frame.identityVars.has(path[0]!)) return label(`identity.${path[1]}`);
        if (path[0] === frame.argsName) return label(`args.${path[1]}`);
      }
      if (path && path.length === 2 && path[0] === "user" && path[1] === "_id") return "user._id";
    }
    if (inner.type === "Identifier") {
      if (frame.argNames.has(inner.name)) return label(`args.${inner.name}`);
      return label(`var.${inner.name}`);
    }
    return "other";
  };

  const pushEvent = (frame: Frame, event: FlowEvent) => {
    frame.summary.events.push(event);
  };

  /** One target object per imported callee in this module (calls to the same helper share it). */
  const targets = new Map<string, CallTarget>();
  const calleeTarget = (callee: Node): CallTarget | null => {
    const inner = unwrapExpression(callee);
    if (inner.type !== "Identifier") return null;
    const known = targets.get(inner.name);
    if (known) return known;
    const imported = module.imports.get(inner.name);
    if (!imported) return { kind: "local", name: inner.name };
    const target: CallTarget = { kind: "import", module: imported.module, name: imported.imported };
    targets.set(inner.name, target);
    return target;
  };

  const refTarget = (node: Node | undefined): CallTarget | null => {
    if (!node) return null;
    const path = memberPath(node);
    if (!path || path.length < 3) return null;
    const head = path[0]!;
    const imported = module.imports.get(head);
    if (!imported || !/_generated\/api(\.js)?$/.test(imported.module)) return null;
    if (imported.imported !== "api" && imported.imported !== "internal") return null;
    return { kind: "ref", namespace: imported.imported, path: path.slice(1) };
  };

  const registration = (call: Node & { type: "CallExpression" }, name: string, node: Node, marker: Node = node) => {
    const builder = builderKind(call.callee);
    if (!builder) return;
    const first = call.arguments[0] ? unwrapExpression(call.arguments[0] as Node) : undefined;
    const fn: RegisteredFunction = {
      file,
      name,
      line: lineAt(node),
      column: columnAt(node),
      kind: builder.kind ?? "query",
      custom: builder.custom,
      builder: call.callee.type === "Identifier" ? call.callee.name : "",
      isPublic: builder.kind ? !builder.kind.startsWith("internal") && builder.kind !== "httpAction" : false,
      args: null,
      handler: null,
      handlerRef: null,
      markedPublic: (marker.leadingComments ?? []).some((comment) => PUBLIC_MARKER.test(comment.value)),
    };
    if (builder.custom) {
      // A wrapper (customQuery, zQuery…): public-ness and auth are the wrapper's business.
      module.functions.push(fn);
      return;
    }
    if (first && isFunctionNode(first)) {
      handlerOwners.set(first, fn);
    } else if (first && first.type === "ObjectExpression") {
      for (const property of first.properties) {
        const key =
          property.type === "ObjectProperty" || property.type === "ObjectMethod"
            ? propertyKeyName(property)
            : undefined;
        if (key === "handler") {
          if (property.type === "ObjectMethod") handlerOwners.set(property, fn);
          else if (property.type === "ObjectProperty") {
            const value = unwrapExpression(property.value);
            if (isFunctionNode(value)) handlerOwners.set(value, fn);
            else if (value.type === "Identifier") fn.handlerRef = value.name;
          }
        } else if (key === "args" && property.type === "ObjectProperty") {
          const value = unwrapExpression(property.value);
          if (value.type === "ObjectExpression") {
            fn.args = [];
            for (const arg of value.properties) {
              if (arg.type !== "ObjectProperty") continue;
              const argName = propertyKeyName(arg);
              if (!argName) continue;
              fn.args.push({
                name: label(argName),
                validator: source.slice(arg.value.start ?? 0, arg.value.end ?? 0),
                line: lineAt(arg),
                column: columnAt(arg),
              });
            }
          }
        }
      }
    }
    module.functions.push(fn);
  };

  const topLevelFunction = (name: string, fn: Node) => {
    const summary = newSummary(name, fn);
    if (module.helpers === NO_HELPERS) module.helpers = new Map();
    module.helpers.set(name, summary);
    openFrame(fn, summary);
  };

  const enterFunction = (node: Node, walk: WalkContext) => {
    const owner = handlerOwners.get(node);
    if (owner) {
      const summary = newSummary(owner.name, node);
      owner.handler = summary;
      openFrame(node, summary);
      return;
    }
    const parents = walk.parents;
    const parent = parents[parents.length - 1];
    if (!parent) return;
    if (
      node.type === "FunctionDeclaration" &&
      node.id &&
      (parent.type === "Program" ||
        parent.type === "ExportNamedDeclaration" ||
        parent.type === "ExportDefaultDeclaration")
    ) {
      topLevelFunction(node.id.name, node);
      return;
    }
    if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
      const declaration = parents[parents.length - 2];
      const container = parents[parents.length - 3];
      if (
        declaration?.type === "VariableDeclaration" &&
        (container?.type === "Program" || container?.type === "ExportNamedDeclaration")
      ) {
        topLevelFunction(parent.id.name, node);
      }
    }
  };

  const leaveFunction = (node: Node) => {
    const frame = frameByNode.get(node);
    if (!frame) return;
    frames.pop();
    for (const access of frame.accesses) {
      const guard = frame.guards.get(access.name);
      if (guard === undefined || guard > access.offset) {
        frame.summary.unguardedIdentity = append(frame.summary.unguardedIdentity, {
          line: access.position.line,
          column: access.position.column,
          text: access.text,
        });
      }
    }
  };

  const identityCall = (node: Node, frame: Frame): string | null => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    if (inner.type !== "CallExpression") return null;
    const callee = unwrapExpression(inner.callee);
    if (
      callee.type === "MemberExpression" &&
      !callee.computed &&
      callee.property.type === "Identifier" &&
      callee.property.name === "getUserIdentity" &&
      isCtxMember(callee.object, frame, "auth", frame.authNames)
    ) {
      return "ctx.auth.getUserIdentity()";
    }
    return null;
  };

  /**
   * A null check: an identity var in an if/ternary/while test, the left of && || ??, or passed to
   * a function (assert(identity), requireIdentity(identity)), anywhere inside that expression but
   * not inside a nested function or statement. Records the var's first guarded position.
   */
  const guardedBy = (expression: Node | null | undefined) => {
    const frame = current();
    if (!expression || !frame || frame.identityVars.size === 0) return;
    const pending: Node[] = [expression];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === "Identifier" && frame.identityVars.has(node.name)) {
        const start = node.start ?? 0;
        const known = frame.guards.get(node.name);
        if (known === undefined || start < known) frame.guards.set(node.name, start);
      }
      if (
        isFunctionNode(node) ||
        node.type === "BlockStatement" ||
        node.type === "ExpressionStatement" ||
        node.type === "VariableDeclaration"
      )
        continue;
      const record = node as unknown as Record<string, unknown>;
      for (const key of VISITOR_KEYS[node.type] ?? []) {
        const value = record[key];
        if (Array.isArray(value)) {
          for (const child of value)
            if (child !== null && typeof child === "object" && typeof (child as Node).type === "string")
              pending.push(child as Node);
        } else if (value !== null && typeof value === "object" && typeof (value as Node).type === "string") {
          pending.push(value as Node);
        }
      }
    }
  };

  const visitors: Visitors = {
    Program(node) {
      const program = node as Node & { type: "Program" };
      module.useNode = program.directives.some((directive) => directive.value.value === "use node");
    },
    ImportDeclaration(node) {
      if (node.type !== "ImportDeclaration") return;
      for (const specifier of node.specifiers) {
        if (specifier.type === "ImportSpecifier") {
          const imported =
            specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
          module.imports.set(label(specifier.local.name), binding(index, node.source.value, imported));
        } else if (specifier.type === "ImportDefaultSpecifier") {
          module.imports.set(label(specifier.local.name), binding(index, node.source.value, "default"));
        } else {
          module.imports.set(label(specifier.local.name), binding(index, node.source.value, "*"));
        }
      }
    },
    ExportNamedDeclaration(node) {
      if (node.type !== "ExportNamedDeclaration") return;
      const declaration = node.declaration;
      if (declaration?.type === "VariableDeclaration") {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== "Identifier") continue;
          module.exportNames.set(declarator.id.name, declarator.id.name);
          const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
          if (init?.type === "CallExpression") registration(init, declarator.id.name, declarator, node);
        }
      } else if (declaration?.type === "FunctionDeclaration" && declaration.id) {
        module.exportNames.set(declaration.id.name, declaration.id.name);
      }
      for (const specifier of node.specifiers) {
        if (specifier.type === "ExportSpecifier") {
          const exported =
            specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
          module.exportNames.set(exported, specifier.local.name);
        }
      }
    },
    ExportDefaultDeclaration(node) {
      if (node.type !== "ExportDefaultDeclaration") return;
      module.hasDefaultExport = true;
      const declaration = unwrapExpression(node.declaration as Node);
      if (declaration.type === "CallExpression") registration(declaration, "default", node);
      if (declaration.type === "Identifier") module.exportNames.set("default", declaration.name);
    },
    FunctionDeclaration: enterFunction,
    FunctionExpression: enterFunction,
    ArrowFunctionExpression: enterFunction,
    ObjectMethod: enterFunction,
    "FunctionDeclaration:exit": leaveFunction,
    "FunctionExpression:exit": leaveFunction,
    "ArrowFunctionExpression:exit": leaveFunction,
    "ObjectMethod:exit": leaveFunction,
    VariableDeclarator(node) {
      const frame = current();
      if (!frame || node.type !== "VariableDeclarator" || !node.init) return;
      if (node.id.type === "Identifier" && identityCall(node.init, frame)) frame.identityVars.add(node.id.name);
      // `const { db } = ctx;`
      if (node.id.type === "ObjectPattern" && isCtx(node.init, frame)) {
        for (const property of node.id.properties) {
          if (property.type !== "ObjectProperty" || property.value.type !== "Identifier") continue;
          const key = propertyKeyName(property);
          if (key === "db") frame.dbNames.add(property.value.name);
          if (key === "auth") frame.authNames.add(property.value.name);
        }
      }
      if (
        node.id.type === "ObjectPattern" &&
        frame.argsName &&
        unwrapExpression(node.init).type === "Identifier" &&
        (unwrapExpression(node.init) as { name: string }).name === frame.argsName
      ) {
        for (const property of node.id.properties) {
          if (property.type === "ObjectProperty") {
            const key = propertyKeyName(property);
            if (key) {
              frame.argNames.add(key);
              frame.summary.argReads.add(label(key));
            }
          }
        }
      }
    },
    // Null checks of identity vars: the guard positions, read when they are left (every
    // declaration inside them has been seen by then).
    "IfStatement:exit"(node) {
      if (node.type === "IfStatement") guardedBy(node.test);
    },
    "ConditionalExpression:exit"(node) {
      if (node.type === "ConditionalExpression") guardedBy(node.test);
    },
    "WhileStatement:exit"(node) {
      if (node.type === "WhileStatement") guardedBy(node.test);
    },
    "LogicalExpression:exit"(node) {
      if (node.type === "LogicalExpression") guardedBy(node.left);
    },
    "OptionalCallExpression:exit"(node) {
      if (node.type === "OptionalCallExpression") for (const argument of node.arguments) guardedBy(argument as Node);
    },
    MemberExpression(node, walk) {
      const frame = current();
      if (!frame || node.type !== "MemberExpression") return;
      const object = unwrapExpression(node.object);
      // process.env.X reads (and env.X from _generated/server).
      if (!node.computed && node.property.type === "Identifier" && isProcessEnv(node.object)) {
        module.envReads = append(module.envReads, {
          name: node.property.name,
          line: lineAt(node),
          column: columnAt(node),
        });
      }
      if (
        frame.argsName &&
        object.type === "Identifier" &&
        object.name === frame.argsName &&
        node.property.type === "Identifier" &&
        !node.computed
      ) {
        frame.summary.argReads.add(label(node.property.name));
      }
      // identity.x without `?.`
      if (object.type === "Identifier" && frame.identityVars.has(object.name)) {
        const parent = walk.parents[walk.parents.length - 1];
        const assignedTo = parent?.type === "AssignmentExpression" && parent.left === node;
        if (!assignedTo) {
          frame.accesses.push({
            name: object.name,
            offset: node.start ?? 0,
            position: positionOf(node),
            text: source.slice(node.start ?? 0, node.end ?? 0),
          });
        }
      }
      // (await ctx.auth.getUserIdentity())!.x or (await …).x
      const raw = node.object;
      const stripped = raw.type === "TSNonNullExpression" || raw.type === "ParenthesizedExpression" ? raw : null;
      if (stripped || raw.type === "AwaitExpression") {
        if (identityCall(raw, frame)) {
          frame.summary.unguardedIdentity = append(frame.summary.unguardedIdentity, {
            line: lineAt(node),
            column: columnAt(node),
            text: source.slice(node.start ?? 0, node.end ?? 0),
          });
        }
      }
    },
    "CallExpression:exit"(node) {
      if (node.type !== "CallExpression") return;
      for (const argument of node.arguments) guardedBy(argument as Node);
      const callee = unwrapExpression(node.callee);
      const frame = current();
      // Module-level facts (outside any function too).
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
        const method = callee.property.name;
        if (method === "addHttpRoutes") module.addHttpRoutes = append(module.addHttpRoutes, positionOf(node));
        if (method === "route") {
          const options = node.arguments[0] ? unwrapExpression(node.arguments[0] as Node) : undefined;
          if (options?.type === "ObjectExpression") {
            for (const property of options.properties) {
              if (
                property.type === "ObjectProperty" &&
                (propertyKeyName(property) === "path" || propertyKeyName(property) === "pathPrefix")
              ) {
                const path = stringValue(property.value);
                if (path)
                  module.httpRoutes = append(module.httpRoutes, { path, line: lineAt(node), column: columnAt(node) });
              }
            }
          }
        }
      }
      if (callee.type === "Identifier") {
        const imported = module.imports.get(callee.name);
        if (imported?.imported === "convexAuth" && isProfileModule(CONVEX_AUTH, imported.module)) {
          const options = node.arguments[0] ? unwrapExpression(node.arguments[0] as Node) : undefined;
          let providers: string[] | null = null;
          if (options?.type === "ObjectExpression") {
            for (const property of options.properties) {
              if (property.type !== "ObjectProperty" || propertyKeyName(property) !== "providers") continue;
              const value = unwrapExpression(property.value);
              if (value.type === "ArrayExpression") {
                providers = value.elements.map((element) => {
                  if (!element) return "?";
                  const inner = unwrapExpression(element as Node);
                  if (inner.type === "Identifier") return inner.name;
                  if (inner.type === "CallExpression" && inner.callee.type === "Identifier") return inner.callee.name;
                  return "?";
                });
              }
            }
          }
          module.convexAuth = { providers, line: lineAt(node), column: columnAt(node) };
        }
        if (isSchema && imported?.imported === "defineSchema") collectSchema(node);
      }
      if (!frame) return;
      // Most calls in a function record nothing: their location is computed only when one does.
      let known: Position | undefined;
      const at = (): Position => (known ??= positionOf(node));

      // Identity checks.
      if (identityCall(node, frame)) {
        frame.summary.usesAuthDirectly = true;
        pushEvent(frame, { kind: "identity", via: "ctx.auth.getUserIdentity()", line: at().line, column: at().column });
        return;
      }
      if (callee.type === "Identifier") {
        const imported = module.imports.get(callee.name);
        if (
          imported &&
          isProfileModule(CONVEX_AUTH, imported.module) &&
          /^getAuth(?:UserId|SessionId)$/.test(imported.imported)
        ) {
          frame.summary.usesAuthDirectly = true;
          pushEvent(frame, {
            kind: "identity",
            via: label(`${imported.imported}(ctx)`),
            line: at().line,
            column: at().column,
          });
          return;
        }
      }

      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
        const method = callee.property.name;
        // ctx.db.*
        const system = callee.object.type === "MemberExpression" ? systemObject(callee.object) : null;
        if (
          isCtxMember(callee.object, frame, "db", frame.dbNames) ||
          (system !== null && isCtxMember(system, frame, "db", frame.dbNames))
        ) {
          const write = method === "insert" || method === "patch" || method === "replace" || method === "delete";
          pushEvent(frame, { kind: "data", op: label(`db.${method}`), write, line: at().line, column: at().column });
          if (method === "patch" || method === "replace" || method === "delete") frame.summary.modifiesExisting = true;
          if (method === "insert") {
            const table = stringValue(node.arguments[0] as Node);
            if (table)
              frame.summary.inserts = append(frame.summary.inserts, { table, line: at().line, column: at().column });
          }
          if (write) {
            const document = node.arguments[1] ? unwrapExpression(node.arguments[1] as Node) : undefined;
            if (document?.type === "ObjectExpression") {
              for (const property of document.properties) {
                if (property.type === "ObjectProperty" && USER_FIELD.test(propertyKeyName(property) ?? ""))
                  frame.summary.userScoped = true;
              }
            }
          }
          return;
        }
        if (isCtxMember(callee.object, frame, "storage", NO_NAMES)) {
          pushEvent(frame, {
            kind: "data",
            op: label(`storage.${method}`),
            write: method === "store" || method === "delete",
            line: at().line,
            column: at().column,
          });
          return;
        }
        if (isCtx(callee.object, frame) && /^run(?:Query|Mutation|Action)$/.test(method)) {
          const target = refTarget(node.arguments[0] as Node);
          if (target) pushEvent(frame, { kind: "call", target, line: at().line, column: at().column });
          else
            pushEvent(frame, {
              kind: "unknown",
              what: label(`ctx.${method}(…)`),
              line: at().line,
              column: at().column,
            });
          return;
        }
        // Lookups: .withIndex(name, q => q.eq(...)) / .filter(q => q.eq(q.field(...), ...)) on ctx.db.query chains.
        if (method === "withIndex" || method === "filter") {
          const chain = chainTable(callee.object, frame);
          if (chain) {
            const argument = node.arguments[method === "withIndex" ? 1 : 0];
            const range = argument ? { start: argument.start ?? 0, end: argument.end ?? 0 } : null;
            const comparisons = range ? frame.eqs.filter((eq) => eq.start >= range.start && eq.end <= range.end) : [];
            const index = method === "withIndex" ? stringValue(node.arguments[0] as Node) : null;
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
            return;
          }
          if (method === "filter") {
            scanLookup(node, frame, at());
            return;
          }
        }
        if (method === "find" || method === "some") {
          scanLookup(node, frame, at());
          return;
        }
        if (method === "eq" && node.arguments.length === 2) {
          const first = unwrapExpression(node.arguments[0] as Node);
          let field = stringValue(first);
          if (!field && first.type === "CallExpression") {
            const inner = unwrapExpression(first.callee);
            if (
              inner.type === "MemberExpression" &&
              inner.property.type === "Identifier" &&
              inner.property.name === "field"
            ) {
              field = stringValue(first.arguments[0] as Node);
            }
          }
          if (field)
            frame.eqs.push({
              start: node.start ?? 0,
              end: node.end ?? 0,
              field,
              value: describeValue(node.arguments[1] as Node, frame),
            });
          return;
        }
      }

      // Anything handed ctx.db is data access; anything handed ctx is a call we may resolve.
      const args = node.arguments as Node[];
      if (args.length === 0) return;
      if (args.some((arg) => isCtxMember(arg, frame, "db", frame.dbNames))) {
        pushEvent(frame, {
          kind: "data",
          op: "db passed to a helper",
          write: false,
          line: at().line,
          column: at().column,
        });
        return;
      }
      if (args.some((arg) => isCtx(arg, frame))) {
        const target = calleeTarget(callee);
        if (target) pushEvent(frame, { kind: "call", target, line: at().line, column: at().column });
        else
          pushEvent(frame, {
            kind: "unknown",
            what: source.slice(callee.start ?? 0, callee.end ?? 0),
            line: at().line,
            column: at().column,
          });
      }
    },
    "BinaryExpression:exit"(node) {
      const frame = current();
      if (!frame || node.type !== "BinaryExpression" || (node.operator !== "===" && node.operator !== "==")) return;
      const left = unwrapExpression(node.left as Node);
      const right = unwrapExpression(node.right);
      for (const [field, value] of [
        [left, right],
        [right, left],
      ] as const) {
        if (field.type !== "MemberExpression" || field.property.type !== "Identifier" || field.computed) continue;
        const description = describeValue(value, frame);
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

  function scanLookup(node: Node & { type: "CallExpression" }, frame: Frame, position: Position) {
    const argument = node.arguments[0];
    if (!argument) return;
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

  function collectSchema(call: Node & { type: "CallExpression" }) {
    const definition = call.arguments[0] ? unwrapExpression(call.arguments[0] as Node) : undefined;
    if (definition?.type !== "ObjectExpression") return;
    const schema: SchemaInfo = { file, tables: [], spreads: [], line: lineAt(call), column: columnAt(call) };
    for (const property of definition.properties) {
      if (property.type === "SpreadElement") {
        const argument = unwrapExpression(property.argument);
        if (argument.type === "Identifier") schema.spreads.push(argument.name);
        continue;
      }
      if (property.type !== "ObjectProperty") continue;
      const name = propertyKeyName(property);
      if (!name) continue;
      const table: SchemaTable = {
        name,
        fields: [],
        validators: {},
        indexes: [],
        line: lineAt(property),
        column: columnAt(property),
      };
      // defineTable({...}).index("by_x", ["x"]).index(...)
      let node: Node = unwrapExpression(property.value);
      for (let depth = 0; depth < 64 && node.type === "CallExpression"; depth++) {
        const callee = unwrapExpression(node.callee);
        if (callee.type === "MemberExpression" && callee.property.type === "Identifier") {
          if (callee.property.name === "index") {
            const indexName = stringValue(node.arguments[0] as Node);
            const fields = node.arguments[1] ? unwrapExpression(node.arguments[1] as Node) : undefined;
            if (indexName) {
              table.indexes.push({
                name: indexName,
                fields:
                  fields?.type === "ArrayExpression"
                    ? fields.elements.map((element) => stringValue(element as Node) ?? "?")
                    : [],
              });
            }
          }
          node = unwrapExpression(callee.object);
          continue;
        }
        if (callee.type === "Identifier") {
          const fields = node.arguments[0] ? unwrapExpression(node.arguments[0] as Node) : undefined;
          if (fields?.type === "ObjectExpression") {
            for (const field of fields.properties) {
              if (field.type === "ObjectProperty") {
                const key = propertyKeyName(field);
                if (key) {
                  table.fields.push(key);
                  table.validators[key] = source.slice(field.value.start ?? 0, field.value.end ?? 0);
                }
              }
            }
          }
        }
        break;
      }
      schema.tables.push(table);
    }
    index.schema = schema;
  }

  return visitors;
}

/* ---------------------------------------------------------- cross-file work */

export type AuthOrder = "identity-first" | "data-first" | "none" | "unknown";

export interface Classification {
  order: AuthOrder;
  /** Some identity check happens somewhere on the path (even after data). */
  checksIdentity: boolean | "unknown";
  /** The first data access, when it comes before any identity check. */
  firstData: Position | null;
}

/** Resolves helpers and function references across the functions folder. */
export class BackendResolver {
  private readonly memo = new Map<FunctionSummary, Classification>();
  private readonly known: Set<string>;
  /** `fromDir\0source` → resolved module path (many modules import the same helpers). */
  private readonly paths = new Map<string, string | null>();
  private allFunctions: RegisteredFunction[] | undefined;
  private allSummaries: FunctionSummary[] | undefined;

  constructor(
    private readonly index: BackendIndex,
    private readonly convexDir: string,
  ) {
    this.known = new Set(index.modules.keys());
  }

  /** Every registered function (all modules), in file order. The index is complete when the resolver is made. */
  functions(): RegisteredFunction[] {
    this.allFunctions ??= [...this.index.modules.values()].flatMap((module) => module.functions);
    return this.allFunctions;
  }

  private resolvePath(file: string, source: string): string | null {
    const key = `${posix.dirname(file)}\0${source}`;
    let path = this.paths.get(key);
    if (path === undefined) {
      path = resolveModulePath(file, source, this.known);
      this.paths.set(key, path);
    }
    return path;
  }

  /** The handler summary of a registered function (inline or by name). */
  handlerOf(fn: RegisteredFunction): FunctionSummary | null {
    if (fn.handler) return fn.handler;
    if (fn.handlerRef) return this.index.modules.get(fn.file)?.helpers.get(fn.handlerRef) ?? null;
    return null;
  }

  private resolveTarget(file: string, target: CallTarget): FunctionSummary | "unknown" | "ignore" {
    if (target.kind === "local") {
      const helper = this.index.modules.get(file)?.helpers.get(target.name);
      return helper ?? "unknown";
    }
    if (target.kind === "import") {
      const path = this.resolvePath(file, target.module);
      if (!path) return "unknown";
      const module = this.index.modules.get(path);
      if (!module) return "unknown";
      const local =
        target.name === "default"
          ? module.exportNames.get("default")
          : (module.exportNames.get(target.name) ?? target.name);
      if (!local) return "unknown";
      return module.helpers.get(local) ?? "unknown";
    }
    // api.a.b.fn → <convexDir>/a/b.ts export fn
    const name = target.path[target.path.length - 1]!;
    const modulePath = `${this.convexDir}/${target.path.slice(0, -1).join("/")}`;
    const path =
      this.resolvePath(`${this.convexDir}/x.ts`, `./${target.path.slice(0, -1).join("/")}`) ??
      (this.known.has(`${modulePath}.ts`) ? `${modulePath}.ts` : null);
    if (!path) return "unknown";
    const fn = this.index.modules.get(path)?.functions.find((candidate) => candidate.name === name);
    if (!fn || fn.custom) return "unknown";
    return this.handlerOf(fn) ?? "unknown";
  }

  /** Whether identity is checked before data is touched on the function's straight-line path. */
  classify(summary: FunctionSummary, depth = 0): Classification {
    const cached = this.memo.get(summary);
    if (cached) return cached;
    if (depth > 12) return { order: "unknown", checksIdentity: "unknown", firstData: null };
    // Guard against recursion: assume unknown while computing.
    this.memo.set(summary, { order: "unknown", checksIdentity: "unknown", firstData: null });
    let order: AuthOrder = "none";
    let checksIdentity: boolean | "unknown" = false;
    let firstData: Position | null = null;
    for (const event of summary.events) {
      let effect: Classification | null = null;
      if (event.kind === "identity") effect = { order: "identity-first", checksIdentity: true, firstData: null };
      else if (event.kind === "data")
        effect = { order: "data-first", checksIdentity: false, firstData: { line: event.line, column: event.column } };
      else if (event.kind === "unknown") effect = { order: "unknown", checksIdentity: "unknown", firstData: null };
      else {
        const target = this.resolveTarget(summary.file, event.target);
        if (target === "ignore") continue;
        if (target === "unknown") effect = { order: "unknown", checksIdentity: "unknown", firstData: null };
        else {
          const inner = this.classify(target, depth + 1);
          effect = {
            ...inner,
            firstData: inner.order === "data-first" ? { line: event.line, column: event.column } : null,
          };
        }
      }
      if (order === "none") {
        if (effect.order !== "none") {
          order = effect.order;
          firstData = effect.firstData;
        }
      }
      if (effect.checksIdentity === true) checksIdentity = true;
      else if (effect.checksIdentity === "unknown" && checksIdentity === false) checksIdentity = "unknown";
    }
    const result: Classification = { order, checksIdentity, firstData };
    this.memo.set(summary, result);
    return result;
  }

  /** Every function summary (handlers and helpers) of the functions folder. */
  summaries(): FunctionSummary[] {
    if (!this.allSummaries) {
      const all: FunctionSummary[] = [];
      for (const module of this.index.modules.values()) {
        for (const helper of module.helpers.values()) all.push(helper);
        for (const fn of module.functions) if (fn.handler) all.push(fn.handler);
      }
      this.allSummaries = all;
    }
    return this.allSummaries;
  }
}
