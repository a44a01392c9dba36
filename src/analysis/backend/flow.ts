/**
 * Identity flow: in each handler and helper, the order in which it checks identity
 * (`ctx.auth.getUserIdentity()`, `getAuthUserId(ctx)`), touches data (`ctx.db.*`,
 * `ctx.storage.*`) and calls other code (helpers given ctx, `ctx.runQuery(api.x.y)`), plus
 * identity reads with no null check before them and the args a handler reads.
 */
import { PROFILES, PROFILE_ORDER, isProfileModule } from "../../providers/profiles.ts";
import { envRead } from "../../code/env.ts";
import type { Node } from "../../code/parse.ts";
import {
  columnAt,
  lineAt,
  positionOf,
  propertyKeyName,
  unwrapExpression,
  walk,
  type Visitors,
} from "../../code/walk.ts";
import { SHARED_SECRET, type Position } from "../facts.ts";
import {
  AUTH_USER_METHOD,
  NO_NAMES,
  USER_FIELD,
  append,
  isFunctionNode,
  label,
  memberPath,
  stringValue,
  systemObject,
} from "../shared.ts";

import { chainTable, lookupCall } from "./lookups.ts";
import { bindArgs, type BackendFile, type Frame } from "./state.ts";

/** Helpers that may be access checks by their name (`requireTestSecret`, `assertWorkerToken`). */
const GUARD_NAME = /^(?:require|assert|check|verify|ensure|validate|guard)[A-Z_]/;

/** A count of views, visits, shares or uses: what anyone's visit bumps (not credits, points or a balance). */
const ENGAGEMENT = /(?:count|views?|visits?|shares?|clicks?|plays?|downloads?|impressions?|usage|hits|opens)$/i;
/** Bookkeeping stamps (`updatedAt`, `lastSyncAt`): refreshed, they change nothing anyone reads as state (unlike `usedAt`). */
const BOOKKEEPING_STAMP =
  /^(?:updated|modified|last_?(?:sync(?:ed)?|seen|active|activity|checked|ping(?:ed)?|heartbeat))_?at$/i;

/** What an unknown event of a read through Better Auth's adapter says (`ctx.runQuery(components.betterAuth.adapter.findOne, …)`). */
const ADAPTER_READ = "adapter read";

