/** A module's shape: imports, exports, `"use node"` and the env vars its functions read. */
import { envRead } from "../../code/env.ts";
import type { Node } from "../../code/parse.ts";
import { columnAt, exportedName, importedName, lineAt, unwrapExpression, type Visitors } from "../../code/walk.ts";
import { append, label } from "../shared.ts";
import { binding, type BackendFile, type Frame } from "./state.ts";

export function moduleVisitors(state: BackendFile): Visitors {
  const { module } = state;
  /** The top-level binding whose initializer the walk is in (`stripe` in `const stripe = new Stripe(…)`). */
  let topBinding: string | null = null;
  return {
    Program(node) {
      if (node.type !== "Program") return;
      module.useNode = node.directives.some((directive) => directive.value.value === "use node");
    },
    ImportDeclaration(node) {
      if (node.type !== "ImportDeclaration") return;
      for (const specifier of node.specifiers) {
        const imported = importedName(specifier);
        module.imports.set(label(specifier.local.name), binding(state.index, node.source.value, imported));
      }
    },
    ExportNamedDeclaration(node) {
      if (node.type !== "ExportNamedDeclaration") return;
      const declaration = node.declaration;
      if (declaration?.type === "VariableDeclaration") {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === "Identifier") module.exportNames.set(declarator.id.name, declarator.id.name);
        }
      } else if (declaration?.type === "FunctionDeclaration" && declaration.id) {
        module.exportNames.set(declaration.id.name, declaration.id.name);
      }
      if (node.source) {
        const names = new Map<string, string>();
        for (const specifier of node.specifiers) {
          if (specifier.type === "ExportSpecifier") names.set(exportedName(specifier), specifier.local.name);
        }
        module.reExports = append(module.reExports, { module: node.source.value, names });
        return;
      }
      for (const specifier of node.specifiers) {
        if (specifier.type === "ExportSpecifier") {
          module.exportNames.set(exportedName(specifier), specifier.local.name);
        }
      }
    },
    ExportAllDeclaration(node) {
      if (node.type !== "ExportAllDeclaration") return;
      module.reExports = append(module.reExports, { module: node.source.value, names: null });
    },
    ExportDefaultDeclaration(node) {
      if (node.type !== "ExportDefaultDeclaration") return;
      module.hasDefaultExport = true;
      const declaration = unwrapExpression(node.declaration);
      if (declaration.type === "Identifier") module.exportNames.set("default", declaration.name);
    },
    VariableDeclarator(node) {
      if (node.type !== "VariableDeclarator" || state.current() || node.id.type !== "Identifier" || !node.init) return;
      // `const KEY = process.env.X`: a constant any function may read bare; it stays module-wide.
      const init = unwrapExpression(node.init);
      if (envRead(init.type === "LogicalExpression" ? unwrapExpression(init.left) : init)) return;
      topBinding = node.id.name;
      // Built from another such binding: `new ProductsApi(configuration)`.
      for (const name of referencedNames(init)) {
        const names = module.envClients.get(name);
        if (names) addClientEnv(node.id.name, names);
      }
    },
    "VariableDeclarator:exit"(node) {
      if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && topBinding === node.id.name)
        topBinding = null;
    },
    MemberExpression(node, walk) {
      if (node.type !== "MemberExpression") return;
      const frame = state.current();
      // `stripe.checkout.sessions.create(…)` in a function: it uses what built `stripe`.
      if (frame && module.envClients.size > 0 && node.object.type === "Identifier") usesClient(frame, node.object.name);
      // process.env.X read inside a function, or at the top level.
      if (node.computed) return;
      const read = envRead(node);
      if (!read) return;
      if (!frame) {
        if (topBinding) addClientEnv(topBinding, [read.name]);
        else module.topLevelEnv = append(module.topLevelEnv, read.name);
        return;
      }
      module.envReads = append(module.envReads, { name: read.name, line: lineAt(node), column: columnAt(node) });
      if (!testsPresence(node, walk.parents)) frame.summary.envNames = append(frame.summary.envNames, read.name);
    },
    CallExpression(node) {
      // `openai("gpt-4o")`, `send(resend, …)`: a call of such a binding, or one handed it.
      const frame = state.current();
      if (!frame || module.envClients.size === 0 || node.type !== "CallExpression") return;
      for (const part of [node.callee, ...node.arguments]) if (part.type === "Identifier") usesClient(frame, part.name);
    },
  };

  function addClientEnv(binding: string, names: readonly string[]): void {
    if (module.envClients.size === 0) module.envClients = new Map();
    module.envClients.set(binding, [...new Set([...(module.envClients.get(binding) ?? []), ...names])]);
  }

  function usesClient(frame: Frame, name: string): void {
    for (const env of module.envClients.get(name) ?? [])
      if (!frame.summary.envNames.includes(env)) frame.summary.envNames = append(frame.summary.envNames, env);
  }
}

/**
 * `!process.env.X`, `Boolean(process.env.X)`, `process.env.X !== undefined`, `typeof process.env.X`,
 * the test of `process.env.X ? "set" : "missing"`: whether a variable is set, not its value (a
 * health check spends no key).
 */
function testsPresence(read: Node, parents: readonly Node[]): boolean {
  const parent = parents.at(-1);
  if (!parent) return false;
  switch (parent.type) {
    case "UnaryExpression":
      return parent.operator === "!" || parent.operator === "typeof";
    case "CallExpression":
      return parent.callee.type === "Identifier" && parent.callee.name === "Boolean";
    case "ConditionalExpression":
      return parent.test === read;
    case "BinaryExpression": {
      const other = parent.left === read ? parent.right : parent.left;
      const nothing =
        (other.type === "Identifier" && other.name === "undefined") ||
        other.type === "NullLiteral" ||
        (other.type === "StringLiteral" && other.value === "");
      return /^[!=]==?$/.test(parent.operator) && nothing;
    }
    default:
      return false;
  }
}

/**
 * The names an initializer builds on, outside functions: `configuration` in
 * `new ProductsApi(configuration)`, `openai` in `new Agent({ chat: openai.chat("gpt") })`.
 */
function referencedNames(node: Node, depth = 0): string[] {
  if (depth > 6) return [];
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case "Identifier":
      return [inner.name];
    case "MemberExpression":
      return referencedNames(inner.object, depth + 1);
    case "CallExpression":
    case "NewExpression":
      return [inner.callee, ...inner.arguments].flatMap((part) => referencedNames(part as Node, depth + 1));
    case "ObjectExpression":
      return inner.properties.flatMap((property) =>
        property.type === "ObjectProperty" ? referencedNames(property.value as Node, depth + 1) : [],
      );
    case "ArrayExpression":
      return inner.elements.flatMap((element) => (element ? referencedNames(element as Node, depth + 1) : []));
    default:
      return [];
  }
}
