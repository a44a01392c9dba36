/**
 * The Convex side of Better Auth, as edits (docs/internals/better-auth.md#backend): the component mounted in
 * `convex/convex.config.ts`, the auth instance in `convex/auth.ts` (`authComponent` +
 * `createAuth`), its routes in `convex/http.ts` and `getAuthConfigProvider()` in auth.config.ts.
 */
import type { CallExpression, Node } from "@babel/types";
import { unwrapExpression, walk } from "../../code/walk.ts";
import { ModuleEvaluator } from "../../config/static-value.ts";
import { BETTER_AUTH_CONFIG_FUNCTION, BETTER_AUTH_CONFIG_MODULE } from "../../config/library-calls.ts";
import {
  addHttpRouterCall,
  addImportsTo,
  defineEdit,
  insertArrayElement,
  lineOf,
  refuse,
  tsEdit,
  unchanged,
  type Edit,
} from "../../edit/index.ts";
import { parseCode } from "../../code/parse.ts";
import type { BetterAuthMethod } from "./options.ts";

export const COMPONENT_MODULE = "@convex-dev/better-auth/convex.config";

/** How the instance reaches the app: a single-page app talks to the deployment cross-domain. */
export type BetterAuthShape = "spa" | "server";

const CONFIG_TEMPLATE = `import { defineApp } from "convex/server";

const app = defineApp();

export default app;
`;

/** The local name the file imports a module's default export under, if it does. */
function defaultImportOf(ast: { program: { body: Node[] } }, from: (module: string) => boolean): string | undefined {
  for (const statement of ast.program.body) {
    if (statement.type !== "ImportDeclaration" || !from(statement.source.value)) continue;
    const specifier = statement.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
    if (specifier) return specifier.local.name;
  }
  return undefined;
}

/** `app.use(betterAuth)` in convex/convex.config.ts (the file is created when missing). */
export function mountComponent(): Edit {
  return tsEdit(
    "mount the Better Auth component (app.use(betterAuth))",
    (ctx) => {
      const local = defaultImportOf(
        ctx.ast,
        (module) => module === COMPONENT_MODULE || /(?:^|\/)betterAuth\/convex\.config(?:\.[jt]s)?$/.test(module),
      );
      let app: { name: string; end: number } | undefined;
      let mounted = false;
      for (const statement of ctx.ast.program.body) {
        const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
        if (declaration?.type === "VariableDeclaration") {
          for (const declarator of declaration.declarations) {
            const init = declarator.init && unwrapExpression(declarator.init);
            if (
              init?.type === "CallExpression" &&
              init.callee.type === "Identifier" &&
              init.callee.name === "defineApp" &&
              declarator.id.type === "Identifier"
            )
              app = { name: declarator.id.name, end: statement.end! };
          }
        }
      }
      if (!app)
        return refuse(
          `${ctx.path} has no \`const app = defineApp()\`; mount the component by hand: app.use(betterAuth).`,
        );
      walk(ctx.ast.program, (node) => {
        if (
          node.type === "CallExpression" &&
          node.callee.type === "MemberExpression" &&
          node.callee.object.type === "Identifier" &&
          node.callee.object.name === app.name &&
          node.callee.property.type === "Identifier" &&
          node.callee.property.name === "use" &&
          node.arguments[0]?.type === "Identifier" &&
          node.arguments[0].name === local
        )
          mounted = true;
      });
      if (mounted) return unchanged;
      const name = local ?? "betterAuth";
      if (!local) {
        const problem = addImportsTo(ctx, { from: COMPONENT_MODULE, default: name });
        if (problem) return problem;
      }
      ctx.s.appendLeft(app.end, `${ctx.eol}${app.name}.use(${name})${ctx.semicolons ? ";" : ""}`);
      return undefined;
    },
    { whenMissing: () => CONFIG_TEMPLATE },
  );
}

