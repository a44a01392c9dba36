/**
 * What `authwire protect` inserts beyond "signed in": authorization from the schema's scope facts.
 *
 * - a document fetched by a client-supplied id of an owner-scoped table (a `v.id("users")` owner
 *   field) is compared with the caller (`getCurrentUserOrThrow` from the users helper);
 * - an org-scoped one (directly, or through a parent document: tasks → projects → orgs) gets
 *   `requireRole(ctx, doc.orgId, role)`, and an org id argument `requireRole(ctx, orgId, role)`;
 *   the role per operation: queries read, mutations write, deletes delete (`roles` option);
 * - a client-supplied user id (`v.id("users")`) is replaced by the caller's own id (the argument
 *   leaves the validator); any other user reference refuses the function, with the reason.
 * Nothing inserted is left unused: with no user needed, the sign-in check declares no variable.
 */
import { posix } from "node:path";
import type { Node } from "@babel/types";
import { propertyKeyName, unwrapExpression, walk } from "../code/walk.ts";
import {
  addImportsTo,
  fitSnippet,
  indentAt,
  isRefusal,
  lineOf,
  refuse,
  tsEdit,
  unchanged,
  type Edit,
  type ImportSpec,
  type Refusal,
  type TsEditContext,
} from "../edit/index.ts";
import type { CallTarget, FunctionKind, FunctionSummary, RegisteredFunction, SchemaTable } from "../analysis/facts.ts";
import { USER_ID_ARG } from "../analysis/shared.ts";
import type { ProviderId } from "../project/facts.ts";
import { PROFILES } from "../providers/profiles.ts";

/** The role each kind of operation requires in an organization. */
export interface OperationRoles {
  read: string;
  write: string;
  delete: string;
}

export interface AuthzEnv {
  provider: ProviderId;
  convexDir: string;
  tables: Map<string, SchemaTable>;
  /** The module exporting getCurrentUserOrThrow (authwire users), or null. */
  usersModule: string | null;
  /** Better Auth: the module exporting the component client `authComponent`, or null. */
  authModule?: string | null;
  /** Roles per organization (authwire users --rbac), or why there are none. */
  rbac: { module: string; orgTable: string; roles: OperationRoles } | { problem: string };
  /** Follows helper calls (a delete in a helper makes a delete); without it, only the handler's own events count. */
  resolve?: CallResolver;
}

type Hop = { field: string; table: string };
type Scope =
  { kind: "owner" | "org"; via: Hop[]; field: string } | { kind: "none" } | { kind: "refuse"; reason: string };

export interface DocCheck {
  arg: string;
  table: string;
  scope: { kind: "owner" | "org"; via: Hop[]; field: string };
  role: string | null;
}

export interface AuthzSpec {
  exportName: string;
  kind: FunctionKind;
  caller: "user" | "identity" | "none";
  docChecks: DocCheck[];
  orgArgs: { arg: string; role: string }[];
  userArgs: string[];
  imports: ImportSpec[];
  /** The sign-in check's call (`ctx` stands for the handler's context) and what it returns when signed out. */
  signIn: { call: string; none: "null" | "undefined" };
  /** What it checks, in words (for the plan). */
  notes: string[];
  /** With nothing that says whose data it is: scoped tables → why a `ctx.db.query` of one is refused. */
  uncovered: Map<string, string>;
}

const REQUIRED_ID = /^v\.id\(\s*["'][^"']+["']\s*\)$/;

function required(table: SchemaTable, field: string): boolean {
  return REQUIRED_ID.test((table.validators[field] ?? "").replace(/\s+/g, ""));
}

