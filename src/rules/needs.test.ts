import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "./index.ts";
import { ANALYSIS_NEEDS, analysisNeeds } from "./needs.ts";

const RULES_DIR = import.meta.dirname;
const READS = {
  backend: /doctor\.backend\b|doctor\.code\.backend|\.resolver\(\)/,
  client: /doctor\.client\b|doctor\.code\.client/,
};

/** Exported helper functions (helpers.ts, config/evaluate.ts) whose own body reads a part. */
function helperReads(part: keyof typeof READS): string[] {
  const names: string[] = [];
  for (const file of ["helpers.ts", "config/evaluate.ts"]) {
    const source = readFileSync(join(RULES_DIR, file), "utf8");
    const chunks = source.split(/\n(?=export (?:async )?function )/);
    for (const chunk of chunks) {
      const name = /^export (?:async )?function (\w+)/.exec(chunk)?.[1];
      if (name && READS[part].test(chunk)) names.push(name);
    }
  }
  return names;
}

describe("ANALYSIS_NEEDS", () => {
  it("lists every registered rule", () => {
    for (const rule of RULES) expect(ANALYSIS_NEEDS[rule.meta.code], rule.meta.code).toBeDefined();
  });

  it("matches what each rule file reads, directly or through a helper", () => {
    const checked: string[] = [];
    for (const folder of readdirSync(RULES_DIR, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const name of readdirSync(join(RULES_DIR, folder.name))) {
        if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
        const source = readFileSync(join(RULES_DIR, folder.name, name), "utf8");
        const code = /code: "(AW\d{3})"/.exec(source)?.[1];
        if (!code) continue;
        const reads = (["backend", "client"] as const).filter(
          (part) =>
            READS[part].test(source) || helperReads(part).some((helper) => new RegExp(`\\b${helper}\\(`).test(source)),
        );
        expect([...(ANALYSIS_NEEDS[code] ?? [])].sort(), `${folder.name}/${name}`).toEqual(reads);
        checked.push(code);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it("gives an unknown rule the whole analysis and --only AW108 only the client part", () => {
    const aw108 = RULES.filter((rule) => rule.meta.code === "AW108");
    expect(analysisNeeds(aw108)).toEqual({ backend: false, client: true });
    const custom = { ...aw108[0]!, meta: { ...aw108[0]!.meta, code: "AW999" } };
    expect(analysisNeeds([custom])).toEqual({ backend: true, client: true });
  });
});
