/**
 * What the Better Auth rules (AW7xx) read from an app, statically, once per doctor run
 * (docs/internals/better-auth.md#backend): the `betterAuth({...})` call in the functions folder (its plugins,
 * trustedOrigins, baseURL), the component client (`createClient(components.betterAuth, {...})`,
 * whether it has user triggers), `registerRoutes(http, createAuth, { cors })` in http.ts and the
 * client's `createAuthClient({ plugins })`. A value authwire can't follow statically is "unknown",
 * and the rules stay silent on it.
 */
import type { Node } from "@babel/types";
import { positionOf } from "../../code/location.ts";
import { importedName, propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import { PROFILES } from "../../providers/profiles.ts";
import type { DoctorContext } from "../context.ts";

const profile = PROFILES["better-auth"];
/** The component package and the library package, from the profile. */
export const COMPONENT_PACKAGE = profile.packages.sdk[0]!;
export const LIBRARY_PACKAGE = profile.packages.sdk[1]!;

export interface Position {
  line: number;
  column: number;
}

/** A value as far as static reading goes: a literal, an env read (with its literal fallback), or unknown. */
export type OriginValue =
  { kind: "literal"; value: string } | { kind: "env"; name: string; fallback: string | null } | { kind: "unknown" };

export interface PluginUse extends Position {
  /** The exported name the plugin factory is imported as (`convex`, `crossDomain`, `expo`…). */
  name: string;
  /** The module it is imported from, or null for a local function. */
  from: string | null;
  /** `crossDomain({ siteUrl })`: the siteUrl value. */
  siteUrl?: OriginValue;
}

export interface BetterAuthInstance extends Position {
  file: string;
  /** The plugins, or null when `plugins` isn't a static array (then nothing can be said). */
  plugins: PluginUse[] | null;
  /** Whether `plugins` is written at all. */
  pluginsWritten: boolean;
  /** `trustedOrigins`: its entries, null when absent, "unknown" when not a static array. */
  trustedOrigins: OriginValue[] | null | "unknown";
  baseURL: OriginValue | null;
  /**
   * `user: { additionalFields: { role: { type: "string", input: false } } }`: each field and whether
   * users may set it (`input` is true unless written `false`; "unknown" when not a literal).
   */
  userFields: (Position & { name: string; input: boolean | "unknown" })[];
}

export interface RoutesCall extends Position {
  file: string;
  /** The `cors` option: true/false when written as a literal or an object (true), null when absent, "unknown" otherwise. */
  cors: boolean | null | "unknown";
}

export interface AuthClientCall extends Position {
  file: string;
  /** Plugin factory names, or null when `plugins` isn't a static array. */
  plugins: string[] | null;
}

export interface BetterAuthApp {
  instances: BetterAuthInstance[];
  /** `createClient(...)` from the component: where, and whether it passes `triggers.user`. */
  clients: (Position & { file: string; userTriggers: boolean | "unknown" })[];
  routes: RoutesCall[];
  authClients: AuthClientCall[];
}

const cache = new WeakMap<DoctorContext, Promise<BetterAuthApp>>();

export function readBetterAuthApp(doctor: DoctorContext): Promise<BetterAuthApp> {
  let app = cache.get(doctor);
  if (!app) {
    app = load(doctor);
    cache.set(doctor, app);
  }
  return app;
}

type Program = { body: Node[] };

/** Local name → where it comes from: an import, or a top-level const/function in this module. */
interface Scope {
  imports: Map<string, { module: string; imported: string }>;
  consts: Map<string, Node>;
}

function scopeOf(program: Program): Scope {
  const scope: Scope = { imports: new Map(), consts: new Map() };
  for (const statement of program.body) {
    if (statement.type === "ImportDeclaration") {
      for (const specifier of statement.specifiers)
        scope.imports.set(specifier.local.name, { module: statement.source.value, imported: importedName(specifier) });
      continue;
    }
    const declaration =
      statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration"
        ? statement.declaration
        : statement;
    if (declaration?.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations)
        if (declarator.id.type === "Identifier" && declarator.init)
          scope.consts.set(declarator.id.name, declarator.init);
    }
    if (declaration?.type === "FunctionDeclaration" && declaration.id)
      scope.consts.set(declaration.id.name, declaration);
  }
  return scope;
}

