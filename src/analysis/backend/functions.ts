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
import { NOT_PUBLIC_DOC, PUBLIC_DOC, PUBLIC_MARKER, type RegisteredFunction } from "../facts.ts";
import { idTable, isFunctionNode, label } from "../shared.ts";
import { NO_HELPERS, type BackendFile } from "./state.ts";

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
    };
    if (builder.custom) {
      // A wrapper (customQuery, zQuery…): public-ness and auth are the wrapper's business.
      module.functions.push(fn);
      return;
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

  return {
    ExportNamedDeclaration(node) {
      if (node.type !== "ExportNamedDeclaration" || node.declaration?.type !== "VariableDeclaration") return;
      for (const declarator of node.declaration.declarations) {
        if (declarator.id.type !== "Identifier") continue;
        const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
        if (init?.type === "CallExpression") registration(init, declarator.id.name, declarator, node);
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
