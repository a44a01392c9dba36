/** A module's shape: imports, exports, `"use node"` and the env vars its functions read. */
import { envRead } from "../../code/env.ts";
import { columnAt, importedName, lineAt, unwrapExpression, type Visitors } from "../../code/walk.ts";
import { append, label } from "../shared.ts";
import { binding, type BackendFile } from "./state.ts";

export function moduleVisitors(state: BackendFile): Visitors {
  const { module } = state;
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
      for (const specifier of node.specifiers) {
        if (specifier.type === "ExportSpecifier") {
          const exported =
            specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
          module.exportNames.set(exported, specifier.local.name);
        }
      }
    },
    ExportDefaultDeclaration(node) {
      if (node.type !== "ExportDefaultDeclaration") return;
      module.hasDefaultExport = true;
      const declaration = unwrapExpression(node.declaration);
      if (declaration.type === "Identifier") module.exportNames.set("default", declaration.name);
    },
    MemberExpression(node) {
      // process.env.X read inside a function, or at the top level.
      if (node.type !== "MemberExpression" || node.computed) return;
      const read = envRead(node);
      if (!read) return;
      const frame = state.current();
      if (!frame) {
        module.topLevelEnv = append(module.topLevelEnv, read.name);
        return;
      }
      module.envReads = append(module.envReads, { name: read.name, line: lineAt(node), column: columnAt(node) });
      frame.summary.envNames = append(frame.summary.envNames, read.name);
    },
  };
}