function isProcessEnv(node: Node): string | null {
  const bare = unwrapExpression(node);
  if (bare.type !== "MemberExpression" && bare.type !== "OptionalMemberExpression") return null;
  const object = unwrapExpression(bare.object);
  if (
    (object.type === "MemberExpression" || object.type === "OptionalMemberExpression") &&
    object.object.type === "Identifier" &&
    object.object.name === "process" &&
    object.property.type === "Identifier" &&
    object.property.name === "env"
  ) {
    if (!bare.computed && bare.property.type === "Identifier") return bare.property.name;
    if (bare.property.type === "StringLiteral") return bare.property.value;
  }
  return null;
}

/** A string-ish value: a literal, `process.env.X` (`!`, `?? "fallback"`, `|| "fallback"`), or a const holding one. */
export function originValue(node: Node, scope: Scope, depth = 0): OriginValue {
  const bare = unwrapExpression(node);
  if (bare.type === "StringLiteral") return { kind: "literal", value: bare.value };
  if (bare.type === "TemplateLiteral" && bare.expressions.length === 0)
    return { kind: "literal", value: bare.quasis.map((quasi) => quasi.value.cooked ?? "").join("") };
  const env = isProcessEnv(bare);
  if (env) return { kind: "env", name: env, fallback: null };
  if (bare.type === "LogicalExpression" && (bare.operator === "??" || bare.operator === "||")) {
    const left = originValue(bare.left, scope, depth + 1);
    const right = originValue(bare.right, scope, depth + 1);
    if (left.kind === "env" && right.kind === "literal") return { ...left, fallback: right.value };
    return { kind: "unknown" };
  }
  if (bare.type === "Identifier" && depth < 4) {
    const init = scope.consts.get(bare.name);
    if (init && init.type !== "FunctionDeclaration") return originValue(init, scope, depth + 1);
  }
  return { kind: "unknown" };
}

/** The object literal a `betterAuth(…)` argument is: written inline, a const, or a local function's returned literal. */
function optionsObject(node: Node | undefined, scope: Scope, depth = 0): Node | null {
  if (!node || depth > 4) return null;
  const bare = unwrapExpression(node);
  if (bare.type === "ObjectExpression") return bare;
  if (bare.type === "Identifier") {
    const init = scope.consts.get(bare.name);
    return init ? optionsObject(init, scope, depth + 1) : null;
  }
  if (bare.type === "CallExpression" && bare.callee.type === "Identifier") {
    const fn = scope.consts.get(bare.callee.name);
    return fn ? returnedObject(fn, scope, depth + 1) : null;
  }
  return null;
}

function returnedObject(fn: Node, scope: Scope, depth: number): Node | null {
  const bare = unwrapExpression(fn);
  if (
    bare.type !== "ArrowFunctionExpression" &&
    bare.type !== "FunctionExpression" &&
    bare.type !== "FunctionDeclaration"
  )
    return null;
  if (bare.body.type !== "BlockStatement") return optionsObject(bare.body, scope, depth);
  const last = [...bare.body.body].reverse().find((statement) => statement.type === "ReturnStatement");
  return last?.type === "ReturnStatement" && last.argument ? optionsObject(last.argument, scope, depth) : null;
}

function property(object: Node, name: string): Node | undefined {
  if (object.type !== "ObjectExpression") return undefined;
  for (const entry of object.properties) {
    if (entry.type === "ObjectProperty" && propertyKeyName(entry) === name) return entry.value;
    if (entry.type === "ObjectMethod" && propertyKeyName(entry) === name) return entry;
  }
  return undefined;
}

