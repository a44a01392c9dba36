/** Running one edit in a test: its output (refusals fail the test), checked to be idempotent. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { isRefusal, unchanged, type Edit, type EditResult } from "../../src/edit/index.ts";

export const APPS = join(import.meta.dirname, "..", "fixtures", "apps");

/** A fixture app's file. */
export function appFile(app: string, path: string): string {
  return readFileSync(join(APPS, app, path), "utf8");
}

/** The edit's new content; fails on a refusal or `unchanged`, and when a second run changes anything. */
export function runEdit(edit: Edit, input: string | undefined, path: string): string {
  const result = edit(input, { path });
  if (isRefusal(result)) throw new Error(`refused: ${result.reason}`);
  expect(result, "the edit had nothing to do").not.toBe(unchanged);
  const again = edit(result as string, { path });
  expect(isRefusal(again) ? again.reason : again, "a second run must change nothing").toBe(unchanged);
  return result as string;
}

/** The refusal's reason (fails when the edit did not refuse). */
export function refusalOf(result: EditResult): string {
  if (!isRefusal(result))
    throw new Error(`expected a refusal, got ${typeof result === "string" ? result : "unchanged"}`);
  return result.reason;
}
