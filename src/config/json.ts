/**
 * JSON and JSONC reading with the location of the first error, so a broken package.json or
 * convex.json is reported as `file:line:column` rather than a stack trace.
 */
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { AuthwireError } from "../errors.ts";
import { lineColumnAt } from "../code/location.ts";

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

export type JsonResult<T> = { ok: true; value: T } | { ok: false; problem: JsonProblem };

/** Parses JSON (`jsonc: false`, comments and trailing commas are errors) or JSONC. */
export function readJson<T = unknown>(source: string, { jsonc }: { jsonc: boolean }): JsonResult<T> {
  const errors: ParseError[] = [];
  const value = parse(source, errors, {
    disallowComments: !jsonc,
    allowTrailingComma: jsonc,
    allowEmptyContent: false,
  }) as T;
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumnAt(source, first.offset);
    return { ok: false, problem: { message: describe(first.error), line, column } };
  }
  return { ok: true, value };
}

function describe(code: ParseError["error"]): string {
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Reads a JSON object file or throws `project_unreadable` naming the file, line and fix. */
export function readJsonObjectOrThrow(
  path: string,
  source: string,
  { jsonc }: { jsonc: boolean },
): Record<string, unknown> {
  const result = readJson<unknown>(source, { jsonc });
  if (!result.ok) {
    throw new AuthwireError(
      "project_unreadable",
      `${path} is not valid ${jsonc ? "JSONC" : "JSON"}: ${result.problem.message}`,
      {
        file: path,
        line: result.problem.line,
        column: result.problem.column,
        hint: `Fix the syntax at ${path}:${result.problem.line}:${result.problem.column}, then run authwire again.`,
      },
    );
  }
  if (typeof result.value !== "object" || result.value === null || Array.isArray(result.value)) {
    throw new AuthwireError("project_unreadable", `${path} must hold a JSON object.`, {
      file: path,
      line: 1,
      column: 1,
      hint: `Make ${path} a JSON object ({ ... }).`,
    });
  }
  return result.value as Record<string, unknown>;
}
