/**
 * TanStack Start's global request middleware, `src/start.ts`: created with the provider's
 * middleware, or the middleware added to the `requestMiddleware` array of an existing
 * `createStart(() => ({ … }))`. A custom start.ts turns off Start's default CSRF protection for
 * server functions (since @tanstack/react-start 1.168), so a created file adds it back explicitly.
 */
import { posix } from "node:path";
import semver from "semver";
import type { Node, ObjectExpression } from "@babel/types";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import {
  addImportsTo,
  defineEdit,
  fitSnippet,
  insertArrayElement,
  insertObjectProperty,
  lineOf,
  refuse,
  tsEdit,
  unchanged,
  type Edit,
  type ImportSpec,
  type TsEditContext,
} from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";

export interface StartMiddlewareSpec {
  /** The middleware's imports, e.g. `{ from: "<sdk>/server", named: ["clerkMiddleware"] }`. */
  imports: ImportSpec[];
  /** The array element, e.g. `clerkMiddleware()`. */
  middleware: string;
  /** The name that, referenced in `requestMiddleware`, means the middleware is already there. */
  marker: string;
  /** Add TanStack's CSRF middleware for server functions to a created file (see `startHasCsrfMiddleware`). */
  csrf: boolean;
}

/** The first @tanstack/react-start with `createCsrfMiddleware` (and the default it replaces). */
const CSRF_SINCE = "1.168.0";

/** Whether the app's @tanstack/react-start (its declared range's minimum) has `createCsrfMiddleware`. */
export function startHasCsrfMiddleware(facts: ProjectFacts): boolean {
  const range = facts.dependencies["@tanstack/react-start"];
  const minimum = range && semver.validRange(range) ? semver.minVersion(range) : null;
  return minimum !== null && semver.gte(minimum, CSRF_SINCE);
}

/** `src/start.ts` beside the routes folder (`app/start.ts` for apps that keep routes in `app/`). */
export function startFilePath(facts: ProjectFacts): string {
  const routes = facts.entries.rootRoute ? posix.dirname(posix.dirname(facts.entries.rootRoute)) : "src";
  return `${routes === "." ? "" : `${routes}/`}start.${facts.typescript ? "ts" : "js"}`;
}

export function startFileSource(spec: StartMiddlewareSpec): string {
  const named = (i: ImportSpec) => (i.named ?? []).map((n) => (typeof n === "string" ? n : n.name));
  const lines = [
    `import { ${[...(spec.csrf ? ["createCsrfMiddleware"] : []), "createStart"].join(", ")} } from "@tanstack/react-start";`,
  ];
  for (const i of spec.imports) lines.push(`import { ${named(i).join(", ")} } from ${JSON.stringify(i.from)};`);
  lines.push("");
  if (spec.csrf) {
    lines.push(
      "// A custom start.ts replaces Start's defaults, so the CSRF check for server functions is added here.",
      "const csrfMiddleware = createCsrfMiddleware({",
      '  filter: (ctx) => ctx.handlerType === "serverFn",',
      "});",
      "",
    );
  }
  lines.push(
    "export const startInstance = createStart(() => ({",
    `  requestMiddleware: [${[...(spec.csrf ? ["csrfMiddleware"] : []), spec.middleware].join(", ")}],`,
    "}));",
    "",
  );
  return lines.join("\n");
}

/** The object `createStart(() => ({ … }))` returns (arrow body or `return { … }`). */
function startOptions(ctx: TsEditContext): ObjectExpression | { missing: string; line?: number } {
  let call: Node | undefined;
  walk(ctx.ast.program, (node) => {
    if (
      !call &&
      node.type === "CallExpression" &&
      node.callee.type === "Identifier" &&
      node.callee.name === "createStart"
    )
      call = node;
  });
  if (!call || call.type !== "CallExpression") return { missing: "no createStart(...) call" };
  const factory = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!factory || (factory.type !== "ArrowFunctionExpression" && factory.type !== "FunctionExpression")) {
    return { missing: "createStart's argument is not a function", line: lineOf(call) };
  }
  let body: Node = factory.body;
  if (body.type === "BlockStatement") {
    const returned = body.body.filter((s) => s.type === "ReturnStatement");
    if (returned.length !== 1 || returned[0]!.type !== "ReturnStatement" || !returned[0]!.argument) {
      return { missing: "createStart's function has no single return of an object", line: lineOf(factory) };
    }
    body = returned[0]!.argument;
  }
  body = unwrapExpression(body);
  if (body.type !== "ObjectExpression")
    return { missing: "createStart's function does not return an object literal", line: lineOf(factory) };
  return body;
}

export function startMiddlewareEdit(spec: StartMiddlewareSpec): Edit {
  const existing = tsEdit(`add ${spec.middleware} to requestMiddleware`, (ctx) => {
    const options = startOptions(ctx);
    if ("missing" in options) {
      return refuse(
        `${ctx.path}${options.line ? `:${options.line}` : ""}: ${options.missing}; add ${spec.middleware} to its requestMiddleware by hand.`,
        options.line ? { line: options.line } : undefined,
      );
    }
    const property = options.properties.find(
      (p) => p.type === "ObjectProperty" && propertyKeyName(p) === "requestMiddleware",
    );
    if (property?.type === "ObjectProperty") {
      const array = unwrapExpression(property.value);
      if (array.type !== "ArrayExpression") {
        return refuse(
          `${ctx.path}:${lineOf(property)}: requestMiddleware is not an array literal; add ${spec.middleware} by hand.`,
          { line: lineOf(property) },
        );
      }
      let present = false;
      walk(array, (node) => {
        if (node.type === "Identifier" && node.name === spec.marker) present = true;
      });
      if (present) return unchanged;
      const code = fitSnippet(ctx, spec.middleware);
      insertArrayElement(ctx, array, { multi: code, single: code });
    } else {
      const code = `requestMiddleware: [${fitSnippet(ctx, spec.middleware)}]`;
      insertObjectProperty(ctx, options, { multi: code, single: code });
    }
    for (const imports of spec.imports) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    return undefined;
  });
  return defineEdit(`run ${spec.middleware} on every request (start.ts)`, (content, file) =>
    content === undefined ? startFileSource(spec) : existing(content, file),
  );
}
