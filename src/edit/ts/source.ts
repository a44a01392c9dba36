/**
 * The shared machinery of the TS/TSX edit helpers: parse once with `parseCode`, edit by source
 * spans with magic-string (so everything the edit doesn't touch stays byte-identical), and learn
 * the file's own style (line breaks, indentation, quotes, semicolons) so inserted code fits in.
 */
import MagicString from "magic-string";
import type { File, Node } from "@babel/types";
import { parseCode } from "../../code/parse.ts";
import { walk } from "../../code/walk.ts";
import {
  defineEdit,
  detectEol,
  isRefusal,
  refuse,
  unchanged,
  withEol,
  type Edit,
  type Refusal,
  type Unchanged,
} from "../edit.ts";

export interface TsEditContext {
  path: string;
  /** The original text; offsets in the AST point into it. */
  source: string;
  ast: File;
  /** Collects the edits; offsets are offsets in `source`. */
  s: MagicString;
  eol: "\n" | "\r\n";
  /** One level of indentation in this file: "\t", "  " or "    ". */
  indentUnit: string;
  quote: '"' | "'";
  semicolons: boolean;
}

export interface TsEditOptions {
  /** Content to start from when the file does not exist; without it a missing file is refused. */
  whenMissing?: (path: string) => string;
}

/**
 * Builds an Edit for a TS/TSX/JS file. `body` makes its changes through `ctx.s` and may return a
 * refusal or `unchanged`. An unparsable file is refused with its line and column; an edit whose
 * result no longer parses is refused too, so a broken file is never written.
 */
export function tsEdit(
  description: string,
  body: (ctx: TsEditContext) => Refusal | Unchanged | void,
  options: TsEditOptions = {},
): Edit {
  return defineEdit(description, (content, file) => {
    const created = content === undefined;
    let source = content;
    if (source === undefined) {
      if (!options.whenMissing) return refuse(`${file.path} does not exist, so authwire can't ${description}.`);
      source = options.whenMissing(file.path);
    }
    const parsed = parseCode(file.path, source);
    if (!parsed.ok) {
      const { line, column, message } = parsed.problem;
      return refuse(
        `${file.path}:${line}:${column} does not parse (${message}); authwire can't ${description} without guessing.`,
        {
          line,
          column,
        },
      );
    }
    const ctx = contextFor(file.path, source, parsed.ast);
    const outcome = body(ctx);
    if (outcome !== undefined && isRefusal(outcome)) return outcome;
    if (outcome === unchanged || !ctx.s.hasChanged()) return created ? source : unchanged;
    const result = ctx.s.toString();
    const check = parseCode(file.path, result);
    if (!check.ok) {
      return refuse(
        `authwire's edit to ${file.path} (${description}) would not parse (${check.problem.message} at line ${check.problem.line}); the file was left alone. Please report this.`,
      );
    }
    return result;
  });
}

export function contextFor(path: string, source: string, ast: File): TsEditContext {
  return {
    path,
    source,
    ast,
    s: new MagicString(source),
    eol: detectEol(source),
    indentUnit: detectIndentUnit(source),
    quote: detectQuote(ast, source),
    semicolons: detectSemicolons(ast, source),
  };
}

