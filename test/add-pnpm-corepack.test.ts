/**
 * `authwire add clerk` on a Vite + React + Convex app that uses pnpm (pnpm-lock.yaml made by pnpm
 * 9.15.0, `"packageManager": "pnpm@9.15.0"`) on a PATH with node and the REAL corepack but no
 * pnpm, as an agent runs it (built CLI, no TTY). Each case gets an empty corepack cache
 * (COREPACK_HOME) and pnpm store of its own, so corepack really downloads pnpm from the registry.
 *
 * This machine's registry serves package metadata without npm signatures, which corepack 0.34
 * refuses ("No compatible signature found in package metadata"). So the install case sets
 * COREPACK_INTEGRITY_KEYS=0 in its own environment (authwire never sets it), and the refusal
 * itself is the second case. The tests need the network: an unreachable registry fails them.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPath } from "../src/changes/install.ts";
import { snapshot, tempDir } from "./helpers/project.ts";
import { clerkPublishableKey } from "./helpers/projects.ts";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "dist/cli/main.js");
/** vite-baseline with pnpm's package.json and lockfile laid over it. */
const BASELINE = join(ROOT, "test/fixtures/apps/vite-baseline");
const PNPM_FILES = join(ROOT, "test/fixtures/vite-pnpm-overlay");
const REGISTRY = (process.env.COREPACK_NPM_REGISTRY ?? "https://registry.npmjs.org").replace(/\/+$/, "");
const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");

let temp: ReturnType<typeof tempDir>;
/** PATH with node and corepack (linked into a folder of their own) and no folder that holds pnpm. */
let pathWithoutPnpm: string;
/** Whether the registry signs pnpm's metadata (this machine's doesn't). */
let registrySigns: boolean;

