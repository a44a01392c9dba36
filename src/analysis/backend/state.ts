/**
 * The state one backend file's collectors share while the walk is in it: the module being built,
 * the stack of function frames (one per handler or top-level helper), and the questions about
 * `ctx` every concern asks. Each concern (functions.ts, flow.ts, lookups.ts, schema.ts, http.ts)
 * reads and writes it through its own visitors.
 */
import type { Node } from "../../code/parse.ts";
import { columnAt, lineAt, positionOf, propertyKeyName, unwrapExpression } from "../../code/walk.ts";
import type {
  BackendIndex,
  CallTarget,
  FlowEvent,
  FunctionKind,
  FunctionSummary,
  ModuleInfo,
  Position,
  RegisteredFunction,
  ReturnedData,
} from "../facts.ts";
import { NONE, label, memberPath } from "../shared.ts";

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

/** First parameters that are no ctx by their name: an identity, a user, a document, the arguments. */
const NOT_CTX_PARAM =
  /^(?:identity|user|users|doc|document|args|data|payload|params|props|input|claims|token|event|request|req|options)$/i;
/** A type a ctx has: `QueryCtx`, `GenericMutationCtx<DataModel>`, `{ db: DatabaseReader }`, `Context`. */
const CTX_TYPE = /Ctx|Context|\b(?:db|auth|runQuery|runMutation)\b/;
/** Modules without top-level helper functions share this (replaced by a new map on the first helper). */
export const NO_HELPERS: ReadonlyMap<string, FunctionSummary> = new Map();
/** Shared by every module with no top-level client built from env variables (most of them). */
const NO_CLIENTS: ReadonlyMap<string, string[]> = new Map();
const NO_BUILDERS: ReadonlyMap<string, FunctionKind> = new Map();

/** Functions that return nothing the returns collector recognises share this. */
export const NO_RETURNS: ReturnedData = Object.freeze({ documents: NONE, fields: NONE, calls: NONE });

/**
 * Import bindings are the same few pairs (`query` from `./_generated/server`…) in every module:
 * one object per pair for the run, shared by the modules (they are never modified).
 */
const bindingTables = new WeakMap<BackendIndex, Map<string, { module: string; imported: string }>>();

export function binding(index: BackendIndex, module: string, imported: string): { module: string; imported: string } {
  let table = bindingTables.get(index);
  if (!table) bindingTables.set(index, (table = new Map()));
  const key = `${module}\0${imported}`;
  let found = table.get(key);
  if (!found) table.set(key, (found = { module, imported }));
  return found;
}

/** One function being walked (a handler or a top-level helper). */
export interface Frame {
  summary: FunctionSummary;
  ctxNames: Set<string>;
  dbNames: Set<string>;
  authNames: Set<string>;
  argsName: string | null;
  /** Local names bound to an argument → the argument's name (`{ userId }`, `const id = args.chatId`). */
  argNames: Map<string, string>;
  identityVars: Set<string>;
  /** Locals holding a deployment variable (`const expected = process.env.X`): a shared secret to compare with. */
  envVars: Set<string>;
  /** Locals holding rows read from a table (`const all = await ctx.db.query("users").collect()`). */
  collected: Set<string>;
  /**
   * Locals holding an engagement count (`const current = lobby.spectatorCount || 0`) or its bump
   * (`const views = (art.views ?? 0) + 1`, bumped): the field they count.
   */
  countLocals: Map<string, { field: string; bumped: boolean }>;
  /** Identity var → position (offset) of its first null check. */
  guards: Map<string, number>;
  accesses: { name: string; offset: number; position: Position; text: string }[];
  eqs: { start: number; end: number; field: string; value: string }[];
  compares: { start: number; end: number; field: string; value: string }[];
}

export class BackendFile {
  readonly module: ModuleInfo;
  /** Function nodes that are the handler of a registration (set when the registration is seen). */
  readonly handlerOwners = new WeakMap<Node, RegisteredFunction>();
  readonly frames: Frame[] = [];
  readonly frameByNode = new WeakMap<Node, Frame>();
  /** Helper names the project configuration counts as access checks (`guards`). */
  guardNames: ReadonlySet<string> = new Set();
  /**
   * Names bound to a client of a Convex component that is no auth provider's (`const leaderboard =
   * new TableAggregate(components.leaderboard, …)`, a rate limiter): calls on them check nobody.
   */
  readonly componentClients = new Set<string>();
  /** One target object per callee name in this module (calls to the same helper share it). */
  private readonly targets = new Map<string, CallTarget>();

