import { describe, expect, it } from "vitest";
import { cachedFiles, memoryFiles, type ProjectFiles } from "./files.ts";

/** memoryFiles with a count of the reads that reach it. */
function counted(files: Record<string, string>): { inner: ProjectFiles; reads: Map<string, number> } {
  const base = memoryFiles(files);
  const reads = new Map<string, number>();
  return {
    reads,
    inner: {
      ...base,
      read(path) {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return base.read(path);
      },
    },
  };
}

describe("cachedFiles", () => {
  it("serves a second read of a retained file from memory", async () => {
    const { inner, reads } = counted({ "convex/a.ts": "import './_generated/server'" });
    const files = cachedFiles(inner);
    expect(await files.read("convex/a.ts")).toContain("_generated");
    expect(await files.read("convex/a.ts")).toContain("_generated");
    expect(reads.get("convex/a.ts")).toBe(1);
  });

  it("lets go of a text retain turns down: the next read goes back to the files, with the same text", async () => {
    const { inner, reads } = counted({ "src/big.ts": "export const x = 1;", "src/keep.ts": "keep me" });
    const files = cachedFiles(inner, (_path, text) => text.includes("keep"));
    const [first, concurrent] = await Promise.all([files.read("src/big.ts"), files.read("src/big.ts")]);
    expect(first).toBe("export const x = 1;");
    expect(concurrent).toBe(first);
    expect(reads.get("src/big.ts")).toBe(1);
    expect(await files.read("src/big.ts")).toBe(first);
    expect(reads.get("src/big.ts")).toBe(2);
    await files.read("src/keep.ts");
    await files.read("src/keep.ts");
    expect(reads.get("src/keep.ts")).toBe(1);
  });

  it("remembers a missing file without asking retain", async () => {
    const { inner, reads } = counted({});
    const files = cachedFiles(inner, () => false);
    expect(await files.read("nope.ts")).toBeUndefined();
    expect(await files.read("nope.ts")).toBeUndefined();
    expect(reads.get("nope.ts")).toBe(1);
  });
});
