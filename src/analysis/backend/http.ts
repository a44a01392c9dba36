/**
 * HTTP wiring of the functions folder: `http.route({ path | pathPrefix })` paths,
 * `auth.addHttpRoutes(http)` calls and `convexAuth({ providers: [...] })` with its provider names.
 */
import { PROFILES, isProfileModule } from "../../providers/profiles.ts";
import { columnAt, lineAt, positionOf, propertyKeyName, unwrapExpression, type Visitors } from "../../code/walk.ts";
import { append, stringValue } from "../shared.ts";
import type { BackendFile } from "./state.ts";

export function httpVisitors(state: BackendFile): Visitors {
  const { module } = state;
  return {
    "CallExpression:exit"(node) {
      if (node.type !== "CallExpression") return;
      const callee = unwrapExpression(node.callee);
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
        const method = callee.property.name;
        if (method === "addHttpRoutes") module.addHttpRoutes = append(module.addHttpRoutes, positionOf(node));
        if (method === "route") {
          const options = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
          if (options?.type === "ObjectExpression") {
            for (const property of options.properties) {
              if (
                property.type === "ObjectProperty" &&
                (propertyKeyName(property) === "path" || propertyKeyName(property) === "pathPrefix")
              ) {
                const path = stringValue(property.value);
                if (path)
                  module.httpRoutes = append(module.httpRoutes, { path, line: lineAt(node), column: columnAt(node) });
              }
            }
          }
        }
        return;
      }
      if (callee.type !== "Identifier") return;
      const imported = module.imports.get(callee.name);
      if (imported?.imported !== "convexAuth" || !isProfileModule(PROFILES["convex-auth"], imported.module)) return;
      const options = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
      let providers: string[] | null = null;
      if (options?.type === "ObjectExpression") {
        for (const property of options.properties) {
          if (property.type !== "ObjectProperty" || propertyKeyName(property) !== "providers") continue;
          const value = unwrapExpression(property.value);
          if (value.type === "ArrayExpression") {
            providers = value.elements.map((element) => {
              if (!element) return "?";
              const inner = unwrapExpression(element);
              if (inner.type === "Identifier") return inner.name;
              if (inner.type === "CallExpression" && inner.callee.type === "Identifier") return inner.callee.name;
              return "?";
            });
          }
        }
      }
      module.convexAuth = { providers, line: lineAt(node), column: columnAt(node) };
    },
  };
}
