/**
 * TanStack Start's root route (`src/routes/__root.tsx`): the SSR token in `beforeLoad` (the
 * Convex query client's HTTP client only exists during SSR, so the token is set there), and
 * providers rendered inside `<body>` around the page.
 */
import type { Node, ObjectExpression } from "@babel/types";
import { parseCode } from "../../code/parse.ts";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import {
  addImports,
  addImportsTo,
  chain,
  defineEdit,
  findJsxElements,
  fitSnippet,
  indentAt,
  insertObjectProperty,
  insertTopLevel,
  jsxName,
  lineOf,
  parseSnippet,
  refuse,
  sameCode,
  topLevelBindings,
  tsEdit,
  unchanged,
  wrapJsxChild,
  wrapJsxElement,
  type Edit,
  type ImportSpec,
  type TopLevelCodeSpec,
  type TsEditContext,
} from "../../edit/index.ts";
import { refuseOtherBridge, type JsxElementSpec } from "./convex-bridge.ts";

/** The options object of `export const Route = createRootRouteWithContext<…>()({ … })` (or `createRootRoute({ … })`). */
export function rootRouteOptions(ctx: TsEditContext): ObjectExpression | { missing: string; line?: number } {
  for (const statement of ctx.ast.program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration") continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== "Identifier" || declarator.id.name !== "Route" || !declarator.init) continue;
      const init = unwrapExpression(declarator.init);
      const argument =
        init.type === "CallExpression" && init.arguments[0] ? unwrapExpression(init.arguments[0]) : undefined;
      if (argument?.type === "ObjectExpression") return argument;
      return { missing: "Route is not created with an options object literal", line: lineOf(declarator) };
    }
  }
  return { missing: "there is no `export const Route = createRootRoute…({ … })`" };
}

export interface RootBeforeLoadSpec {
  /** The `beforeLoad` value in house style, e.g. `async (ctx) => { … }`. */
  beforeLoad: string;
  /** A name that, used in an existing `beforeLoad`, means the token is already set there (`setAuth`). */
  marker: string;
  /** Declarations `beforeLoad` calls (a server function), added below the imports when missing. */
  declarations?: TopLevelCodeSpec[];
  /** Imports `beforeLoad` itself needs. */
  imports?: ImportSpec[];
}

/**
 * Adds `beforeLoad` to the root route. One that already sets the token: unchanged. One that does
 * something else: refused (authwire doesn't merge two functions), naming the line to add.
 */
export function rootBeforeLoadEdit(spec: RootBeforeLoadSpec): Edit {
  parseSnippet(`const beforeLoad = ${spec.beforeLoad};`);
  return tsEdit(`set the Convex auth token for SSR in the root route's beforeLoad`, (ctx) => {
    const options = rootRouteOptions(ctx);
    if ("missing" in options) {
      return refuse(
        `${ctx.path}${options.line ? `:${options.line}` : ""}: ${options.missing}; add beforeLoad by hand.`,
        options.line ? { line: options.line } : undefined,
      );
    }
    const existing = options.properties.find((p) => p.type !== "SpreadElement" && propertyKeyName(p) === "beforeLoad");
    if (existing) {
      let present = false;
      walk(existing, (node) => {
        if (node.type === "Identifier" && node.name === spec.marker) present = true;
      });
      if (present) return unchanged;
      return refuse(
        `${ctx.path}:${lineOf(existing)} already has a beforeLoad; add the SSR token to it by hand: ctx.context.convexQueryClient.serverHttpClient?.setAuth(token).`,
        { line: lineOf(existing) },
      );
    }
    for (const imports of [...(spec.imports ?? []), ...(spec.declarations ?? []).flatMap((d) => d.imports ?? [])]) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    const declared = topLevelBindings(ctx.ast);
    for (const declaration of spec.declarations ?? []) {
      if (!declared.has(declaration.name))
        insertTopLevel(ctx, fitSnippet(ctx, declaration.code.trim()), "after-imports");
    }
    const value = fitSnippet(ctx, `const beforeLoad = ${spec.beforeLoad.trim()};`)
      .replace(/^const beforeLoad = /, "")
      .replace(/;$/, "");
    insertObjectProperty(ctx, options, { multi: `beforeLoad: ${value}`, single: `beforeLoad: ${value}` });
    return undefined;
  });
}

export interface RootProvidersSpec {
  /**
   * Providers around the page inside `<body>` (`{children}`, else `<Outlet />`), outermost first;
   * the innermost is the Convex bridge (a root route already rendering another provider's is refused).
   */
  providers: JsxElementSpec[];
  imports: ImportSpec[];
  /**
   * Statements the providers' props need (`const { convexClient } = Route.useRouteContext();`),
   * added at the start of the component that renders `<body>`.
   */
  statements?: string[];
}

