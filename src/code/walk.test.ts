import { describe, expect, it } from "vitest";
import { lineColumnAt, lineOfAssignment, lineText, positionOf } from "./location.ts";
import { parseCode } from "./parse.ts";
import { dispatchWalk, walk } from "./walk.ts";

function program(source: string) {
  const parsed = parseCode("x.tsx", source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.ast.program;
}

describe("dispatchWalk", () => {
  it("calls enter and :exit handlers per set, in walk order", () => {
    const seen: string[] = [];
    dispatchWalk(
      program("f(g(1));"),
      [
        {
          CallExpression: (node) => void seen.push(`a:${node.start}`),
          "CallExpression:exit": (node) => void seen.push(`a/${node.start}`),
        },
        { NumericLiteral: (node) => void seen.push(`b:${node.start}`) },
      ],
      () => {},
    );
    expect(seen).toEqual(["a:0", "a:2", "b:4", "a/2", "a/0"]);
  });

  it("disables only the set that threw, and reports it once", () => {
    const crashes: number[] = [];
    const calls: string[] = [];
    dispatchWalk(
      program("a; b; c;"),
      [
        {
          Identifier: () => {
            throw new Error("boom");
          },
        },
        { Identifier: (node) => void calls.push(node.type === "Identifier" ? node.name : "?") },
      ],
      (set) => crashes.push(set),
    );
    expect(crashes).toEqual([0]);
    expect(calls).toEqual(["a", "b", "c"]);
  });

  it("visits the same nodes the generic walk does when a handler wants every type", () => {
    const source = `export const q = query({ handler: async (ctx) => { const x = <div a={1}>{y}</div>; return x satisfies T; } });`;
    const generic: string[] = [];
    walk(program(source), (node) => void generic.push(`${node.type}@${node.start}`));
    const types = new Set(generic.map((entry) => entry.split("@")[0]!));
    const dispatched: string[] = [];
    const visitors = Object.fromEntries(
      [...types].map((type) => [
        type,
        (node: { type: string; start?: number | null }) => void dispatched.push(`${node.type}@${node.start}`),
      ]),
    );
    dispatchWalk(program(source), [visitors], () => {});
    expect(dispatched).toEqual(generic);
  });

  it("skip() in a handler skips the children", () => {
    const seen: string[] = [];
    dispatchWalk(
      program("function f() { inner(); } outer();"),
      [
        {
          FunctionDeclaration: (_node, context) => context.skip(),
          CallExpression: (node) =>
            void seen.push(
              node.type === "CallExpression" && node.callee.type === "Identifier" ? node.callee.name : "?",
            ),
        },
      ],
      () => {},
    );
    expect(seen).toEqual(["outer"]);
  });
});

describe("location", () => {
  it("answers line and column questions", () => {
    const source = "a\nbc\n  export KEY = 1\n";
    expect(lineColumnAt(source, 3)).toEqual({ line: 2, column: 2 });
    expect(lineText(source, 2)).toBe("bc");
    expect(lineText(source, 9)).toBe("");
    expect(lineOfAssignment(source, "KEY")).toBe(3);
    expect(lineOfAssignment(source, "K.Y")).toBeNull();
    expect(positionOf(program("a;\nb;\n  c;").body[2]!)).toEqual({ line: 3, column: 3 });
  });
});