/** Whether an object literal has spreads (then a missing key may come from them). */
function hasSpread(object: Node): boolean {
  return object.type === "ObjectExpression" && object.properties.some((entry) => entry.type === "SpreadElement");
}

/** Whether a call's callee is `name` imported from one of `modules`. */
function calleeImport(node: Node, scope: Scope): { module: string; imported: string } | null {
  if (node.type !== "CallExpression" || node.callee.type !== "Identifier") return null;
  return scope.imports.get(node.callee.name) ?? null;
}

/** `user.additionalFields` as written (an object literal, or a const holding one): each field's name and `input`. */
function userFieldsOf(options: Node, scope: Scope): BetterAuthInstance["userFields"] {
  const user = property(options, "user");
  const userObject = user ? optionsObject(user, scope) : null;
  const fields = userObject ? property(userObject, "additionalFields") : undefined;
  const fieldsObject = fields ? optionsObject(fields, scope) : null;
  if (!fieldsObject || fieldsObject.type !== "ObjectExpression") return [];
  return fieldsObject.properties.flatMap((entry) => {
    if (entry.type !== "ObjectProperty") return [];
    const name = propertyKeyName(entry);
    if (!name) return [];
    const config = optionsObject(entry.value, scope);
    const input = config ? property(config, "input") : undefined;
    const bare = input ? unwrapExpression(input) : null;
    const value: boolean | "unknown" =
      !config || (input === undefined && hasSpread(config))
        ? "unknown"
        : bare === null
          ? true
          : bare.type === "BooleanLiteral"
            ? bare.value
            : "unknown";
    return [{ name, input: value, ...positionOf(entry) }];
  });
}

function pluginsOf(array: Node | undefined, scope: Scope): string[] | null {
  if (!array) return [];
  const bare = unwrapExpression(array);
  if (bare.type !== "ArrayExpression") return null;
  const names: string[] = [];
  for (const element of bare.elements) {
    if (!element) continue;
    const value = unwrapExpression(element);
    if (value.type !== "CallExpression" || value.callee.type !== "Identifier") return null;
    names.push(scope.imports.get(value.callee.name)?.imported ?? value.callee.name);
  }
  return names;
}

function isLibraryModule(module: string): boolean {
  return module === LIBRARY_PACKAGE || module.startsWith(`${LIBRARY_PACKAGE}/`);
}

