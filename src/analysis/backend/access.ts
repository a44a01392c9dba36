/**
 * Authorization facts: in each handler and helper, the documents it loads or changes by a
 * client-supplied id, what it compares the caller (or a loaded document) with, the lookups keyed by
 * the caller, the code it hands ids, documents and caller values to, role checks, and `as any`
 * casts. Values are described as `caller`, `arg:<name>`, `doc:<var>`, `literal`, `var:<name>` or
 * `other`; the rules (AW601, AW608–AW611) read them through ../authz.ts.
 */
import type { Node } from "../../code/parse.ts";
import {
  lineAt,
  positionOf,
  propertyKeyName,
  unwrapExpression,
  type Visitors,
  type WalkContext,
} from "../../code/walk.ts";
import type { AccessFacts, GuardValue } from "../facts.ts";
import {
  AUTH_USER_METHOD,
  NONE,
  NO_NAMES,
  ORG_FIELD,
  USER_FIELD,
  VISIBILITY_FIELD,
  append,
  eqField,
  memberPath,
} from "../shared.ts";
import type { BackendFile, Frame } from "./state.ts";

interface AccessState {
  facts: AccessFacts;
  /** Local name → "caller" | "doc" | "arg:<name>". */
  origins: Map<string, string>;
  /** `q.eq(field, value)` seen in this frame: the field, the value's description and range. */
  eqs: { start: number; end: number; field: string | null; value: string }[];
  /** Vars tested for null (`!m`, `m === null`). */
  nullChecked: Set<string>;
  /** The caller's own user row loaded by their id (`ctx.db.get(userId)`): its role fields are privileges. */
  callerRows: Set<string>;
  /**
   * Vars holding one row of a lookup (`.first()`/`.unique()`): its table and whether only the
   * caller's identity keys it (no organization among the keys).
   */
  lookupVars: Map<string, { table: string | null; callerOnly: boolean }>;
  /** Vars holding the first row a query finds (`.first()`, `.unique()`), keyed or not. */
  foundVars: Set<string>;
  /** Vars holding the rows a query lists (`.collect()`, `.take(n)`). */
  listVars: Set<string>;
  /** `const isAdmin = m.role === "admin"`: the var → the check, until something reads it. */
  roleVars: Map<
    string,
    {
      role: string;
      source: "claim" | "table" | "caller" | "unknown";
      table: string | null;
      line: number;
      column: number;
    }
  >;
  /** Casts of an identity var (`identity as any`): its name and where, kept if no null check came first. */
  identityCasts: { cast: AccessFacts["anyCasts"][number]; name: string; offset: number }[];
  /** Names read in this frame (anything but a declaration's own name or a property key). */
  used: Set<string>;
  /** Eqs already turned into an argLookup (a chain's withIndex and filter overlap). */
  counted: Set<number>;
}

const COMPARE = new Set(["===", "!==", "==", "!="]);
const ORG_CLAIM = /^(?:org_?id|organization_?id)$/i;
const ORG_ROLE_CLAIM = /^(?:org_?role|organization_?role)$/i;
/** A caller path that reads the token's org id claim (`identity.org_id`, Clerk's `o.id`). */
const ORG_ID_PATH = /^caller\.(?:(?:[\w$]+\.)*(?:org_?id|organization_?id)$|o\.id$)/i;
/** Role-like fields: a compared `x.role`, `x.orgRole`. */
const ROLE_FIELD = /^(?:role|org_?role|organization_?role)$/i;
/** Predicates whose dropped result means a check that checks nothing (`isAdmin(ctx);`). */
const ROLE_PREDICATE =
  /^(?:is|has|can)(?=[A-Z_]).*(?:role|admin|member|owner|permission|access|edit|manage|delete|write|moderator|staff)/i;
/**
 * A caller field that grants privileges (`user.role`, `me.isAdmin`, `identity.permissions`,
 * `me.accountType`, `identity.platformRole`).
 */
const PRIVILEGE =
  /\.(?:role|roles|is_?admin|admin|is_?super_?(?:admin|user)|permissions?|is_?staff|is_?owner|is_?moderator|(?:account|user)_?(?:type|role|level)|(?:platform|system|global|site|app)_?roles?|access_?level)$/i;
/** A capability flag on the caller's own row (`user.canAccessCallLogs`, `me.can_manage`). */
const CAPABILITY = /\.can(?:[A-Z]|_[a-z])\w*$/;
const TOP_ROLES = /^(?:admin|owner|super_?admin|superuser|root)$/i;
const LOWER_ROLES = /^(?:member|viewer|editor|user|guest|reader|writer|contributor|moderator)$/i;

function emptyFacts(): AccessFacts {
  return {
    byArgId: NONE,
    compares: NONE,
    callerLookups: NONE,
    argLookups: NONE,
    handoffs: NONE,
    callerUsed: false,
    roleChecks: NONE,
    discardedCalls: NONE,
    throws: false,
    callerGuard: null,
    callerGuardLine: null,
    callerGuardReturn: null,
    privilegeCheck: false,
    visibilityGate: false,
    seedGuard: null,
    fillsMissing: NONE,
    orgClaimCompared: false,
    orgClaimRead: false,
    argWrites: NONE,
    anyCasts: NONE,
  };
}