/** The offset where the line holding `offset` starts. */
export function lineStartAt(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/** The whitespace at the start of the line holding `offset`. */
export function indentAt(source: string, offset: number): string {
  const start = lineStartAt(source, offset);
  return /^[ \t]*/.exec(source.slice(start, offset))![0];
}

/** True when only whitespace precedes `offset` on its line. */
export function startsLine(source: string, offset: number): boolean {
  return /^[ \t]*$/.test(source.slice(lineStartAt(source, offset), offset));
}

/** True when `a` and `b` are on different lines. */
export function onDifferentLines(source: string, a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  return source.slice(from, to).includes("\n");
}

/** Tabs if any line is tab-indented, else the most common step between indentation levels (2 or 4), default 2. */
export function detectIndentUnit(source: string): string {
  const counts = new Map<number, number>();
  let previous = 0;
  let tabs = 0;
  let spaces = 0;
  for (const line of source.split("\n")) {
    // Blank lines and the ` * ` lines of block comments say nothing about the indent unit.
    if (line.trim() === "" || /^[ \t]+\*/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith("\t")) {
      tabs += 1;
      continue;
    }
    if (indent.length > 0) spaces += 1;
    const step = indent.length - previous;
    if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
    previous = indent.length;
  }
  if (tabs > spaces) return "\t";
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return " ".repeat(best);
}

/** The quote of the file's import sources (then any string), default double. */
function detectQuote(ast: File, source: string): '"' | "'" {
  let double = 0;
  let single = 0;
  for (const statement of ast.program.body) {
    if (
      statement.type === "ImportDeclaration" ||
      statement.type === "ExportNamedDeclaration" ||
      statement.type === "ExportAllDeclaration"
    ) {
      const literal = statement.source;
      if (literal?.start != null) {
        if (source[literal.start] === "'") single += 1;
        else double += 1;
      }
    }
  }
  if (double + single === 0) {
    walk(ast.program, (node) => {
      if (node.type !== "StringLiteral" || node.start == null) return;
      if (source[node.start] === "'") single += 1;
      else double += 1;
    });
  }
  return single > double ? "'" : '"';
}

/** Whether the file ends its statements with semicolons (majority of simple statements). */
function detectSemicolons(ast: File, source: string): boolean {
  let withSemi = 0;
  let without = 0;
  walk(ast.program, (node) => {
    if (
      node.type === "ImportDeclaration" ||
      node.type === "ExpressionStatement" ||
      node.type === "VariableDeclaration" ||
      node.type === "ReturnStatement"
    ) {
      if (node.end == null) return;
      if (source[node.end - 1] === ";") withSemi += 1;
      else without += 1;
    }
  });
  return withSemi >= without;
}

/** A string literal in the file's quote style. */
export function quoteString(value: string, quote: '"' | "'"): string {
  const json = JSON.stringify(value);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Indents every line of `text` after the first by `indent` (for inserting multi-line snippets). */
export function indentFollowingLines(text: string, indent: string): string {
  return text.replace(/\n(?=[^\n])/g, `\n${indent}`);
}

/** `text` with the file's line breaks. */
export function fit(ctx: TsEditContext, text: string): string {
  return withEol(text, ctx.eol);
}

/** Statements that end with a semicolon in a file that uses them. */
const SEMICOLON_STATEMENTS = new Set([
  "ImportDeclaration",
  "ExpressionStatement",
  "VariableDeclaration",
  "ReturnStatement",
  "ThrowStatement",
  "ExportNamedDeclaration",
  "ExportDefaultDeclaration",
  "TSTypeAliasDeclaration",
]);

/**
 * Fits a snippet written in authwire's house style (two-space indents, double quotes, semicolons,
 * "\n") to the file: its indent unit, quotes, semicolons and line breaks. Every line after the
 * first is prefixed with `indent` (the snippet's depth in the file). Throws TypeError when the
 * snippet does not parse: snippets come from recipes.
 */
export function fitSnippet(ctx: TsEditContext, code: string, indent = ""): string {
  const parsed = parseCode("snippet.tsx", code);
  if (!parsed.ok) throw new TypeError(`authwire edit snippet does not parse (${parsed.problem.message}): ${code}`);
  const s = new MagicString(code);
  walk(parsed.ast.program, (node, context) => {
    const parent = context.parents[context.parents.length - 1];
    if (
      ctx.quote === "'" &&
      node.type === "StringLiteral" &&
      parent?.type !== "JSXAttribute" &&
      code[node.start!] === '"'
    ) {
      s.overwrite(node.start!, node.end!, quoteString(node.value, "'"));
    }
    if (!ctx.semicolons && SEMICOLON_STATEMENTS.has(node.type) && code[node.end! - 1] === ";") {
      const inForHead =
        parent?.type === "ForStatement" || parent?.type === "ForInStatement" || parent?.type === "ForOfStatement";
      const exportedDeclaration =
        node.type !== "ExportNamedDeclaration" &&
        node.type !== "ExportDefaultDeclaration" &&
        parent?.type?.startsWith("Export");
      if (!inForHead && !exportedDeclaration) s.remove(node.end! - 1, node.end!);
    }
  });
  const lines = s
    .toString()
    .split("\n")
    .map((line, index) => {
      const reindented = line.replace(/^(?: {2})+/, (spaces) => ctx.indentUnit.repeat(spaces.length / 2));
      return index === 0 || reindented.trim() === "" ? reindented.trimEnd() : `${indent}${reindented}`;
    });
  return withEol(lines.join("\n"), ctx.eol);
}

/** True when only whitespace follows `offset` on its line. */
export function endsLine(source: string, offset: number): boolean {
  return /^[ \t]*(?:\r?\n|$)/.test(source.slice(offset));
}

/** Ends a statement the way the file does. */
export function terminate(ctx: TsEditContext, statement: string): string {
  const bare = statement.trim().replace(/;+$/, "");
  return ctx.semicolons ? `${bare};` : bare;
}

const POSITION_KEYS = new Set([
  "start",
  "end",
  "loc",
  "range",
  "extra",
  "comments",
  "leadingComments",
  "trailingComments",
  "innerComments",
]);

/** Strips positions, comments and raw text so two snippets can be compared by structure. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!POSITION_KEYS.has(key)) out[key] = shape(value);
  }
  return out;
}

/** True when two nodes are the same code, whatever their formatting, quotes or comments. */
export function sameCode(a: Node, b: Node): boolean {
  return JSON.stringify(shape(a)) === JSON.stringify(shape(b));
}

/** Parses a snippet of statements (TSX when `jsx`), or throws TypeError: snippets come from recipes. */
export function parseSnippet(code: string, { jsx = false } = {}): Node[] {
  const parsed = parseCode(jsx ? "snippet.tsx" : "snippet.ts", code);
  if (!parsed.ok) throw new TypeError(`authwire edit snippet does not parse (${parsed.problem.message}): ${code}`);
  return parsed.ast.program.body;
}

/**
 * Renames free identifiers in a snippet (`ctx` → `context`, `http` → `router`) so a recipe's
 * statement fits the names the user's code chose. Property names are left alone.
 */
export function renameInSnippet(code: string, names: Record<string, string>): string {
  const renames = Object.entries(names).filter(([from, to]) => from !== to);
  if (renames.length === 0) return code;
  const parsed = parseCode("snippet.tsx", code);
  if (!parsed.ok) throw new TypeError(`authwire edit snippet does not parse (${parsed.problem.message}): ${code}`);
  const s = new MagicString(code);
  const map = new Map(renames);
  walk(parsed.ast.program, (node, context) => {
    if (node.type !== "Identifier" || !map.has(node.name)) return;
    const parent = context.parents[context.parents.length - 1];
    if (!isReference(node, parent)) return;
    s.overwrite(node.start!, node.end!, map.get(node.name)!);
  });
  return s.toString();
}

/** False for identifiers that are names, not references: `a.name`, `{ name: 1 }`, `<X name="" />`. */
export function isReference(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
      return parent.property !== node || parent.computed;
    case "ObjectProperty":
      return parent.value === node || (parent.key === node && (parent.computed || parent.shorthand));
    case "ObjectMethod":
    case "ClassMethod":
    case "ClassProperty":
    case "TSPropertySignature":
    case "TSMethodSignature":
      return parent.key !== node || Boolean((parent as { computed?: boolean }).computed);
    case "JSXAttribute":
      return parent.name !== node;
    case "ImportSpecifier":
    case "ExportSpecifier":
      return false;
    default:
      return true;
  }
}

/** Names declared at the top level of the module (imports, const/let/var, functions, classes). */
export function topLevelBindings(ast: File): Map<string, Node> {
  const names = new Map<string, Node>();
  for (const statement of ast.program.body) {
    const declaration =
      (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") &&
      statement.declaration
        ? statement.declaration
        : statement;
    switch (declaration.type) {
      case "ImportDeclaration":
        for (const specifier of declaration.specifiers) names.set(specifier.local.name, declaration);
        break;
      case "VariableDeclaration":
        for (const declarator of declaration.declarations) {
          walkPattern(declarator.id, (name) => names.set(name, declaration));
        }
        break;
      case "FunctionDeclaration":
      case "ClassDeclaration":
      case "TSEnumDeclaration":
        if (declaration.id) names.set(declaration.id.name, declaration);
        break;
      default:
        break;
    }
  }
  return names;
}

function walkPattern(pattern: Node, found: (name: string) => void): void {
  switch (pattern.type) {
    case "Identifier":
      found(pattern.name);
      break;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        walkPattern(property.type === "RestElement" ? property.argument : property.value, found);
      }
      break;
    case "ArrayPattern":
      for (const element of pattern.elements) if (element) walkPattern(element, found);
      break;
    case "AssignmentPattern":
      walkPattern(pattern.left, found);
      break;
    case "RestElement":
      walkPattern(pattern.argument, found);
      break;
    default:
      break;
  }
}

/** 1-based line of an offset-bearing node (code/location.ts owns the answer). */
export { lineAt as lineOf } from "../../code/location.ts";
