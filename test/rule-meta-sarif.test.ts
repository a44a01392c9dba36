/**
 * One source of truth for a rule's default severity (its meta): doctor's findings at the default,
 * explain_rule and the rule's doc page all say the same (AW602 used to disagree). SARIF
 * fingerprints stay put when a message or an env file path changes, and point at no made-up site.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../src/rules/index.ts";
import { explainRule } from "../src/rules/explain.ts";
import { fingerprint, toSarif } from "../src/rules/sarif.ts";
import type { RuleFinding } from "../src/rules/define.ts";

const ROOT = resolve(import.meta.dirname, "..");

describe("default severity", () => {
  it("every rule's doc page states the meta's default severity first", () => {
    for (const rule of RULES) {
      const page = readFileSync(resolve(ROOT, rule.meta.docs), "utf8");
      const stated = /\*\*Default severity:\*\*\s*(\w+)/.exec(page)?.[1];
      expect(stated, `${rule.meta.code} ${rule.meta.docs}`).toBe(rule.meta.severity);
    }
  });

  it("AW602: explain_rule, the doc page and a plain (not user-scoped) finding agree: info", async () => {
    const explained = await explainRule("AW602");
    expect(explained.severity).toBe("info");
    expect(explained.page).toMatch(/\*\*Default severity:\*\* info/);
  });
});

describe("SARIF", () => {
  const finding = (over: Partial<RuleFinding>): RuleFinding =>
    ({
      code: "AW105",
      rule: "auth-config-env-missing",
      severity: "error",
      message: "CLERK_JWT_ISSUER_DOMAIN is not set on the dev deployment (read from env/dev.env).",
      fix: "Set it.",
      docs: "docs/rules/auth-config-env-missing.md",
      fixable: false,
      target: "dev",
      ...over,
    }) as RuleFinding;

  it("fingerprints ignore the message's wording and the env file's path", () => {
    const a = fingerprint(finding({ file: "env/dev.env" }));
    const b = fingerprint(
      finding({ file: "other/place.env", message: "CLERK_JWT_ISSUER_DOMAIN missing (from other/place.env)." }),
    );
    expect(a).toBe(b);
    expect(a).not.toContain("dev.env");
    const code = fingerprint(finding({ code: "AW602", file: "convex/tasks.ts", line: 4, target: undefined }));
    expect(code).toBe("AW602:convex/tasks.ts:4");
  });

  it("names no repository that doesn't exist", () => {
    const log = toSarif([finding({ file: "convex/auth.config.ts", line: 1 })], RULES, { version: "0.1.0" });
    expect(JSON.stringify(log)).not.toContain("github.com/authwire");
  });
});
