/**
 * Function registrations and their arguments: `export const f = query({ args, handler })`,
 * default exports, custom builders (judged as "custom"), `// authwire: public` markers, and the
 * table each `v.id("t")` argument belongs to. Also opens a frame for every handler and top-level
 * helper, which the flow and lookup collectors fill.
 */
import type { Node } from "../../code/parse.ts";
import {
  columnAt,
  lineAt,
  propertyKeyName,
  unwrapExpression,
  type Visitors,
  type WalkContext,
} from "../../code/walk.ts";
import {
  NOT_PUBLIC_DOC,
  PUBLIC_DATA_DOC,
  PUBLIC_DOC,
  PUBLIC_MARKER,
  type BackendIndex,
  type FunctionKind,
  type RegisteredFunction,
} from "../facts.ts";
import { resolveExport, resolveModulePath } from "../resolver.ts";
import { idTable, isFunctionNode, label, memberPath } from "../shared.ts";
import { NO_HELPERS, type BackendFile } from "./state.ts";

/** convex-helpers' custom builders (`customMutation`, `zCustomQuery`) and where they come from. */
const HELPERS_MODULE = /^convex-helpers\/server\/(?:customFunctions|zod\d*)$/;
const CUSTOM_BUILDER = /^z?[cC]ustom(?:Query|Mutation|Action)$/;

/**
 * After every file is walked: a function built with a pass-through builder another module of the
 * functions folder exports (`import { mutation } from "./functions"`, triggers only) is a plain one.
 */
export function resolvePassThroughBuilders(index: BackendIndex): void {
  const known = new Set(index.modules.keys());
  for (const module of index.modules.values()) {
    for (const fn of module.functions) {
      if (!fn.builderImport) continue;
      const path = resolveModulePath(fn.file, fn.builderImport.module, known);
      const found = path ? resolveExport(index, known, path, fn.builderImport.imported) : null;
      const kind = found?.module.passThroughBuilders.get(found.local);
      if (!kind) continue;
      fn.custom = false;
      fn.kind = kind;
      fn.isPublic = !kind.startsWith("internal") && kind !== "httpAction";
    }
  }
}

