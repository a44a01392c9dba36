/**
 * TanStack Start's router context: what the root route reads from `ctx.context` / `Route.useRouteContext()`
 * must be put there by `getRouter()` (`createRouter({ context })`) and declared in the root route's
 * `createRootRouteWithContext<{ … }>()`. The official template's router keeps only `queryClient`
 * there, so the recipes add `convexClient` / `convexQueryClient` from the router's own instances.
 */
import type { Node, TSTypeElement } from "@babel/types";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import {
  addImportsTo,
  indentAt,
  insertObjectProperty,
  lineOf,
  refuse,
  tsEdit,
  unchanged,
  type Edit,
  type TsEditContext,
} from "../../edit/index.ts";
import { createRouterOptions } from "./tanstack-router.ts";

export type RouterContextKey = "convexClient" | "convexQueryClient";

const TYPES: Record<RouterContextKey, { type: string; from: string }> = {
  convexClient: { type: "ConvexReactClient", from: "convex/react" },
  convexQueryClient: { type: "ConvexQueryClient", from: "@convex-dev/react-query" },
};

/** The name bound to `new <constructor>(…)` in the file (`const convexQueryClient = new ConvexQueryClient(url)`). */
function instanceOf(ctx: TsEditContext, constructor: string): string | undefined {
  let name: string | undefined;
  walk(ctx.ast.program, (node) => {
    if (name || node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || !node.init) return;
    const init = unwrapExpression(node.init);
    if (init.type === "NewExpression" && init.callee.type === "Identifier" && init.callee.name === constructor) {
      name = node.id.name;
    }
  });
  return name;
}

/** Adds the keys to `createRouter({ context })` (created when missing), from the router's own clients. */
export function routerContextEdit(keys: RouterContextKey[]): Edit {
  return tsEdit(`put ${keys.join(" and ")} in the router context (the root route reads them)`, (ctx) => {
    const options = createRouterOptions(ctx);
    if (!options)
      return refuse(`${ctx.path} has no createRouter({ … }) call; add ${keys.join(", ")} to its context by hand.`);
    const queryClient = instanceOf(ctx, "ConvexQueryClient");
    if (!queryClient) {
      return refuse(
        `${ctx.path}: no \`new ConvexQueryClient(…)\` found; the root route sets the SSR auth token on it. Create one (docs.convex.dev/client/tanstack/tanstack-start) and add ${keys.join(", ")} to the router context.`,
      );
    }
    const reactClient = instanceOf(ctx, "ConvexReactClient");
    const values: Record<RouterContextKey, string> = {
      convexQueryClient: queryClient,
      convexClient: reactClient ?? `${queryClient}.convexClient`,
    };
    const entry = (key: RouterContextKey) => (values[key] === key ? key : `${key}: ${values[key]}`);
    const property = options.properties.find((p) => p.type !== "SpreadElement" && propertyKeyName(p) === "context");
    if (!property) {
      const code = `context: { ${keys.map(entry).join(", ")} }`;
      insertObjectProperty(ctx, options, { multi: code, single: code });
      return undefined;
    }
    const value = property.type === "ObjectProperty" ? unwrapExpression(property.value) : undefined;
    if (value?.type !== "ObjectExpression") {
      return refuse(
        `${ctx.path}:${lineOf(property)}: the router context is not an object literal; add ${keys.join(", ")} to it by hand.`,
        { line: lineOf(property) },
      );
    }
    const present = new Set(value.properties.flatMap((p) => (p.type === "SpreadElement" ? [] : [propertyKeyName(p)])));
    const missing = keys.filter((key) => !present.has(key));
    if (missing.length === 0) return unchanged;
    for (const key of missing) insertObjectProperty(ctx, value, { multi: entry(key), single: entry(key) });
    return undefined;
  });
}