/** A test reading a document's visibility flag (`!org.isPublic`, `board.visibility !== "public"`), not an argument's. */
function readsVisibility(test: Node, frame: Frame): boolean {
  const inner = unwrapExpression(test);
  switch (inner.type) {
    case "UnaryExpression":
      return readsVisibility(inner.argument, frame);
    case "LogicalExpression":
    case "BinaryExpression":
      return readsVisibility(inner.left, frame) || readsVisibility(inner.right, frame);
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const path = memberPath(inner);
      return path !== null && path.length > 1 && path[0] !== frame.argsName && VISIBILITY_FIELD.test(path.at(-1)!);
    }
    default:
      return false;
  }
}

/**
 * Whether a test asks if a lookup found rows: `existing`, `existing !== null`, `rows.length > 0`
 * ("found"), or the opposite: `!existing`, `existing === null`, `rows.length === 0` ("missing").
 */
function foundTest(test: Node, access: AccessState): "found" | "missing" | null {
  const inner = unwrapExpression(test);
  if (inner.type === "UnaryExpression" && inner.operator === "!") {
    const result = foundTest(inner.argument, access);
    return result === "found" ? "missing" : result === "missing" ? "found" : null;
  }
  if (inner.type === "Identifier") return access.foundVars.has(inner.name) ? "found" : null;
  const length = (node: Node) => {
    const path = memberPath(unwrapExpression(node));
    return path?.length === 2 && path[1] === "length" && access.listVars.has(path[0]!);
  };
  if (length(inner)) return "found";
  if (inner.type !== "BinaryExpression") return null;
  const [left, right] = [unwrapExpression(inner.left), unwrapExpression(inner.right)];
  const op = inner.operator;
  if (left.type === "Identifier" && access.foundVars.has(left.name) && isNothing(right)) {
    if (op === "===" || op === "==") return "missing";
    if (op === "!==" || op === "!=") return "found";
  }
  if (length(left) && right.type === "NumericLiteral") {
    if (right.value === 0 && (op === "===" || op === "==" || op === "<=")) return "missing";
    if ((right.value === 0 && (op === ">" || op === "!==" || op === "!=")) || (right.value === 1 && op === ">="))
      return "found";
  }
  return null;
}

/** `null` or `undefined`. */
function isNothing(node: Node): boolean {
  return node.type === "NullLiteral" || (node.type === "Identifier" && node.name === "undefined");
}

function isLiteral(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (
    inner.type === "StringLiteral" ||
    inner.type === "NumericLiteral" ||
    inner.type === "BooleanLiteral" ||
    inner.type === "NullLiteral" ||
    (inner.type === "Identifier" && inner.name === "undefined") ||
    (inner.type === "TemplateLiteral" && inner.expressions.length === 0) ||
    inner.type === "UnaryExpression"
  );
}

/** What `return x` hands back, as a GUARD_VALUES entry (a bare `return`: null), or `other`. */
function guardValue(argument: Node | null | undefined): GuardValue | "other" {
  const inner = argument ? unwrapExpression(argument) : null;
  if (inner === null || inner.type === "NullLiteral" || (inner.type === "Identifier" && inner.name === "undefined"))
    return "null";
  if (inner.type === "BooleanLiteral" && !inner.value) return "false";
  if (inner.type === "NumericLiteral" && inner.value === 0) return "0";
  if (inner.type === "StringLiteral" && inner.value === "") return '""';
  if (inner.type === "ArrayExpression" && inner.elements.length === 0) return "[]";
  return "other";
}

/** The statement being left sits directly in the body of the frame's function (not in a branch or a callback). */
function inBody(walk: WalkContext, frame: Frame, file: BackendFile): boolean {
  const { parents } = walk;
  const block = parents[parents.length - 1];
  const fn = parents[parents.length - 2];
  return block?.type === "BlockStatement" && fn !== undefined && file.frameByNode.get(fn) === frame;
}

/** A document field authorization can rest on: its id, an owner or org field, any `…Id`, a role. */
function isAuthField(name: string): boolean {
  return /Id$|_id$|^(?:roles?|permissions?|isAdmin)$/.test(name) || USER_FIELD.test(name) || ORG_FIELD.test(name);
}

