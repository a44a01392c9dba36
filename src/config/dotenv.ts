/** Reading dotenv files (.env.local, `npx convex env list` dumps) with the dotenv package's own rules. */
import { parse } from "dotenv";

export type EnvValues = Record<string, string>;

export function parseDotenv(source: string): EnvValues {
  return parse(source);
}

/** Shows that a value is set without showing it: `pk_t…(43 chars)`. */
export function maskValue(value: string): string {
  if (value.length <= 8) return "•".repeat(Math.max(value.length, 3));
  return `${value.slice(0, 4)}…(${value.length} chars)`;
}
