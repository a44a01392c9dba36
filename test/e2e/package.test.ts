/**
 * What `npx authwire` gets: the package as `npm pack` makes it, installed from the tarball into an
 * empty project (its dependencies from the npm registry), then run through its own bin. This
 * catches a dependency left in devDependencies, a file the `files` list misses (the rule docs the
 * MCP server's explain_rule reads), and stale build output shipped by mistake.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "../..");
const FIXTURE = join(REPO, "test/fixtures/apps/vite-clerk-done");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

let dir: string;
let bin: string;
let packed: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "authwire-package-"));
  // The build `npm test` just made; prepack's rebuild is skipped because other e2e files run dist/ meanwhile.
  const report = JSON.parse(
    execFileSync(NPM, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: REPO,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  packed = report[0]!.files.map((file) => file.path);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  execFileSync(NPM, ["install", "--no-audit", "--no-fund", `./${report[0]!.filename}`], { cwd: dir, stdio: "pipe" });
  bin = join(dir, "node_modules/.bin/authwire");
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(bin, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "" } });

describe("the packed package, installed from its tarball", () => {
  it("ships the build and the docs, no tests or edit cases", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        "dist/cli/main.js",
        "dist/index.js",
        "dist/index.d.ts",
        "docs/rules/user-lookup-by-email.md",
        "README.md",
      ]),
    );
    expect(packed.filter((path) => /\.test\.|\/cases\/|\/testing\/|^src\/|^test\//.test(path))).toEqual([]);
    expect(readdirSync(join(dir, "node_modules/authwire"))).not.toContain("src");
  });

  it("runs through its bin: --version, detect, doctor", () => {
    const version = run("--version");
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const detect = run("detect", "--json", "--cwd", FIXTURE);
    expect(detect.status, detect.stderr).toBe(0);
    expect(JSON.parse(detect.stdout)).toMatchObject({ framework: { name: "vite" }, providers: [{ name: "clerk" }] });

    const doctor = run("doctor", "--offline", "--json", "--cwd", FIXTURE);
    expect(doctor.status, doctor.stderr).toBe(0);
    expect(JSON.parse(doctor.stdout).summary).toEqual({ error: 0, warning: 0, info: expect.any(Number) });
  });

  it("serves MCP, and explain_rule reads the shipped rule docs", async () => {
    const client = new Client({ name: "authwire-package-test", version: "0.0.0" });
    await client.connect(new StdioClientTransport({ command: bin, args: ["mcp"], stderr: "pipe" }));
    try {
      const tools = (await client.listTools()).tools.map((tool) => tool.name);
      expect(tools).toEqual(
        expect.arrayContaining(["detect", "doctor", "verify_token", "plan_add", "apply_add", "explain_rule"]),
      );
      const explained = await client.callTool({ name: "explain_rule", arguments: { code: "AW603" } });
      expect(explained.isError).toBeFalsy();
      expect(JSON.stringify(explained.structuredContent)).toContain("user-lookup-by-email");
    } finally {
      await client.close();
    }
  });
});