export function accessVisitors(state: BackendFile): Visitors {
  const states = new WeakMap<Frame, AccessState>();
  const stateOf = (frame: Frame): AccessState => {
    let found = states.get(frame);
    if (!found) {
      found = {
        facts: emptyFacts(),
        origins: new Map(),
        eqs: [],
        nullChecked: new Set(),
        callerRows: new Set(),
        lookupVars: new Map(),
        foundVars: new Set(),
        listVars: new Set(),
        roleVars: new Map(),
        identityCasts: [],
        used: new Set(),
        counted: new Set(),
      };
      states.set(frame, found);
    }
    return found;
  };

  const isAuthUserIdCall = (node: Node): boolean => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    if (inner.type !== "CallExpression") return false;
    const callee = unwrapExpression(inner.callee);
    // Better Auth's component client: `authComponent.getAuthUser(ctx)` is the caller's user.
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier")
      return AUTH_USER_METHOD.test(callee.property.name);
    if (callee.type !== "Identifier") return false;
    return /^getAuth(?:UserId|SessionId)$/.test(state.module.imports.get(callee.name)?.imported ?? "");
  };

  /** The description of a value (see the file comment). */
  const describe = (node: Node, frame: Frame, access: AccessState): string => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    // `identity.email ?? ""`: the value with a constant for when it is missing.
    if (
      inner.type === "LogicalExpression" &&
      (inner.operator === "??" || inner.operator === "||") &&
      isLiteral(inner.right)
    )
      inner = unwrapExpression(inner.left);
    if (isLiteral(inner)) return "literal";
    if (state.identityCall(inner, frame) || isAuthUserIdCall(inner)) return "caller";
    if (inner.type === "Identifier") {
      if (frame.identityVars.has(inner.name)) return "caller";
      const origin = access.origins.get(inner.name);
      if (origin === "caller" || origin?.startsWith("caller.")) return origin;
      if (origin === "doc") return `doc:${inner.name}`;
      if (origin?.startsWith("arg:")) return origin;
      const arg = frame.argNames.get(inner.name);
      if (arg !== undefined) return `arg:${arg}`;
      if (state.isCtx(inner, frame)) return "ctx";
      return `var:${inner.name}`;
    }
    if (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") {
      const path = memberPath(inner);
      if (!path) return "other";
      const root = path[0]!;
      if (root === frame.argsName) return `arg:${path[1]}`;
      if (frame.identityVars.has(root)) return `caller.${path.slice(1).join(".")}`;
      // The caller's own row's id is the caller (`const user = await ctx.db.get(userId)`, `user._id`).
      if (path.length === 2 && path[1] === "_id" && access.callerRows.has(root)) return "caller";
      const origin = access.origins.get(root);
      if (origin === "caller") return `caller.${path.slice(1).join(".")}`;
      if (origin === "doc") return `doc:${path.join(".")}`;
      return `var:${path.join(".")}`;
    }
    return "other";
  };

  const isCaller = (value: string) => value === "caller" || value.startsWith("caller.");

  /** `ctx.db.<method>(...)` (or a db alias): the method, else null. */
  const dbMethod = (node: Node, frame: Frame): { method: string; call: Node & { type: "CallExpression" } } | null => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    if (inner.type !== "CallExpression") return null;
    const callee = unwrapExpression(inner.callee);
    if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return null;
    if (!state.isCtxMember(callee.object, frame, "db", frame.dbNames)) return null;
    return { method: callee.property.name, call: inner };
  };

  /** The id argument of a db.get/patch/replace/delete (a leading table name literal skipped). */
  const idArgument = (call: Node & { type: "CallExpression" }): Node | undefined => {
    const [first, second] = call.arguments as Node[];
    if (first && unwrapExpression(first).type === "StringLiteral" && second) return second;
    return first;
  };

  /** `ctx.db.get(args.id)` itself (awaited or not): the document a client-supplied id loads. */
  const isDbReadByArg = (node: Node, frame: Frame, access: AccessState): boolean => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    const db = dbMethod(inner, frame);
    if (db?.method !== "get") return false;
    const id = idArgument(db.call);
    return id !== undefined && describe(id, frame, access).startsWith("arg:");
  };

  /** The table of the `db.query("t")` a chain starts from (null when not a literal or not found). */
  const chainTable = (node: Node): string | null => {
    for (let current: Node = unwrapExpression(node), i = 0; i < 32; i++) {
      if (current.type === "AwaitExpression") current = unwrapExpression(current.argument);
      if (current.type !== "CallExpression") return null;
      const inner = unwrapExpression(current.callee);
      if (inner.type !== "MemberExpression" || inner.property.type !== "Identifier") return null;
      if (inner.property.name === "query") {
        const first = current.arguments[0] ? unwrapExpression(current.arguments[0]) : null;
        return first?.type === "StringLiteral" ? first.value : null;
      }
      current = unwrapExpression(inner.object);
    }
    return null;
  };

  /** The last method a chain calls (`first` of `….first()`), awaited or not. */
  const lastMethod = (node: Node): string | null => {
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    if (inner.type !== "CallExpression") return null;
    const callee = unwrapExpression(inner.callee);
    return callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : null;
  };

  /** Where a tested `x.role` comes from: a token claim, a looked-up table's field, or not known. */
  const roleSource = (
    root: string,
    value: string,
    frame: Frame,
    access: AccessState,
  ): { source: "claim" | "table" | "caller" | "unknown"; table: string | null } => {
    if (frame.identityVars.has(root) || (value.startsWith("caller.") && !access.origins.has(root)))
      return { source: "claim", table: null };
    const lookup = access.lookupVars.get(root);
    if (lookup?.table) return { source: "table", table: lookup.table };
    if (isCaller(value)) return { source: "caller", table: null };
    return { source: "unknown", table: null };
  };

  /** The `x.role` side of a role test (see roleTest). */
  const roleMember = (node: Node): Node | null => {
    const inner = unwrapExpression(node);
    if (inner.type === "BinaryExpression")
      return (
        [inner.left as Node, inner.right].map(unwrapExpression).find((side) => side.type !== "StringLiteral") ?? null
      );
    if (inner.type === "CallExpression" && inner.arguments[0]) return unwrapExpression(inner.arguments[0]);
    return null;
  };

  /** `user.role.includes("admin")`, `me?.roles?.some(…)`: a test of the caller's privileges. */
  const privilegeTest = (node: Node & { type: "CallExpression" | "OptionalCallExpression" }, frame: Frame): void => {
    const callee = unwrapExpression(node.callee);
    if (
      (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") ||
      callee.property.type !== "Identifier" ||
      !/^(?:includes|some|has)$/.test(callee.property.name)
    )
      return;
    const access = stateOf(frame);
    const role = node.arguments[0];
    if (privileged(describe(callee.object, frame, access), access) && !(role && orgRole(role)))
      access.facts.privilegeCheck = true;
  };

  /** A privilege field of the caller (`caller.role`) or of their own row (`var:user.role`). */
  const privileged = (value: string, access: AccessState): boolean =>
    (PRIVILEGE.test(value) || CAPABILITY.test(value)) &&
    (isCaller(value) || (value.startsWith("var:") && access.callerRows.has(value.slice(4).split(".")[0]!)));

  /**
   * `"owner"`, `"member"`: a role within an organization. On the caller's own row it says they own
   * or belong to some organization, not this one, so it is no privilege for the document at hand.
   */
  const orgRole = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    return inner.type === "StringLiteral" && (inner.value === "owner" || LOWER_ROLES.test(inner.value));
  };

  /** `x.role === "admin"` / `["admin", "owner"].includes(x.role)`: the role literal, else null. */
  const roleTest = (node: Node): string | null => {
    const inner = unwrapExpression(node);
    const isRole = (side: Node) => {
      const path = memberPath(side);
      return path !== null && path.length >= 2 && ROLE_FIELD.test(path[path.length - 1]!);
    };
    if (inner.type === "BinaryExpression" && COMPARE.has(inner.operator)) {
      const left = unwrapExpression(inner.left);
      const right = unwrapExpression(inner.right);
      if (isRole(left) && right.type === "StringLiteral") return right.value;
      if (isRole(right) && left.type === "StringLiteral") return left.value;
    }
    if (inner.type === "CallExpression") {
      const callee = unwrapExpression(inner.callee);
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "includes" &&
        unwrapExpression(callee.object).type === "ArrayExpression" &&
        inner.arguments[0] &&
        isRole(inner.arguments[0])
      ) {
        const first = (unwrapExpression(callee.object) as { elements: (Node | null)[] }).elements[0];
        return first && unwrapExpression(first).type === "StringLiteral"
          ? (unwrapExpression(first) as { value: string }).value
          : "";
      }
    }
    return null;
  };

  /** `!identity`, `userId === null`, `user == undefined`: a test that there is no caller. */
  const callerNullTest = (test: Node, frame: Frame, access: AccessState): boolean => {
    if (test.type === "UnaryExpression" && test.operator === "!")
      return isCaller(describe(test.argument, frame, access));
    if (test.type !== "BinaryExpression" || (test.operator !== "===" && test.operator !== "==")) return false;
    const nothing = (side: Node) => {
      const inner = unwrapExpression(side);
      return inner.type === "NullLiteral" || (inner.type === "Identifier" && inner.name === "undefined");
    };
    return (
      (nothing(test.right) && isCaller(describe(test.left, frame, access))) ||
      (nothing(test.left) && isCaller(describe(test.right, frame, access)))
    );
  };

  /**
   * `score.playerId`, `row.ownerId`: a field of a value the function built or read itself, not an
   * argument's; an id cast there lost its type on the way (a Map key), the client didn't pick it.
   */
  const fieldOfOwnData = (expression: Node, frame: Frame, access: AccessState): boolean => {
    const path = memberPath(expression);
    return path !== null && path.length > 1 && !describe(expression, frame, access).startsWith("arg:");
  };

  /** `x as any` / `<any>x` on ctx, an argument, a document, or a caller value. */
  const anyCast = (node: Node, walk: WalkContext) => {
    const frame = state.current();
    if (!frame || (node.type !== "TSAsExpression" && node.type !== "TSTypeAssertion")) return;
    if (node.typeAnnotation.type !== "TSAnyKeyword") return;
    // `(event as any)[field]` over a list of names: no field is named to check; `(toy as any).title`:
    // a plain field; a storage id handed to `ctx.storage.delete(…)`: a file, not what authorization rests on.
    const inner = unwrapExpression(node.expression);
    const identityVar = inner.type === "Identifier" && frame.identityVars.has(inner.name) ? inner.name : null;
    const parent = walk.parents.at(-1);
    // The member read through the cast (`(thread as any).userId` → userId), when it is named.
    let field: string | null = null;
    if (parent?.type === "MemberExpression" && parent.object === node) {
      if (parent.computed && parent.property.type !== "StringLiteral") return;
      field = !parent.computed && parent.property.type === "Identifier" ? parent.property.name : null;
      // `(toy as any).agentThreadId`: a plain field read through the cast, as `txn.frequency as any`
      // below (not the identity's: a null identity crashes on any field).
      if (identityVar === null && field !== null && !isAuthField(field)) return;
    }
    if (parent?.type === "CallExpression") {
      const callee = unwrapExpression(parent.callee);
      if (callee.type === "MemberExpression" && state.isCtxMember(callee.object, frame, "storage", NO_NAMES)) return;
    }
    const access = stateOf(frame);
    const value = describe(node.expression, frame, access);
    const path = memberPath(node.expression);
    const root = path?.[0];
    // A plain field of a document (`txn.frequency as any`) is data, not what authorization rests on.
    if (value.startsWith("doc:") && path && path.length > 1 && !isAuthField(path.at(-1)!)) return;
    const what =
      value === "ctx" || (root !== undefined && (frame.ctxNames.has(root) || root === "ctx"))
        ? "ctx"
        : value.startsWith("arg:")
          ? "argument"
          : value.startsWith("doc:") || isDbReadByArg(node.expression, frame, access)
            ? "document"
            : isCaller(value)
              ? "caller"
              : null;
    if (!what) return;
    // An id argument under its own name (`{ roomId: roomId as any }`) stays the same table's id:
    // the cast hides nothing the name doesn't say (`{ debateId: args.opponentId as any }` does).
    if (
      what === "argument" &&
      parent?.type === "ObjectProperty" &&
      parent.value === node &&
      propertyKeyName(parent) === value.slice(4)
    )
      return;
    // Only the identity itself may be null: not one a helper hands over (its null check is there, as
    // AW607 counts it), nor a field of the caller's own row (`profile.avatarStorageId`). A cast of an
    // identity var is kept until the function is left, when its null checks are known.
    if (what === "caller" && identityVar === null && !state.identityCall(inner, frame)) return;
    const cast: AccessFacts["anyCasts"][number] = {
      what,
      text: state.text(node),
      ...(what === "argument" ? { arg: value.slice(4) } : {}),
      ...(field !== null && { field }),
      ...positionOf(node),
    };
    access.facts.anyCasts = append(access.facts.anyCasts, cast);
    if (what === "caller" && identityVar !== null)
      access.identityCasts.push({ cast, name: identityVar, offset: node.start ?? 0 });
  };

  /** Reading the token's org id claim (`identity.org_id`). */
  const orgClaim = (node: Node) => {
    const frame = state.current();
    if (!frame || (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression")) return;
    const property = node.property;
    const name =
      property.type === "Identifier" ? property.name : property.type === "StringLiteral" ? property.value : "";
    if (!/org|^id$/i.test(name)) return;
    const access = stateOf(frame);
    if (access.facts.orgClaimRead) return;
    if (ORG_ID_PATH.test(describe(node, frame, access))) access.facts.orgClaimRead = true;
  };

  const leave = (node: Node) => {
    const frame = state.frameByNode.get(node);
    if (!frame) return;
    const access = stateOf(frame);
    for (const [name, check] of access.roleVars) {
      if (access.used.has(name)) continue;
      access.facts.roleChecks = append(access.facts.roleChecks, {
        kind: "unused",
        role: check.role,
        source: check.source,
        table: check.table,
        line: check.line,
        column: check.column,
      });
    }
    // The identity checked for null before the cast (`if (!identity) throw`, `identity ? … : null`):
    // nothing about null is lost.
    const guarded = new Set(
      access.identityCasts.flatMap(({ cast, name, offset }) => {
        const guard = frame.guards.get(name);
        return guard !== undefined && guard < offset ? [cast] : [];
      }),
    );
    if (guarded.size > 0) access.facts.anyCasts = access.facts.anyCasts.filter((cast) => !guarded.has(cast));
    frame.summary.access = access.facts;
  };

  return {
    "FunctionDeclaration:exit": leave,
    "FunctionExpression:exit": leave,
    "ArrowFunctionExpression:exit": leave,
    "ObjectMethod:exit": leave,
    "VariableDeclarator:exit"(node) {
      const frame = state.current();
      if (!frame || node.type !== "VariableDeclarator" || !node.init) return;
      if (node.id.type === "ObjectPattern") {
        // const { org_id } = identity
        const from = describe(node.init, frame, stateOf(frame));
        if (isCaller(from))
          for (const property of node.id.properties) {
            const key = property.type === "ObjectProperty" ? propertyKeyName(property) : undefined;
            if (key && ORG_ID_PATH.test(`caller.${key}`)) stateOf(frame).facts.orgClaimRead = true;
          }
        return;
      }
      if (node.id.type !== "Identifier") return;
      const access = stateOf(frame);
      const name = node.id.name;
      const init = node.init;
      let inner = unwrapExpression(init);
      if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
      {
        const start = init.start ?? 0;
        const end = init.end ?? 0;
        const method = lastMethod(inner);
        if ((method === "collect" || method === "take") && chainTable(inner) !== null) access.listVars.add(name);
        if (method === "first" || method === "unique") {
          if (chainTable(inner) !== null) access.foundVars.add(name);
          const keyed = access.eqs.filter((eq) => eq.start >= start && eq.end <= end);
          if (keyed.length > 0)
            access.lookupVars.set(name, {
              table: chainTable(inner),
              // The caller's active organization (a claim) among the keys makes it a tenant's row.
              callerOnly: keyed.every((eq) => isCaller(eq.value) && !ORG_FIELD.test(eq.field ?? "")),
            });
        }
        const role = roleTest(inner);
        const side = role === null ? null : roleMember(inner);
        const path = side ? memberPath(side) : null;
        if (role !== null && side && path)
          access.roleVars.set(name, {
            role,
            ...roleSource(path[0]!, describe(side, frame, access), frame, access),
            ...positionOf(node),
          });
      }
      if (state.identityCall(inner, frame) || isAuthUserIdCall(inner)) {
        access.origins.set(name, "caller");
        return;
      }
      const db = dbMethod(inner, frame);
      if (db?.method === "get") {
        const id = idArgument(db.call);
        const of = id ? describe(id, frame, access) : "other";
        if (of.startsWith("arg:")) access.origins.set(name, "doc");
        else if (isCaller(of)) access.callerRows.add(name);
        return;
      }
      const value = describe(inner, frame, access);
      if (isCaller(value)) {
        // `const platformRole = identity.platformRole`: a privilege keeps its name, to be tested later.
        access.origins.set(name, PRIVILEGE.test(value) ? value : "caller");
        return;
      }
      if (value.startsWith("arg:")) {
        access.origins.set(name, value);
        return;
      }
      // A lookup keyed by the caller (the caller's user row, their membership).
      const start = init.start ?? 0;
      const end = init.end ?? 0;
      if (access.eqs.some((eq) => eq.start >= start && eq.end <= end && isCaller(eq.value))) {
        access.origins.set(name, "caller");
        return;
      }
      // ctx.runQuery(internal.users.getCurrentUser): with nothing from the client, the caller.
      if (inner.type === "CallExpression") {
        const callee = unwrapExpression(inner.callee);
        if (
          callee.type === "MemberExpression" &&
          callee.property.type === "Identifier" &&
          callee.property.name === "runQuery" &&
          state.isCtx(callee.object, frame)
        ) {
          const passed = (inner.arguments as Node[]).slice(1).map((arg) => state.text(arg));
          if (passed.every((text) => text.replace(/\s/g, "") === "{}")) access.origins.set(name, "caller");
          return;
        }
      }
      // A helper given ctx: with nothing but the caller's values (or constants), it returns the
      // caller (getCurrentUser); with an argument, a document (getDocOrThrow(ctx, args.id)); with
      // an id a helper was given (`getDocumentOrThrow(ctx, "sessions", sessionId)`), a document of
      // unknown origin. The same when ctx comes in an object (`getDoc({ ctx, id: args.id })`): the
      // object's other values are what it is given. A plain function of the caller alone
      // (`extractUserId(user)`, `String(identity.subject)`) is the caller still.
      if (inner.type === "CallExpression" && unwrapExpression(inner.callee).type === "Identifier") {
        const args = inner.arguments as Node[];
        const passed = args.map((arg) => describe(arg, frame, access));
        const fromClient = passed.some((p) => p.startsWith("arg:") || p.startsWith("doc:"));
        if (args.some((arg) => state.handsCtx(arg, frame))) {
          const given = args
            .flatMap((arg) => {
              const bare = unwrapExpression(arg);
              return bare.type === "ObjectExpression" && state.handsCtx(bare, frame)
                ? bare.properties.flatMap((property) => (property.type === "ObjectProperty" ? [property.value] : []))
                : [arg];
            })
            .filter((value) => !state.isCtx(value, frame));
          const described = given.map((value) => describe(value, frame, access));
          if (described.some((p) => p.startsWith("arg:") || p.startsWith("doc:"))) access.origins.set(name, "doc");
          else if (given.every((value, i) => isCaller(described[i]!) || isLiteral(value)))
            access.origins.set(name, "caller");
        } else if (passed.length > 0 && passed.every(isCaller)) access.origins.set(name, "caller");
        // `getUserByClerkId(ctx.db, identity.subject)`: a lookup keyed by the caller.
        else if (
          !fromClient &&
          passed.some(isCaller) &&
          args.every((arg, i) => isCaller(passed[i]!) || state.isCtxMember(arg, frame, "db", frame.dbNames))
        )
          access.origins.set(name, "caller");
      }
    },
    Identifier(node, context) {
      const frame = state.current();
      if (!frame || node.type !== "Identifier") return;
      const access = stateOf(frame);
      const parent = context.parents[context.parents.length - 1];
      if (!parent) return;
      if (
        access.roleVars.has(node.name) &&
        !(parent.type === "VariableDeclarator" && parent.id === node) &&
        !(parent.type === "MemberExpression" && parent.property === node && !parent.computed) &&
        !(parent.type === "ObjectProperty" && parent.key === node && !parent.shorthand)
      )
        access.used.add(node.name);
      if (access.facts.callerUsed) return;
      if (!frame.identityVars.has(node.name) && access.origins.get(node.name) !== "caller") return;
      if (parent.type === "VariableDeclarator" && parent.id === node) return;
      if (
        (parent.type === "ObjectProperty" && parent.key === node && !parent.shorthand) ||
        parent.type === "TSTypeReference"
      )
        return;
      if (parent.type === "MemberExpression" && parent.property === node && !parent.computed) return;
      if (parent.type === "UnaryExpression" && parent.operator === "!") return;
      if ((parent.type === "IfStatement" || parent.type === "ConditionalExpression") && parent.test === node) return;
      if (parent.type === "BinaryExpression" && COMPARE.has(parent.operator)) {
        const other = parent.left === node ? parent.right : parent.left;
        if (isLiteral(other)) return;
      }
      if (parent.type === "LogicalExpression" && parent.left === node) return;
      access.facts.callerUsed = true;
    },
    "UnaryExpression:exit"(node) {
      const frame = state.current();
      if (!frame || node.type !== "UnaryExpression" || node.operator !== "!") return;
      const argument = unwrapExpression(node.argument);
      if (argument.type === "Identifier") stateOf(frame).nullChecked.add(argument.name);
      else if (privileged(describe(argument, frame, stateOf(frame)), stateOf(frame)))
        stateOf(frame).facts.privilegeCheck = true;
    },
    "BinaryExpression:exit"(node) {
      const frame = state.current();
      if (!frame || node.type !== "BinaryExpression" || !COMPARE.has(node.operator)) return;
      const access = stateOf(frame);
      const left = node.left as Node;
      const right = node.right as Node;
      for (const [a, b] of [
        [left, right],
        [right, left],
      ] as const) {
        const inner = unwrapExpression(a);
        if (inner.type === "Identifier" && isLiteral(b)) access.nullChecked.add(inner.name);
      }
      const l = describe(left, frame, access);
      const r = describe(right, frame, access);
      for (const [a, b, other] of [
        [l, r, right],
        [r, l, left],
      ] as const) {
        if (isCaller(a) && ORG_CLAIM.test(a.slice("caller.".length)) && b !== "literal")
          access.facts.orgClaimCompared = true;
        if (privileged(a, access) && !orgRole(other)) access.facts.privilegeCheck = true;
      }
      const interesting = (a: string, b: string) =>
        (isCaller(a) && b !== "literal" && !isCaller(b)) ||
        (a.startsWith("doc:") && b !== "literal" && !b.startsWith("doc:"));
      if (interesting(l, r) || interesting(r, l)) {
        access.facts.compares = append(access.facts.compares, { left: l, right: r, ...positionOf(node) });
      }
    },
    "IfStatement:exit"(node, walk) {
      const frame = state.current();
      if (!frame || node.type !== "IfStatement") return;
      const access = stateOf(frame);
      const consequent = node.consequent.type === "BlockStatement" ? node.consequent.body[0] : node.consequent;
      const stops = consequent?.type === "ThrowStatement" || consequent?.type === "ReturnStatement";
      const tests: Node[] = [];
      const collect = (test: Node) => {
        const inner = unwrapExpression(test);
        if (stops && inner.type === "LogicalExpression" && inner.operator === "||") {
          collect(inner.left);
          collect(inner.right);
        } else tests.push(inner);
      };
      collect(node.test);
      // `if (!identity) throw …`, `if (userId === null) return null`: no caller, no further.
      if (stops && tests.some((test) => callerNullTest(test, frame, access))) {
        // The first guard, written in the function's own body: what a caller without identity gets.
        if (access.facts.callerGuard === null && consequent.type === "ReturnStatement" && inBody(walk, frame, state))
          access.facts.callerGuardReturn = { value: guardValue(consequent.argument), ...positionOf(node) };
        access.facts.callerGuard =
          consequent.type === "ThrowStatement" || access.facts.callerGuard === "throw" ? "throw" : "return";
        access.facts.callerGuardLine ??= lineAt(node);
      }
      if (stops && readsVisibility(node.test, frame)) access.facts.visibilityGate = true;
      // `if (existing) return …` (or throw): the writes below run on an empty table only.
      const found = foundTest(node.test, access);
      if (stops && access.facts.seedGuard === null && found === "found") access.facts.seedGuard = positionOf(node);
      // `if (!existing) insert …`, or the `else` of `if (existing)`: a branch run only when nothing was found.
      const missing = found === "missing" ? node.consequent : found === "found" ? node.alternate : null;
      if (missing)
        access.facts.fillsMissing = append(access.facts.fillsMissing, {
          line: missing.loc?.start.line ?? 0,
          endLine: missing.loc?.end.line ?? 0,
        });
      const negated = new Set<string>();
      for (const test of tests) {
        if (test.type === "UnaryExpression" && test.operator === "!") {
          const argument = unwrapExpression(test.argument);
          if (argument.type === "Identifier") negated.add(argument.name);
        }
      }
      const record = (check: AccessFacts["roleChecks"][number]) => {
        access.facts.roleChecks = append(access.facts.roleChecks, check);
      };
      for (const raw of tests) {
        const test = raw.type === "UnaryExpression" && raw.operator === "!" ? unwrapExpression(raw.argument) : raw;
        const role = roleTest(test);
        if (role === null) continue;
        // The `x.role` side: of the comparison, or the argument of `[…].includes(x.role)`.
        const roleNode =
          test.type === "BinaryExpression"
            ? [test.left as Node, test.right].map(unwrapExpression).find((side) => side.type !== "StringLiteral")!
            : unwrapExpression((test as { arguments: Node[] }).arguments[0]!);
        const path = memberPath(roleNode);
        if (!path) continue;
        const field = path[path.length - 1]!;
        const root = path[0]!;
        const value = describe(roleNode, frame, access);
        const position = positionOf(raw);
        const equal = test.type === "BinaryExpression" && (test.operator === "===" || test.operator === "==");
        const unequal = test.type === "BinaryExpression" && !equal;
        if (isCaller(value) && ORG_ROLE_CLAIM.test(field)) {
          if (stops) record({ kind: "org-claim", role, source: "claim", ...position });
          continue;
        }
        const lookup = access.lookupVars.get(root);
        if (lookup?.callerOnly && lookup.table !== null) {
          record({ kind: "user-only-membership", role, source: "table", table: lookup.table, ...position });
          continue;
        }
        if (!stops) {
          // if (m.role !== "viewer") { …grant… }: every other role passes.
          if (unequal && raw === test && LOWER_ROLES.test(role) && !TOP_ROLES.test(role))
            record({ kind: "denylist", role, ...roleSource(root, value, frame, access), ...position });
          continue;
        }
        if (roleNode.type === "OptionalMemberExpression" && equal && field === "role") {
          if (negated.has(root) || access.nullChecked.has(root)) {
            if (LOWER_ROLES.test(role) && !TOP_ROLES.test(role) && raw === test)
              record({ kind: "denylist", role, ...roleSource(root, value, frame, access), ...position });
            continue;
          }
          record({ kind: "optional-negative", role, ...roleSource(root, value, frame, access), ...position });
          continue;
        }
        // if (m.role === "viewer") throw: every other role passes.
        if (equal && raw === test && LOWER_ROLES.test(role) && !TOP_ROLES.test(role))
          record({ kind: "denylist", role, ...roleSource(root, value, frame, access), ...position });
      }
    },
    TSAsExpression: anyCast,
    TSTypeAssertion: anyCast,
    ThrowStatement() {
      const frame = state.current();
      if (frame) stateOf(frame).facts.throws = true;
    },
    ExpressionStatement(node) {
      const frame = state.current();
      if (!frame || node.type !== "ExpressionStatement") return;
      let inner = unwrapExpression(node.expression);
      if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
      if (inner.type !== "CallExpression") return;
      const callee = unwrapExpression(inner.callee);
      if (callee.type !== "Identifier" || !ROLE_PREDICATE.test(callee.name)) return;
      const access = stateOf(frame);
      access.facts.discardedCalls = append(access.facts.discardedCalls, {
        callee: callee.name,
        target: state.calleeTarget(callee),
        ...positionOf(inner),
      });
    },
    MemberExpression: orgClaim,
    OptionalMemberExpression: orgClaim,
    "OptionalCallExpression:exit"(node) {
      const frame = state.current();
      if (frame && node.type === "OptionalCallExpression") privilegeTest(node, frame);
    },
    "CallExpression:exit"(node) {
      const frame = state.current();
      if (!frame || node.type !== "CallExpression") return;
      privilegeTest(node, frame);
      const access = stateOf(frame);
      const callee = unwrapExpression(node.callee);
      const args = node.arguments as Node[];
      // q.eq("field", value)
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "eq" &&
        args.length === 2
      ) {
        const value = describe(args[1]!, frame, access);
        access.eqs.push({ start: node.start ?? 0, end: node.end ?? 0, field: eqField(args[0]!), value });
        return;
      }
      // <chain>.withIndex(…) / .filter(…) whose eqs use a caller value.
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        (callee.property.name === "withIndex" || callee.property.name === "filter")
      ) {
        const start = node.start ?? 0;
        const end = node.end ?? 0;
        const inRange = access.eqs.filter((eq) => eq.start >= start && eq.end <= end);
        const table = inRange.length > 0 ? chainTable(callee.object) : null;
        if (inRange.some((eq) => isCaller(eq.value)))
          access.facts.callerLookups = append(access.facts.callerLookups, { table, ...positionOf(node) });
        for (const eq of inRange) {
          if (!eq.value.startsWith("arg:") || eq.field === null || access.counted.has(eq.start)) continue;
          access.counted.add(eq.start);
          access.facts.argLookups = append(access.facts.argLookups, {
            table,
            field: eq.field,
            arg: eq.value.slice(4),
            ...positionOf(node),
          });
        }
        return;
      }
      // x.includes(caller) / caller.includes(x): a membership test on a list field.
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "includes"
      ) {
        const object = describe(callee.object, frame, access);
        const value = args[0] ? describe(args[0], frame, access) : "other";
        if (isCaller(value) || isCaller(object) || object.startsWith("doc:"))
          access.facts.compares = append(access.facts.compares, { left: object, right: value, ...positionOf(node) });
        return;
      }
      const db = dbMethod(node, frame);
      if (db) {
        if (db.method === "get" || db.method === "patch" || db.method === "replace" || db.method === "delete") {
          const id = idArgument(db.call);
          let cast = id;
          while (cast?.type === "ParenthesizedExpression") cast = cast.expression;
          if (
            cast &&
            (cast.type === "TSAsExpression" || cast.type === "TSTypeAssertion") &&
            cast.typeAnnotation.type === "TSAnyKeyword" &&
            !fieldOfOwnData(cast.expression, frame, access)
          ) {
            const position = positionOf(cast);
            const known = access.facts.anyCasts.find(
              (entry) => entry.line === position.line && entry.column === position.column,
            );
            if (known) known.what = "id";
            else
              access.facts.anyCasts = append(access.facts.anyCasts, {
                what: "id",
                text: state.text(cast),
                ...position,
              });
          }
          const value = id ? describe(id, frame, access) : "other";
          if (value.startsWith("arg:"))
            access.facts.byArgId = append(access.facts.byArgId, {
              op: db.method,
              arg: value.slice(4),
              ...positionOf(node),
            });
        }
        if (db.method === "insert" || db.method === "patch") {
          const table = db.method === "insert" ? args[0] : null;
          const document = args[db.method === "insert" ? 1 : args.length - 1];
          const tableName =
            table && unwrapExpression(table).type === "StringLiteral"
              ? (unwrapExpression(table) as { value: string }).value
              : null;
          const inner = document ? unwrapExpression(document) : null;
          if (tableName && inner?.type === "ObjectExpression") {
            const fields: string[] = [];
            for (const property of inner.properties) {
              if (property.type !== "ObjectProperty") continue;
              const key = propertyKeyName(property);
              if (key && describe(property.value, frame, access).startsWith("arg:")) fields.push(key);
            }
            if (fields.length > 0)
              access.facts.argWrites = append(access.facts.argWrites, {
                table: tableName,
                fields,
                ...positionOf(node),
              });
          }
        }
        return;
      }
      // Code handed an argument, a document or a caller value: helpers, ctx.runQuery(ref, {...}).
      const passes: string[] = [];
      const note = (arg: Node) => {
        const inner = unwrapExpression(arg);
        if (inner.type === "ObjectExpression") {
          for (const property of inner.properties) {
            if (property.type === "ObjectProperty") note(property.value);
            else if (property.type === "SpreadElement") note(property.argument);
          }
          return;
        }
        const value = describe(arg, frame, access);
        if (value.startsWith("arg:") || value.startsWith("doc:") || isCaller(value)) passes.push(value);
      };
      let target = null;
      let name = "";
      if (callee.type === "Identifier") {
        name = callee.name;
        target = state.calleeTarget(callee);
        args.forEach(note);
      } else if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        /^run(?:Query|Mutation|Action)$/.test(callee.property.name) &&
        state.isCtx(callee.object, frame)
      ) {
        target = state.refTarget(args[0]);
        name = state.text(args[0] ?? callee);
        args.slice(1).forEach(note);
      } else return;
      if (passes.length > 0)
        access.facts.handoffs = append(access.facts.handoffs, { callee: name, target, passes, ...positionOf(node) });
    },
  };
}
