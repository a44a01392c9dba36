/**
 * Next.js request middleware (`proxy.ts` on Next >= 16, `middleware.ts` before; where, is
 * `nextMiddlewarePath` in frameworks.ts): created with the provider's middleware as the default
 * export, or recognised as already there. Next runs one middleware per app, so a file that already
 * exports another one is left alone with a refusal saying how to compose them.
 */
import { walk } from "../../code/walk.ts";
import { defineEdit, lineOf, refuse, tsEdit, unchanged, type Edit, type ImportSpec } from "../../edit/index.ts";

export interface NextMiddlewareSpec {
  /** The middleware's imports, e.g. `{ from: "<sdk>/server", named: ["clerkMiddleware"] }`. */
  imports: ImportSpec[];
  /** The default export, e.g. `clerkMiddleware()`. */
  expression: string;
  /**
   * The name that, referenced by the default export, means the middleware is already there; a
   * list when the SDK exports it under several names (`authkitProxy`, `authkitMiddleware`).
   */
  marker: string | string[];
  /** `config.matcher`, each with an optional comment line above it. */
  matcher: { path: string; comment?: string }[];
  /** The provider's page on composing its middleware with another one. */
  docs: string;
}

/** The file authwire writes when the app has no middleware yet. */
export function nextMiddlewareSource(spec: NextMiddlewareSpec): string {
  const imports = spec.imports.map(
    (i) =>
      `import { ${(i.named ?? []).map((n) => (typeof n === "string" ? n : n.name)).join(", ")} } from ${JSON.stringify(i.from)};`,
  );
  const matcher = spec.matcher.flatMap((m) => [
    ...(m.comment ? [`    // ${m.comment}`] : []),
    `    ${JSON.stringify(m.path)},`,
  ]);
  return [
    ...imports,
    "",
    `export default ${spec.expression};`,
    "",
    "export const config = {",
    "  matcher: [",
    ...matcher,
    "  ],",
    "};",
    "",
  ].join("\n");
}

export function nextMiddlewareEdit(spec: NextMiddlewareSpec): Edit {
  const markers = typeof spec.marker === "string" ? [spec.marker] : spec.marker;
  const existing = tsEdit(`run ${markers[0]} in Next's middleware`, (ctx) => {
    const exported = ctx.ast.program.body.find((node) => node.type === "ExportDefaultDeclaration");
    const named = ctx.ast.program.body.find(
      (node) =>
        node.type === "ExportNamedDeclaration" &&
        ((node.declaration?.type === "FunctionDeclaration" &&
          /^(?:middleware|proxy)$/.test(node.declaration.id?.name ?? "")) ||
          (node.declaration?.type === "VariableDeclaration" &&
            node.declaration.declarations.some(
              (d) => d.id.type === "Identifier" && /^(?:middleware|proxy)$/.test(d.id.name),
            ))),
    );
    const middleware = exported ?? named;
    if (!middleware) {
      return refuse(
        `${ctx.path} exports no middleware (no default export); export ${spec.expression} from it by hand.`,
      );
    }
    let references = false;
    walk(middleware, (node) => {
      if (node.type === "Identifier" && markers.includes(node.name)) references = true;
    });
    if (references) return unchanged;
    const line = lineOf(middleware);
    return refuse(
      `${ctx.path}:${line} already exports another middleware; Next.js runs one per app, so call ${spec.expression.replace(/\(.*\)$/s, "")}(…) inside it by hand (${spec.docs}).`,
      { line },
    );
  });
  return defineEdit(`export ${spec.expression} from Next's middleware`, (content, file) =>
    content === undefined ? nextMiddlewareSource(spec) : existing(content, file),
  );
}