/** Whose a table's documents are: a user's, an organization's (directly or through a parent), or nobody's. */
export function scopeOf(name: string, env: AuthzEnv, depth = 0): Scope {
  const table = env.tables.get(name);
  if (!table || depth > 2) return { kind: "none" };
  const owner = table.scope.user.find((field) => table.references[field] === "users");
  if (owner) return { kind: "owner", via: [], field: owner };
  const orgTable = "orgTable" in env.rbac ? env.rbac.orgTable : null;
  const org = orgTable ? table.scope.org.find((field) => table.references[field] === orgTable) : undefined;
  if (org) {
    if (!required(table, org))
      return { kind: "refuse", reason: `${name}.${org} is optional, so some ${name} belong to no organization` };
    return { kind: "org", via: [], field: org };
  }
  if (table.scope.user.length > 0)
    return {
      kind: "refuse",
      reason: `${name}.${table.scope.user[0]} holds its owner as ${table.validators[table.scope.user[0]!] ?? "a value"}, not v.id("users"); compare it with the caller by hand`,
    };
  if (table.scope.org.length > 0)
    return {
      kind: "refuse",
      reason:
        "problem" in env.rbac
          ? `${name} belongs to an organization (${table.scope.org[0]}), and ${env.rbac.problem}`
          : `${name}.${table.scope.org[0]} doesn't point at ${orgTable}, the memberships' organizations`,
    };
  for (const field of table.fields) {
    const parent = table.references[field];
    if (!parent || parent === name || parent === "users" || parent === orgTable || !required(table, field)) continue;
    const inner = scopeOf(parent, env, depth + 1);
    if (inner.kind === "refuse") return inner;
    if (inner.kind !== "none") return { ...inner, via: [{ field, table: parent }, ...inner.via] };
  }
  return { kind: "none" };
}

