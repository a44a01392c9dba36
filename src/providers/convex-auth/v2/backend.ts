/**
 * The Convex side of Convex Auth v2 as edits (docs/internals/convex-auth-v2.md#backend): convex.config.ts
 * mounting the core component as `auth` and each method's components (OAuth ones with their
 * httpPrefix and env bound through `defineApp({ env })`), auth.config.ts with
 * `convexAuthProvider()`, the app's users table, the `createUser` internal mutations, and
 * convex/auth.ts re-exporting the session functions and each method's functions.
 */
import type { CallExpression, Node } from "@babel/types";
import type { Kit } from "../../../changes/kit.ts";
import { propertyKeyName, unwrapExpression, walk } from "../../../code/walk.ts";
import {
  addImportsTo,
  addSchemaTable,
  addTopLevelDeclarations,
  fitSnippet,
  insertArrayElement,
  insertObjectProperty,
  lineOf,
  refuse,
  tsEdit,
  unchanged,
  type Edit,
  type ImportSpec,
} from "../../../edit/index.ts";
import { findConfigObject } from "../../../edit/ts/auth-config.ts";
import type { ProjectFacts } from "../../../project/facts.ts";
import { localOrigin } from "../../frameworks.ts";
import { authConfigPath } from "../../shared/index.ts";
import {
  CORE_COMPONENT,
  RESEND_COMPONENT,
  SITE_URL_ENV,
  V2_METHOD_SPECS,
  needsSiteUrl,
  type AppEnvSpec,
  type ComponentSpec,
  type V2Method,
} from "./methods.ts";

/** The components to mount, core first, each once, in method order. */
export function componentsFor(methods: readonly V2Method[]): ComponentSpec[] {
  const list: ComponentSpec[] = [CORE_COMPONENT];
  for (const method of methods) {
    for (const component of V2_METHOD_SPECS[method].components)
      if (!list.some((other) => other.name === component.name)) list.push(component);
  }
  if (methods.includes("email-password")) list.push(RESEND_COMPONENT);
  return list;
}

/** The env the app declares in `defineApp({ env })` for the methods. */
export function appEnvFor(methods: readonly V2Method[]): AppEnvSpec[] {
  const list = methods.flatMap((method) => V2_METHOD_SPECS[method].env);
  return needsSiteUrl(methods) ? [...list, SITE_URL_ENV] : list;
}

const CONFIG_TEMPLATE = `import { defineApp } from "convex/server";

const app = defineApp();

export default app;
`;

function useStatement(component: ComponentSpec): string {
  if (!component.httpPrefix) return `app.use(${component.name});`;
  const env = Object.entries(component.env ?? {})
    .map(([name, appName]) => `    ${name}: app.env.${appName},\n`)
    .join("");
  return `app.use(${component.name}, {\n  httpPrefix: ${JSON.stringify(component.httpPrefix)},\n  env: {\n${env}  },\n});`;
}

function isCall(node: Node, name: string): node is CallExpression {
  const bare = unwrapExpression(node);
  return bare.type === "CallExpression" && bare.callee.type === "Identifier" && bare.callee.name === name;
}

/**
 * `convex/convex.config.ts`: `app.use(...)` for each component not mounted yet (the core without a
 * `name`, as v2 requires) and the app env the methods bind, in `defineApp({ env })`. Created when missing.
 */
