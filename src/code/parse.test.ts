import { describe, expect, it } from "vitest";
import { isCodeFile, parseCode } from "./parse.ts";

describe("parseCode", () => {
  const declarations = `export declare const api: { users: unknown };
export const version: string;
export function overloaded(value: string): string;
export function overloaded(value: number): number;
export default interface Config { name: string }
`;

  it("parses declaration files (.d.ts, .d.mts, .d.cts) as TypeScript declarations", () => {
    for (const path of ["types/api.d.ts", "types/api.d.mts", "types/api.d.cts"]) {
      const result = parseCode(path, declarations);
      expect(result.ok, path).toBe(true);
    }
  });

  it("still rejects a const without a value in an ordinary module", () => {
    expect(parseCode("src/api.mts", declarations).ok).toBe(false);
  });

  it("treats declaration files as types, not code to check", () => {
    expect(isCodeFile("convex/_generated/api.d.ts")).toBe(false);
    expect(isCodeFile("src/env.d.mts")).toBe(false);
    expect(isCodeFile("src/env.d.cts")).toBe(false);
    expect(isCodeFile("src/server.mts")).toBe(true);
    expect(isCodeFile("src/router.d.tsx")).toBe(true);
  });
});
