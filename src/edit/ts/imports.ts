/**
 * Imports: add named/default imports without duplicates (merging into an existing import of the
 * same module), and drop a named import once nothing in the file uses it.
 */
import type { ImportDeclaration, Node } from "@babel/types";
import { walk } from "../../code/walk.ts";
import { refuse, unchanged, type Edit, type Refusal } from "../edit.ts";
import {
  fit,
  indentAt,
  isReference,
  lineOf,
  lineStartAt,
  onDifferentLines,
  quoteString,
  terminate,
  topLevelBindings,
  tsEdit,
  type TsEditContext,
} from "./source.ts";

export interface NamedImport {
  /** The exported name. */
  name: string;
  /** The local name when it differs (`import { useAuth as useClerkAuth }`). */
  as?: string;
}

export interface ImportSpec {
  /** The module specifier: "convex/react", "./_generated/server". */
  from: string;
  named?: (string | NamedImport)[];
  default?: string;
  /** `import type { … }`. A name already imported as a value counts as imported. */
  typeOnly?: boolean;
}

export function describeImport(spec: ImportSpec): string {
  const names = [
    ...(spec.default ? [spec.default] : []),
    ...(spec.named ?? []).map((n) => (typeof n === "string" ? n : n.name)),
  ];
  return `import ${names.join(", ")} from ${spec.from}`;
}

/** Adds the imports `spec` names; merges into an existing import of the module; never duplicates. */
export function addImports(spec: ImportSpec): Edit {
  return tsEdit(describeImport(spec), (ctx) => addImportsTo(ctx, spec));
}

/** Removes `name` from the imports of `from` when nothing else in the file refers to it. */
/** Drops `name` (a named import, or with `default` the default import's local name) once nothing uses it. */
export function removeUnusedImport(spec: { from: string; name: string; default?: boolean }): Edit {
  return tsEdit(`drop the unused import ${spec.name} from ${spec.from}`, (ctx) => removeUnusedImportFrom(ctx, spec));
}

function importDeclarations(ctx: TsEditContext): ImportDeclaration[] {
  return ctx.ast.program.body.filter((node): node is ImportDeclaration => node.type === "ImportDeclaration");
}

function importedName(specifier: Node): string | undefined {
  if (specifier.type !== "ImportSpecifier") return undefined;
  return specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
}

function isTypeOnly(declaration: ImportDeclaration, specifier?: Node): boolean {
  return (
    declaration.importKind === "type" || (specifier?.type === "ImportSpecifier" && specifier.importKind === "type")
  );
}

/** The in-pass form of `addImports`, for helpers that also need an import. */
export function addImportsTo(ctx: TsEditContext, spec: ImportSpec): Refusal | undefined {
  const declarations = importDeclarations(ctx);
  const bindings = topLevelBindings(ctx.ast);
  const fromModule = declarations.filter((d) => d.source.value === spec.from);

  const missingNamed: NamedImport[] = [];
  for (const entry of spec.named ?? []) {
    const wanted = typeof entry === "string" ? { name: entry } : entry;
    const local = wanted.as ?? wanted.name;
    const present = fromModule.some((d) =>
      d.specifiers.some(
        (s) => importedName(s) === wanted.name && s.local.name === local && (spec.typeOnly || !isTypeOnly(d, s)),
      ),
    );
    if (present || missingNamed.some((m) => (m.as ?? m.name) === local)) continue;
    const clash = bindings.get(local);
    if (clash) {
      const where = clash.type === "ImportDeclaration" ? `imported from "${clash.source.value}"` : "declared";
      return refuse(
        `${ctx.path}:${lineOf(clash)}: ${local} is already ${where}; authwire won't import a second ${local} from "${spec.from}".`,
        {
          line: lineOf(clash),
        },
      );
    }
    missingNamed.push(wanted);
  }

  let missingDefault: string | undefined;
  if (spec.default) {
    const existing = fromModule.flatMap((d) => d.specifiers).find((s) => s.type === "ImportDefaultSpecifier");
    if (existing && existing.local.name !== spec.default) {
      return refuse(
        `${ctx.path}:${lineOf(existing)}: the default import of "${spec.from}" is named ${existing.local.name}, not ${spec.default}; rename it by hand.`,
        { line: lineOf(existing) },
      );
    }
    if (!existing) {
      const clash = bindings.get(spec.default);
      if (clash) {
        return refuse(
          `${ctx.path}:${lineOf(clash)}: ${spec.default} is already declared; authwire won't import another.`,
          {
            line: lineOf(clash),
          },
        );
      }
      missingDefault = spec.default;
    }
  }
  if (missingNamed.length === 0 && !missingDefault) return undefined;

  const specText = (n: NamedImport) => (n.as && n.as !== n.name ? `${n.name} as ${n.as}` : n.name);
  // Merge into an existing import of the module of the same kind (value or type), not a namespace one.
  const target = fromModule.find(
    (d) =>
      (spec.typeOnly ? d.importKind === "type" : d.importKind !== "type") &&
      !d.specifiers.some((s) => s.type === "ImportNamespaceSpecifier") &&
      d.specifiers.length > 0,
  );
  if (target) {
    const named = target.specifiers.filter((s) => s.type === "ImportSpecifier");
    const defaultSpecifier = target.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
    if (missingDefault && !defaultSpecifier) {
      const first = target.specifiers[0]!;
      const brace = ctx.source.lastIndexOf("{", first.start!);
      ctx.s.appendLeft(brace, `${missingDefault}, `);
      missingDefault = undefined;
    }
    if (missingNamed.length > 0) {
      if (named.length > 0) {
        const last = named[named.length - 1]!;
        const closing = ctx.source.indexOf("}", last.end!);
        const between = ctx.source.slice(last.end!, closing);
        const trailingComma = between.indexOf(",");
        if (onDifferentLines(ctx.source, named[0]!.start!, ctx.source.lastIndexOf("{", named[0]!.start!))) {
          const indent = indentAt(ctx.source, last.start!);
          const lines = missingNamed.map((n) => `${ctx.eol}${indent}${specText(n)}`);
          if (trailingComma >= 0) ctx.s.appendLeft(last.end! + trailingComma + 1, lines.map((l) => `${l},`).join(""));
          else ctx.s.appendLeft(last.end!, lines.map((l) => `,${l}`).join(""));
        } else {
          ctx.s.appendLeft(last.end!, missingNamed.map((n) => `, ${specText(n)}`).join(""));
        }
      } else if (defaultSpecifier) {
        ctx.s.appendLeft(defaultSpecifier.end!, `, { ${missingNamed.map(specText).join(", ")} }`);
      }
      missingNamed.length = 0;
    }
  }
  if (missingNamed.length === 0 && !missingDefault) return undefined;

  const clauses: string[] = [];
  if (missingDefault) clauses.push(missingDefault);
  if (missingNamed.length > 0) clauses.push(`{ ${missingNamed.map(specText).join(", ")} }`);
  const statement = terminate(
    ctx,
    `import ${spec.typeOnly ? "type " : ""}${clauses.join(", ")} from ${quoteString(spec.from, ctx.quote)}`,
  );
  insertImportStatement(ctx, statement);
  return undefined;
}

