/**
 * dotenv edits: set keys in place (the last assignment of a key, which is the one dotenv uses),
 * append new ones, keep comments, blank lines, order and line breaks. Values are quoted when
 * they need it, multi-line PEM keys included; every written value is checked to read back
 * exactly through the `dotenv` parser, and a file that wouldn't is never produced.
 */
import { parse } from "dotenv";
import { defineEdit, detectEol, refuse, unchanged, withEol, type Edit } from "./edit.ts";

export interface DotenvSpec {
  /** Keys and the exact values they must read back as. */
  set: Record<string, string>;
}

const KEY = /^[A-Za-z_][\w.-]*$/;
const PLAIN = /^[\w.\-:/@+=,%~^?!*&|<>{}[\]()$;]+$/;

/** Lines after the value that a badly closed quote would swallow; the value must not disturb them. */
const PROBE = "\nP1='x'\nP2=\"y\"\nP3=`z`\nP4=w\n";

function readsBackAs(formatted: string, value: string): boolean {
  const parsed = parse(`K=${formatted}${PROBE}`);
  return parsed.K === value && parsed.P1 === "x" && parsed.P2 === "y" && parsed.P3 === "z" && parsed.P4 === "w";
}

/**
 * The value as it should appear after `NAME=`, or undefined when no dotenv quoting can hold it
 * exactly (a value with all three quote characters and a line break, for example). Every
 * candidate is checked by reading it back, followed by other assignments, through `dotenv`.
 */
export function formatDotenvValue(value: string): string | undefined {
  const candidates: string[] = [];
  if (value === "" || PLAIN.test(value)) candidates.push(value);
  // A closing quote right after a backslash counts as escaped, and dotenv would read on into
  // the next lines, so a value ending in "\\" is never quoted.
  const quotable = !value.endsWith("\\");
  if (quotable && !value.includes("\r") && !value.includes("'")) candidates.push(`'${value}'`);
  if (quotable && !value.includes('"') && !/\\[nr]/.test(value)) {
    candidates.push(`"${value.replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`);
  }
  if (quotable && !value.includes("\r") && !value.includes("`")) candidates.push(`\`${value}\``);
  // Unquoted as a last resort: one line, no comment sign, and not starting with a quote (which
  // dotenv would take as an opening quote and read on into the next lines).
  if (!/[\r\n#]/.test(value) && value.trim() === value && !/^['"`]/.test(value)) candidates.push(value);
  return candidates.find((candidate) => readsBackAs(candidate, value));
}

interface Assignment {
  key: string;
  /** Where the value (with its quotes) starts and ends; an empty value has start === end. */
  valueStart: number;
  valueEnd: number;
}

const ASSIGNMENT = /(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*/y;

function lineEnd(source: string, from: number): number {
  const index = source.indexOf("\n", from);
  return index === -1 ? source.length : index;
}

/** The assignments of a dotenv file in order, following how the dotenv parser reads values. */
export function scanDotenv(source: string): Assignment[] {
  const found: Assignment[] = [];
  let pos = 0;
  while (pos < source.length) {
    while (pos < source.length && /[ \t\r\n]/.test(source[pos]!)) pos += 1;
    if (pos >= source.length) break;
    if (source[pos] === "#") {
      pos = lineEnd(source, pos) + 1;
      continue;
    }
    ASSIGNMENT.lastIndex = pos;
    const match = ASSIGNMENT.exec(source);
    if (!match) {
      pos = lineEnd(source, pos) + 1;
      continue;
    }
    const key = match[1]!;
    const valueStart = pos + match[0].length;
    const quote = source[valueStart];
    let valueEnd = -1;
    if (quote === "'" || quote === '"' || quote === "`") {
      // Like dotenv: the first unescaped quote closes the value when only blanks or a comment follow it.
      for (let at = source.indexOf(quote, valueStart + 1); at !== -1; at = source.indexOf(quote, at + 1)) {
        const escaped = source[at - 1] === "\\";
        let next = at + 1;
        while (next < source.length && /[ \t\r\v\f]/.test(source[next]!)) next += 1;
        if (next === source.length || source[next] === "\n" || source[next] === "#") valueEnd = at + 1;
        if (!escaped) break;
      }
    }
    if (valueEnd === -1) {
      const end = lineEnd(source, valueStart);
      const hash = source.indexOf("#", valueStart);
      const stop = hash !== -1 && hash < end ? hash : end;
      valueEnd = valueStart + source.slice(valueStart, stop).trimEnd().length;
    }
    found.push({ key, valueStart, valueEnd });
    pos = lineEnd(source, valueEnd) + 1;
  }
  return found;
}

/** Sets keys in a dotenv file (creating it when missing); keys already holding their value: unchanged. */
export function setDotenvValues(spec: DotenvSpec): Edit {
  const names = Object.keys(spec.set);
  for (const name of names) if (!KEY.test(name)) throw new TypeError(`Not a valid env variable name: ${name}`);
  return defineEdit(`set ${names.join(", ")}`, (content, file) => {
    const source = content ?? "";
    const before = parse(source);
    const todo = names.filter((name) => before[name] !== spec.set[name]);
    if (todo.length === 0) return unchanged;
    const eol = content === undefined ? "\n" : detectEol(source);
    const assignments = scanDotenv(source);
    const replacements: { start: number; end: number; text: string }[] = [];
    const appended: string[] = [];
    for (const name of todo) {
      const formatted = formatDotenvValue(spec.set[name]!);
      if (formatted === undefined) {
        return refuse(
          `The value for ${name} can't be written to ${file.path} so that it reads back exactly; set it by hand.`,
        );
      }
      const last = assignments.filter((a) => a.key === name).pop();
      if (last) replacements.push({ start: last.valueStart, end: last.valueEnd, text: withEol(formatted, eol) });
      else appended.push(`${name}=${withEol(formatted, eol)}${eol}`);
    }
    let result = source;
    for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start)) {
      result = result.slice(0, start) + text + result.slice(end);
    }
    if (appended.length > 0) {
      if (result.length > 0 && !result.endsWith("\n")) result += eol;
      result += appended.join("");
    }
    // Never write a file that reads back differently from what was asked.
    const after = parse(result);
    const expected = { ...before, ...spec.set };
    const wrong = Object.keys({ ...expected, ...after }).filter((key) => after[key] !== expected[key]);
    if (wrong.length > 0) {
      return refuse(
        `Editing ${file.path} would change how ${wrong.join(", ")} read back; set ${names.join(", ")} by hand.`,
      );
    }
    return result;
  });
}