/** Renders the providers inside `<body>` around the page, in the component that renders it. */
export function rootProvidersEdit(spec: RootProvidersSpec): Edit {
  const [outer, ...rest] = spec.providers;
  if (!outer) throw new TypeError("rootProvidersEdit needs at least one provider.");
  const innermost = rest[rest.length - 1] ?? outer;
  const wraps: Edit[] = [
    wrapJsxChild({ parent: "body", child: ["{children}", "Outlet"], wrapper: innermost.name, props: innermost.props }),
  ];
  let inner = innermost.name;
  for (const provider of [outer, ...rest].slice(0, -1).reverse()) {
    wraps.push(wrapJsxElement({ element: inner, wrapper: provider.name, props: provider.props }));
    inner = provider.name;
  }
  const all = chain(
    `render <${spec.providers.map((p) => p.name).join("> <")}> around the page in <body>`,
    refuseOtherBridge(innermost),
    ...spec.imports.map((imports) => addImports(imports)),
    ...wraps,
    ...(spec.statements?.length ? [componentStatementsEdit(innermost.name, spec.statements)] : []),
  );
  const outers = spec.providers.slice(0, -1).map((p) => p.name);
  return defineEdit(all.description, (content, file) => {
    // Already rendered elsewhere in the root route, e.g. around <RootDocument> in the component the
    // route renders (template-tanstack-start-clerk): done, when its props agree.
    if (content !== undefined && rendersInside(file.path, content, innermost.name, outers))
      return refuseOtherBridge(innermost)(content, file);
    return all(content, file);
  });
}

/** The file renders `<element>` inside every one of `wrappers`. */
function rendersInside(path: string, source: string, element: string, wrappers: string[]): boolean {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return false;
  let found = false;
  walk(parsed.ast.program, (node, context) => {
    if (found || node.type !== "JSXElement" || jsxName(node.openingElement.name) !== element) return;
    const around = new Set(
      context.parents.flatMap((parent) => (parent.type === "JSXElement" ? [jsxName(parent.openingElement.name)] : [])),
    );
    found = wrappers.every((wrapper) => around.has(wrapper));
  });
  return found;
}

type FunctionNode = Extract<Node, { type: "FunctionDeclaration" | "FunctionExpression" | "ArrowFunctionExpression" }>;

/** Adds statements at the start of the component rendering `<element>` (those already there are kept once). */
function componentStatementsEdit(element: string, statements: string[]): Edit {
  for (const statement of statements) parseSnippet(statement);
  return tsEdit(`start the component rendering <${element}> with ${statements.join(" ")}`, (ctx) => {
    const found = findJsxElements(ctx, element);
    if (found.length !== 1) return refuse(`${ctx.path}: expected one <${element}>, found ${found.length}.`);
    const component = [...found[0]!.ancestors]
      .reverse()
      .find(
        (node): node is FunctionNode =>
          node.type === "FunctionDeclaration" ||
          node.type === "FunctionExpression" ||
          node.type === "ArrowFunctionExpression",
      );
    if (!component)
      return refuse(`${ctx.path}:${lineOf(found[0]!.node)}: <${element}> is not inside a component function.`);
    const body = component.body;
    const wanted = statements.map((statement) => fitSnippet(ctx, statement));
    if (body.type === "BlockStatement") {
      const missing = wanted.filter(
        (code) => !body.body.some((existing) => sameCode(existing, parseSnippet(code, { jsx: true })[0]!)),
      );
      if (missing.length === 0) return unchanged;
      const first = body.body[0];
      if (first) {
        const indent = indentAt(ctx.source, first.start!);
        ctx.s.appendRight(first.start!, missing.map((code) => `${code}${ctx.eol}${indent}`).join(""));
      } else {
        const indent = indentAt(ctx.source, body.start!) + ctx.indentUnit;
        ctx.s.appendLeft(body.start! + 1, missing.map((code) => `${ctx.eol}${indent}${code}`).join(""));
      }
      return undefined;
    }
    // An expression body becomes a block: the statements, then `return (expression);`.
    const indent = indentAt(ctx.source, component.start!);
    const inner = indent + ctx.indentUnit;
    const extra = body.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
    const start = extra?.parenthesized ? extra.parenStart! : body.start!;
    const end = extra?.parenthesized ? ctx.source.indexOf(")", body.end!) + 1 : body.end!;
    const expression = ctx.source.slice(start, end);
    const returned = (expression.startsWith("(") ? expression : `(${expression})`).replace(
      /\n(?=[^\r\n])/g,
      `\n${ctx.indentUnit}`,
    );
    ctx.s.overwrite(
      start,
      end,
      `{${ctx.eol}${wanted.map((code) => `${inner}${code}${ctx.eol}`).join("")}${inner}return ${returned}${ctx.semicolons ? ";" : ""}${ctx.eol}${indent}}`,
    );
    return undefined;
  });
}
