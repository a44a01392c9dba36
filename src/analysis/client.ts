/**
 * What the app's client code wires, gathered in the engine's single walk over every code file
 * outside the functions folder: imports, JSX component elements with their enclosing elements,
 * hook calls, env reads and Clerk template token requests.
 */
import { posix } from "node:path";
import { envRead } from "../code/env.ts";
import type { Node } from "../code/parse.ts";
import {
  columnAt,
  exportedName,
  importedName,
  lineAt,
  positionOf,
  propertyKeyName,
  unwrapExpression,
  type Visitors,
} from "../code/walk.ts";
import type { ClientFile, ClientIndex, JsxUse } from "./facts.ts";
import { loadingAlike } from "./query-results.ts";
import { memberPath } from "./shared.ts";

function jsxName(node: Node): string | null {
  if (node.type === "JSXIdentifier") return node.name;
  if (node.type === "JSXMemberExpression") {
    const object = jsxName(node.object);
    return object ? `${object}.${node.property.name}` : null;
  }
  return null;
}

const HOOKS = /^use[A-Z]/;
/** Hooks that run a Convex query. */
const QUERY_HOOKS = /^(?:useQuery|usePaginatedQuery|useQueries|usePreloadedQuery|useSuspenseQuery)$/;
/** Modules whose `useQuery` returns the result itself (undefined while loading). */
const VALUE_QUERY_MODULE = /^(?:convex\/react|convex-helpers\/react\/cache(?:\/hooks)?)$/;
const GENERATED_API = /(?:^|\/)_generated\/api(?:\.js)?$/;

export function clientCollector(file: string, index: ClientIndex): Visitors {
  const info: ClientFile = {
    file,
    imports: new Map(),
    elements: [],
    hookCalls: [],
    queries: [],
    hookDestructures: [],
    templateTokens: [],
    setAuthCalls: [],
    envReads: [],
    exports: new Set(),
    directives: [],
  };
  index.files.set(file, info);
  const stack: string[] = [];

  return {
    Program(node) {
      if (node.type === "Program") info.directives = node.directives.map((directive) => directive.value.value);
    },
    ImportDeclaration(node) {
      if (node.type !== "ImportDeclaration") return;
      for (const specifier of node.specifiers) {
        const imported = importedName(specifier);
        info.imports.set(specifier.local.name, { module: node.source.value, imported });
      }
    },
    ExportNamedDeclaration(node) {
      if (node.type !== "ExportNamedDeclaration") return;
      const declaration = node.declaration;
      if (declaration?.type === "FunctionDeclaration" && declaration.id) info.exports.add(declaration.id.name);
      if (declaration?.type === "VariableDeclaration") {
        for (const declarator of declaration.declarations)
          if (declarator.id.type === "Identifier") info.exports.add(declarator.id.name);
      }
      for (const specifier of node.specifiers) {
        if (specifier.type === "ExportSpecifier") {
          info.exports.add(exportedName(specifier));
        }
      }
    },
    ExportDefaultDeclaration() {
      info.exports.add("default");
    },
    JSXElement(node) {
      if (node.type !== "JSXElement") return;
      const name = jsxName(node.openingElement.name);
      if (name === null || !/^[A-Z]/.test(name)) {
        stack.push("");
        return;
      }
      const attributes = new Map<string, string>();
      for (const attribute of node.openingElement.attributes) {
        if (attribute.type !== "JSXAttribute" || attribute.name.type !== "JSXIdentifier") continue;
        const value = attribute.value;
        let text = "";
        if (value?.type === "StringLiteral") text = `"${value.value}"`;
        else if (value?.type === "JSXExpressionContainer" && value.expression.type !== "JSXEmptyExpression") {
          const expression = unwrapExpression(value.expression);
          if (expression.type === "Identifier") text = expression.name;
          else if (expression.type === "StringLiteral") text = `"${expression.value}"`;
        } else if (value === null || value === undefined) text = "true";
        attributes.set(attribute.name.name, text);
      }
      const root = name.split(".")[0]!;
      info.elements.push({
        name,
        from: info.imports.get(root) ?? null,
        ancestors: stack.filter(Boolean),
        attributes,
        line: lineAt(node),
        column: columnAt(node),
      });
      stack.push(name);
    },
    "JSXElement:exit"() {
      stack.pop();
    },
    CallExpression(node, walk) {
      if (node.type !== "CallExpression") return;
      const callee = unwrapExpression(node.callee);
      if (callee.type === "Identifier" && HOOKS.test(callee.name)) {
        const from = info.imports.get(callee.name) ?? null;
        info.hookCalls.push({ name: callee.name, from, line: lineAt(node), column: columnAt(node) });
        if (QUERY_HOOKS.test(callee.name)) {
          const first = node.arguments[0];
          const path =
            first && first.type !== "SpreadElement" && first.type !== "ArgumentPlaceholder" ? memberPath(first) : null;
          const api = path ? info.imports.get(path[0]!) : undefined;
          const returnsValue = callee.name === "useQuery" && from !== null && VALUE_QUERY_MODULE.test(from.module);
          info.queries.push({
            hook: callee.name,
            from,
            // `import api from …/_generated/api`: the default export older convex versions generate.
            ref:
              path && (api?.imported === "api" || api?.imported === "default") && GENERATED_API.test(api.module)
                ? path.slice(1)
                : null,
            loadingAlike: returnsValue ? loadingAlike(node, walk.parents) : [],
            line: lineAt(node),
            column: columnAt(node),
          });
        }
      }
      // getToken({ template: "convex" })
      const method =
        callee.type === "MemberExpression" && callee.property.type === "Identifier"
          ? callee.property.name
          : callee.type === "Identifier"
            ? callee.name
            : null;
      // convex.setAuth(fetchToken): a token source of its own
      if (method === "setAuth" && callee.type === "MemberExpression") {
        const object = unwrapExpression(callee.object);
        if (object.type === "Identifier") info.setAuthCalls.push({ client: object.name, ...positionOf(node) });
      }
      if (method === "getToken") {
        const options = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
        if (options?.type === "ObjectExpression") {
          for (const property of options.properties) {
            if (property.type === "ObjectProperty" && propertyKeyName(property) === "template") {
              const value = unwrapExpression(property.value);
              if (value.type === "StringLiteral" && value.value === "convex")
                info.templateTokens.push(positionOf(node));
            }
          }
        }
      }
    },
    VariableDeclarator(node) {
      if (node.type !== "VariableDeclarator" || node.id.type !== "ObjectPattern" || !node.init) return;
      const init = unwrapExpression(node.init);
      if (init.type !== "CallExpression") return;
      const callee = unwrapExpression(init.callee);
      if (callee.type !== "Identifier" || !HOOKS.test(callee.name)) return;
      const keys: string[] = [];
      for (const property of node.id.properties) {
        if (property.type === "ObjectProperty") {
          const key = propertyKeyName(property);
          if (key) keys.push(key);
        }
      }
      info.hookDestructures.push({
        hook: callee.name,
        from: info.imports.get(callee.name) ?? null,
        keys,
        line: lineAt(node),
        column: columnAt(node),
      });
    },
    MemberExpression(node) {
      if (node.type !== "MemberExpression" || node.computed) return;
      const read = envRead(node, { importMeta: true });
      if (read) info.envReads.push({ name: read.name, line: lineAt(node), column: columnAt(node) });
    },
  };
}

