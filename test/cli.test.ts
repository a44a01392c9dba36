/** The built `authwire` bin, run as a user or an agent would run it (no TTY). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.ts";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test/fixtures/apps");

function authwire(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return runCli(args, { cwd: options.cwd ?? ROOT, env: { CONVEX_DEPLOYMENT: "", ...options.env } });
}

describe("authwire CLI", () => {
  it("prints its version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(authwire(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("documents the global flags in every command's help", () => {
    const { code, stdout } = authwire(["detect", "--help"]);
    expect(code).toBe(0);
    const global = authwire(["--help"]).stdout;
    for (const flag of ["--cwd", "--json", "--yes", "--no-color"]) expect(global).toContain(flag);
    expect(stdout).toContain("Usage: authwire detect");
  });

  it("exits 2 on an unknown command or flag", () => {
    expect(authwire(["frobnicate"]).code).toBe(2);
    expect(authwire(["detect", "--frobnicate"]).code).toBe(2);
  });

  it("detect --json prints only the JSON facts on stdout", () => {
    const { code, stdout, stderr } = authwire(["detect", "--json", "--cwd", join(APPS, "vite-port-3001")]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const facts = JSON.parse(stdout) as Record<string, unknown>;
    expect(facts).toMatchObject({ version: 1, framework: { name: "vite" }, devServer: { port: 3001 } });
  });

  it("detect prints readable facts for humans", () => {
    const { code, stdout } = authwire(["detect", "--cwd", join(APPS, "vite-clerk-done")]);
    expect(code).toBe(0);
    expect(stdout).toContain("port 5173");
    expect(stdout).toContain("clerk ← src/main.tsx: ConvexProviderWithClerk");
    expect(stdout).not.toMatch(/\u001b\[/); // no colour without a TTY
  });

  it("honours --cwd relative to the current directory", () => {
    const { code, stdout } = authwire(["detect", "--json", "--cwd", "next-app-src"], { cwd: APPS });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ root: join(APPS, "next-app-src"), devServer: { port: 3005 } });
  });

  it("from a monorepo root lists the apps and exits 2, with a JSON error on stderr", () => {
    const { code, stdout, stderr } = authwire(["detect", "--json", "--cwd", join(APPS, "monorepo")]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(JSON.parse(stderr)).toMatchObject({
      error: { code: "monorepo_root", details: { apps: ["apps/web", "packages/backend"] } },
    });
  });

  it("reports a malformed package.json with file:line:column and no stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "authwire-cli-"));
    try {
      await writeFile(join(dir, "package.json"), '{\n  "name": "x"\n  "dependencies": {}\n}\n');
      const { code, stdout, stderr } = authwire(["detect", "--cwd", dir]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("package.json:3:3");
      expect(stderr).toContain("hint:");
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
