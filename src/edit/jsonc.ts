/**
 * JSON/JSONC edits (convex.json, tsconfig.json) through jsonc-parser's `modify`: comments,
 * key order and the file's indentation survive; only the touched value changes.
 */
import {
  applyEdits,
  findNodeAtLocation,
  format,
  getNodeValue,
  modify,
  parseTree,
  type JSONPath,
  type Node as JsonNode,
  type ParseError,
} from "jsonc-parser";
import { isDeepStrictEqual } from "node:util";
import { lineColumnAt } from "../code/location.ts";
import { defineEdit, detectEol, refuse, unchanged, type Edit, type Refusal } from "./edit.ts";

export interface JsonValueSpec {
  /** Where, as keys and array indexes: `["authKit", "dev", "redirectUris"]`. */
  path: JSONPath;
  value: unknown;
  /** A new key goes first in its object instead of last (`$schema`). */
  first?: boolean;
  /** Leave an existing value alone, whatever it is (only add the key when it is missing). */
  onlyIfMissing?: boolean;
}

export interface JsonArrayItemSpec {
  /** The array's path; created when missing. */
  path: JSONPath;
  /** Added unless an equal item is already in the array. */
  item: unknown;
}

function formatting(source: string) {
  const indent = /\n([ \t]+)\S/.exec(source)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: detectEol(source),
  };
}

function parseOrRefuse(path: string, source: string) {
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const { line, column } = lineColumnAt(source, first?.offset ?? 0);
    return refuse(`${path}:${line}:${column} is not valid JSON; authwire can't edit it without guessing.`, {
      line,
      column,
    });
  }
  if (tree.type !== "object") return refuse(`${path} does not hold a JSON object.`, { line: 1 });
  return tree;
}

function edit(path: string, content: string | undefined, run: (source: string) => string | typeof unchanged | Refusal) {
  if (content === undefined) {
    // A new file: build it from an empty object and print it whole.
    const result = run("{}");
    if (typeof result !== "string") return result;
    return `${JSON.stringify(parseTree(result) ? getNodeValue(parseTree(result)!) : {}, null, 2)}\n`;
  }
  const tree = parseOrRefuse(path, content);
  if ("kind" in tree) return tree;
  return run(content);
}

/** The deepest node that exists along `path` (where an insertion lands). */
function deepestExisting(root: JsonNode, path: JSONPath): JsonNode {
  let node = root;
  for (let depth = path.length; depth > 0; depth -= 1) {
    const found = findNodeAtLocation(root, path.slice(0, depth));
    if (found) {
      node = found;
      break;
    }
  }
  return node;
}

/**
 * `modify` without its own formatting (which reformats whole lines around the edit), then
 * formats only the inserted text; in a one-line object or array the insertion stays inline.
 */
function modifyPreservingLayout(
  source: string,
  path: JSONPath,
  value: unknown,
  isArrayInsertion = false,
  first = false,
): string {
  const tree = parseTree(source)!;
  const container = deepestExisting(tree, isArrayInsertion ? path.slice(0, -1) : path);
  const edits = modify(source, path, value, { isArrayInsertion, ...(first && { getInsertionIndex: () => 0 }) });
  const edit = edits[0];
  if (!edit) return source;
  const inline = !source.slice(container.offset, container.offset + container.length).includes("\n");
  if (inline) {
    const content = edit.content.replace(/^,(?=\S)/, ", ");
    return applyEdits(source, [{ ...edit, content }]);
  }
  const applied = applyEdits(source, [edit]);
  const layout = format(
    applied,
    { offset: edit.offset, length: edit.content.length },
    { ...formatting(source), keepLines: false },
  );
  return applyEdits(applied, layout);
}

/**
 * A new first key of a multi-line object that has keys: its own line right after `{`, indented
 * like the line below (so a comment that opens the object stays under it). undefined: not that case.
 */
function insertFirstProperty(source: string, tree: JsonNode, path: JSONPath, value: unknown): string | undefined {
  const key = path[path.length - 1];
  const parent = path.length === 1 ? tree : findNodeAtLocation(tree, path.slice(0, -1));
  if (typeof key !== "string" || !parent || parent.type !== "object" || !parent.children?.length) return undefined;
  const open = parent.offset + 1;
  const lineBreak = /^[ \t]*\r?\n([ \t]*)/.exec(source.slice(open));
  if (!lineBreak) return undefined;
  const { eol } = formatting(source);
  const indent = lineBreak[1]!;
  const text = JSON.stringify(value, null, indent.startsWith("\t") ? "\t" : Math.max(indent.length, 1)).replace(
    /\n/g,
    `${eol}${indent}`,
  );
  return `${source.slice(0, open)}${eol}${indent}${JSON.stringify(key)}: ${text},${source.slice(open)}`;
}

/** Sets the value at `path` (creating objects on the way); an equal value already there: unchanged. */
export function setJsonValue(spec: JsonValueSpec): Edit {
  return defineEdit(`set ${spec.path.join(".")}`, (content, file) =>
    edit(file.path, content, (source) => {
      const tree = parseTree(source)!;
      const node = findNodeAtLocation(tree, spec.path);
      if (node && (spec.onlyIfMissing || isDeepStrictEqual(getNodeValue(node), spec.value))) return unchanged;
      if (!node && spec.first) {
        const inserted = insertFirstProperty(source, tree, spec.path, spec.value);
        if (inserted !== undefined) return inserted;
      }
      return modifyPreservingLayout(source, spec.path, spec.value, false, spec.first);
    }),
  );
}

/** Appends `item` to the array at `path` unless an equal item is in it. */
export function addJsonArrayItem(spec: JsonArrayItemSpec): Edit {
  return defineEdit(`add ${JSON.stringify(spec.item)} to ${spec.path.join(".")}`, (content, file) =>
    edit(file.path, content, (source) => {
      const tree = parseTree(source)!;
      const node = findNodeAtLocation(tree, spec.path);
      if (!node) return modifyPreservingLayout(source, spec.path, [spec.item]);
      if (node.type !== "array") return refuse(`${file.path}: ${spec.path.join(".")} is not an array.`);
      const items = getNodeValue(node) as unknown[];
      if (items.some((item) => isDeepStrictEqual(item, spec.item))) return unchanged;
      return modifyPreservingLayout(source, [...spec.path, items.length], spec.item, true);
    }),
  );
}
