/** `authwire doctor --fix` through the built bin, as a user or an agent runs it (no TTY). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/changes/apply.ts";
import { nodeFs } from "../../src/changes/fs.ts";
import { planDoctorFix } from "../../src/rules/fix.ts";
import { DEAD_OWNER, faultyFs } from "../helpers/faulty-fs.ts";
import { runCli } from "../helpers/cli.ts";
import { copyFixture, snapshot, tempDir } from "../helpers/project.ts";

const SECRET = "sk_test_abcdefghijklmnopqrstuvwxyz0123";

const authwire = (args: string[]) => runCli(args, { env: { CONVEX_DEPLOYMENT: "" } });

let temp: ReturnType<typeof tempDir>;
let counter = 0;
beforeAll(() => {
  temp = tempDir("authwire-fix-cli-");
});
afterAll(() => temp.cleanup());

/** vite-clerk-done with two fixable errors: a secret .env.local git would commit (AW202) and applicationId (AW103). */
function brokenApp(): string {
  const root = copyFixture("apps/vite-clerk-done", join(temp.dir, `${counter++}`));
  writeFileSync(join(root, ".gitignore"), "node_modules\n");
  writeFileSync(
    join(root, ".env.local"),
    `${readFileSync(join(root, ".env.local"), "utf8")}CLERK_SECRET_KEY=${SECRET}\n`,
  );
  const config = join(root, "convex/auth.config.ts");
  writeFileSync(config, readFileSync(config, "utf8").replace("applicationID", "applicationId"));
  return root;
}

describe("authwire doctor --fix (built CLI, no TTY)", () => {
  it("--fix --dry-run --json prints the plan, the fixes and what would remain, and writes nothing (exit 1: the errors are still there)", () => {
    const root = brokenApp();
    const before = snapshot(root);
    const { code, stdout, stderr } = authwire(["doctor", "--fix", "--dry-run", "--json", "--offline", "--cwd", root]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ version: 1, applied: false, remaining: { rerun: false, summary: { error: 0 } } });
    expect(json.plan.map((item: { path: string; action: string }) => `${item.action} ${item.path}`).sort()).toEqual([
      "modify .gitignore",
      "modify convex/auth.config.ts",
    ]);
    expect(json.fixes.map((finding: { code: string }) => finding.code).sort()).toEqual(["AW103", "AW202"]);
    expect(stdout).not.toContain(SECRET);
    expect(snapshot(root)).toEqual(before);
  });

  it("--fix --json without a TTY and without --yes prints the plan, writes nothing and exits 3 naming --yes", () => {
    const root = brokenApp();
    const before = snapshot(root);
    const { code, stdout, stderr } = authwire(["doctor", "--fix", "--json", "--offline", "--cwd", root]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ applied: false });
    expect(JSON.parse(stderr)).toMatchObject({ error: { code: "consent_required", details: { flag: "--yes" } } });
    expect(stderr).toContain("--yes");
    expect(snapshot(root)).toEqual(before);
  });

  it("--fix --json --yes applies, runs doctor again and exits 0 when nothing is left", () => {
    const root = brokenApp();
    const { code, stdout, stderr } = authwire(["doctor", "--fix", "--yes", "--json", "--offline", "--cwd", root]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      applied: true,
      remaining: { rerun: true, findings: [], summary: { error: 0, warning: 0, info: 0 } },
    });
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe("node_modules\n.env.local\n");
    expect(readFileSync(join(root, "convex/auth.config.ts"), "utf8")).toContain("applicationID:");
    // Applying again: nothing to do, doctor is clean.
    const again = authwire(["doctor", "--fix", "--yes", "--json", "--offline", "--cwd", root]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: false, plan: [], fixes: [] });
  });

  it("human --fix shows the plan and the diff, applies, and reports doctor on the result", () => {
    const root = brokenApp();
    const { code, stdout } = authwire(["doctor", "--fix", "--yes", "--offline", "--cwd", root]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/MODIFY\s+\.gitignore/);
    expect(stdout).toContain("+.env.local");
    expect(stdout).toMatch(/✔ modified .*convex\/auth\.config\.ts/);
    expect(stdout).toContain("Setup checklist");
    expect(stdout).toMatch(/✔ 0 errors, 0 warnings, 0 info/);
    expect(stdout).not.toContain(SECRET);
  });

  it("--fix leaves what it can't fix and exits 1 for it", () => {
    const root = brokenApp();
    // AW201 (a secret in a client-exposed variable) is not fixable: moving it is a decision.
    writeFileSync(
      join(root, ".env.local"),
      `${readFileSync(join(root, ".env.local"), "utf8")}VITE_CLERK_SECRET_KEY=${SECRET}\n`,
    );
    const { code, stdout } = authwire(["doctor", "--fix", "--yes", "--json", "--offline", "--cwd", root]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.applied).toBe(true);
    expect(json.remaining.findings.map((finding: { code: string }) => finding.code)).toEqual(["AW201"]);
  });

  it("an interrupted apply is rolled back before --fix plans; a dry run and plain doctor leave the journal alone", async () => {
    const root = brokenApp();
    const before = snapshot(root);
    // Count an apply's writes on a copy, then let the "process" die at 70% of them: the journal stays behind.
    const copy = brokenApp();
    const counting = faultyFs(nodeFs);
    await applyPlan((await planDoctorFix({ cwd: copy, offline: true, git: false })).plan, {
      io: { fs: counting, owner: DEAD_OWNER },
    });
    const planned = await planDoctorFix({ cwd: root, offline: true, git: false });
    await applyPlan(planned.plan, {
      io: { fs: faultyFs(nodeFs, { crashAt: Math.floor(counting.writes * 0.7) }), owner: DEAD_OWNER },
    }).catch(() => undefined);
    expect(existsSync(join(root, ".authwire/journal/journal.json"))).toBe(true);
    expect(snapshot(root)).not.toEqual(before);

    expect(authwire(["doctor", "--offline", "--json", "--cwd", root]).stderr).toBe("");
    expect(authwire(["doctor", "--fix", "--dry-run", "--offline", "--json", "--cwd", root]).stderr).toBe("");
    expect(existsSync(join(root, ".authwire/journal/journal.json"))).toBe(true);

    const { code, stderr } = authwire(["doctor", "--fix", "--yes", "--offline", "--cwd", root]);
    expect(stderr).toContain("was interrupted; its changes were rolled back");
    expect(code).toBe(0);
    expect(existsSync(join(root, ".authwire"))).toBe(false);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe("node_modules\n.env.local\n");
  });

  it("usage errors: --dry-run without --fix, --fix with --sarif, --sarif with --json, --online with --offline (exit 2)", () => {
    const root = brokenApp();
    expect(authwire(["doctor", "--dry-run", "--offline", "--cwd", root]).code).toBe(2);
    expect(authwire(["doctor", "--fix", "--sarif", "--offline", "--cwd", root]).code).toBe(2);
    const sarifJson = authwire(["doctor", "--sarif", "--json", "--offline", "--cwd", root]);
    expect(sarifJson.code).toBe(2);
    expect(sarifJson.stdout).toBe("");
    expect(JSON.parse(sarifJson.stderr)).toMatchObject({ error: { code: "usage" } });
    const both = authwire(["doctor", "--online", "--offline", "--cwd", root]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--online and --offline");
  });
});