function relativeModule(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.[cm]?[jt]sx?$/, "");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Resolves a helper call to its summary (the analysis' resolver), for effects through helpers. */
export type CallResolver = (file: string, target: CallTarget) => FunctionSummary | "unknown";

/** What a handler does to data, its helpers (and functions it runs) included: writes, deletes. */
export function dataEffects(
  handler: FunctionSummary,
  resolve?: CallResolver,
  seen = new Set<FunctionSummary>(),
): { writes: boolean; deletes: boolean } {
  const effects = { writes: false, deletes: false };
  if (seen.has(handler) || seen.size > 24) return effects;
  seen.add(handler);
  for (const event of handler.events) {
    if (event.kind === "data") {
      effects.writes ||= event.write;
      effects.deletes ||= event.op === "db.delete";
    } else if (event.kind === "call" && !event.guardOnly && resolve) {
      const target = resolve(handler.file, event.target);
      if (target === "unknown") continue;
      const inner = dataEffects(target, resolve, seen);
      effects.writes ||= inner.writes;
      effects.deletes ||= inner.deletes;
    }
  }
  return effects;
}

/**
 * The operation whose role a function needs: a query reads; a mutation writes, or deletes when it
 * (or a helper it calls) deletes a document. A mutation that seems only to read still needs the
 * write role: a call authwire can't follow may write.
 */
function operationOf(fn: RegisteredFunction, handler: FunctionSummary, resolve?: CallResolver): keyof OperationRoles {
  if (fn.kind === "query" || fn.kind === "internalQuery") return "read";
  return dataEffects(handler, resolve).deletes ? "delete" : "write";
}

/** What protect inserts into one unchecked function, or why it can't decide alone. */
export function planAuthorization(
  fn: RegisteredFunction,
  handler: FunctionSummary,
  env: AuthzEnv,
): AuthzSpec | { refused: string } {
  const args = (fn.args ?? []).filter((arg) => handler.argReads.has(arg.name));
  const spec: AuthzSpec = {
    exportName: fn.name,
    kind: fn.kind,
    caller: "identity",
    docChecks: [],
    orgArgs: [],
    userArgs: [],
    imports: [],
    signIn: { call: "ctx.auth.getUserIdentity()", none: "null" },
    notes: [],
    uncovered: new Map(),
  };
  const rbac = "orgTable" in env.rbac ? env.rbac : null;
  const role = rbac ? rbac.roles[operationOf(fn, handler, env.resolve)] : null;
  for (const arg of args) {
    if (arg.table === "users" || (arg.table === null && USER_ID_ARG.test(arg.name))) {
      if (arg.table !== "users")
        return {
          refused: `it takes the user reference \`${arg.name}\` (${arg.validator}) from the client; protect replaces only v.id("users") arguments with the caller's own id: compare it with the caller or drop it by hand`,
        };
      spec.userArgs.push(arg.name);
      continue;
    }
    if (arg.table === null) continue;
    if (rbac && arg.table === rbac.orgTable) {
      spec.orgArgs.push({ arg: arg.name, role: role! });
      continue;
    }
    const scope = scopeOf(arg.table, env);
    if (scope.kind === "refuse") return { refused: scope.reason };
    if (scope.kind === "none") continue;
    spec.docChecks.push({ arg: arg.name, table: arg.table, scope, role: scope.kind === "org" ? role : null });
  }
  if (fn.kind === "action" && (spec.userArgs.length || spec.docChecks.length || spec.orgArgs.length))
    return {
      refused:
        "it is an action with user or document arguments; check them in the queries and mutations it runs (protect those)",
    };
  const covered = spec.userArgs.length + spec.docChecks.length + spec.orgArgs.length > 0;
  const touched = new Set([...handler.lookups.map((lookup) => lookup.table), ...handler.inserts.map((i) => i.table)]);
  const unscoped = (table: string, writes: boolean): string | null => {
    const scope = scopeOf(table, env);
    if (scope.kind === "refuse") return scope.reason;
    if (scope.kind === "none") return null;
    return `it ${writes ? "writes" : "reads"} ${table}, whose documents belong to ${scope.kind === "owner" ? "a user" : "an organization"}, with no argument that says whose; scope it to the caller by hand (getCurrentUserOrThrow${scope.kind === "org" ? ", requireRole" : ""})`;
  };
  if (!covered) {
    for (const table of touched) {
      const reason =
        table === null
          ? null
          : unscoped(
              table,
              handler.inserts.some((insert) => insert.table === table),
            );
      if (reason) return { refused: reason };
    }
    // A bare `ctx.db.query("t")` leaves no lookup fact: the edit refuses it from these.
    for (const table of env.tables.keys()) {
      const reason = unscoped(table, false);
      if (reason) spec.uncovered.set(table, reason);
    }
  }
  const needsUser = spec.userArgs.length > 0 || spec.docChecks.some((check) => check.scope.kind === "owner");
  if (needsUser && !env.usersModule)
    return { refused: "it needs the caller's user document: run authwire users first (protect compares with it)" };
  if (spec.docChecks.some((check) => check.scope.kind === "org") && !rbac)
    return { refused: "problem" in env.rbac ? env.rbac.problem : "no roles" };
  spec.caller = needsUser ? "user" : covered ? "none" : "identity";
  if (needsUser)
    spec.imports.push({ from: relativeModule(fn.file, env.usersModule!), named: ["getCurrentUserOrThrow"] });
  if (spec.orgArgs.length || spec.docChecks.some((check) => check.scope.kind === "org"))
    spec.imports.push({ from: relativeModule(fn.file, rbac!.module), named: ["requireRole"] });
  if (spec.caller === "identity" && env.provider === "convex-auth") {
    spec.imports.push({ from: PROFILES["convex-auth"].exports.getAuthUserId!, named: ["getAuthUserId"] });
    spec.signIn = { call: "getAuthUserId(ctx)", none: "null" };
  }
  // Better Auth: the component client checks the session behind the token (a bare identity doesn't).
  if (spec.caller === "identity" && env.provider === "better-auth" && env.authModule && env.authModule !== fn.file) {
    spec.imports.push({ from: relativeModule(fn.file, env.authModule), named: ["authComponent"] });
    spec.signIn = { call: "authComponent.safeGetAuthUser(ctx)", none: "undefined" };
  }
  for (const name of spec.userArgs) spec.notes.push(`the client's ${name} is replaced by the caller's own id`);
  for (const check of spec.docChecks) {
    const through = check.scope.via.map((hop) => hop.table).join(" → ");
    spec.notes.push(
      check.scope.kind === "owner"
        ? `${check.arg}: the ${check.table} document's ${check.scope.field} must be the caller${through ? ` (through ${through})` : ""}`
        : `${check.arg}: requireRole "${check.role}" in the ${check.table} document's organization${through ? ` (through ${through})` : ""}`,
    );
  }
  for (const org of spec.orgArgs) spec.notes.push(`${org.arg}: requireRole "${org.role}"`);
  return spec;
}

/* ------------------------------------------------------------------ the edit */

type FunctionNode = Extract<Node, { type: "ArrowFunctionExpression" | "FunctionExpression" | "ObjectMethod" }>;

function isFunction(node: Node): node is FunctionNode {
  return node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression" || node.type === "ObjectMethod";
}

/** `export const name = query({ args, handler })`: its args object and handler. */
function findRegistration(
  ctx: TsEditContext,
  name: string,
): { args: Extract<Node, { type: "ObjectExpression" }> | null; handler: FunctionNode } | null {
  for (const statement of ctx.ast.program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration") continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== "Identifier" || declarator.id.name !== name || !declarator.init) continue;
      const init = unwrapExpression(declarator.init);
      if (init.type !== "CallExpression") return null;
      const first = init.arguments[0] && unwrapExpression(init.arguments[0]);
      if (first && isFunction(first)) return { args: null, handler: first };
      if (first?.type !== "ObjectExpression") return null;
      let args: Extract<Node, { type: "ObjectExpression" }> | null = null;
      let handler: FunctionNode | null = null;
      for (const property of first.properties) {
        if (property.type === "SpreadElement") continue;
        const key = propertyKeyName(property);
        if (key === "handler") {
          if (property.type === "ObjectMethod") handler = property;
          else {
            const value = unwrapExpression(property.value);
            if (isFunction(value)) handler = value;
          }
        } else if (key === "args" && property.type === "ObjectProperty") {
          const value = unwrapExpression(property.value);
          if (value.type === "ObjectExpression") args = value;
        }
      }
      return handler ? { args, handler } : null;
    }
  }
  return null;
}