/** The local names `getAuthConfigProvider` is imported under. */
function configProviderNames(ast: { program: { body: Node[] } }): Set<string> {
  const names = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== "ImportDeclaration" || statement.source.value !== BETTER_AUTH_CONFIG_MODULE) continue;
    for (const specifier of statement.specifiers) {
      if (
        specifier.type === "ImportSpecifier" &&
        (specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value) ===
          BETTER_AUTH_CONFIG_FUNCTION
      )
        names.add(specifier.local.name);
    }
  }
  return names;
}

const AUTH_CONFIG_TEMPLATE = `import type { AuthConfig } from "convex/server";

export default {
  providers: [],
} satisfies AuthConfig;
`;

/**
 * `getAuthConfigProvider()` in auth.config's providers. Another entry with applicationID "convex"
 * (Clerk's, Convex Auth's) makes Better Auth's convex() plugin throw, so it is refused, unless
 * `replace`: then every other entry goes and Better Auth's is the only one.
 */
export function addBetterAuthConfigProvider({ replace }: { replace: boolean }): Edit {
  return tsEdit(
    "trust Better Auth's tokens (getAuthConfigProvider() in providers)",
    (ctx) => {
      const evaluator = new ModuleEvaluator(ctx.ast.program, ctx.path, ctx.source);
      const exported = evaluator.defaultExport();
      const config = exported && unwrapExpression(resolveConst(ctx.ast.program.body, exported));
      if (config?.type !== "ObjectExpression")
        return refuse(
          `${ctx.path} doesn't export an object literal; add getAuthConfigProvider() to its providers by hand.`,
        );
      const property = config.properties.find(
        (p) =>
          p.type === "ObjectProperty" &&
          ((p.key.type === "Identifier" && p.key.name === "providers") ||
            (p.key.type === "StringLiteral" && p.key.value === "providers")),
      );
      const array = property?.type === "ObjectProperty" ? unwrapExpression(property.value) : undefined;
      if (array?.type !== "ArrayExpression")
        return refuse(`${ctx.path}: providers is not an array literal; add getAuthConfigProvider() by hand.`);
      const names = configProviderNames(ctx.ast);
      const isOurs = (element: Node | null) => {
        const value = element && unwrapExpression(element);
        return value?.type === "CallExpression" && value.callee.type === "Identifier" && names.has(value.callee.name);
      };
      const others = array.elements.filter((element) => element && !isOurs(element));
      const present = array.elements.some(isOurs);
      if (present && (others.length === 0 || !replace)) {
        return others.some((element) => applicationIdOf(evaluator, element!) === "convex")
          ? refuse(
              `${ctx.path}:${lineOf(array)} has another provider with applicationID "convex" beside getAuthConfigProvider(); Better Auth's convex() plugin throws on two. Remove the other entry (or run with --replace).`,
              { line: lineOf(array) },
            )
          : unchanged;
      }
      if (!replace) {
        const clash = others.find((element) => applicationIdOf(evaluator, element!) === "convex");
        if (clash)
          return refuse(
            `${ctx.path}:${lineOf(clash)} already has a provider with applicationID "convex" (another provider's entry); Better Auth's convex() plugin throws when there are two. Pass --replace to replace it, or remove it first.`,
            { line: lineOf(clash) },
          );
      }
      let local = [...names][0];
      if (!local) {
        const problem = addImportsTo(ctx, { from: BETTER_AUTH_CONFIG_MODULE, named: [BETTER_AUTH_CONFIG_FUNCTION] });
        if (problem) return problem;
        local = BETTER_AUTH_CONFIG_FUNCTION;
      }
      if (replace && others.length > 0) {
        ctx.s.overwrite(array.start!, array.end!, `[${local}()]`);
        return undefined;
      }
      insertArrayElement(ctx, array, { multi: `${local}()`, single: `${local}()` });
      return undefined;
    },
    { whenMissing: () => AUTH_CONFIG_TEMPLATE },
  );
}

