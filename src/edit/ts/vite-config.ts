/**
 * `ssr.noExternal` in a Vite config: the packages Vite must bundle for SSR instead of leaving them
 * to Node (a provider's TanStack Start guide may require its package there). Works on
 * `export default defineConfig({…})`, `export default {…}` and a const either names; a config
 * built by a function, or a `noExternal` that isn't a list (`true` already bundles everything),
 * is left as it is.
 */
import type { ArrayExpression, Node, ObjectExpression, ObjectProperty } from "@babel/types";
import { propertyKeyName, unwrapExpression } from "../../code/walk.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { insertArrayElement, insertObjectProperty } from "./literals.ts";
import { lineOf, quoteString, tsEdit, type TsEditContext } from "./source.ts";

export interface ViteSsrNoExternalSpec {
  /** Package names to bundle during SSR. */
  packages: string[];
}

/** The config object the file default-exports (through defineConfig and a const), or a refusal. */
function viteConfigObject(ctx: TsEditContext): ObjectExpression | ReturnType<typeof refuse> {
  const exported = ctx.ast.program.body.find((node) => node.type === "ExportDefaultDeclaration");
  if (!exported || exported.type !== "ExportDefaultDeclaration")
    return refuse(`${ctx.path} has no default export; add ssr.noExternal to the Vite config by hand.`);
  const resolve = (node: Node, depth = 0): Node => {
    let value = unwrapExpression(node);
    if (value.type === "CallExpression" && value.arguments.length === 1 && depth < 3)
      return resolve(value.arguments[0]!, depth + 1);
    if (value.type === "Identifier" && depth < 3) {
      const name = value.name;
      for (const statement of ctx.ast.program.body) {
        const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
        if (declaration?.type !== "VariableDeclaration") continue;
        for (const declarator of declaration.declarations)
          if (declarator.id.type === "Identifier" && declarator.id.name === name && declarator.init)
            value = resolve(declarator.init, depth + 1);
      }
    }
    return value;
  };
  const value = resolve(exported.declaration);
  if (value.type !== "ObjectExpression") {
    const line = lineOf(exported);
    return refuse(
      `${ctx.path}:${line}: the Vite config is not an object literal authwire can edit; add ssr: { noExternal: [...] } by hand.`,
      { line },
    );
  }
  return value;
}

function property(object: ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find(
    (candidate): candidate is ObjectProperty =>
      candidate.type === "ObjectProperty" && propertyKeyName(candidate) === name,
  );
}

export function addViteSsrNoExternal(spec: ViteSsrNoExternalSpec): Edit {
  const description = `bundle ${spec.packages.join(", ")} for SSR (ssr.noExternal)`;
  return tsEdit(description, (ctx) => {
    const config = viteConfigObject(ctx);
    if (!("type" in config)) return config;
    const list = (packages: string[]) => `[${packages.map((name) => quoteString(name, ctx.quote)).join(", ")}]`;
    const ssrProperty = property(config, "ssr");
    if (!ssrProperty) {
      const noExternal = `noExternal: ${list(spec.packages)}`;
      insertObjectProperty(ctx, config, {
        multi: `ssr: {\n${ctx.indentUnit}${noExternal},\n}`,
        single: `ssr: { ${noExternal} }`,
      });
      return;
    }
    const ssr = unwrapExpression(ssrProperty.value);
    if (ssr.type !== "ObjectExpression") {
      const line = lineOf(ssrProperty);
      return refuse(`${ctx.path}:${line}: ssr is not an object literal; add noExternal to it by hand.`, { line });
    }
    const noExternalProperty = property(ssr, "noExternal");
    if (!noExternalProperty) {
      insertObjectProperty(ctx, ssr, {
        multi: `noExternal: ${list(spec.packages)}`,
        single: `noExternal: ${list(spec.packages)}`,
      });
      return;
    }
    const current = unwrapExpression(noExternalProperty.value);
    // `noExternal: true` bundles every dependency already.
    if (current.type === "BooleanLiteral" && current.value) return unchanged;
    const line = lineOf(noExternalProperty);
    if (current.type === "StringLiteral") {
      const missing = spec.packages.filter((name) => name !== current.value);
      if (missing.length === 0) return unchanged;
      ctx.s.overwrite(current.start!, current.end!, list([current.value, ...missing]));
      return;
    }
    if (current.type !== "ArrayExpression")
      return refuse(
        `${ctx.path}:${line}: ssr.noExternal is not a list authwire can extend; add ${spec.packages.join(", ")} to it by hand.`,
        { line },
      );
    const array: ArrayExpression = current;
    const present = new Set(
      array.elements.flatMap((element) => (element?.type === "StringLiteral" ? [element.value] : [])),
    );
    const missing = spec.packages.filter((name) => !present.has(name));
    if (missing.length === 0) return unchanged;
    for (const name of missing) {
      const text = quoteString(name, ctx.quote);
      insertArrayElement(ctx, array, { multi: text, single: text });
    }
  });
}