/** Removes one property from an object literal or pattern, with its comma. */
function removeProperty(ctx: TsEditContext, properties: Node[], index: number, container: Node): void {
  const property = properties[index]!;
  if (properties.length === 1) ctx.s.overwrite(container.start!, container.end!, "{}");
  else if (index < properties.length - 1) ctx.s.remove(property.start!, properties[index + 1]!.start!);
  else ctx.s.remove(properties[index - 1]!.end!, property.end!);
}

function singular(table: string): string {
  const base = table.replace(/ies$/, "y").replace(/s$/, "");
  return /^[A-Za-z_$][\w$]*$/.test(base) && base !== table ? base : `${table.replace(/\W/g, "_")}Doc`;
}

const err = (message: string) => `throw new Error(${JSON.stringify(message)});`;

/** The in-pass edit for one function (the imports are the caller's). */
export function authorizeIn(ctx: TsEditContext, spec: AuthzSpec): Refusal | undefined {
  const found = findRegistration(ctx, spec.exportName);
  if (!found) return refuse(`${ctx.path}: authwire can't find the handler of ${spec.exportName}.`);
  const { handler } = found;
  const at = lineOf(handler);
  const fail = (why: string) =>
    refuse(`${ctx.path}:${at}: the handler of ${spec.exportName} ${why}; add the check by hand.`, { line: at });
  const ctxParam = handler.params[0];
  if (!ctxParam || ctxParam.type !== "Identifier") return fail(ctxParam ? "destructures its context" : "takes no ctx");
  if (handler.generator) return fail("is a generator");
  const c = ctxParam.name;
  const argsParam = handler.params[1];

  const used = new Set<string>();
  walk(handler, (node) => {
    if (node.type === "Identifier") used.add(node.name);
  });
  const free = (base: string): string => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    used.add(name);
    return name;
  };

  /** How the handler reads an argument: `args.x` or the destructured local. */
  const argRef = (name: string): string | null => {
    if (argsParam?.type === "Identifier") return `${argsParam.name}.${name}`;
    if (argsParam?.type !== "ObjectPattern") return null;
    for (const property of argsParam.properties) {
      if (property.type === "RestElement" && property.argument.type === "Identifier")
        return `${property.argument.name}.${name}`;
      if (property.type !== "ObjectProperty" || propertyKeyName(property) !== name) continue;
      return property.value.type === "Identifier" ? property.value.name : null;
    }
    return null;
  };

  let scan: string | undefined;
  walk(handler, (node) => {
    if (scan || node.type !== "CallExpression" || spec.uncovered.size === 0) return;
    const callee = ctx.source.slice(node.callee.start!, node.callee.end!);
    const table = node.arguments[0]?.type === "StringLiteral" ? node.arguments[0].value : null;
    if (callee === `${c}.db.query` && table !== null) scan = spec.uncovered.get(table);
  });
  if (scan) return refuse(`${ctx.path}:${at}: ${scan}`, { line: at });

  const start: string[] = [];
  const after = new Map<Node, string[]>();
  const userVar = spec.caller === "user" ? free("user") : null;
  if (userVar) start.push(`const ${userVar} = await getCurrentUserOrThrow(${c});`);
  else if (spec.caller === "identity") {
    const call = spec.signIn.call.replace(/\bctx\b/, c);
    start.push(`if ((await ${call}) === ${spec.signIn.none}) {\n  ${err("Not authenticated")}\n}`);
  }

  // A client-supplied user id: the caller's own, and out of the validator.
  for (const name of spec.userArgs) {
    if (argsParam?.type === "Identifier") {
      if (argsParam.typeAnnotation) return fail("types its args by hand");
      let whole = false;
      walk(handler.body, (node, context) => {
        const parent = context.parents[context.parents.length - 1];
        if (node.type !== "Identifier" || node.name !== argsParam.name) return;
        const member = parent?.type === "MemberExpression" && parent.object === node && !parent.computed;
        if (!member) whole = true;
        else if (parent.property.type === "Identifier" && parent.property.name === name)
          ctx.s.overwrite(parent.start!, parent.end!, `${userVar}._id`, { contentOnly: true });
      });
      if (whole) return fail(`uses its args object whole, so its ${name} can't be replaced`);
    } else if (argsParam?.type === "ObjectPattern") {
      const index = argsParam.properties.findIndex(
        (property) => property.type === "ObjectProperty" && propertyKeyName(property) === name,
      );
      const property = argsParam.properties[index];
      if (!property || property.type !== "ObjectProperty" || property.value.type !== "Identifier")
        return fail(`reads ${name} in a way authwire can't follow`);
      if (argsParam.typeAnnotation) return fail("types its args by hand");
      start.push(`const ${property.value.name} = ${userVar}._id;`);
      if (argsParam.properties.length === 1 && handler.params.length === 2)
        ctx.s.remove(ctxParam.end!, argsParam.end!); // `(ctx, { userId })` → `(ctx)`
      else removeProperty(ctx, argsParam.properties, index, argsParam);
    } else return fail(`reads ${name} in a way authwire can't follow`);
    const validator = found.args?.properties.findIndex(
      (property) => property.type === "ObjectProperty" && propertyKeyName(property) === name,
    );
    if (found.args && validator !== undefined && validator >= 0)
      removeProperty(ctx, found.args.properties, validator, found.args);
  }

  for (const org of spec.orgArgs) {
    const ref = argRef(org.arg);
    if (!ref) return fail(`reads ${org.arg} in a way authwire can't follow`);
    start.push(`await requireRole(${c}, ${ref}, ${JSON.stringify(org.role)});`);
  }

  const body = handler.body;
  const statements = body.type === "BlockStatement" ? body.body : [];
  for (const check of spec.docChecks) {
    const ref = argRef(check.arg);
    if (!ref) return fail(`reads ${check.arg} in a way authwire can't follow`);
    // The handler's own `const doc = await ctx.db.get(id)`: the check follows it.
    const own = statements.find((statement) => {
      if (statement.type !== "VariableDeclaration" || statement.declarations.length !== 1) return false;
      const declarator = statement.declarations[0]!;
      const init = declarator.init && unwrapExpression(declarator.init);
      if (declarator.id.type !== "Identifier" || init?.type !== "AwaitExpression") return false;
      const call = unwrapExpression(init.argument);
      if (call.type !== "CallExpression" || ctx.source.slice(call.callee.start!, call.callee.end!) !== `${c}.db.get`)
        return false;
      const last = call.arguments[call.arguments.length - 1];
      return last !== undefined && ctx.source.slice(last.start!, last.end!) === ref;
    }) as Extract<Node, { type: "VariableDeclaration" }> | undefined;
    const docVar = own
      ? (own.declarations[0]!.id as Extract<Node, { type: "Identifier" }>).name
      : free(singular(check.table));
    const lines: string[] = [];
    let current = docVar;
    for (const hop of check.scope.via) {
      const next = free(singular(hop.table));
      lines.push(
        `const ${next} = await ${c}.db.get(${current}.${hop.field});`,
        `if (${next} === null) {\n  ${err("Not found")}\n}`,
      );
      current = next;
    }
    lines.push(
      check.scope.kind === "owner"
        ? `if (${current}.${check.scope.field} !== ${userVar}._id) {\n  ${err("Forbidden")}\n}`
        : `await requireRole(${c}, ${current}.${check.scope.field}, ${JSON.stringify(check.role)});`,
    );
    // A query that fetched the document itself keeps answering null for a missing one.
    const block =
      own && spec.kind === "query"
        ? [`if (${docVar} !== null) {\n${lines.join("\n").replace(/^/gm, "  ")}\n}`]
        : [`if (${docVar} === null) {\n  ${err("Not found")}\n}`, ...lines];
    if (own) after.set(own, [...(after.get(own) ?? []), ...block]);
    else start.push(`const ${docVar} = await ${c}.db.get(${ref});`, ...block);
  }

  if (!handler.async) {
    if (handler.returnType) return fail("is not async and declares its return type");
    ctx.s.appendLeft(handler.type === "ObjectMethod" ? handler.key.start! : handler.start!, "async ");
  }
  for (const [statement, lines] of after) {
    const indent = indentAt(ctx.source, statement.start!);
    ctx.s.appendLeft(statement.end!, `${ctx.eol}${indent}${fitSnippet(ctx, lines.join("\n"), indent)}`);
  }
  if (start.length > 0) {
    const code = start.join("\n");
    if (body.type === "BlockStatement") {
      const first = body.body[0];
      if (first) {
        const indent = indentAt(ctx.source, first.start!);
        ctx.s.appendRight(first.start!, `${fitSnippet(ctx, code, indent)}${ctx.eol}${indent}`);
      } else {
        const indent = indentAt(ctx.source, body.start!);
        const inner = indent + ctx.indentUnit;
        ctx.s.appendLeft(body.start! + 1, `${ctx.eol}${inner}${fitSnippet(ctx, code, inner)}${ctx.eol}${indent}`);
      }
    } else {
      const extra = (body.extra as { parenthesized?: boolean; parenStart?: number } | undefined) ?? {};
      const from = extra.parenthesized ? extra.parenStart! : body.start!;
      const to = extra.parenthesized ? ctx.source.indexOf(")", body.end!) + 1 : body.end!;
      const indent = indentAt(ctx.source, from);
      const inner = indent + ctx.indentUnit;
      ctx.s.prependRight(from, `{${ctx.eol}${inner}${fitSnippet(ctx, code, inner)}${ctx.eol}${inner}return `);
      ctx.s.appendLeft(to, `${ctx.semicolons ? ";" : ""}${ctx.eol}${indent}}`);
    }
  }
  return undefined;
}

/**
 * One edit per file: each spec's insertions, the imports once. With `refusals`, a function that
 * can't take them is recorded there and the others still get theirs (the trial pass).
 */
export function authorizeEdit(specs: AuthzSpec[], refusals?: Map<string, Refusal>): Edit {
  return tsEdit(`authorize ${specs.map((spec) => spec.exportName).join(", ")}`, (ctx) => {
    const imports: ImportSpec[] = [];
    for (const spec of specs) {
      // Each function is tried on its own first, so one refusal never leaves half an edit behind.
      const before = ctx.s.clone();
      const outcome = authorizeIn(ctx, spec);
      if (outcome !== undefined && isRefusal(outcome)) {
        if (!refusals) return outcome;
        refusals.set(spec.exportName, outcome);
        ctx.s = before;
        continue;
      }
      imports.push(...spec.imports);
    }
    if (!ctx.s.hasChanged()) return unchanged;
    const seen = new Set<string>();
    for (const spec of imports) {
      const key = `${spec.from}\0${JSON.stringify(spec.named)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const problem = addImportsTo(ctx, spec);
      if (problem) return problem;
    }
    return undefined;
  });
}