beforeAll(async () => {
  temp = tempDir("authwire-pnpm-corepack-");
  const corepack = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((folder) => folder && onPath("corepack", { PATH: folder }))
    .map((folder) => join(folder, "corepack"))[0];
  if (!corepack) {
    throw new Error(
      "corepack is not on the PATH: these tests run Node's real corepack (it ships with Node 20; else `npm install -g corepack`).",
    );
  }
  const bin = join(temp.dir, "bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  symlinkSync(corepack, join(bin, "corepack"));
  const others = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((folder) => folder && !onPath("pnpm", { PATH: folder }) && !onPath("pnpx", { PATH: folder }));
  pathWithoutPnpm = [bin, ...others].join(delimiter);

  let metadata: { dist?: { signatures?: unknown[] } };
  try {
    const response = await fetch(`${REGISTRY}/pnpm/9.15.0`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw new Error(
      `The npm registry (${REGISTRY}) can't be reached (${(error as Error).message}): these tests download pnpm through the real corepack and install packages with it, so they need the network.`,
    );
  }
  registrySigns = Array.isArray(metadata.dist?.signatures) && metadata.dist.signatures.length > 0;
});
afterAll(() => temp?.cleanup());

let copies = 0;
function app(): { root: string; corepackHome: string; env: NodeJS.ProcessEnv } {
  const case_ = join(temp.dir, `case-${(copies += 1)}`);
  const root = join(case_, "app");
  cpSync(BASELINE, root, { recursive: true });
  cpSync(PNPM_FILES, root, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: pathWithoutPnpm,
    COREPACK_HOME: join(case_, "corepack"),
    npm_config_store_dir: join(case_, "pnpm-store"),
    npm_config_update_notifier: "false",
    CONVEX_DEPLOYMENT: "",
    CLERK_SECRET_KEY: "",
  };
  delete env.COREPACK_INTEGRITY_KEYS;
  return { root, corepackHome: env.COREPACK_HOME!, env };
}

function addClerk(root: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(
    process.execPath,
    [BIN, "add", "clerk", "--yes", "--json", "--no-env", "--cwd", root, "--clerk-publishable-key", KEY],
    { encoding: "utf8", env, timeout: 240_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("add on a pnpm app without pnpm, through the real corepack", () => {
  it("the real corepack fetches the pinned pnpm@9.15.0 and pnpm really installs @clerk/react (COREPACK_INTEGRITY_KEYS=0 in this test's env only: this machine's registry serves unsigned metadata)", () => {
    const { root, corepackHome, env } = app();
    expect(onPath("pnpm", env), "pnpm must not be on the test's PATH").toBe(false);
    const { code, stdout, stderr } = addClerk(root, { ...env, COREPACK_INTEGRITY_KEYS: "0" });

    // Exit 3 only for the deployment variable --no-env leaves as a step; everything else is applied.
    expect({ code, stderr }).toMatchObject({ code: 3 });
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ applied: true, provider: "clerk", framework: "vite" });
    expect(json.install).toEqual([{ name: "@clerk/react", version: "6.18.0", dev: false, status: "install" }]);
    expect(json.humanSteps[0].title).toContain("CLERK_JWT_ISSUER_DOMAIN");

    // corepack downloaded the version package.json pins into this test's own cache.
    expect(existsSync(join(corepackHome, "v1", "pnpm", "9.15.0", "package.json"))).toBe(true);
    // pnpm's layout, made by that pnpm: no npm install ran.
    expect(readFileSync(join(root, "node_modules", ".modules.yaml"), "utf8")).toMatch(
      /^packageManager: pnpm@9\.15\.0$/m,
    );
    expect(realpathSync(join(root, "node_modules", "@clerk", "react"))).toContain(
      join("node_modules", ".pnpm", "@clerk+react@6.18.0"),
    );
    expect(createRequire(join(root, "src", "main.tsx")).resolve("@clerk/react")).toContain(join(root, "node_modules"));
    expect(existsSync(join(root, "package-lock.json"))).toBe(false);

    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.dependencies["@clerk/react"]).toBe("6.18.0");
    expect(pkg.packageManager).toBe("pnpm@9.15.0");
    const lock = readFileSync(join(root, "pnpm-lock.yaml"), "utf8");
    expect(lock).toMatch(/^lockfileVersion: '9\.0'$/m);
    expect(lock).toMatch(/^ {6}'@clerk\/react':\n {8}specifier: 6\.18\.0$/m);
    expect(lock).toMatch(/^ {2}'@clerk\/react@6\.18\.0':$/m);
    // The files were written after the install.
    expect(readFileSync(join(root, "src", "main.tsx"), "utf8")).toContain("ConvexProviderWithClerk");
    expect(existsSync(join(root, ".authwire"))).toBe(false);
  }, 300_000);

  it("no packageManager field: the real corepack runs the pnpm major that wrote the lockfile (9), not its own newest default, and the install succeeds (COREPACK_INTEGRITY_KEYS=0 in this test's env only)", () => {
    const { root, corepackHome, env } = app();
    const pkgPath = join(root, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
    delete pkg.packageManager;
    writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
    const { code, stdout, stderr } = addClerk(root, { ...env, COREPACK_INTEGRITY_KEYS: "0" });

    expect({ code, stderr }).toMatchObject({ code: 3 });
    expect(JSON.parse(stdout)).toMatchObject({ applied: true });
    const fetched = readdirSync(join(corepackHome, "v1", "pnpm"));
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((version) => version.startsWith("9."))).toBe(true);
    expect(readFileSync(join(root, "node_modules", ".modules.yaml"), "utf8")).toMatch(/^packageManager: pnpm@9\./m);
    expect(readFileSync(join(root, "pnpm-lock.yaml"), "utf8")).toMatch(/^ {2}'@clerk\/react@6\.18\.0':$/m);
  }, 300_000);

  it("the real corepack refusing to fetch pnpm (no COREPACK_INTEGRITY_KEYS; this machine's registry serves unsigned metadata): exit 3 with corepack's error and how to get pnpm, nothing written", () => {
    const { root, env } = app();
    // Where a registry does sign pnpm, a key it never signs with makes corepack refuse it the same way.
    if (registrySigns) {
      env.COREPACK_INTEGRITY_KEYS = JSON.stringify({
        npm: [{ keyid: "SHA256:authwire-test-no-such-key", keytype: "ecdsa-sha2-nistp256", key: "AAAA" }],
      });
    }
    const before = snapshot(root, []);
    const { code, stdout, stderr } = addClerk(root, env);

    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    // --json: the error is JSON on stderr.
    const { error } = JSON.parse(stderr);
    expect(error.code).toBe("human_step_required");
    expect(error.message).toMatch(
      /^The project uses pnpm, which is not installed here, and corepack could not fetch pnpm \(corepack said "(?:Error: No compatible signature found in package metadata|Usage Error: The package was not signed by any trusted keys)"\); nothing was written\.$/,
    );
    expect(error.details.steps.map((step: { title: string }) => step.title)).toEqual([
      "Install pnpm: `npm install -g pnpm`",
      expect.stringContaining("COREPACK_INTEGRITY_KEYS"),
    ]);
    // Refused before any write: no files, no node_modules, no journal.
    expect(snapshot(root, [])).toEqual(before);
  }, 120_000);
});
