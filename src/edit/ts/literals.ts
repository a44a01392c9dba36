/** Inserting into array and object literals in the layout they already have (one per line or inline). */
import type { ArrayExpression, Node, ObjectExpression } from "@babel/types";
import { indentAt, indentFollowingLines, onDifferentLines, type TsEditContext } from "./source.ts";

/** A snippet in two layouts: `multi` uses "\n" and is indented relative to its first line. */
export interface Snippet {
  multi: string;
  single: string;
}

const TRAILING_COMMA = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*,/;

function insertIntoList(
  ctx: TsEditContext,
  container: Node,
  items: Node[],
  snippet: Snippet,
  position: "first" | "last",
): void {
  const open = container.start!;
  const close = container.end! - 1;
  const { source, s, eol, indentUnit } = ctx;
  if (items.length === 0) {
    const baseIndent = indentAt(source, open);
    const itemIndent = baseIndent + indentUnit;
    const body = `${indentFollowingLines(snippet.multi, itemIndent).replace(/\n/g, eol)},`;
    const inner = source.slice(open + 1, close);
    if (inner.trim() === "") {
      const text = `${eol}${itemIndent}${body}${eol}${baseIndent}`;
      if (inner === "") s.appendLeft(close, text);
      else s.overwrite(open + 1, close, text);
    } else {
      // Only comments inside: keep them, add the item after them.
      const end = open + 1 + inner.trimEnd().length;
      s.appendLeft(end, `${eol}${itemIndent}${body}`);
      if (!onDifferentLines(source, end, close)) s.appendLeft(end, `${eol}${baseIndent}`);
    }
    return;
  }
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const multiline = onDifferentLines(source, open, first.start!);
  if (position === "first") {
    if (multiline) {
      const indent = indentAt(source, first.start!);
      s.appendRight(first.start!, `${indentFollowingLines(snippet.multi, indent).replace(/\n/g, eol)},${eol}${indent}`);
    } else {
      s.appendRight(first.start!, `${snippet.single}, `);
    }
    return;
  }
  const comma = TRAILING_COMMA.exec(source.slice(last.end!, close));
  if (multiline) {
    const indent = indentAt(source, first.start!);
    const item = indentFollowingLines(snippet.multi, indent).replace(/\n/g, eol);
    if (comma) s.appendLeft(last.end! + comma[0].length, `${eol}${indent}${item},`);
    else s.appendLeft(last.end!, `,${eol}${indent}${item}`);
  } else if (comma) {
    s.appendLeft(last.end! + comma[0].length, ` ${snippet.single},`);
  } else {
    s.appendLeft(last.end!, `, ${snippet.single}`);
  }
}

export function insertArrayElement(ctx: TsEditContext, array: ArrayExpression, snippet: Snippet): void {
  insertIntoList(
    ctx,
    array,
    array.elements.filter((e): e is NonNullable<typeof e> => e !== null),
    snippet,
    "last",
  );
}

export function insertObjectProperty(
  ctx: TsEditContext,
  object: ObjectExpression,
  snippet: Snippet,
  position: "first" | "last" = "last",
): void {
  insertIntoList(ctx, object, object.properties, snippet, position);
}

/** An object literal snippet from `key: value` source pairs. */
export function objectSnippet(entries: [string, string][], indentUnit: string): Snippet {
  return {
    multi: `{\n${entries.map(([k, v]) => `${indentUnit}${k}: ${v},`).join("\n")}\n}`,
    single: `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(", ")} }`,
  };
}
