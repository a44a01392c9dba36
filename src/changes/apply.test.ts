import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAuthwireError } from "../errors.ts";
import { detectProject } from "../project/detect.ts";
import { diskFiles } from "../project/files.ts";
import { planRecipe } from "../providers/define.ts";
import { DEMO_OPTIONS, demoRecipe } from "../../test/helpers/demo-recipe.ts";
import { DEAD_OWNER, faultyFs } from "../../test/helpers/faulty-fs.ts";
import { memoryDeployment } from "../../test/helpers/memory-deployment.ts";
import { copyFixture, snapshot, tempDir } from "../../test/helpers/project.ts";
import { applyPlan, type ApplyIo } from "./apply.ts";
import { collectPlan } from "./collect.ts";
import { nodeFs } from "./fs.ts";
import { JOURNAL_DIR, recoverInterruptedApply } from "./journal.ts";
import { createKit } from "./kit.ts";
import { isNoop, type Plan } from "./plan.ts";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir("authwire-apply-");
});
afterEach(() => temp.cleanup());

let copies = 0;
function freshProject(): string {
  copies += 1;
  const root = join(temp.dir, `p${copies}`);
  return copyFixture("engine/vite-mini", root);
}

async function demoPlan(root: string, deployment = memoryDeployment()): Promise<Plan> {
  const facts = await detectProject(root);
  return planRecipe(demoRecipe, facts, DEMO_OPTIONS, {
    git: false,
    readDeployment: (target) => deployment.list(target),
  });
}

function io(deployment = memoryDeployment(), extra: Partial<ApplyIo> = {}): Partial<ApplyIo> {
  return { deployment, owner: DEAD_OWNER, install: async () => undefined, ...extra };
}

function errorCode(error: unknown): string {
  return isAuthwireError(error) ? error.code : `not an AuthwireError: ${String(error)}`;
}