/** The members of the root route's context type: a type literal, or a local interface / type alias. */
function contextMembers(
  ctx: TsEditContext,
): { members: TSTypeElement[]; body: Node } | { missing: string; line?: number } {
  let call: Node | undefined;
  walk(ctx.ast.program, (node) => {
    if (
      !call &&
      node.type === "CallExpression" &&
      node.callee.type === "Identifier" &&
      node.callee.name === "createRootRouteWithContext"
    )
      call = node;
  });
  if (!call || call.type !== "CallExpression") {
    return { missing: "the root route is not created with createRootRouteWithContext<{ … }>()" };
  }
  const parameter = (call.typeParameters ?? (call as { typeArguments?: typeof call.typeParameters }).typeArguments)
    ?.params[0];
  if (!parameter) return { missing: "createRootRouteWithContext has no context type", line: lineOf(call) };
  if (parameter.type === "TSTypeLiteral") return { members: parameter.members, body: parameter };
  if (parameter.type === "TSTypeReference" && parameter.typeName.type === "Identifier") {
    const name = parameter.typeName.name;
    for (const statement of ctx.ast.program.body) {
      const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (declaration?.type === "TSInterfaceDeclaration" && declaration.id.name === name) {
        return { members: declaration.body.body, body: declaration.body };
      }
      if (
        declaration?.type === "TSTypeAliasDeclaration" &&
        declaration.id.name === name &&
        declaration.typeAnnotation.type === "TSTypeLiteral"
      ) {
        return { members: declaration.typeAnnotation.members, body: declaration.typeAnnotation };
      }
    }
  }
  return { missing: "the router context type is not a type literal or a local interface", line: lineOf(parameter) };
}

/** Declares the keys in `createRootRouteWithContext<{ … }>()`, with their type imports. */
export function rootContextTypeEdit(keys: RouterContextKey[]): Edit {
  return tsEdit(`declare ${keys.join(" and ")} in the root route's context type`, (ctx) => {
    const found = contextMembers(ctx);
    if ("missing" in found) {
      return refuse(
        `${ctx.path}${found.line ? `:${found.line}` : ""}: ${found.missing}; declare ${keys.map((k) => `${k}: ${TYPES[k].type}`).join(", ")} in it by hand.`,
        found.line ? { line: found.line } : undefined,
      );
    }
    const present = new Set(
      found.members.flatMap((m) =>
        m.type === "TSPropertySignature" && m.key.type === "Identifier" ? [m.key.name] : [],
      ),
    );
    const missing = keys.filter((key) => !present.has(key));
    if (missing.length === 0) return unchanged;
    const last = found.members[found.members.length - 1];
    const bodyStart = found.body.start!;
    const bodyEnd = found.body.end! - 1; // the closing brace
    const multiline = ctx.source.slice(bodyStart, bodyEnd).includes("\n");
    const sep = ctx.semicolons ? ";" : "";
    if (multiline) {
      const indent = last ? indentAt(ctx.source, last.start!) : indentAt(ctx.source, bodyStart) + ctx.indentUnit;
      // After the last member (its own `;`/`,` included in its span), or after the opening brace.
      const at = last ? last.end! : bodyStart + 1;
      const lastText = last ? ctx.source.slice(last.start!, last.end!) : "";
      // A last member without its separator gets one only in a file that uses semicolons.
      const lead = last && !/[;,]$/.test(lastText) ? sep : "";
      ctx.s.appendLeft(
        at,
        `${lead}${missing.map((key) => `${ctx.eol}${indent}${key}: ${TYPES[key].type}${sep}`).join("")}`,
      );
    } else {
      const at = last ? last.end! : bodyStart + 1;
      const lastText = last ? ctx.source.slice(last.start!, last.end!) : "";
      const lead = last && !/[;,]$/.test(lastText) ? ";" : "";
      ctx.s.appendLeft(
        at,
        `${lead}${missing
          .map((key) => ` ${key}: ${TYPES[key].type};`)
          .join("")
          .replace(/;$/, "")}`,
      );
    }
    for (const key of missing) {
      const problem = addImportsTo(ctx, { from: TYPES[key].from, named: [TYPES[key].type], typeOnly: true });
      if (problem) return problem;
    }
    return undefined;
  });
}