/** `export default config` where `const config = {…}`: the object literal. */
function resolveConst(body: Node[], node: Node): Node {
  const bare = unwrapExpression(node);
  if (bare.type !== "Identifier") return bare;
  for (const statement of body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration") continue;
    for (const declarator of declaration.declarations)
      if (declarator.id.type === "Identifier" && declarator.id.name === bare.name && declarator.init)
        return declarator.init;
  }
  return bare;
}

function applicationIdOf(evaluator: ModuleEvaluator, element: Node): string | undefined {
  const value = evaluator.evaluate(element);
  if (value.kind !== "object") return undefined;
  const entry = value.entries.find((e) => e.key === "applicationID");
  return entry?.value.kind === "string" ? entry.value.value : undefined;
}

export interface InstanceSpec {
  shape: BetterAuthShape;
  methods: BetterAuthMethod[];
  typescript: boolean;
}

/** `convex/auth.ts`: the component client and `createAuth`, as the framework guides write them. */
export function instanceSource(spec: InstanceSpec): string {
  const ts = spec.typescript;
  const spa = spec.shape === "spa";
  const social = spec.methods.filter((method) => method !== "password");
  const bang = ts ? "!" : "";
  const lines = [
    `import { createClient${ts ? ", type GenericCtx" : ""} } from "@convex-dev/better-auth";`,
    `import { convex${spa ? ", crossDomain" : ""} } from "@convex-dev/better-auth/plugins";`,
    'import { betterAuth } from "better-auth/minimal";',
    'import { components } from "./_generated/api";',
    ...(ts ? ['import type { DataModel } from "./_generated/dataModel";'] : []),
    'import authConfig from "./auth.config";',
    "",
    "// The app's URL (the dev server locally): Better Auth trusts requests from it only.",
    `const siteUrl = process.env.SITE_URL${bang};`,
    "",
    "// The component's client: its adapter stores users and sessions; getAuthUser(ctx) reads the signed-in user.",
    `export const authComponent = createClient${ts ? "<DataModel>" : ""}(components.betterAuth);`,
    "",
    `export const createAuth = (ctx${ts ? ": GenericCtx<DataModel>" : ""}) =>`,
    "  betterAuth({",
    ...(spa
      ? [
          "    // The browser talks to the deployment's .convex.site URL directly (cross-domain).",
          "    baseURL: process.env.CONVEX_SITE_URL,",
          "    trustedOrigins: [siteUrl],",
        ]
      : ["    baseURL: siteUrl,"]),
    "    database: authComponent.adapter(ctx),",
    ...(spec.methods.includes("password")
      ? ["    emailAndPassword: {", "      enabled: true,", "      requireEmailVerification: false,", "    },"]
      : []),
    ...(social.length > 0
      ? [
          "    socialProviders: {",
          ...social.flatMap((method) => [
            `      ${method}: {`,
            `        clientId: process.env.${method.toUpperCase()}_CLIENT_ID${bang},`,
            `        clientSecret: process.env.${method.toUpperCase()}_CLIENT_SECRET${bang},`,
            "      },",
          ]),
          "    },",
        ]
      : []),
    `    plugins: [${spa ? "crossDomain({ siteUrl }), " : ""}convex({ authConfig })],`,
    "  });",
    "",
  ];
  return lines.join("\n");
}

/** Whether a module already defines the Better Auth instance (createClient from the component + createAuth). */
function definesInstance(path: string, source: string): boolean {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return false;
  let client = false;
  let create = false;
  for (const statement of parsed.ast.program.body) {
    if (statement.type === "ImportDeclaration" && statement.source.value === "@convex-dev/better-auth") {
      client ||= statement.specifiers.some(
        (s) => s.type === "ImportSpecifier" && s.imported.type === "Identifier" && s.imported.name === "createClient",
      );
    }
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : undefined;
    if (declaration?.type === "VariableDeclaration")
      create ||= declaration.declarations.some((d) => d.id.type === "Identifier" && d.id.name === "createAuth");
    if (declaration?.type === "FunctionDeclaration") create ||= declaration.id?.name === "createAuth";
  }
  return client && create;
}

