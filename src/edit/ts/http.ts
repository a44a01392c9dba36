/** `convex/http.ts`: add a statement right after `const http = httpRouter()`. */
import { unwrapExpression } from "../../code/walk.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { addImportsTo, type ImportSpec } from "./imports.ts";
import { parseSnippet, renameInSnippet, sameCode, terminate, tsEdit } from "./source.ts";

export interface HttpRouterCallSpec {
  /**
   * The statement, written for a router named `http` (`auth.addHttpRoutes(http)`). When the file
   * names its router differently, the statement is rewritten to that name.
   */
  statement: string;
  /** Imports the statement needs, e.g. `{ from: "./auth", named: ["auth"] }`. */
  imports?: ImportSpec[];
}

const HTTP_TEMPLATE = `import { httpRouter } from "convex/server";

const http = httpRouter();

export default http;
`;

export function addHttpRouterCall(spec: HttpRouterCallSpec): Edit {
  parseSnippet(spec.statement); // a recipe bug surfaces here, at planning time
  return tsEdit(
    `add ${spec.statement.trim().replace(/;$/, "")} to the HTTP router`,
    (ctx) => {
      let router: { name: string; statementEnd: number } | undefined;
      for (const statement of ctx.ast.program.body) {
        const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
        if (declaration?.type !== "VariableDeclaration") continue;
        for (const declarator of declaration.declarations) {
          const init = declarator.init && unwrapExpression(declarator.init);
          if (
            init?.type === "CallExpression" &&
            init.callee.type === "Identifier" &&
            init.callee.name === "httpRouter" &&
            declarator.id.type === "Identifier"
          ) {
            router = { name: declarator.id.name, statementEnd: statement.end! };
          }
        }
      }
      if (!router) return refuse(`${ctx.path} has no \`const http = httpRouter()\`; add the call by hand.`);
      const code = renameInSnippet(spec.statement, { http: router.name });
      const wanted = parseSnippet(code)[0]!;
      const present = ctx.ast.program.body.find((statement) => sameCode(statement, wanted));
      if (present) return unchanged;
      ctx.s.appendLeft(router.statementEnd, `${ctx.eol}${ctx.eol}${terminate(ctx, code)}`);
      for (const imports of spec.imports ?? []) {
        const problem = addImportsTo(ctx, imports);
        if (problem) return problem;
      }
      return undefined;
    },
    { whenMissing: () => HTTP_TEMPLATE },
  );
}
