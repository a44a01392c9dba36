import { describe, expect, it } from "vitest";
import { envRead, isProcessEnv } from "./env.ts";
import { parseCode, type Node } from "./parse.ts";

function expression(code: string): Node {
  const parsed = parseCode("x.ts", `(${code});`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const statement = parsed.ast.program.body[0]!;
  if (statement.type !== "ExpressionStatement") throw new Error("not an expression");
  return statement.expression;
}

describe("envRead (the one process.env detector)", () => {
  it.each([
    { code: "process.env.A", importMeta: false, read: { name: "A", from: "process.env" } },
    { code: 'process.env["B"]', importMeta: false, read: { name: "B", from: "process.env" } },
    { code: 'process["env"].C', importMeta: false, read: { name: "C", from: "process.env" } },
    { code: "(process.env as any).D", importMeta: false, read: { name: "D", from: "process.env" } },
    { code: "process.env!.E", importMeta: false, read: { name: "E", from: "process.env" } },
    { code: "import.meta.env.F", importMeta: true, read: { name: "F", from: "import.meta.env" } },
    { code: "import.meta.env.F", importMeta: false, read: null },
    { code: "process.env[name]", importMeta: false, read: null },
    { code: "proc.env.A", importMeta: false, read: null },
    { code: "process.environment.A", importMeta: false, read: null },
    { code: "process.env", importMeta: false, read: null },
  ])("$code (import.meta: $importMeta)", ({ code, importMeta, read }) => {
    expect(envRead(expression(code), { importMeta })).toEqual(read);
  });

  it("isProcessEnv sees through wrappers and parentheses only", () => {
    expect(isProcessEnv(expression("((process.env))"))).toBe(true);
    expect(isProcessEnv(expression("process.env.X"))).toBe(false);
    expect(isProcessEnv(expression("globalThis.process.env"))).toBe(false);
  });
});