/** The project path an import of `file` points at, among the files we walked. */
export function resolveClientImport(file: string, module: string, known: ReadonlySet<string>): string | null {
  const candidates: string[] = [];
  if (module.startsWith(".")) {
    candidates.push(posix.normalize(posix.join(posix.dirname(file), module)));
  } else if (module.startsWith("@/") || module.startsWith("~/")) {
    candidates.push(module.slice(2), `src/${module.slice(2)}`);
  } else {
    return null;
  }
  for (const base of candidates) {
    const stem = base.replace(/\.(?:js|jsx|ts|tsx)$/, "");
    for (const path of [
      base,
      `${stem}.tsx`,
      `${stem}.ts`,
      `${stem}.jsx`,
      `${stem}.js`,
      `${stem}/index.tsx`,
      `${stem}/index.ts`,
    ]) {
      if (known.has(path)) return path;
    }
  }
  return null;
}

/** A component from a package: the module it is imported from and the name it is exported as. */
export interface PackageComponent {
  module: string;
  imported: string;
}

/**
 * What a JSX use renders, as package components: an import from a package is itself (by its
 * exported name, so `ClerkProvider as Base` is still ClerkProvider); a component imported from a
 * project file (`@/providers/ClerkProvider`) is followed to the package components that file
 * renders, a few files deep. A component declared in the same file, or a file we didn't walk, is
 * nothing we know.
 */
export function renderedComponents(index: ClientIndex, file: ClientFile, use: JsxUse, depth = 3): PackageComponent[] {
  const from = use.from;
  if (!from) return [];
  const known = new Set(index.files.keys());
  const target = resolveClientImport(file.file, from.module, known);
  if (target === null) {
    if (from.module.startsWith(".") || from.module.startsWith("@/") || from.module.startsWith("~/")) return [];
    return [{ module: from.module, imported: from.imported }];
  }
  if (depth === 0 || target === file.file) return [];
  const local = index.files.get(target)!;
  return local.elements.flatMap((inner) => renderedComponents(index, local, inner, depth - 1));
}
