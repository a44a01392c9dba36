/**
 * Top-level code: add a declaration (a helper function, a hook, a server function) to a module
 * unless the module already declares that name.
 */
import type { Edit } from "../edit.ts";
import { unchanged } from "../edit.ts";
import { addImportsTo, type ImportSpec } from "./imports.ts";
import { parseCode } from "../../code/parse.ts";
import { fitSnippet, topLevelBindings, tsEdit, type TsEditContext } from "./source.ts";

export interface TopLevelCodeSpec {
  /** The name the code declares. A module that already declares it at the top level is left alone. */
  name: string;
  /** The declaration(s), in house style (two-space indents, double quotes, semicolons); fitted to the file. */
  code: string;
  /** "after-imports" (default): right below the imports; "end": at the end of the module. */
  position?: "after-imports" | "end";
  /** Imports the code needs. */
  imports?: ImportSpec[];
}

export function addTopLevelCode(spec: TopLevelCodeSpec): Edit {
  const parsed = parseCode("snippet.tsx", spec.code);
  if (!parsed.ok) throw new TypeError(`addTopLevelCode: the code does not parse (${parsed.problem.message}).`);
  if (!topLevelBindings(parsed.ast).has(spec.name)) throw new TypeError(`addTopLevelCode: the code does not declare ${spec.name}.`);
  return tsEdit(`add ${spec.name}`, (ctx) => {
    if (topLevelBindings(ctx.ast).has(spec.name)) return unchanged;
    // Imports first: both land after the last import, and the code goes below them.
    for (const imports of spec.imports ?? []) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    insertTopLevel(ctx, fitSnippet(ctx, spec.code.trim()), spec.position ?? "after-imports");
    return undefined;
  });
}

/** Inserts a fitted snippet below the imports (or directives), or at the end of the module. */
export function insertTopLevel(ctx: TsEditContext, code: string, position: "after-imports" | "end"): void {
  const { eol } = ctx;
  if (position === "end") {
    const end = ctx.source.trimEnd().length;
    ctx.s.appendLeft(end, `${end > 0 ? `${eol}${eol}` : ""}${code}${end === ctx.source.length ? eol : ""}`);
    return;
  }
  const body = ctx.ast.program.body;
  const lastImport = body.filter((node) => node.type === "ImportDeclaration").pop();
  const directives = ctx.ast.program.directives;
  const anchor = lastImport?.end ?? directives[directives.length - 1]?.end ?? undefined;
  if (anchor != null) {
    ctx.s.appendLeft(anchor, `${eol}${eol}${code}`);
    return;
  }
  const first = body[0];
  if (first) ctx.s.appendRight(first.start!, `${code}${eol}${eol}`);
  else ctx.s.appendLeft(0, `${code}${eol}`);
}
