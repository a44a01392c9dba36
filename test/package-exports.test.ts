/**
 * The published entry points, imported from dist by name as a user would (Node resolves the
 * package's own "exports"): the operations from `authwire`, internals only from their subpaths,
 * and a .d.ts beside every entry.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
};

/** The exported names of each entry, read by a separate Node process from dist. */
function exportedNames(): Record<string, string[]> {
  const entries = Object.keys(pkg.exports).filter((key) => key !== "./package.json");
  const script = `
    const names = {};
    for (const entry of ${JSON.stringify(entries)}) {
      const specifier = entry === "." ? "authwire" : "authwire/" + entry.slice(2);
      names[entry] = Object.keys(await import(specifier)).sort();
    }
    process.stdout.write(JSON.stringify(names));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out) as Record<string, string[]>;
}

describe("package exports (dist)", () => {
  const names = exportedNames();

  it("the public entry exports the operations", () => {
    for (const operation of [
      "detect",
      "runDoctor",
      "verifyToken",
      "verifyLogin",
      "planAdd",
      "applyAdd",
      "toAddJson",
      "planUsers",
      "applyUsers",
      "planProtect",
      "applyProtect",
      "planKeys",
      "applyKeys",
      "explainRule",
      "planDoctorFix",
      "applyDoctorFix",
    ])
      expect(names["."], operation).toContain(operation);
  });

  it("internals are behind subpaths, not in the public entry", () => {
    for (const internal of ["createKit", "collectPlan", "applyPlan", "defineRecipe", "createFetcher", "edit"])
      expect(names["."], internal).not.toContain(internal);
    expect(names["./changes"]).toEqual(expect.arrayContaining(["applyPlan", "collectPlan", "createKit", "isNoop"]));
    expect(names["./edit"]).toEqual(expect.arrayContaining(["defineEdit", "refuse", "unchanged"]));
    expect(names["./recipes"]).toEqual(expect.arrayContaining(["defineRecipe", "planRecipe"]));
    expect(names["./oidc"]).toEqual(expect.arrayContaining(["createFetcher", "warmKeys"]));
    expect(names["./deployment"]).toEqual(expect.arrayContaining(["readDeploymentEnv", "liveEnvSource"]));
    expect(names["./operations"]).toEqual(expect.arrayContaining(["OPERATIONS", "mcpInput", "cliOptions"]));
  });

  it("every entry has its types", () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === "string") continue;
      expect(existsSync(join(ROOT, target.types)), `${entry}: ${target.types}`).toBe(true);
      expect(existsSync(join(ROOT, target.default)), `${entry}: ${target.default}`).toBe(true);
    }
  });
});