  constructor(
    readonly file: string,
    readonly source: string,
    readonly index: BackendIndex,
  ) {
    this.module = {
      file,
      imports: new Map(),
      helpers: NO_HELPERS as Map<string, FunctionSummary>,
      functions: [],
      exportNames: new Map(),
      reExports: NONE,
      envReads: NONE,
      topLevelEnv: NONE,
      envClients: NO_CLIENTS as Map<string, string[]>,
      passThroughBuilders: NO_BUILDERS as Map<string, FunctionKind>,
      addHttpRoutes: NONE,
      hasDefaultExport: false,
      httpRoutes: NONE,
      convexAuth: null,
      useNode: false,
    };
    index.modules.set(file, this.module);
  }

  current(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  text(node: Node): string {
    return this.source.slice(node.start ?? 0, node.end ?? 0);
  }

  /** The kind of a registration's builder, when the callee is an imported builder; null otherwise. */
  builderKind(callee: Node): { kind: FunctionKind | null; custom: boolean } | null {
    const inner = unwrapExpression(callee);
    if (inner.type !== "Identifier") return null;
    const kind = this.serverBuilder(inner.name);
    if (kind) return { kind, custom: false };
    // A builder this module made by wrapping a plain one with no auth (triggers).
    const passThrough = this.module.passThroughBuilders.get(inner.name);
    if (passThrough) return { kind: passThrough, custom: false };
    return this.module.imports.has(inner.name) ? { kind: null, custom: true } : null;
  }

  /** The kind a plain builder imported from `_generated/server` builds (`mutation as rawMutation` too), or null. */
  serverBuilder(name: string): FunctionKind | null {
    const imported = this.module.imports.get(name);
    if (!imported) return null;
    const fromServer = /(^|\/)_generated\/server(\.js)?$/.test(imported.module) || imported.module === "convex/server";
    return fromServer ? (BUILDERS[imported.imported] ?? null) : null;
  }

  newSummary(name: string, node: Node): FunctionSummary {
    return {
      file: this.file,
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
      deletes: false,
      readsClock: false,
      onlyCounts: true,
      envNames: NONE,
      plainCalls: NONE,
      firstOutsideWait: null,
      argReads: new Set(),
      access: null,
      returns: NO_RETURNS,
    };
  }

  /** Starts a frame for a function: its ctx (and `{ db, auth }`) and args parameter names. */
  openFrame(fn: Node, summary: FunctionSummary): void {
    const params = (fn as { params?: Node[] }).params ?? [];
    const frame: Frame = {
      summary,
      ctxNames: new Set(),
      dbNames: new Set(),
      authNames: new Set(),
      argsName: null,
      argNames: new Map(),
      identityVars: new Set(),
      envVars: new Set(),
      collected: new Set(),
      countLocals: new Map(),
      guards: new Map(),
      accesses: [],
      eqs: [],
      compares: [],
    };
    const first = params[0];
    if (first) {
      const target = first.type === "AssignmentPattern" ? first.left : first;
      // A helper's first parameter is its ctx unless its name says it is something else
      // (`extractRole(identity: any)`, `format(user)`).
      const annotation =
        target.type === "Identifier" && target.typeAnnotation?.type === "TSTypeAnnotation"
          ? target.typeAnnotation.typeAnnotation
          : null;
      // Nor is one whose type says what it is (`card: { ability?: unknown }`, `id: string`).
      const typedOther =
        annotation !== null &&
        !(target.type === "Identifier" && target.name === "ctx") &&
        annotation.type !== "TSAnyKeyword" &&
        annotation.type !== "TSUnknownKeyword" &&
        !CTX_TYPE.test(this.text(annotation));
      if (target.type === "Identifier" && !NOT_CTX_PARAM.test(target.name) && !typedOther) {
        frame.ctxNames.add(target.name);
        if (annotation?.type === "TSAnyKeyword") summary.ctxAny = positionOf(target);
      } else if (target.type === "ObjectPattern") {
        for (const property of target.properties) {
          if (property.type !== "ObjectProperty") continue;
          const key = propertyKeyName(property);
          const value = property.value.type === "AssignmentPattern" ? property.value.left : property.value;
          if (value.type !== "Identifier") continue;
          if (key === "db") frame.dbNames.add(value.name);
          if (key === "auth") frame.authNames.add(value.name);
          // `function requireUser({ ctx }: { ctx: QueryCtx })`: the ctx comes in an object.
          if (key === "ctx") frame.ctxNames.add(value.name);
        }
      }
    }
    const second = params[1];
    if (second) {
      const target = second.type === "AssignmentPattern" ? second.left : second;
      if (target.type === "Identifier") frame.argsName = target.name;
      else if (target.type === "ObjectPattern") bindArgs(frame, target);
    }
    this.frames.push(frame);
    this.frameByNode.set(fn, frame);
  }

  isCtx(node: Node, frame: Frame): boolean {
    const inner = unwrapExpression(node);
    return inner.type === "Identifier" && (frame.ctxNames.has(inner.name) || inner.name === "ctx");
  }

  /** An argument that hands a helper the ctx: `ctx` itself, or in an object (`requireUser({ ctx })`). */
  handsCtx(node: Node, frame: Frame): boolean {
    const inner = unwrapExpression(node);
    return (
      this.isCtx(inner, frame) ||
      (inner.type === "ObjectExpression" &&
        inner.properties.some(
          (property) =>
            property.type === "ObjectProperty" &&
            propertyKeyName(property) === "ctx" &&
            this.isCtx(property.value, frame),
        ))
    );
  }

  /** `ctx.<member>` or one of its aliases (`const { db } = ctx`). */
  isCtxMember(node: Node, frame: Frame, member: string, aliases: ReadonlySet<string>): boolean {
    const inner = unwrapExpression(node);
    if (inner.type === "Identifier") return aliases.has(inner.name);
    return (
      (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") &&
      !inner.computed &&
      inner.property.type === "Identifier" &&
      inner.property.name === member &&
      this.isCtx(inner.object, frame)
    );
  }

  /** `ctx.auth.getUserIdentity()` (awaited or not), or null. */
  identityCall(node: Node, frame: Frame): string | null {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    // `ctx.auth.getUserIdentity?.()` too.
    if (inner.type !== "CallExpression" && inner.type !== "OptionalCallExpression") return null;
    const callee = unwrapExpression(inner.callee);
    if (
      (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") &&
      !callee.computed &&
      callee.property.type === "Identifier" &&
      callee.property.name === "getUserIdentity" &&
      this.isCtxMember(callee.object, frame, "auth", frame.authNames)
    ) {
      return "ctx.auth.getUserIdentity()";
    }
    return null;
  }

  /** What an expression compared in a lookup is: `identity.email`, `args.userId`, or `other`. */
  describeValue(node: Node, frame: Frame): string {
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
      const arg = frame.argNames.get(inner.name);
      if (arg !== undefined) return label(`args.${arg}`);
      return label(`var.${inner.name}`);
    }
    return "other";
  }

  pushEvent(frame: Frame, event: FlowEvent): void {
    frame.summary.events.push(event);
    if (event.kind === "data" && event.write && !event.counts) frame.summary.onlyCounts = false;
  }

  /** A called helper: local, imported, or null when the callee is not a plain name. */
  calleeTarget(callee: Node): CallTarget | null {
    const inner = unwrapExpression(callee);
    if (inner.type !== "Identifier") return null;
    const known = this.targets.get(inner.name);
    if (known) return known;
    const imported = this.module.imports.get(inner.name);
    const target: CallTarget = imported
      ? { kind: "import", module: imported.module, name: imported.imported }
      : { kind: "local", name: inner.name };
    this.targets.set(inner.name, target);
    return target;
  }

  /**
   * `components.<name>.adapter.<op>` from `_generated/api`: Better Auth's adapter (the component's
   * `create`, `findOne`, `updateOne`, `deleteMany`…), which reads and writes the auth tables. Its op, or null.
   */
  adapterOp(node: Node | undefined): string | null {
    if (!node) return null;
    const path = memberPath(node);
    if (!path || path.length < 4 || path.at(-2) !== "adapter" || this.apiExport(path[0]!) !== "components") return null;
    const op = path.at(-1)!;
    return /^(?:create|find(?:One|Many)|update(?:One|Many)|delete(?:One|Many))$/.test(op) ? op : null;
  }

  /** `api.a.b` / `internal.a.b` from `_generated/api`, or null. */
  refTarget(node: Node | undefined): CallTarget | null {
    if (!node) return null;
    const path = memberPath(node);
    if (!path || path.length < 3) return null;
    const namespace = this.apiExport(path[0]!);
    if (namespace !== "api" && namespace !== "internal") return null;
    return { kind: "ref", namespace, path: path.slice(1) };
  }

  /** What `_generated/api` export a local name is bound to (`api`, `internal`, `components`), or null. */
  apiExport(local: string): string | null {
    const imported = this.module.imports.get(local);
    return imported && /_generated\/api(\.js)?$/.test(imported.module) ? imported.imported : null;
  }
}

/** `{ userId, chatId: id } = args`: each local name bound to the argument it reads. */
export function bindArgs(frame: Frame, pattern: Node & { type: "ObjectPattern" }): void {
  for (const property of pattern.properties) {
    const key = property.type === "ObjectProperty" ? propertyKeyName(property) : null;
    if (!key) continue;
    frame.argNames.set(boundName(property) ?? key, key);
    frame.summary.argReads.add(label(key));
  }
}

/** The local name a destructured property binds (`{ userId: id }` → `id`, `{ userId = null }` → `userId`). */
export function boundName(property: Node): string | null {
  if (property.type !== "ObjectProperty") return null;
  const value = property.value.type === "AssignmentPattern" ? property.value.left : property.value;
  return value.type === "Identifier" ? value.name : null;
}