/**
 * Creates `convex/auth.ts`; a file that already defines the instance is the user's and stays as it
 * is (methods added later by hand are theirs); any other auth.ts is refused (or, with `replace`,
 * overwritten: it is the replaced provider's).
 */
export function ensureInstance(spec: InstanceSpec, { replace }: { replace: boolean }): Edit {
  const content = instanceSource(spec);
  return defineEdit("create the Better Auth instance (authComponent, createAuth)", (current, file) => {
    if (current === undefined) return content;
    if (definesInstance(file.path, current)) return unchanged;
    if (replace) return content;
    return refuse(
      `${file.path} already exists and doesn't define Better Auth's createAuth; authwire leaves it alone. Move it aside, or run with --replace when it belongs to the provider Better Auth replaces.`,
    );
  });
}

/** Whether the module calls `<x>.registerRoutes(…)` / `registerRoutesLazy(…)` already. */
function registersRoutes(ast: Node): CallExpression | undefined {
  let found: CallExpression | undefined;
  walk(ast, (node) => {
    if (
      !found &&
      node.type === "CallExpression" &&
      node.callee.type === "MemberExpression" &&
      node.callee.property.type === "Identifier" &&
      /^registerRoutes(?:Lazy)?$/.test(node.callee.property.name)
    )
      found = node;
  });
  return found;
}

/** `authComponent.registerRoutes(http, createAuth…)` after `const http = httpRouter()`. */
export function registerRoutes(shape: BetterAuthShape): Edit {
  const add = addHttpRouterCall({
    statement:
      shape === "spa"
        ? "authComponent.registerRoutes(http, createAuth, { cors: true });"
        : "authComponent.registerRoutes(http, createAuth);",
    imports: [{ from: "./auth", named: ["authComponent", "createAuth"] }],
  });
  return defineEdit(add.description, (content, file) => {
    if (content !== undefined) {
      const parsed = parseCode(file.path, content);
      if (parsed.ok && registersRoutes(parsed.ast.program)) return unchanged;
    }
    return add(content, file);
  });
}

/**
 * With --replace: Convex Auth's `auth.addHttpRoutes(http)` (its `auth` from "./auth", which Better
 * Auth's instance replaces) goes, with the import that fed it.
 */
export function removeReplacedRoutes(): Edit {
  return tsEdit("remove the replaced provider's HTTP routes (auth.addHttpRoutes)", (ctx) => {
    const fromAuth = new Map<string, Node>();
    for (const statement of ctx.ast.program.body) {
      if (statement.type !== "ImportDeclaration" || !/^\.\/auth(?:\.[jt]s)?$/.test(statement.source.value)) continue;
      for (const specifier of statement.specifiers) {
        if (
          specifier.type === "ImportSpecifier" &&
          specifier.imported.type === "Identifier" &&
          specifier.imported.name === "auth"
        )
          fromAuth.set(specifier.local.name, statement.specifiers.length === 1 ? statement : specifier);
      }
    }
    let removed = false;
    for (const statement of ctx.ast.program.body) {
      if (statement.type !== "ExpressionStatement") continue;
      const call = unwrapExpression(statement.expression);
      if (
        call.type === "CallExpression" &&
        call.callee.type === "MemberExpression" &&
        call.callee.object.type === "Identifier" &&
        fromAuth.has(call.callee.object.name) &&
        call.callee.property.type === "Identifier" &&
        call.callee.property.name === "addHttpRoutes"
      ) {
        ctx.s.remove(statement.start!, statement.end!);
        const imported = fromAuth.get(call.callee.object.name)!;
        if (imported.type === "ImportDeclaration") ctx.s.remove(imported.start!, imported.end!);
        removed = true;
      }
    }
    return removed ? undefined : unchanged;
  });
}