async function load(doctor: DoctorContext): Promise<BetterAuthApp> {
  const app: BetterAuthApp = { instances: [], clients: [], routes: [], authClients: [] };
  const convexPrefix = `${doctor.convexDir}/`;
  for (const path of doctor.facts.codeFiles) {
    if (path.includes("/_generated/") || path.includes("node_modules/")) continue;
    const source = await doctor.read(path);
    if (!source || !/betterAuth\(|createClient\(|registerRoutes(?:Lazy)?\(|createAuthClient\(/.test(source)) continue;
    const parsed = await doctor.parse(path);
    if (!parsed?.ok) continue;
    const program = parsed.ast.program;
    const scope = scopeOf(program);
    const backend = path.startsWith(convexPrefix);
    walk(program, (node) => {
      if (node.type !== "CallExpression") return;
      const from = calleeImport(node, scope);
      if (backend && from && isLibraryModule(from.module) && from.imported === "betterAuth") {
        const options = optionsObject(node.arguments[0], scope);
        const instance: BetterAuthInstance = {
          file: path,
          ...positionOf(node),
          plugins: null,
          pluginsWritten: false,
          trustedOrigins: "unknown",
          baseURL: null,
          userFields: [],
        };
        if (options) {
          const plugins = property(options, "plugins");
          instance.pluginsWritten = plugins !== undefined;
          instance.plugins = plugins === undefined && hasSpread(options) ? null : readPlugins(plugins, scope);
          const origins = property(options, "trustedOrigins");
          if (origins === undefined) instance.trustedOrigins = hasSpread(options) ? "unknown" : null;
          else {
            const array = unwrapExpression(origins);
            instance.trustedOrigins =
              array.type === "ArrayExpression"
                ? array.elements.map((element) =>
                    element && element.type !== "SpreadElement" ? originValue(element, scope) : { kind: "unknown" },
                  )
                : "unknown";
          }
          const base = property(options, "baseURL");
          instance.baseURL = base === undefined ? null : originValue(base, scope);
          instance.userFields = userFieldsOf(options, scope);
        }
        app.instances.push(instance);
        return;
      }
      if (backend && from?.module === COMPONENT_PACKAGE && from.imported === "createClient") {
        const options = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
        let userTriggers: boolean | "unknown" = false;
        if (options && options.type !== "ObjectExpression") userTriggers = "unknown";
        else if (options) {
          const triggers = property(options, "triggers");
          if (triggers === undefined) userTriggers = hasSpread(options) ? "unknown" : false;
          else {
            const bare = unwrapExpression(triggers);
            userTriggers =
              bare.type === "ObjectExpression" ? property(bare, "user") !== undefined || hasSpread(bare) : "unknown";
          }
        }
        app.clients.push({ file: path, ...positionOf(node), userTriggers });
        return;
      }
      if (
        backend &&
        node.callee.type === "MemberExpression" &&
        node.callee.property.type === "Identifier" &&
        /^registerRoutes(?:Lazy)?$/.test(node.callee.property.name)
      ) {
        // registerRoutes(http, createAuth, opts) and registerRoutesLazy(http, createAuth, opts) alike.
        const options = node.arguments[2] ? unwrapExpression(node.arguments[2]) : undefined;
        let cors: RoutesCall["cors"] = null;
        if (options) {
          if (options.type !== "ObjectExpression") cors = "unknown";
          else {
            const value = property(options, "cors");
            if (value === undefined) cors = hasSpread(options) ? "unknown" : null;
            else {
              const bare = unwrapExpression(value);
              cors = bare.type === "BooleanLiteral" ? bare.value : bare.type === "ObjectExpression" ? true : "unknown";
            }
          }
        }
        app.routes.push({ file: path, ...positionOf(node), cors });
        return;
      }
      if (!backend && from && isLibraryModule(from.module) && from.imported === "createAuthClient") {
        const options = node.arguments[0] ? optionsObject(node.arguments[0], scope) : null;
        const plugins = options ? property(options, "plugins") : undefined;
        app.authClients.push({
          file: path,
          ...positionOf(node),
          plugins: !options || (plugins === undefined && hasSpread(options)) ? null : pluginsOf(plugins, scope),
        });
      }
    });
  }
  return app;
}

function readPlugins(array: Node | undefined, scope: Scope): PluginUse[] | null {
  if (array === undefined) return [];
  const bare = unwrapExpression(array);
  if (bare.type !== "ArrayExpression") return null;
  const plugins: PluginUse[] = [];
  for (const element of bare.elements) {
    if (!element) continue;
    if (element.type === "SpreadElement") return null;
    const value = unwrapExpression(element);
    if (value.type !== "CallExpression" || value.callee.type !== "Identifier") return null;
    const imported = scope.imports.get(value.callee.name);
    const plugin: PluginUse = {
      name: imported?.imported ?? value.callee.name,
      from: imported?.module ?? null,
      ...positionOf(value),
    };
    if (plugin.name === "crossDomain") {
      const options = value.arguments[0] ? unwrapExpression(value.arguments[0]) : undefined;
      const site = options ? property(options, "siteUrl") : undefined;
      if (site) plugin.siteUrl = originValue(site, scope);
      else if (options?.type === "ObjectExpression") {
        // `crossDomain({ siteUrl })` shorthand is an ObjectProperty too; anything else is unknown.
        plugin.siteUrl = { kind: "unknown" };
      }
    }
    plugins.push(plugin);
  }
  return plugins;
}

/** Whether the app uses Better Auth (detection found it and doctor counts it as in use). */
export function usesBetterAuth(doctor: DoctorContext): boolean {
  return doctor.providers.has("better-auth");
}
