/** `npm run check:rules` runs inside `npm test` through this file, and it can fail. */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const script = join(root, "scripts/check-rules.mjs");

describe("check:rules", () => {
  it("passes on this repository", () => {
    const out = execFileSync(process.execPath, [script], { encoding: "utf8" });
    expect(out).toMatch(/check:rules: \d+ rules/);
  });

  it("fails on a missing doc page, a missing test, a duplicate code and a missing registry entry", () => {
    const copy = mkdtempSync(join(tmpdir(), "aw-check-rules-"));
    try {
      cpSync(join(root, "src/rules"), join(copy, "src/rules"), { recursive: true });
      cpSync(join(root, "docs/rules"), join(copy, "docs/rules"), { recursive: true });
      rmSync(join(copy, "docs/rules/user-lookup-by-email.md"));
      rmSync(join(copy, "src/rules/functions/auth-ctx-any.test.ts"));
      writeFileSync(
        join(copy, "src/rules/functions/extra-rule.ts"),
        `import { defineRule } from "../define.ts";\nexport default defineRule({ meta: { code: "AW603", name: "extra-rule", category: "functions" } as never, check() {} });\n`,
      );
      const result = spawnSync(process.execPath, [script, copy], { encoding: "utf8" });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("no doc page docs/rules/user-lookup-by-email.md");
      expect(result.stderr).toContain("no test file src/rules/functions/auth-ctx-any.test.ts");
      expect(result.stderr).toContain("code AW603 is also used by");
      expect(result.stderr).toContain("extra-rule.ts: not imported in src/rules/index.ts");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
