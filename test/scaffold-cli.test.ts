/**
 * `authwire users` and `authwire protect` through the built bin, as an agent runs them (no TTY):
 * --dry-run --json writes nothing and prints the plan JSON; --yes applies; a second run plans only
 * skips; an app without auth is a usage error (exit 2).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, snapshot, tempDir, writeFiles } from "./helpers/project.ts";
import { runCli } from "./helpers/cli.ts";
import { viteClerk } from "./helpers/projects.ts";

const temp = tempDir("authwire-scaffold-cli-");
afterAll(temp.cleanup);
/** A fresh copy of a fixture app (each in its own folder). */
const copy = (app: string): string => copyFixture(`apps/${app}`, mkdtempSync(join(temp.dir, "app-")));

const authwire = (args: string[]) => runCli(args, { env: { CONVEX_DEPLOYMENT: "", NO_COLOR: "1" } });

describe("authwire users / protect (built CLI, no TTY)", () => {
  it("users --rbac --dry-run --json writes nothing; --yes applies; the next run plans only skips", () => {
    const app = copy("vite-clerk-done");
    const before = snapshot(app);
    const dry = authwire(["users", "--rbac", "--dry-run", "--json", "--cwd", app]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(snapshot(app)).toEqual(before);
    const json = JSON.parse(dry.stdout);
    expect(json).toMatchObject({ version: 1, provider: "clerk", rbac: true, applied: false });
    expect(json.plan.map((item: { action: string; path: string }) => `${item.action} ${item.path}`)).toEqual([
      "modify convex/schema.ts",
      "create convex/users.ts",
      "create src/useStoreUserEffect.ts",
      "create convex/roles.ts",
    ]);

    const applied = authwire(["users", "--rbac", "--yes", "--cwd", app]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("created convex/users.ts");
    expect(applied.stdout).toContain("Call useStoreUserEffect()");
    expect(readFileSync(join(app, "convex/roles.ts"), "utf8")).toContain("export async function requireRole(");

    const again = authwire(["users", "--rbac", "--json", "--cwd", app]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).plan.every((item: { action: string }) => item.action === "skip")).toBe(true);
  });

  it("protect --dry-run shows the functions and the diff; --yes inserts the checks; the next run has nothing to protect", () => {
    const app = join(temp.dir, "clerk-template");
    writeFiles(app, viteClerk().files);
    const dry = authwire(["protect", "--dry-run", "--cwd", app]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /PROTECT {2}convex\/myFunctions\.ts:5 listNumbers +query: reads data \(line 8\) before any identity check/,
    );
    expect(dry.stdout).toContain("+    if ((await ctx.auth.getUserIdentity()) === null) {");
    expect(readFileSync(join(app, "convex/myFunctions.ts"), "utf8")).not.toContain("Not authenticated");

    const applied = authwire(["protect", "--yes", "--json", "--cwd", app]);
    expect(applied.code, applied.stderr).toBe(0);
    const json = JSON.parse(applied.stdout);
    expect(json).toMatchObject({ version: 1, provider: "clerk", applied: true });
    expect(json.functions.filter((fn: { action: string }) => fn.action === "protect")).toHaveLength(3);
    expect(
      readFileSync(join(app, "convex/myFunctions.ts"), "utf8").match(/throw new Error\("Not authenticated"\)/g),
    ).toHaveLength(3);

    const again = authwire(["protect", "--cwd", app]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to protect");
  });

  it("an app without auth: exit 2 with the error code on stderr (JSON mode)", () => {
    const app = copy("vite-baseline");
    for (const command of ["users", "protect"]) {
      const result = authwire([command, "--json", "--cwd", app]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(JSON.parse(result.stderr)).toMatchObject({
        error: { code: "unsupported", hint: expect.stringContaining("authwire add") },
      });
    }
  });
});