export function mountComponents(components: ComponentSpec[], appEnv: AppEnvSpec[]): Edit {
  return tsEdit(
    `mount ${components.map((component) => component.name).join(", ")}`,
    (ctx) => {
      const body = ctx.ast.program.body;
      // The defineApp() call and the name it is bound to.
      let appName: string | undefined;
      let defineCall: CallExpression | undefined;
      for (const statement of body) {
        if (statement.type !== "VariableDeclaration") continue;
        for (const declarator of statement.declarations) {
          if (declarator.id.type === "Identifier" && declarator.init && isCall(declarator.init, "defineApp")) {
            appName = declarator.id.name;
            defineCall = unwrapExpression(declarator.init) as CallExpression;
          }
        }
      }
      if (!appName || !defineCall)
        return refuse(`${ctx.path} has no \`const app = defineApp(…)\`; mount the Convex Auth components by hand.`);
      const exported = body.find((statement) => statement.type === "ExportDefaultDeclaration");
      if (!exported) return refuse(`${ctx.path} has no \`export default ${appName}\`; authwire can't edit it safely.`);
      // Local names of the modules already imported, and which are mounted.
      const locals = new Map<string, string>();
      for (const statement of body) {
        if (statement.type !== "ImportDeclaration") continue;
        const specifier = statement.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
        if (specifier) locals.set(statement.source.value.replace(/\.js$/, ""), specifier.local.name);
      }
      const mounted = new Set<string>();
      walk(ctx.ast.program, (node) => {
        if (
          node.type === "CallExpression" &&
          node.callee.type === "MemberExpression" &&
          node.callee.object.type === "Identifier" &&
          node.callee.object.name === appName &&
          node.callee.property.type === "Identifier" &&
          node.callee.property.name === "use" &&
          node.arguments[0]?.type === "Identifier"
        )
          mounted.add(node.arguments[0].name);
      });
      const missing = components.filter((component) => {
        const local = locals.get(component.from.replace(/\.js$/, ""));
        return !(local && mounted.has(local));
      });

      // The app env: defineApp() → defineApp({ env: {…} }); an env object gains the missing names.
      const options = defineCall.arguments[0] ? unwrapExpression(defineCall.arguments[0]) : undefined;
      const envProperty =
        options?.type === "ObjectExpression"
          ? options.properties.find((p) => p.type === "ObjectProperty" && propertyKeyName(p) === "env")
          : undefined;
      const envObject = envProperty?.type === "ObjectProperty" ? unwrapExpression(envProperty.value) : undefined;
      if (envObject && envObject.type !== "ObjectExpression")
        return refuse(
          `${ctx.path}:${lineOf(envObject)}: defineApp's env is not an object literal; add the auth env by hand.`,
        );
      const declared = new Set(
        envObject?.type === "ObjectExpression"
          ? envObject.properties.flatMap((p) => (p.type === "ObjectProperty" ? [propertyKeyName(p)] : []))
          : [],
      );
      const envMissing = appEnv.filter((entry) => !declared.has(entry.name));
      if (missing.length === 0 && envMissing.length === 0) return unchanged;

      for (const component of missing) {
        if (locals.has(component.from.replace(/\.js$/, ""))) continue;
        const problem = addImportsTo(ctx, { from: component.from, default: component.name });
        if (problem) return problem;
      }
      if (envMissing.length > 0) {
        const problem = addImportsTo(ctx, { from: "convex/values", named: ["v"] });
        if (problem) return problem;
        const validator = (entry: AppEnvSpec) => (entry.optional ? "v.optional(v.string())" : "v.string()");
        const entries = envMissing.map((entry) => `${entry.name}: ${validator(entry)}`);
        if (envObject?.type === "ObjectExpression") {
          const lines = envMissing.map((entry) => `${entry.name}: ${validator(entry)}`);
          insertObjectProperty(ctx, envObject, { multi: lines.join(",\n"), single: lines.join(", ") });
        } else if (options?.type === "ObjectExpression") {
          const inner = entries.map((entry) => `${ctx.indentUnit}${entry},`).join("\n");
          insertObjectProperty(ctx, options, {
            multi: `env: {\n${inner}\n}`,
            single: `env: { ${entries.join(", ")} }`,
          });
        } else if (!options) {
          const unit = ctx.indentUnit;
          const inner = entries.map((entry) => `${unit}${unit}${entry},`).join(ctx.eol);
          ctx.s.appendLeft(
            defineCall.end! - 1,
            `{${ctx.eol}${unit}env: {${ctx.eol}${inner}${ctx.eol}${unit}},${ctx.eol}}`,
          );
        } else {
          return refuse(
            `${ctx.path}:${lineOf(defineCall)}: defineApp's argument is not an object literal; add the auth env by hand.`,
          );
        }
      }
      if (missing.length > 0) {
        const statements = missing.map((component) => {
          const local = locals.get(component.from.replace(/\.js$/, "")) ?? component.name;
          return fitSnippet(ctx, useStatement({ ...component, name: local }).replace(/^app\./, `${appName}.`));
        });
        ctx.s.appendLeft(exported.start!, `${statements.join(ctx.eol)}${ctx.eol}${ctx.eol}`);
      }
      return undefined;
    },
    { whenMissing: () => CONFIG_TEMPLATE },
  );
}

