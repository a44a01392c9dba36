/** doctor's outputs: JSON (design.md shape), SARIF validated against the official 2.1.0 schema, human text. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { createColors } from "picocolors";
import { describe, expect, it } from "vitest";
import { staticEnvSource } from "../../src/config/env-source.ts";
import { memoryFiles } from "../../src/project/files.ts";
import { RULES } from "../../src/rules/index.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { toSarif } from "../../src/rules/sarif.ts";
import { renderDoctor } from "../../src/cli/render/doctor.ts";
import { CLERK_AUTH_CONFIG, viteBaseline, viteClerk, withFiles } from "../helpers/projects.ts";

const require = createRequire(import.meta.url);

async function brokenClerkApp() {
  const app = viteClerk();
  return runDoctor({
    cwd: "/virtual",
    files: memoryFiles(
      withFiles(app, {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace("applicationID", "applicationId"),
        "convex/me.ts": `import { query } from "./_generated/server";\nexport const me = query({ args: {}, handler: async (ctx) => (await ctx.auth.getUserIdentity())!.subject });\n`,
      }),
    ),
    envSource: staticEnvSource({
      dev: app.env.dev,
      prod: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev" },
    }),
  });
}

describe("doctor outputs", () => {
  it("JSON has design.md's shape", async () => {
    const result = await brokenClerkApp();
    expect(result.json.version).toBe(1);
    expect(result.json.summary.error).toBeGreaterThan(0);
    for (const finding of result.json.findings) {
      expect(Object.keys(finding).sort()).toEqual([
        "code",
        "column",
        "docs",
        "file",
        "fix",
        "fixable",
        "line",
        "message",
        "rule",
        "severity",
      ]);
      expect(finding.code).toMatch(/^AW\d{3}$/);
      expect(finding.docs).toBe(`docs/rules/${finding.rule}.md`);
    }
    const codes = result.json.findings.map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(["AW103", "AW204", "AW607"]));
    expect(result.json.findings.find((finding) => finding.code === "AW103")!.fixable).toBe(true);
  });

  it("SARIF validates against the SARIF 2.1.0 schema and carries every finding", async () => {
    const result = await brokenClerkApp();
    const sarif = toSarif(result.findings, RULES, { version: "0.1.0" });
    const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;
    // The published schema is draft-04: `id` became `$id`; it uses no other draft-04-only keywords.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(
      schema,
    );
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema check can fail: a wrong version or a result without a message is rejected.
    expect(validate({ ...sarif, version: "2.0.0" })).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ruleId: "AW103" }] }] })).toBe(false);
    const run = sarif.runs[0]!;
    expect(run.results).toHaveLength(result.findings.length);
    // GitHub code scanning: every result has a rule id and a physical location with a relative URI.
    for (const sarifResult of run.results!) {
      expect(run.tool.driver.rules!.some((rule) => rule.id === sarifResult.ruleId)).toBe(true);
      const location = sarifResult.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).not.toMatch(/^\//);
      expect(location.region!.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it("human output opens with the checklist, groups by severity and ends with a summary", async () => {
    const result = await brokenClerkApp();
    const text = renderDoctor(result, createColors(false));
    const lines = text.split("\n");
    expect(lines[2]).toBe("Setup checklist");
    expect(text).toMatch(/✘ auth\.config entry/);
    expect(text).toMatch(/✘ Production covered/);
    expect(text.indexOf("Errors (")).toBeLessThan(text.indexOf("Warnings ("));
    expect(text).toMatch(/convex\/auth\.config\.ts:5:\d+/);
    expect(lines.at(-2)).toMatch(/^✘ \d+ errors?, \d+ warnings?, \d+ info$/);
  });

  it("a backend with findings but no provider in sight (a monorepo's backend package): the findings lead the summary", async () => {
    const app = viteBaseline();
    const result = await runDoctor({
      cwd: "/virtual",
      files: memoryFiles(
        withFiles(app, {
          "convex/me.ts": `import { query } from "./_generated/server";\nexport const me = query({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error("no"); return identity.subject; } });\n`,
        }),
      ),
      envSource: staticEnvSource(app.env),
    });
    const lines = renderDoctor(result, createColors(false)).split("\n");
    expect(lines.at(-2)).toMatch(
      /^✘ 1 error, \d+ warnings?, \d+ info; no auth provider found here: run authwire add <provider>/,
    );
  });
});
