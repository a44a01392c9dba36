/**
 * Apply under real processes: an apply killed with SIGKILL half-way is recovered by the next run,
 * and real permission failures (as an unprivileged user) leave the project untouched.
 */
import { spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../src/changes/apply.ts";
import { recoverInterruptedApply } from "../src/changes/journal.ts";
import { detectProject } from "../src/project/detect.ts";
import { planRecipe } from "../src/providers/define.ts";
import { DEMO_OPTIONS, demoRecipe } from "./helpers/demo-recipe.ts";
import { DEAD_OWNER, faultyFs } from "./helpers/faulty-fs.ts";
import { memoryDeployment } from "./helpers/memory-deployment.ts";
import { copyFixture, snapshot, tempDir } from "./helpers/project.ts";
import { nodeFs } from "../src/changes/fs.ts";

const VITE_NODE = join(import.meta.dirname, "..", "node_modules", "vite-node", "vite-node.mjs");
const CHILD = join(import.meta.dirname, "helpers", "apply-child.ts");

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  temp = tempDir("authwire-proc-");
  chmodSync(temp.dir, 0o755);
});
afterAll(() => temp.cleanup());

function runChild(root: string, args: string[], options: { uid?: number; gid?: number; killOn?: string } = {}) {
  return new Promise<{ stdout: string; signal: NodeJS.Signals | null; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [VITE_NODE, CHILD, root, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.uid !== undefined && { uid: options.uid, gid: options.gid }),
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (options.killOn && stdout.includes(options.killOn)) child.kill("SIGKILL");
    });
    child.stderr.resume();
    child.on("exit", (code, signal) => resolve({ stdout, signal, code }));
  });
}

describe("an apply killed with SIGKILL", () => {
  let writes = 0;
  let commitAt = 0;
  let final: Record<string, string> = {};

  beforeAll(async () => {
    const root = copyFixture("engine/vite-mini", join(temp.dir, "baseline"));
    const fs = faultyFs(nodeFs);
    const deployment = memoryDeployment();
    const plan = await planRecipe(demoRecipe, await detectProject(root), DEMO_OPTIONS, {
      git: false,
      readDeployment: (t) => deployment.list(t),
    });
    await applyPlan(plan, { io: { fs, deployment, owner: DEAD_OWNER, install: async () => undefined } });
    writes = fs.writes;
    commitAt = fs.log.findLastIndex((l) => l.startsWith("rename") && l.includes("journal.json")) + 1;
    final = snapshot(root);
  });

  const points = [
    ["while writing its first backups", () => 8],
    ["half-way through the files", () => Math.floor((commitAt + 8) / 2)],
    ["right before committing", () => commitAt - 1],
    ["after committing, while cleaning up", () => commitAt + 2],
  ] as const;

  for (const [when, at] of points) {
    it(`${when}: the next run restores the project (or finishes the committed apply)`, async () => {
      const n = at();
      expect(n).toBeLessThan(writes);
      const root = copyFixture("engine/vite-mini", join(temp.dir, `kill-${n}`));
      const original = snapshot(root);
      const child = await runChild(root, ["pause", String(n)], { killOn: "paused" });
      expect(child.signal).toBe("SIGKILL");
      expect(existsSync(join(root, ".authwire", "journal"))).toBe(true);

      const recovery = await recoverInterruptedApply(root);
      expect(recovery.recovered).toBe(true);
      expect(existsSync(join(root, ".authwire"))).toBe(false);
      expect(snapshot(root)).toEqual(n > commitAt ? final : original);
    });
  }
});

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe("real permissions, as an unprivileged user", () => {
  /** A project owned by the user that runs the apply (nobody when the tests run as root). */
  function project(name: string): string {
    const root = copyFixture("engine/vite-mini", join(temp.dir, name));
    chmodSync(join(temp.dir, name), 0o755);
    if (asRoot) chownTree(root, NOBODY, NOBODY);
    return root;
  }
  const user = asRoot ? { uid: NOBODY, gid: NOBODY } : {};

  it("a folder it can't write: a clear error naming it, nothing written", async () => {
    const root = project("locked-src");
    if (asRoot) chownSync(join(root, "src"), 0, 0);
    else chmodSync(join(root, "src"), 0o555);
    const before = snapshot(root);
    const child = await runChild(root, ["run"], user);
    const outcome = JSON.parse(child.stdout.trim().split("\n").pop()!);
    expect(outcome).toMatchObject({ ok: false, code: "apply_failed" });
    expect(outcome.message).toContain("src/ is not writable");
    expect(snapshot(root)).toEqual(before);
    if (!asRoot) chmodSync(join(root, "src"), 0o755);
  });

  it("a file it can't write: refused as read-only, nothing written", async () => {
    const root = project("locked-file");
    if (asRoot) chownSync(join(root, ".gitignore"), 0, 0);
    else chmodSync(join(root, ".gitignore"), 0o444);
    const before = snapshot(root);
    const outcome = JSON.parse((await runChild(root, ["run"], user)).stdout.trim().split("\n").pop()!);
    expect(outcome).toMatchObject({ ok: false, code: "apply_failed" });
    expect(outcome.message).toContain(".gitignore is read-only");
    expect(snapshot(root)).toEqual(before);
  });

  it("a journal folder it can't create: nothing changed, a clear error", async () => {
    const root = project("locked-journal");
    mkdirSync(join(root, ".authwire"));
    if (asRoot) chownSync(join(root, ".authwire"), 0, 0);
    chmodSync(join(root, ".authwire"), 0o555);
    const before = snapshot(root);
    const outcome = JSON.parse((await runChild(root, ["run"], user)).stdout.trim().split("\n").pop()!);
    expect(outcome).toMatchObject({ ok: false, code: "apply_failed" });
    expect(outcome.message).toContain("Could not start the apply journal");
    expect(snapshot(root)).toEqual(before);
    chmodSync(join(root, ".authwire"), 0o755);
  });

  it("the same project, writable: the unprivileged apply succeeds", async () => {
    const root = project("writable");
    const outcome = JSON.parse((await runChild(root, ["run"], user)).stdout.trim().split("\n").pop()!);
    expect(outcome).toEqual({ ok: true });
    expect(existsSync(join(root, "convex", "auth.config.ts"))).toBe(true);
    expect(existsSync(join(root, ".authwire"))).toBe(false);
  });
});