const AUTH_CONFIG_TEMPLATE = `import type { AuthConfig } from "convex/server";

export default {
  providers: [],
} satisfies AuthConfig;
`;

/**
 * `convex/auth.config.ts`: `convexAuthProvider()` in `providers`, unless a call of it is there.
 * v1's `domain: CONVEX_SITE_URL` entry is refused: moving an app from v1 is the user's call.
 */
export function addConvexAuthProvider(): Edit {
  return tsEdit(
    "add convexAuthProvider() to auth.config",
    (ctx) => {
      const config = findConfigObject(ctx);
      if ("reason" in config) return config;
      const providers = config.properties.find(
        (p) => p.type === "ObjectProperty" && propertyKeyName(p) === "providers",
      );
      const array = providers?.type === "ObjectProperty" ? unwrapExpression(providers.value) : undefined;
      if (array?.type !== "ArrayExpression")
        return refuse(`${ctx.path}: \`providers\` is not an array literal; add convexAuthProvider() by hand.`);
      let local: string | undefined;
      for (const statement of ctx.ast.program.body) {
        if (statement.type !== "ImportDeclaration" || statement.source.value !== "@convex-dev/auth/server") continue;
        for (const specifier of statement.specifiers) {
          if (
            specifier.type === "ImportSpecifier" &&
            (specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value) ===
              "convexAuthProvider"
          )
            local = specifier.local.name;
        }
      }
      for (const element of array.elements) {
        if (element && local && isCall(element, local)) return unchanged;
        const text = element ? ctx.source.slice(element.start!, element.end!) : "";
        if (/CONVEX_SITE_URL/.test(text) && /["']convex["']/.test(text))
          return refuse(
            `${ctx.path}:${lineOf(element!)}: this is Convex Auth v1's entry (domain CONVEX_SITE_URL); authwire doesn't move an app from v1 to v2 by itself.`,
            { line: lineOf(element!) },
          );
      }
      const problem = addImportsTo(ctx, { from: "@convex-dev/auth/server", named: ["convexAuthProvider"] });
      if (problem) return problem;
      insertArrayElement(ctx, array, {
        multi: `${local ?? "convexAuthProvider"}()`,
        single: `${local ?? "convexAuthProvider"}()`,
      });
      return undefined;
    },
    { whenMissing: () => AUTH_CONFIG_TEMPLATE },
  );
}

const USERS_TABLE = `defineTable({
  name: v.optional(v.string()),
  email: v.optional(v.string()),
  image: v.optional(v.string()),
})`;

/** The exported names of a method in convex/auth.ts (email-password's changePassword renamed beside password's). */
export function exportsOf(method: V2Method, methods: readonly V2Method[]): { name: string; as?: string }[] {
  return V2_METHOD_SPECS[method].setup.exports.map((name) =>
    method === "email-password" && name === "changePassword" && methods.includes("password")
      ? { name, as: "changeEmailPassword" }
      : { name },
  );
}

/** convex/auth.ts: the core's session functions and each method's functions, re-exported. */
export function authModule(methods: readonly V2Method[], devOrigin: string): Edit {
  const usesEnv = needsSiteUrl(methods);
  const declarations: { name: string; code: string; imports?: ImportSpec[] }[] = [];
  if (usesEnv) {
    declarations.push({
      name: "siteUrl",
      code: `// The app's origin (SITE_URL on the deployment; the dev server when unset).\nconst siteUrl = env.SITE_URL ?? ${JSON.stringify(devOrigin)};`,
      imports: [{ from: "./_generated/server", named: ["env"] }],
    });
  }
  declarations.push({
    name: "auth",
    code: "const auth = setupConvexAuth({ component: components.auth });",
    imports: [
      { from: "@convex-dev/auth/server", named: ["setupConvexAuth"] },
      { from: "./_generated/api", named: ["components"] },
    ],
  });
  declarations.push({ name: "signOut", code: "export const { signOut, refreshSession, isAuthenticated } = auth;" });
  for (const method of methods) {
    const spec = V2_METHOD_SPECS[method];
    const names = exportsOf(method, methods).map((entry) => (entry.as ? `${entry.name}: ${entry.as}` : entry.name));
    const first = exportsOf(method, methods)[0]!;
    declarations.push({
      name: first.as ?? first.name,
      code: `export const {\n${names.map((name) => `  ${name},`).join("\n")}\n} = ${spec.setup.fn}(auth, ${spec.options.replace(/\n/g, "\n")}).attachUserCallbacks({ createUser: internal.users.${spec.createUser.name} });`,
      imports: [
        { from: spec.setup.from, named: [spec.setup.fn] },
        { from: "./_generated/api", named: ["components", "internal"] },
        ...(method === "email-password" ? [{ from: "./_generated/server", named: ["env"] }] : []),
      ],
    });
  }
  return addTopLevelDeclarations({
    header: "// Convex Auth v2: the session functions and each sign-in method's functions, for the clients.\n",
    declarations,
  });
}

/** convex/users.ts: one `createUser` internal mutation per method (Convex Auth calls them on sign-up). */
export function userCallbacks(methods: readonly V2Method[]): Edit {
  return addTopLevelDeclarations({
    declarations: methods.map((method) => {
      const spec = V2_METHOD_SPECS[method];
      const usesProfile = spec.createUser.insert.includes("profile");
      return {
        name: spec.createUser.name,
        code: `/** Creates the app's user on a first ${spec.label} sign-in (Convex Auth calls it). */
export const ${spec.createUser.name} = internalMutation({
  args: { method: v.object({ name: v.literal(${JSON.stringify(spec.methodName)}), profile: ${spec.createUser.profile} }) },
  returns: v.id("users"),
  handler: async (ctx${usesProfile ? ", { method: { profile } }" : ""}) => {
    return await ctx.db.insert("users", ${spec.createUser.insert});
  },
});`,
        imports: [
          { from: "convex/values", named: ["v"] },
          { from: "./_generated/server", named: ["internalMutation"] },
          ...(spec.createUser.profileImport ? [spec.createUser.profileImport] : []),
        ],
      };
    }),
  });
}

/** `convex/<name>.ts`, or the `.js` file the project already has. */
async function moduleFile(facts: ProjectFacts, name: string): Promise<string> {
  const dir = facts.convex.dir;
  for (const extension of ["ts", "js"])
    if (await facts.files.exists(`${dir}/${name}.${extension}`)) return `${dir}/${name}.${extension}`;
  return `${dir}/${name}.${facts.typescript ? "ts" : "js"}`;
}

/** Records every v2 backend edit for the chosen methods. */
export async function planBackendV2(facts: ProjectFacts, methods: V2Method[], kit: Kit): Promise<void> {
  kit.file(await moduleFile(facts, "convex.config"), mountComponents(componentsFor(methods), appEnvFor(methods)), {
    reason: "mount Convex Auth's core component as `auth` and each sign-in method's component",
  });
  kit.file(authConfigPath(facts), addConvexAuthProvider(), {
    reason: "trust the tokens the deployment signs for Convex Auth (convexAuthProvider: ES256, aud convex-auth)",
  });
  kit.file(await moduleFile(facts, "schema"), addSchemaTable({ table: "users", definition: USERS_TABLE }), {
    reason: "the app's own users table (v2 keeps sessions and credentials in its components)",
  });
  kit.file(await moduleFile(facts, "users"), userCallbacks(methods), {
    reason: "the createUser mutations Convex Auth calls on sign-up",
  });
  kit.file(await moduleFile(facts, "auth"), authModule(methods, localOrigin(facts)), {
    reason: "re-export the session functions and each method's functions for the clients",
  });
}