describe("applyPlan", () => {
  it("writes the plan, sets the deployment variable, removes its journal, and a second plan has only skips", async () => {
    const root = freshProject();
    chmodSync(join(root, ".env.local"), 0o600);
    const deployment = memoryDeployment();
    const plan = await demoPlan(root, deployment);
    expect(plan.items.map((i) => [i.action, i.path])).toEqual([
      ["modify", "src/main.tsx"],
      ["create", "convex/auth.config.ts"],
      ["create", "src/auth/SignedInOnly.tsx"],
      ["modify", ".env.local"],
      ["modify", ".gitignore"],
    ]);
    const result = await applyPlan(plan, { io: io(deployment) });
    expect(result.written.map((w) => w.path)).toEqual(plan.items.map((i) => i.path));
    expect(result.envSet).toEqual(["dev:CLERK_JWT_ISSUER_DOMAIN"]);
    expect(deployment.values.dev).toEqual({ CLERK_JWT_ISSUER_DOMAIN: DEMO_OPTIONS.issuer });
    expect(existsSync(join(root, ".authwire"))).toBe(false);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toContain("\n.env.local\n");
    expect(statSync(join(root, ".env.local")).mode & 0o777).toBe(0o600);

    const again = await demoPlan(root, deployment);
    expect(again.items.every((i) => i.action === "skip")).toBe(true);
    expect(again.env.map((c) => c.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(isNoop(again)).toBe(true);
  });

  it("sets deployment variables before it writes any file (auth.config.ts reads them once pushed)", async () => {
    const root = freshProject();
    const deployment = memoryDeployment();
    const fs = faultyFs(nodeFs);
    const order: string[] = [];
    const recording = {
      ...deployment,
      set: async (target: "dev" | "prod", name: string, value: string) => {
        order.push(
          `env ${name} (files written so far: ${fs.log.filter((l) => l.startsWith("rename") && !l.includes(".authwire")).length})`,
        );
        await deployment.set(target, name, value);
      },
    };
    await applyPlan(await demoPlan(root, deployment), { io: io(deployment, { fs, deployment: recording }) });
    expect(order).toEqual(["env CLERK_JWT_ISSUER_DOMAIN (files written so far: 0)"]);
  });

  it("refuses a plan whose file changed since planning (plan_stale) and writes nothing", async () => {
    const root = freshProject();
    const plan = await demoPlan(root);
    writeFileSync(
      join(root, "src/main.tsx"),
      `${readFileSync(join(root, "src/main.tsx"), "utf8")}// edited meanwhile\n`,
    );
    const before = snapshot(root);
    const error = await applyPlan(plan, { io: io() }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("plan_stale");
    expect((error as { file?: string }).file).toBe("src/main.tsx");
    expect(snapshot(root)).toEqual(before);
  });

  it("refuses when a file it would create appeared since planning", async () => {
    const root = freshProject();
    const plan = await demoPlan(root);
    writeFileSync(join(root, "convex/auth.config.ts"), "export default { providers: [] };\n");
    const before = snapshot(root);
    expect(errorCode(await applyPlan(plan, { io: io() }).catch((e: unknown) => e))).toBe("plan_stale");
    expect(snapshot(root)).toEqual(before);
  });

  it("refuses a read-only file up front and writes nothing", async () => {
    const root = freshProject();
    const plan = await demoPlan(root);
    chmodSync(join(root, "src/main.tsx"), 0o444);
    const before = snapshot(root);
    const deployment = memoryDeployment();
    const error = await applyPlan(plan, { io: io(deployment) }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("apply_failed");
    expect(String((error as Error).message)).toMatch(/src\/main\.tsx is read-only/);
    expect(snapshot(root)).toEqual(before);
    expect(deployment.log.filter((l) => l.startsWith("set"))).toEqual([]);
  });

  it("refuses to write through a symbolic link", async () => {
    const root = freshProject();
    writeFileSync(join(temp.dir, "shared.env"), "VITE_CONVEX_URL=https://x.convex.cloud\n");
    const { rmSync } = await import("node:fs");
    rmSync(join(root, ".env.local"));
    symlinkSync(join(temp.dir, "shared.env"), join(root, ".env.local"));
    const plan = await demoPlan(root);
    const error = await applyPlan(plan, { io: io() }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("apply_failed");
    expect(String((error as Error).message)).toContain("symbolic link");
    expect(readFileSync(join(temp.dir, "shared.env"), "utf8")).toBe("VITE_CONVEX_URL=https://x.convex.cloud\n");
  });

  it("rolls back the files and the deployment when the deployment refuses a variable", async () => {
    const root = freshProject();
    const deployment = memoryDeployment({ dev: { OTHER: "1" } }, { failSet: "CLERK_JWT_ISSUER_DOMAIN" });
    const plan = await demoPlan(root, deployment);
    const before = snapshot(root);
    const error = await applyPlan(plan, { io: io(deployment) }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("apply_failed");
    expect(snapshot(root)).toEqual(before);
    expect(deployment.values.dev).toEqual({ OTHER: "1" });
  });

  it("puts back a deployment variable's previous value when a later step fails", async () => {
    const root = freshProject();
    const deployment = memoryDeployment({ dev: { CLERK_JWT_ISSUER_DOMAIN: "https://old.clerk.accounts.dev" } });
    const plan = await demoPlan(root, deployment);
    const before = snapshot(root);
    const fs = faultyFs(nodeFs, { failAt: 12 });
    const error = await applyPlan(plan, { io: io(deployment, { fs }) }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("apply_failed");
    expect(deployment.values.dev).toEqual({ CLERK_JWT_ISSUER_DOMAIN: "https://old.clerk.accounts.dev" });
    expect(snapshot(root)).toEqual(before);
  });

  it("installs packages and, when a later write fails, restores package.json and the lockfile", async () => {
    const installInto = (root: string) => async () => {
      const pkg = readFileSync(join(root, "package.json"), "utf8");
      writeFileSync(join(root, "package.json"), pkg.replace('"react":', '"is-number": "7.0.0",\n    "react":'));
      writeFileSync(
        join(root, "package-lock.json"),
        '{ "lockfileVersion": 3, "packages": { "node_modules/is-number": {} } }\n',
      );
    };
    const prepared = async () => {
      const root = freshProject();
      writeFileSync(join(root, "package-lock.json"), '{ "lockfileVersion": 3 }\n');
      const plan = await planRecipe(
        demoRecipe,
        await detectProject(root),
        { ...DEMO_OPTIONS, install: true },
        { git: false },
      );
      return { root, plan };
    };
    // A successful run, to find the last file rename (the installer has run long before it).
    const probe = await prepared();
    expect(probe.plan.install).toEqual([
      { name: "is-number", version: "7.0.0", dev: false, status: "install", by: "demo-clerk" },
    ]);
    const counting = faultyFs(nodeFs);
    const done = await applyPlan(probe.plan, {
      io: io(memoryDeployment(), { fs: counting, install: installInto(probe.root) }),
    });
    expect(done.installed.map((p) => p.name)).toEqual(["is-number"]);
    expect(readFileSync(join(probe.root, "package.json"), "utf8")).toContain('"is-number": "7.0.0"');
    const lastRename =
      counting.log.findLastIndex((l) => l.startsWith("rename") && l.includes(".gitignore.authwire")) + 1;

    const { root, plan } = await prepared();
    const before = snapshot(root);
    const failing = faultyFs(nodeFs, { failAt: lastRename });
    const error = await applyPlan(plan, {
      io: io(memoryDeployment(), { fs: failing, install: installInto(root) }),
    }).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("apply_failed");
    expect(snapshot(root)).toEqual(before);
  });

  it("with install: false, lists the install command instead of running it", async () => {
    const root = freshProject();
    const plan = await planRecipe(
      demoRecipe,
      await detectProject(root),
      { ...DEMO_OPTIONS, install: true },
      { git: false },
    );
    let ran = false;
    const result = await applyPlan(plan, {
      install: false,
      io: io(memoryDeployment(), { install: async () => void (ran = true) }),
    });
    expect(ran).toBe(false);
    expect(result.installCommands.map((c) => c.display)).toEqual(["npm install --save-exact is-number@7.0.0"]);
  });

  it("with env: false, leaves deployment variables alone and reports them", async () => {
    const root = freshProject();
    const deployment = memoryDeployment();
    const result = await applyPlan(await demoPlan(root, deployment), { env: false, io: io(deployment) });
    expect(deployment.values.dev).toEqual({});
    expect(result.envSkipped.map((c) => c.name)).toEqual(["CLERK_JWT_ISSUER_DOMAIN"]);
  });

  it("keepExisting: apply sets a kept variable only when the deployment still lacks it (checked just before setting)", async () => {
    const root = freshProject();
    const kit = createKit("demo");
    kit.env("JWT_PRIVATE_KEY", {
      target: "dev",
      secret: true,
      value: "new-key",
      keepExisting: ["JWT_PRIVATE_KEY", "JWKS"],
    });
    kit.env("JWKS", { target: "dev", value: "new-jwks", keepExisting: ["JWT_PRIVATE_KEY", "JWKS"] });
    kit.env("SITE_URL", { target: "prod", value: "https://app.example.com", keepExisting: true });
    // Planned blind (no reader): all three are "set"; by apply time the dev deployment has a pair.
    const plan = await collectPlan(kit, { files: diskFiles(root), git: false });
    expect(plan.env.map((c) => c.status)).toEqual(["set", "set", "set"]);
    const deployment = memoryDeployment({ dev: { JWT_PRIVATE_KEY: "old-key", JWKS: "old-jwks" } });
    const result = await applyPlan(plan, { io: io(deployment) });
    expect(deployment.values).toEqual({
      dev: { JWT_PRIVATE_KEY: "old-key", JWKS: "old-jwks" },
      prod: { SITE_URL: "https://app.example.com" },
    });
    expect(result.envKept).toEqual(["dev:JWT_PRIVATE_KEY", "dev:JWKS"]);
    expect(result.envSet).toEqual(["prod:SITE_URL"]);
  });

  it("refuses to start while another apply's journal exists", async () => {
    const root = freshProject();
    const plan = await demoPlan(root);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(root, JOURNAL_DIR), { recursive: true });
    expect(errorCode(await applyPlan(plan, { io: io() }).catch((e: unknown) => e))).toBe("apply_in_progress");
  });
});

describe("fault injection", () => {
  /** Runs the demo apply once with a counting fs: how many mutating calls, and the end state. */
  async function baseline() {
    const root = freshProject();
    const original = snapshot(root);
    const fs = faultyFs(nodeFs);
    await applyPlan(await demoPlan(root), { io: io(memoryDeployment(), { fs }) });
    // The last journal rename is the "committed" mark; what follows is cleanup.
    const commitAt = fs.log.findLastIndex((l) => l.startsWith("rename") && l.includes("journal.json")) + 1;
    return { writes: fs.writes, final: snapshot(root), original, log: fs.log, commitAt };
  }

  it("failing the n-th write, for every n, leaves the project exactly as before — or fully applied when only cleanup failed", async () => {
    const { writes, final, original, log, commitAt } = await baseline();
    expect(writes).toBeGreaterThan(20);
    const outcomes = { rolledBack: 0, appliedCleanupPending: 0 };
    for (let n = 1; n <= writes; n += 1) {
      const root = freshProject();
      const deployment = memoryDeployment();
      const plan = await demoPlan(root, deployment);
      const fs = faultyFs(nodeFs, { failAt: n });
      const outcome = await applyPlan(plan, { io: io(deployment, { fs }) }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      if ("error" in outcome) {
        expect(errorCode(outcome.error), `write ${n}: ${log[n - 1]}`).toBe("apply_failed");
        expect(snapshot(root), `write ${n}: ${log[n - 1]}`).toEqual(original);
        expect(deployment.values.dev, `write ${n}`).toEqual({});
        outcomes.rolledBack += 1;
      } else {
        // Only the journal's removal after the commit may fail without a rollback.
        expect(n, `write ${n}: ${log[n - 1]}`).toBeGreaterThan(commitAt);
        expect(outcome.result.cleanupPending).toBe(true);
        await recoverInterruptedApply(root);
        expect(snapshot(root), `write ${n}`).toEqual(final);
        outcomes.appliedCleanupPending += 1;
      }
    }
    expect(outcomes.rolledBack).toBeGreaterThan(0);
    expect(outcomes.rolledBack + outcomes.appliedCleanupPending).toBe(writes);
  });

  it("a crash at every write leaves a journal the next run rolls back (or finishes once committed)", async () => {
    const { writes, final, original, commitAt } = await baseline();
    for (let n = 1; n <= writes; n += 1) {
      const root = freshProject();
      const deployment = memoryDeployment();
      const plan = await demoPlan(root, deployment);
      await applyPlan(plan, { io: io(deployment, { fs: faultyFs(nodeFs, { crashAt: n }) }) }).catch(() => undefined);
      const recovery = await recoverInterruptedApply(root, { envUndo: deployment });
      const label = `crash at write ${n}`;
      expect(existsSync(join(root, ".authwire")), label).toBe(false);
      if (n > commitAt) {
        expect(snapshot(root), label).toEqual(final);
      } else {
        expect(snapshot(root), label).toEqual(original);
        expect(deployment.values.dev, label).toEqual({});
        if (recovery.recovered) expect(recovery.conflicts, label).toEqual([]);
      }
    }
  });

  it("a crash during recovery is recovered by the next run", async () => {
    const { writes, original } = await baseline();
    const crashApplyAt = Math.floor(writes * 0.7);
    const root = freshProject();
    const deployment = memoryDeployment();
    const plan = await demoPlan(root, deployment);
    await applyPlan(plan, { io: io(deployment, { fs: faultyFs(nodeFs, { crashAt: crashApplyAt }) }) }).catch(
      () => undefined,
    );
    // Count the recovery's own writes on a copy of the crashed state, then crash it at each of them.
    for (let m = 1; m < 40; m += 1) {
      const copy = join(temp.dir, `recover-${m}`);
      const { cpSync } = await import("node:fs");
      cpSync(root, copy, { recursive: true });
      const crashed = await recoverInterruptedApply(copy, {
        fs: faultyFs(nodeFs, { crashAt: m }),
        envUndo: deployment,
      }).then(
        () => false,
        () => true,
      );
      await recoverInterruptedApply(copy, { envUndo: deployment });
      expect(snapshot(copy), `recovery crashed at write ${m}`).toEqual(original);
      if (!crashed) break;
    }
  });

  it("keeps a file the user changed after the crash, and saves the backup beside it", async () => {
    const { log } = await baseline();
    const afterMainRename = log.findIndex((l) => l.startsWith("rename") && l.includes("main.tsx.authwire")) + 2;
    const root = freshProject();
    const original = readFileSync(join(root, "src/main.tsx"), "utf8");
    await applyPlan(await demoPlan(root), {
      io: io(memoryDeployment(), { fs: faultyFs(nodeFs, { crashAt: afterMainRename }) }),
    }).catch(() => undefined);
    writeFileSync(join(root, "src/main.tsx"), "// the user rewrote this after the crash\n");
    const recovery = await recoverInterruptedApply(root);
    expect(recovery.recovered && recovery.conflicts).toEqual([
      { path: "src/main.tsx", backup: ".authwire/recovered/src/main.tsx" },
    ]);
    expect(readFileSync(join(root, "src/main.tsx"), "utf8")).toBe("// the user rewrote this after the crash\n");
    expect(readFileSync(join(root, ".authwire/recovered/src/main.tsx"), "utf8")).toBe(original);
    expect(readFileSync(join(root, ".authwire/.gitignore"), "utf8")).toContain("*");
  });

  it("keeps the journal private: the folder is 0700 and a backup keeps its file's mode (0600 for .env.local)", async () => {
    const { log } = await baseline();
    const afterEnvBackup = log.findIndex((l) => l.startsWith("write") && l.endsWith("journal/backup-3")) + 2;
    const root = freshProject();
    chmodSync(join(root, ".env.local"), 0o600);
    await applyPlan(await demoPlan(root), {
      io: io(memoryDeployment(), { fs: faultyFs(nodeFs, { crashAt: afterEnvBackup }) }),
    }).catch(() => undefined);
    expect(statSync(join(root, JOURNAL_DIR)).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, JOURNAL_DIR, "backup-3")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(root, ".authwire", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    await recoverInterruptedApply(root);
    expect(statSync(join(root, ".env.local")).mode & 0o777).toBe(0o600);
    expect(existsSync(join(root, ".authwire"))).toBe(false);
  });

  it("recovery does nothing without a journal, and refuses while the journal's owner is alive", async () => {
    const root = freshProject();
    expect(await recoverInterruptedApply(root)).toEqual({ recovered: false });
    const plan = await demoPlan(root);
    const alive = { ...DEAD_OWNER, pid: process.pid, procStart: undefined };
    await applyPlan(plan, {
      io: io(memoryDeployment(), { owner: alive, fs: faultyFs(nodeFs, { crashAt: 10 }) }),
    }).catch(() => undefined);
    expect(errorCode(await recoverInterruptedApply(root).catch((e: unknown) => e))).toBe("apply_in_progress");
  });
});
