/**
 * Top-level code: add a declaration (a helper function, a hook, a server function) to a module
 * unless the module already declares that name; or a whole module of declarations, keeping the
 * ones it already has.
 */
import type { Edit } from "../edit.ts";
import { unchanged } from "../edit.ts";
import { addImportsTo, type ImportSpec, type NamedImport } from "./imports.ts";
import { parseCode } from "../../code/parse.ts";
import { walk } from "../../code/walk.ts";
import { fitSnippet, isReference, topLevelBindings, tsEdit, type TsEditContext } from "./source.ts";

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
  if (!topLevelBindings(parsed.ast).has(spec.name))
    throw new TypeError(`addTopLevelCode: the code does not declare ${spec.name}.`);
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

export interface DeclarationSpec {
  /** The top-level name the code declares. */
  name: string;
  /** The declaration, in house style, with its doc comment; fitted to the file. */
  code: string;
  imports?: ImportSpec[];
}

export interface TopLevelDeclarationsSpec {
  /** In the order they should appear. */
  declarations: DeclarationSpec[];
  /** A comment that starts the module when it has to be created. */
  header?: string;
}

/** The import statements a set of declarations needs, packages first, values before types. */
export function importBlock(imports: ImportSpec[]): string {
  const modules = new Map<string, { values: Set<string>; types: Set<string> }>();
  for (const spec of imports) {
    const entry = modules.get(spec.from) ?? { values: new Set<string>(), types: new Set<string>() };
    for (const named of spec.named ?? [])
      (spec.typeOnly ? entry.types : entry.values).add(typeof named === "string" ? named : named.name);
    modules.set(spec.from, entry);
  }
  const order = [...modules.keys()].sort(
    (a, b) => Number(a.startsWith(".")) - Number(b.startsWith(".")) || a.localeCompare(b),
  );
  const lines: string[] = [];
  for (const from of order) {
    const { values, types } = modules.get(from)!;
    for (const name of values) types.delete(name);
    if (values.size > 0) lines.push(`import { ${[...values].sort().join(", ")} } from ${JSON.stringify(from)};`);
    if (types.size > 0) lines.push(`import type { ${[...types].sort().join(", ")} } from ${JSON.stringify(from)};`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** Named imports merged per module and kind (value / type). */
function mergeImports(imports: ImportSpec[]): ImportSpec[] {
  const merged = new Map<string, ImportSpec & { named: (string | NamedImport)[] }>();
  for (const spec of imports) {
    const key = `${spec.typeOnly ? "type" : "value"}\0${spec.from}`;
    const entry = merged.get(key) ?? { from: spec.from, typeOnly: spec.typeOnly, named: [] };
    for (const named of spec.named ?? []) {
      const name = typeof named === "string" ? named : named.name;
      if (!entry.named.some((other) => (typeof other === "string" ? other : other.name) === name))
        entry.named.push(named);
    }
    if (spec.default) entry.default = spec.default;
    merged.set(key, entry);
  }
  return [...merged.values()];
}

/** The names a snippet refers to (not property names). */
function referencedNames(code: string): Set<string> {
  const names = new Set<string>();
  const parsed = parseCode("snippet.ts", code);
  if (!parsed.ok) return names;
  walk(parsed.ast.program, (node, context) => {
    if (node.type === "Identifier" && isReference(node, context.parents[context.parents.length - 1]))
      names.add(node.name);
  });
  return names;
}

/**
 * A module made of declarations (a helper module authwire owns): created with all of them (the
 * header, the imports, then each declaration), or, when it exists, given the exported ones it
 * lacks plus the private helpers those need. A name the module already declares is kept as it is.
 */
export function addTopLevelDeclarations(spec: TopLevelDeclarationsSpec): Edit {
  const parsed = spec.declarations.map((declaration) => {
    const result = parseCode("snippet.ts", declaration.code);
    if (!result.ok)
      throw new TypeError(`addTopLevelDeclarations: ${declaration.name} does not parse (${result.problem.message}).`);
    if (!topLevelBindings(result.ast).has(declaration.name))
      throw new TypeError(`addTopLevelDeclarations: the code does not declare ${declaration.name}.`);
    const exported = result.ast.program.body.some(
      (node) => node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration",
    );
    return { ...declaration, exported, uses: referencedNames(declaration.code) };
  });
  // The exported names say what the module offers; private helpers come along as needed.
  const exported = parsed.filter((declaration) => declaration.exported).map((declaration) => declaration.name);
  return tsEdit(
    `add ${(exported.length ? exported : parsed.map((declaration) => declaration.name)).join(", ")}`,
    (ctx) => {
      const bindings = topLevelBindings(ctx.ast);
      const missing = parsed.filter((declaration) => !bindings.has(declaration.name));
      const needed = new Set(
        missing.filter((declaration) => declaration.exported).map((declaration) => declaration.name),
      );
      for (let grew = true; grew;) {
        grew = false;
        for (const declaration of missing) {
          if (needed.has(declaration.name)) continue;
          if (missing.some((other) => needed.has(other.name) && other.uses.has(declaration.name))) {
            needed.add(declaration.name);
            grew = true;
          }
        }
      }
      if (needed.size === 0) return unchanged;
      const adding = missing.filter((declaration) => needed.has(declaration.name));
      // One pass sees the file as it was: each module's imports are added once, merged.
      for (const imports of mergeImports(adding.flatMap((declaration) => declaration.imports ?? []))) {
        const problem = addImportsTo(ctx, imports);
        if (problem) return problem;
      }
      for (const declaration of adding) insertTopLevel(ctx, fitSnippet(ctx, declaration.code.trim()), "end");
      return undefined;
    },
    {
      whenMissing: () =>
        `${spec.header ?? ""}${importBlock(spec.declarations.flatMap((declaration) => declaration.imports ?? []))}`,
    },
  );
}