export function flowVisitors(state: BackendFile): Visitors {
  const { module } = state;

  /**
   * A null check: an identity var in an if/ternary/while test, the left of && || ??, or passed to
   * a function (assert(identity), requireIdentity(identity)), anywhere inside that expression but
   * not inside a nested function or statement. Records the var's first guarded position.
   */
  const guardedBy = (expression: Node | null | undefined) => {
    const frame = state.current();
    if (!expression || !frame || frame.identityVars.size === 0) return;
    walk(expression, (node, context) => {
      if (node.type === "Identifier" && frame.identityVars.has(node.name) && !dereferenced(node, context.parents)) {
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
        context.skip();
    });
  };

  /**
   * `identity.name` / `identity!.name` / `(identity as any).org_id` (not `identity?.name`) reads
   * through the var: on the left of `??` or in a test it crashes on null before anything is checked,
   * so it is no null check.
   */
  const dereferenced = (node: Node, parents: readonly Node[]): boolean => {
    let child = node;
    for (let i = parents.length - 1; i >= 0; i -= 1) {
      const parent = parents[i]!;
      if (
        parent.type === "TSNonNullExpression" ||
        parent.type === "ParenthesizedExpression" ||
        parent.type === "TSAsExpression" ||
        parent.type === "TSTypeAssertion"
      ) {
        child = parent;
        continue;
      }
      return parent.type === "MemberExpression" && parent.object === child;
    }
    return false;
  };

  /**
   * Work outside Convex waited for: an `await` of anything not ctx's own (`await fetch(…)`), or a
   * returned call (`return complete(prompt)`, an arrow's body) whose promise the function hands on.
   */
  const outsideWait = (frame: Frame, value: Node, at: Node, callsOnly = false) => {
    if (frame.summary.firstOutsideWait !== null) return;
    let root = unwrapExpression(value);
    if (root.type === "AwaitExpression" || (callsOnly && root.type !== "CallExpression")) return;
    // The receiver a call chain starts from: `ctx` in `ctx.db.query("t").collect()`.
    while (
      root.type === "CallExpression" ||
      root.type === "MemberExpression" ||
      root.type === "OptionalMemberExpression"
    )
      root = unwrapExpression(root.type === "CallExpression" ? root.callee : root.object);
    if (!state.isCtx(root, frame)) frame.summary.firstOutsideWait = lineAt(at);
  };

  const leaveFunction = (node: Node) => {
    const frame = state.frameByNode.get(node);
    if (!frame) return;
    const { events } = frame.summary;
    if (events.some((event) => event.kind === "data" && event.write && event.op.startsWith("adapter.")))
      frame.summary.events = events.filter((event) => event.kind !== "unknown" || event.what !== ADAPTER_READ);
    // `async (_ctx, args) => orders.createOrder(args)`: the body is what it returns.
    if (node.type === "ArrowFunctionExpression" && node.body.type !== "BlockStatement")
      outsideWait(frame, node.body, node.body, true);
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

  /** ctx.db.* / ctx.storage.* / ctx.runQuery(…): true when the call was one of them. */
  const contextCall = (node: Node & { type: "CallExpression" }, frame: Frame, method: string, at: () => Position) => {
    const callee = unwrapExpression(node.callee) as Node & { type: "MemberExpression" };
    const system = callee.object.type === "MemberExpression" ? systemObject(callee.object) : null;
    if (
      state.isCtxMember(callee.object, frame, "db", frame.dbNames) ||
      (system !== null && state.isCtxMember(system, frame, "db", frame.dbNames))
    ) {
      const write = method === "insert" || method === "patch" || method === "replace" || method === "delete";
      state.pushEvent(frame, {
        kind: "data",
        op: label(`db.${method}`),
        write,
        ...(write && counterWrite(node, frame, method) && { counts: true as const }),
        ...dataTable(node, frame, method),
        line: at().line,
        column: at().column,
      });
      if (method === "patch" || method === "replace" || method === "delete") frame.summary.modifiesExisting = true;
      if (method === "delete") frame.summary.deletes = true;
      if (method === "insert") {
        const table = stringValue(node.arguments[0]);
        if (table)
          frame.summary.inserts = append(frame.summary.inserts, { table, line: at().line, column: at().column });
      }
      if (write) {
        const document = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
        if (document?.type === "ObjectExpression") {
          for (const property of document.properties) {
            if (property.type === "ObjectProperty" && USER_FIELD.test(propertyKeyName(property) ?? ""))
              frame.summary.userScoped = true;
          }
        }
      }
      return true;
    }
    if (state.isCtxMember(callee.object, frame, "storage", NO_NAMES)) {
      state.pushEvent(frame, {
        kind: "data",
        op: label(`storage.${method}`),
        write: method === "store" || method === "delete",
        line: at().line,
        column: at().column,
      });
      return true;
    }
    if (state.isCtx(callee.object, frame) && /^run(?:Query|Mutation|Action)$/.test(method)) {
      // A write to the auth tables through Better Auth's adapter is a write like any other.
      const adapterOp = state.adapterOp(node.arguments[0]);
      if (adapterOp?.startsWith("find")) {
        // A read of the auth tables stays a call we can't see (author names on public listings),
        // unless the function also writes through the adapter: then it finds the row to change.
        state.pushEvent(frame, { kind: "unknown", what: ADAPTER_READ, line: at().line, column: at().column });
        return true;
      }
      if (adapterOp) {
        state.pushEvent(frame, {
          kind: "data",
          op: label(`adapter.${adapterOp}`),
          write: true,
          table: null,
          line: at().line,
          column: at().column,
        });
        if (/^(?:update|delete)/.test(adapterOp)) frame.summary.modifiesExisting = true;
        if (adapterOp.startsWith("delete")) frame.summary.deletes = true;
        return true;
      }
      const target = state.refTarget(node.arguments[0]);
      if (target) state.pushEvent(frame, { kind: "call", target, line: at().line, column: at().column });
      else
        state.pushEvent(frame, {
          kind: "unknown",
          what: label(`ctx.${method}(…)`),
          line: at().line,
          column: at().column,
        });
      return true;
    }
    return false;
  };

  /** Which table a db call touches: named (`query("t")`, `get("t", id)`), or through an id arg. */
  const dataTable = (
    node: Node & { type: "CallExpression" },
    frame: Frame,
    method: string,
  ): { table: string | null; idArg?: string; idField?: string } => {
    const first = node.arguments[0];
    const named = stringValue(first);
    if (method === "query" || method === "insert") return { table: named };
    const withTable = method === "patch" || method === "replace" ? 3 : 2;
    if (named && node.arguments.length >= withTable) return { table: named };
    const id = first ? unwrapExpression(first) : null;
    const arg = id?.type === "Identifier" ? frame.argNames.get(id.name) : undefined;
    if (arg !== undefined) return { table: null, idArg: label(arg) };
    if (id?.type === "MemberExpression" && !id.computed && id.property.type === "Identifier") {
      const object = unwrapExpression(id.object);
      if (object.type === "Identifier" && object.name === frame.argsName)
        return { table: null, idArg: label(id.property.name) };
      return { table: null, idField: label(id.property.name) };
    }
    return { table: null };
  };

  /**
   * `db.patch(id, { views: (doc.views ?? 0) + 1, lastViewedAt: Date.now() })`, or the counter's first
   * row `db.insert("visitCounts", { spaceId: args.spaceId, count: 1 })`: a write that only counts. So
   * is a patch that only refreshes bookkeeping stamps (`{ lastSyncAt: Date.now(), updatedAt: Date.now() }`).
   */
  const counterWrite = (node: Node & { type: "CallExpression" }, frame: Frame, method: string): boolean => {
    const last = node.arguments[node.arguments.length - 1];
    const document = last && node.arguments.length >= 2 ? unwrapExpression(last) : null;
    if (document?.type !== "ObjectExpression" || document.properties.length === 0) return false;
    let bumps = false;
    let stampsOnly = true;
    const counted = document.properties.every((property) => {
      if (property.type !== "ObjectProperty") return false;
      const key = propertyKeyName(property) ?? "";
      const value = unwrapExpression(property.value);
      if (method === "insert")
        return (value.type === "NumericLiteral" && ENGAGEMENT.test(key)) || /(?:Id|_id)$/.test(key);
      if (method !== "patch") return false;
      // A timestamp beside the bump (`lastViewedAt: Date.now()`); alone it sets a state (`usedAt`),
      // unless every one is a bookkeeping stamp.
      if (value.type === "CallExpression" && memberPath(value.callee)?.join(".") === "Date.now") {
        stampsOnly &&= BOOKKEEPING_STAMP.test(key);
        return true;
      }
      stampsOnly = false;
      const bump = ENGAGEMENT.test(key) && bumpedField(value, frame) === key;
      bumps ||= bump;
      return bump;
    });
    return counted && (bumps || method === "insert" || stampsOnly);
  };

  /**
   * The stored field a count reads: `doc.views`, `doc.views ?? 0`, or a local holding one; null for
   * anything else.
   */
  const countedField = (node: Node, frame: Frame): string | null => {
    let inner = unwrapExpression(node);
    if (inner.type === "LogicalExpression") inner = unwrapExpression(inner.left);
    if (inner.type === "Identifier") {
      const local = frame.countLocals.get(inner.name);
      return local && !local.bumped ? local.field : null;
    }
    const path = memberPath(inner);
    // A number the client passes (`args.views - 1`) is no stored count.
    if (!path || path.length < 2 || path[0] === frame.argsName || frame.argNames.has(path[0]!)) return null;
    return path.at(-1)!;
  };

  /**
   * The field a value bumps by one: `count + 1`, `count - 1`, floored or capped (`Math.max(0,
   * count - 1)`), or a local holding such a bump; null for anything else.
   */
  const bumpedField = (node: Node, frame: Frame): string | null => {
    const inner = unwrapExpression(node);
    if (inner.type === "Identifier") {
      const local = frame.countLocals.get(inner.name);
      return local?.bumped ? local.field : null;
    }
    if (inner.type === "CallExpression" && /^Math\.(?:max|min)$/.test(memberPath(inner.callee)?.join(".") ?? "")) {
      const [bump, ...rest] = inner.arguments
        .map((argument) => unwrapExpression(argument as Node))
        .sort((a, b) => Number(a.type === "NumericLiteral") - Number(b.type === "NumericLiteral"));
      return bump && rest.every((other) => other.type === "NumericLiteral") ? bumpedField(bump, frame) : null;
    }
    if (inner.type !== "BinaryExpression" || (inner.operator !== "+" && inner.operator !== "-")) return null;
    const step = unwrapExpression(inner.right);
    return step.type === "NumericLiteral" && step.value === 1 ? countedField(inner.left, frame) : null;
  };

  /** `if (secret !== process.env.X) throw …` (or a local holding it): a shared-secret guard is an access check. */
  const secretGuard = (node: Node & { type: "IfStatement" }, frame: Frame): boolean => {
    let compares = false;
    walk(node.test, (inner, context) => {
      if (compares || isFunctionNode(inner)) return context.skip();
      if (inner.type !== "BinaryExpression" || !/^[!=]==?$/.test(inner.operator)) return;
      for (const side of [inner.left, inner.right]) {
        const unwrapped = unwrapExpression(side);
        if (envRead(unwrapped) || (unwrapped.type === "Identifier" && frame.envVars.has(unwrapped.name)))
          compares = true;
      }
    });
    if (!compares) return false;
    const consequent = node.consequent;
    if (consequent.type === "ThrowStatement") return true;
    return (
      consequent.type === "BlockStatement" && consequent.body.some((statement) => statement.type === "ThrowStatement")
    );
  };

  /** `ctx.auth.getUserIdentity()`, called plainly or optionally (`getUserIdentity?.()`). */
  const identityRead = (frame: Frame, { line, column }: Position): void => {
    frame.summary.usesAuthDirectly = true;
    state.pushEvent(frame, { kind: "identity", via: "ctx.auth.getUserIdentity()", line, column });
  };

  /** `new TableAggregate(components.x, …)` with a class from a package no auth provider owns. */
  const componentClient = (init: Node | null | undefined): boolean => {
    const node = init ? unwrapExpression(init) : null;
    if (node?.type !== "NewExpression" || node.callee.type !== "Identifier") return false;
    const first = node.arguments[0] ? memberPath(node.arguments[0]) : null;
    if (!first || state.apiExport(first[0]!) !== "components") return false;
    const imported = state.module.imports.get(node.callee.name);
    // From a package (a local wrapper class may check the caller), and no auth provider's.
    if (!imported || imported.module.startsWith(".") || imported.module.startsWith("/")) return false;
    const from = imported.module;
    return !PROFILE_ORDER.some(
      (profile) =>
        isProfileModule(profile, from) ||
        profile.components.some((name) => from === name || from.startsWith(`${name}/`)),
    );
  };

  return {
    "FunctionDeclaration:exit": leaveFunction,
    "FunctionExpression:exit": leaveFunction,
    "ArrowFunctionExpression:exit": leaveFunction,
    "ObjectMethod:exit": leaveFunction,
    VariableDeclarator(node) {
      if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && componentClient(node.init))
        state.componentClients.add(node.id.name);
      const frame = state.current();
      if (!frame || node.type !== "VariableDeclarator" || !node.init) return;
      if (node.id.type === "Identifier" && state.identityCall(node.init, frame)) frame.identityVars.add(node.id.name);
      if (node.id.type === "Identifier") {
        const bumped = bumpedField(node.init, frame);
        const field = bumped ?? countedField(node.init, frame);
        if (field !== null && ENGAGEMENT.test(field))
          frame.countLocals.set(node.id.name, { field, bumped: bumped !== null });
      }
      // `const { db } = ctx;`
      if (node.id.type === "ObjectPattern" && state.isCtx(node.init, frame)) {
        for (const property of node.id.properties) {
          if (property.type !== "ObjectProperty" || property.value.type !== "Identifier") continue;
          const key = propertyKeyName(property);
          if (key === "db") frame.dbNames.add(property.value.name);
          if (key === "auth") frame.authNames.add(property.value.name);
        }
      }
      const init = unwrapExpression(node.init);
      if (
        node.id.type === "ObjectPattern" &&
        frame.argsName &&
        init.type === "Identifier" &&
        init.name === frame.argsName
      ) {
        bindArgs(frame, node.id);
      }
      if (node.id.type === "Identifier") {
        // `const all = await ctx.db.query("users").collect()`: rows a scan may search (AW604).
        if (chainTable(state, init, frame)) frame.collected.add(node.id.name);
        // `const expected = process.env.X ?? ""`: compared with an argument, a shared-secret check.
        const value = init.type === "LogicalExpression" ? unwrapExpression(init.left) : init;
        if (envRead(value)) frame.envVars.add(node.id.name);
      }
      // `const chatId = args.chatId`: an alias of the argument.
      const path = node.id.type === "Identifier" && frame.argsName ? memberPath(init) : null;
      if (path?.length === 2 && path[0] === frame.argsName && node.id.type === "Identifier")
        frame.argNames.set(node.id.name, path[1]!);
    },
    // Null checks of identity vars: the guard positions, read when they are left (every
    // declaration inside them has been seen by then).
    "IfStatement:exit"(node) {
      if (node.type !== "IfStatement") return;
      guardedBy(node.test);
      const frame = state.current();
      if (frame && secretGuard(node, frame)) {
        const { line, column } = positionOf(node);
        state.pushEvent(frame, { kind: "identity", via: SHARED_SECRET, line, column });
      }
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
      if (node.type !== "OptionalCallExpression") return;
      for (const argument of node.arguments) guardedBy(argument);
      const frame = state.current();
      if (frame && state.identityCall(node, frame)) identityRead(frame, positionOf(node));
    },
    MemberExpression(node, context) {
      const frame = state.current();
      if (!frame || node.type !== "MemberExpression") return;
      const object = unwrapExpression(node.object);
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
        const parent = context.parents[context.parents.length - 1];
        const assignedTo = parent?.type === "AssignmentExpression" && parent.left === node;
        if (!assignedTo) {
          frame.accesses.push({
            name: object.name,
            offset: node.start ?? 0,
            position: positionOf(node),
            text: state.text(node),
          });
        }
      }
      // (await ctx.auth.getUserIdentity())!.x or (await …).x
      const raw = node.object;
      const stripped = raw.type === "TSNonNullExpression" || raw.type === "ParenthesizedExpression" ? raw : null;
      if ((stripped || raw.type === "AwaitExpression") && state.identityCall(raw, frame)) {
        frame.summary.unguardedIdentity = append(frame.summary.unguardedIdentity, {
          line: lineAt(node),
          column: columnAt(node),
          text: state.text(node),
        });
      }
    },
    AwaitExpression(node) {
      const frame = state.current();
      if (frame && node.type === "AwaitExpression") outsideWait(frame, node.argument, node);
    },
    ReturnStatement(node) {
      const frame = state.current();
      if (frame && node.type === "ReturnStatement" && node.argument) outsideWait(frame, node.argument, node, true);
    },
    NewExpression(node) {
      // `new Date()`: a clock read, as `Date.now()` below.
      const frame = state.current();
      if (frame && node.type === "NewExpression" && node.arguments.length === 0) {
        const callee = unwrapExpression(node.callee);
        if (callee.type === "Identifier" && callee.name === "Date") frame.summary.readsClock = true;
      }
    },
    "CallExpression:exit"(node) {
      if (node.type !== "CallExpression") return;
      for (const argument of node.arguments) guardedBy(argument);
      const frame = state.current();
      if (!frame) return;
      const callee = unwrapExpression(node.callee);
      if (callee.type === "MemberExpression" && memberPath(callee)?.join(".") === "Date.now")
        frame.summary.readsClock = true;
      // Most calls in a function record nothing: their location is computed only when one does.
      let known: Position | undefined;
      const at = (): Position => (known ??= positionOf(node));

      // Identity checks.
      if (state.identityCall(node, frame)) {
        identityRead(frame, at());
        return;
      }
      // A helper the project names in `guards` (authwire.config.json): an access check.
      const calleeName =
        callee.type === "Identifier"
          ? callee.name
          : callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier"
            ? callee.property.name
            : null;
      if (calleeName && state.guardNames.has(calleeName)) {
        state.pushEvent(frame, {
          kind: "identity",
          via: label(`${calleeName}()`),
          line: at().line,
          column: at().column,
        });
        return;
      }
      if (callee.type === "Identifier") {
        const imported = module.imports.get(callee.name);
        if (
          imported &&
          isProfileModule(PROFILES["convex-auth"], imported.module) &&
          /^getAuth(?:UserId|SessionId)$/.test(imported.imported)
        ) {
          frame.summary.usesAuthDirectly = true;
          state.pushEvent(frame, {
            kind: "identity",
            via: label(`${imported.imported}(ctx)`),
            line: at().line,
            column: at().column,
          });
          return;
        }
      }
      // Better Auth's component client: `authComponent.getAuthUser(ctx)` / `safeGetAuthUser(ctx)`
      // read the session behind the token (docs/internals/better-auth.md#backend).
      if (
        callee.type === "MemberExpression" &&
        !callee.computed &&
        callee.object.type === "Identifier" &&
        callee.property.type === "Identifier" &&
        AUTH_USER_METHOD.test(callee.property.name) &&
        node.arguments[0] !== undefined &&
        state.isCtx(node.arguments[0], frame)
      ) {
        frame.summary.usesAuthDirectly = true;
        state.pushEvent(frame, {
          kind: "identity",
          via: label(`${callee.object.name}.${callee.property.name}(ctx)`),
          line: at().line,
          column: at().column,
        });
        return;
      }
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
        const method = callee.property.name;
        if (contextCall(node, frame, method, at)) return;
        if (lookupCall(state, node, frame, method, at)) return;
      }

      // Anything handed ctx.db is data access; anything handed ctx (or `{ ctx }`) is a call we may
      // resolve.
      const args = node.arguments as Node[];
      if (args.length === 0) {
        // `getClient()`, `generateMapKitToken()`: a helper that builds a client from the env.
        const target = state.calleeTarget(callee);
        if (target && !frame.summary.plainCalls.includes(target))
          frame.summary.plainCalls = append(frame.summary.plainCalls, target);
        return;
      }
      if (args.some((arg) => state.isCtxMember(arg, frame, "db", frame.dbNames))) {
        state.pushEvent(frame, {
          kind: "data",
          op: "db passed to a helper",
          write: false,
          line: at().line,
          column: at().column,
        });
        return;
      }
      if (!args.some((arg) => state.handsCtx(arg, frame))) {
        const target = state.calleeTarget(callee);
        // One target object per name (calleeTarget), so a repeated call is recorded once.
        if (target && !frame.summary.plainCalls.includes(target))
          frame.summary.plainCalls = append(frame.summary.plainCalls, target);
        // `requireTestSecret(secret)`: a helper not given ctx counts when it turns out to be a guard.
        if (target && calleeName && GUARD_NAME.test(calleeName))
          state.pushEvent(frame, { kind: "call", target, guardOnly: true, line: at().line, column: at().column });
        return;
      }
      // `leaderboard.indexOf(ctx, score)`, `rateLimiter.limit(ctx, "send")`: a component's client
      // keeps its own data and checks no caller.
      if (
        callee.type === "MemberExpression" &&
        callee.object.type === "Identifier" &&
        state.componentClients.has(callee.object.name)
      )
        return;
      {
        const target = state.calleeTarget(callee);
        if (target) state.pushEvent(frame, { kind: "call", target, line: at().line, column: at().column });
        else
          state.pushEvent(frame, {
            kind: "unknown",
            what: state.text(callee),
            line: at().line,
            column: at().column,
          });
      }
    },
  };
}
