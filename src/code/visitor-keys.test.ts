import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseCode } from "./parse.ts";
import { VISITOR_KEYS } from "./visitor-keys.ts";
import { walk } from "./walk.ts";

const require = createRequire(import.meta.url);

describe("VISITOR_KEYS (generated)", () => {
  it("matches the installed @babel/types (else run node scripts/gen-visitor-keys.mjs)", () => {
    const babel = require("@babel/types") as { VISITOR_KEYS: Record<string, string[]> };
    expect(VISITOR_KEYS).toEqual(babel.VISITOR_KEYS);
  });

  it("reaches every node a full property walk reaches (TS + JSX sample)", () => {
    const source = `import type { A } from "./a";
import x, { y as z } from "b";
export default function f<T extends object>(this: Window, a?: number, ...rest: string[]): asserts a is number {}
export const q = query({ args: { id: v.id("t") }, handler: async (ctx, { id }): Promise<void> => { const r = await ctx.db.get(id)!; if (!r) throw new Error(\`x \${id}\`); } });
class C<T> extends D<T> implements E { #p = 1; static { this.x = 2; } m(a: T): void {} declare y: string; }
enum En { A = 1, B } namespace Ns { export type T = { [k: string]: number } | [a: 1, ...b: 2[]]; }
const el = <Provider value={{ a }} {...rest}><Child key="k">{items.map((i) => <li>{i as unknown as string}</li>)}</Child></Provider>;
label: for await (const [k, { v = 1 }] of xs satisfies Iterable<unknown>) { continue label; }
abstract class Abs { abstract m(): void; constructor(private readonly p: number) { this.p; } }
let t: typeof import("x") | keyof T | T[K] | (new () => T) | \`a\${string}\` = a?.b?.[c]?.(d) ?? e;
`;
    const parsed = parseCode("sample.tsx", source);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const byKeys: string[] = [];
    walk(parsed.ast.program, (node) => void byKeys.push(`${node.type}@${node.start}`));
    const byProperties: string[] = [];
    const visit = (node: { type: string; start?: number | null }) => {
      byProperties.push(`${node.type}@${node.start}`);
      for (const [key, value] of Object.entries(node)) {
        if (/^(loc|extra|comments|leadingComments|trailingComments|innerComments|errors|tokens)$/.test(key)) continue;
        for (const child of Array.isArray(value) ? value : [value])
          if (child && typeof child === "object" && typeof child.type === "string") visit(child);
      }
    };
    visit(parsed.ast.program);
    expect(new Set(byKeys)).toEqual(new Set(byProperties));
  });
});
