import { describe, expect, it } from "vitest";
import { moduleOf } from "../fixture.test-helper.ts";

describe("module collector", () => {
  it.each([
    {
      title: "imports (named, default, namespace) and exports (declared, renamed, default name)",
      source: `import { query as q } from "./_generated/server";\nimport lib from "./lib";\nimport * as all from "./all";\nexport const a = 1;\nexport function b() {}\nconst c = 2;\nexport { c as d };\nexport default c;`,
      imports: { q: "./_generated/server#query", lib: "./lib#default", all: "./all#*" },
      exports: { a: "a", b: "b", d: "c", default: "c" },
      envReads: [] as string[],
      useNode: false,
    },
    {
      title: '"use node" and env reads inside functions only (process.env.X, not computed, not top level)',
      source: `"use node";\nconst top = process.env.TOP;\nexport function f() { return [process.env.INSIDE, process.env["COMPUTED"], process["env"].BRACKET]; }`,
      imports: {},
      exports: { f: "f" },
      envReads: ["INSIDE", "BRACKET"],
      useNode: true,
    },
  ])("$title", async ({ source, imports, exports, envReads, useNode }) => {
    const module = await moduleOf(source);
    expect(Object.fromEntries([...module.imports].map(([local, b]) => [local, `${b.module}#${b.imported}`]))).toEqual(
      imports,
    );
    expect(Object.fromEntries(module.exportNames)).toEqual(exports);
    expect(module.envReads.map((read) => read.name)).toEqual(envReads);
    expect(module.useNode).toBe(useNode);
  });
});
