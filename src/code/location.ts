/**
 * "Where is X": the one owner of line and column answers, for offsets, nodes and assignments.
 * Lines and columns are 1-based everywhere.
 */
import type { Node } from "@babel/types";

/** 1-based line and column of a character offset. */
export function lineColumnAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let index = source.indexOf("\n"); index !== -1 && index < end; index = source.indexOf("\n", index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** 1-based line and column of a node's start. */
export function positionOf(node: Node): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

/** `positionOf(node).line` without the object (for records that keep line and column as fields). */
export function lineAt(node: Node): number {
  return node.loc?.start.line ?? 1;
}

/** `positionOf(node).column`, 1-based. */
export function columnAt(node: Node): number {
  return (node.loc?.start.column ?? 0) + 1;
}

/** The text of a 1-based line ("" past the end). */
export function lineText(source: string, line: number): string {
  return source.split("\n")[line - 1] ?? "";
}

/** 1-based line where `NAME=` / `NAME:` / `export NAME=` is assigned (dotenv, YAML-ish), or null. */
export function lineOfAssignment(source: string, name: string): number | null {
  const lines = source.split(/\r?\n/);
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[=:]`);
  const index = lines.findIndex((line) => pattern.test(line));
  return index === -1 ? null : index + 1;
}
