/**
 * Precision: zero error/warning findings on correctly set-up apps: every fixture app whose name
 * ends in -done or -baseline, and the template-shaped virtual apps (with matching dev/prod env).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { staticEnvSource } from "../../src/config/env-source.ts";
import { memoryFiles } from "../../src/project/files.ts";
import { runDoctor } from "../../src/rules/run.ts";
import { doneApps } from "../helpers/projects.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/apps");
const fixtureApps = readdirSync(FIXTURES).filter((name) => /-(?:done|baseline)$/.test(name));

const problems = (
  findings: { severity: string; code: string; file: string | null; line: number | null; message: string }[],
) =>
  findings
    .filter((finding) => finding.severity !== "info")
    .map((finding) => `${finding.code} ${finding.file}:${finding.line} ${finding.message}`);

describe("precision on fixture apps", () => {
  it("finds fixture apps to check", () => {
    expect(fixtureApps.length).toBeGreaterThanOrEqual(5);
  });
  for (const name of fixtureApps) {
    it(`${name}: no errors or warnings`, async () => {
      const result = await runDoctor({ cwd: join(FIXTURES, name), offline: true });
      expect(problems(result.findings)).toEqual([]);
      expect(result.findings.filter((finding) => finding.code === "AW000")).toEqual([]);
    });
  }
});

describe("precision on template-shaped apps with deployment env", () => {
  for (const [name, app] of Object.entries(doneApps())) {
    it(`${name}: no errors or warnings`, async () => {
      const result = await runDoctor({
        cwd: "/virtual",
        files: memoryFiles(app.files, "/virtual"),
        envSource: staticEnvSource(app.env),
      });
      expect(problems(result.findings)).toEqual([]);
      if (name.endsWith("-baseline")) expect(result.findings).toEqual([]);
    });
  }
});