/** A new import goes after the last import, else after the directives, else first in the file. */
function insertImportStatement(ctx: TsEditContext, statement: string): void {
  const declarations = importDeclarations(ctx);
  // After the last import that binds something: side-effect imports (CSS) conventionally stay last.
  const last = declarations.filter((d) => d.specifiers.length > 0).pop() ?? declarations[declarations.length - 1];
  if (last) {
    ctx.s.appendLeft(last.end!, `${ctx.eol}${statement}`);
    return;
  }
  const directives = ctx.ast.program.directives;
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) {
    ctx.s.appendLeft(lastDirective.end!, fit(ctx, `\n\n${statement}`));
    return;
  }
  const first = ctx.ast.program.body[0];
  if (!first) {
    const trimmed = ctx.source.trimEnd();
    ctx.s.appendLeft(trimmed.length, `${trimmed.length > 0 ? ctx.eol : ""}${statement}${ctx.eol}`);
    return;
  }
  // Comments directly above the first statement (no blank line between) belong to it: go above them.
  let anchor = first.start!;
  for (const comment of [...(first.leadingComments ?? [])].reverse()) {
    if (/\n[ \t]*\r?\n/.test(ctx.source.slice(comment.end, anchor))) break;
    anchor = comment.start!;
  }
  anchor = lineStartAt(ctx.source, anchor);
  ctx.s.appendRight(anchor, `${statement}${ctx.eol}${ctx.eol}`);
}

/** The in-pass form of `removeUnusedImport`. */
export function removeUnusedImportFrom(
  ctx: TsEditContext,
  spec: { from: string; name: string; default?: boolean },
): typeof unchanged | undefined {
  for (const declaration of importDeclarations(ctx)) {
    if (declaration.source.value !== spec.from) continue;
    const specifier = declaration.specifiers.find((s) =>
      spec.default ? s.type === "ImportDefaultSpecifier" && s.local.name === spec.name : importedName(s) === spec.name,
    );
    if (!specifier) continue;
    if (countReferences(ctx, specifier.local.name) > 0) return unchanged;
    const named = declaration.specifiers.filter((s) => s.type === "ImportSpecifier");
    const defaultSpecifier = declaration.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
    if (declaration.specifiers.length === 1) {
      // The whole statement, with its line break.
      const start = lineStartAt(ctx.source, declaration.start!);
      let end = declaration.end!;
      if (ctx.source.startsWith("\r\n", end)) end += 2;
      else if (ctx.source[end] === "\n") end += 1;
      ctx.s.remove(start, end);
    } else if (specifier === defaultSpecifier) {
      // `import X, { a } from …` → `import { a } from …`
      const next = declaration.specifiers[1]!;
      ctx.s.remove(
        specifier.start!,
        next.type === "ImportSpecifier" ? ctx.source.indexOf("{", specifier.end!) : next.start!,
      );
    } else if (named.length === 1 && defaultSpecifier) {
      const closing = ctx.source.indexOf("}", specifier.end!);
      ctx.s.remove(defaultSpecifier.end!, closing + 1);
    } else {
      const index = named.indexOf(specifier as (typeof named)[number]);
      const next = named[index + 1];
      if (next) ctx.s.remove(specifier.start!, next.start!);
      else ctx.s.remove(named[index - 1]!.end!, specifier.end!);
    }
    return undefined;
  }
  return unchanged;
}

/** References to `name` outside import declarations (property names don't count). */
export function countReferences(ctx: TsEditContext, name: string): number {
  let count = 0;
  walk(ctx.ast.program, (node, context) => {
    if (node.type === "ImportDeclaration") {
      context.skip();
      return;
    }
    if ((node.type === "Identifier" || node.type === "JSXIdentifier") && node.name === name) {
      const parent = context.parents[context.parents.length - 1];
      if (parent?.type === "JSXMemberExpression" && parent.property === node) return;
      if (isReference(node, parent)) count += 1;
    }
  });
  return count;
}