export function functionVisitors(state: BackendFile): Visitors {
  const { module, file } = state;

  const registration = (call: Node & { type: "CallExpression" }, name: string, node: Node, marker: Node = node) => {
    const builder = state.builderKind(call.callee);
    if (!builder) return;
    const first = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
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
      markedPublic: (marker.leadingComments ?? []).some(
        (comment) =>
          PUBLIC_MARKER.test(comment.value) || (PUBLIC_DOC.test(comment.value) && !NOT_PUBLIC_DOC.test(comment.value)),
      ),
      describedPublic: (marker.leadingComments ?? []).some(
        (comment) => PUBLIC_DATA_DOC.test(comment.value) && !NOT_PUBLIC_DOC.test(comment.value),
      ),
    };
    if (builder.custom) {
      // A wrapper (customQuery, zQuery…): public-ness and auth are the wrapper's business, unless
      // it is the functions folder's own pass-through (resolvePassThroughBuilders), so its
      // arguments and handler are read too.
      const imported = call.callee.type === "Identifier" ? module.imports.get(call.callee.name) : undefined;
      if (!imported?.module.startsWith(".")) {
        module.functions.push(fn);
        return;
      }
      fn.builderImport = imported;
    }
    if (first && isFunctionNode(first)) {
      state.handlerOwners.set(first, fn);
    } else if (first && first.type === "ObjectExpression") {
      for (const property of first.properties) {
        const key =
          property.type === "ObjectProperty" || property.type === "ObjectMethod"
            ? propertyKeyName(property)
            : undefined;
        if (key === "handler") {
          if (property.type === "ObjectMethod") state.handlerOwners.set(property, fn);
          else if (property.type === "ObjectProperty") {
            const value = unwrapExpression(property.value);
            if (isFunctionNode(value)) state.handlerOwners.set(value, fn);
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
                validator: state.text(arg.value),
                table: idTable(arg.value),
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
    const summary = state.newSummary(name, fn);
    if (module.helpers === NO_HELPERS) module.helpers = new Map();
    module.helpers.set(name, summary);
    state.openFrame(fn, summary);
  };

  const enterFunction = (node: Node, walk: WalkContext) => {
    const owner = state.handlerOwners.get(node);
    if (owner) {
      const summary = state.newSummary(owner.name, node);
      owner.handler = summary;
      state.openFrame(node, summary);
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
    if (state.frameByNode.has(node) && state.current() === state.frameByNode.get(node)) state.frames.pop();
  };

  /**
   * `customMutation(rawMutation, customCtx(triggers.wrapDB))`, `customQuery(query, NoOp)`,
   * `zCustomQuery(query, customCtx(async () => ({})))`: a builder that only wraps a plain one
   * (convex-helpers' triggers, a no-op, a customizer without ctx) and checks nobody; the kind it
   * builds, or null.
   */
  const passThrough = (init: Node): FunctionKind | null => {
    if (init.type !== "CallExpression" || init.callee.type !== "Identifier") return null;
    const helper = module.imports.get(init.callee.name);
    if (!helper || !HELPERS_MODULE.test(helper.module) || !CUSTOM_BUILDER.test(helper.imported)) return null;
    const [base, customization] = init.arguments.map((argument) => unwrapExpression(argument as Node));
    const kind = base?.type === "Identifier" ? state.serverBuilder(base.name) : null;
    if (!kind || !customization) return null;
    if (customization.type === "Identifier")
      return module.imports.get(customization.name)?.imported === "NoOp" ? kind : null;
    if (customization.type !== "CallExpression" || customization.callee.type !== "Identifier") return null;
    if (module.imports.get(customization.callee.name)?.imported !== "customCtx") return null;
    const customizer = customization.arguments[0] ? unwrapExpression(customization.arguments[0]) : undefined;
    // `customCtx(async () => ({}))`: a customizer that takes no ctx can't ask who the caller is.
    if (
      (customizer?.type === "ArrowFunctionExpression" || customizer?.type === "FunctionExpression") &&
      customizer.params.length === 0
    )
      return kind;
    const wrapped = customizer ? memberPath(customizer) : null;
    return wrapped?.at(-1) === "wrapDB" ? kind : null;
  };

  return {
    VariableDeclarator(node) {
      if (node.type !== "VariableDeclarator" || state.current() || node.id.type !== "Identifier" || !node.init) return;
      const kind = passThrough(unwrapExpression(node.init));
      if (kind) {
        if (module.passThroughBuilders.size === 0) module.passThroughBuilders = new Map();
        module.passThroughBuilders.set(node.id.name, kind);
      }
    },
    ExportNamedDeclaration(node) {
      if (node.type !== "ExportNamedDeclaration" || node.declaration?.type !== "VariableDeclaration") return;
      for (const declarator of node.declaration.declarations) {
        if (declarator.id.type !== "Identifier") continue;
        const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
        // A builder (`export const mutation = customMutation(…)`) is no function.
        if (init?.type === "CallExpression" && !passThrough(init))
          registration(init, declarator.id.name, declarator, node);
      }
    },
    ExportDefaultDeclaration(node) {
      if (node.type !== "ExportDefaultDeclaration") return;
      const declaration = unwrapExpression(node.declaration);
      if (declaration.type === "CallExpression") registration(declaration, "default", node);
    },
    FunctionDeclaration: enterFunction,
    FunctionExpression: enterFunction,
    ArrowFunctionExpression: enterFunction,
    ObjectMethod: enterFunction,
    "FunctionDeclaration:exit": leaveFunction,
    "FunctionExpression:exit": leaveFunction,
    "ArrowFunctionExpression:exit": leaveFunction,
    "ObjectMethod:exit": leaveFunction,
  };
}
