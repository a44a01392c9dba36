/**
 * Safe defaults and truthful answers through the built bin, without a TTY (issue 19):
 * no write without --yes (exit 3 naming it; --json is not consent), a refused edit stops the whole
 * apply before any write, a folder that isn't a Convex app is a usage error for every command,
 * keys says it is for Convex Auth v1, verify token reports an expiry it can see without env and
 * gives no claim advice for garbage, and doctor's checklist never contradicts its summary.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SignJWT, generateKeyPair } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { snapshot, writeFiles } from "./helpers/project.ts";
import { runCli } from "./helpers/cli.ts";
import { clerkPublishableKey, viteClerk } from "./helpers/projects.ts";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test/fixtures/apps");
const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");
const NO_DEPLOYMENT = { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "", CI: "true" };

const temp = mkdtempSync(join(tmpdir(), "authwire-safety-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;
function copy(app: string): string {
  const dir = join(temp, `${app}-${(copies += 1)}`);
  cpSync(join(APPS, app), dir, { recursive: true });
  return dir;
}

function authwire(args: string[], { input }: { input?: string } = {}) {
  return runCli(args, { input, env: { ...NO_DEPLOYMENT, NO_COLOR: "1" } });
}

describe("no write without consent (no TTY)", () => {
  const clerk = (app: string, ...extra: string[]) => [
    "add",
    "clerk",
    "--no-install",
    "--no-env",
    "--cwd",
    app,
    "--clerk-publishable-key",
    KEY,
    ...extra,
  ];

  it("add without --yes prints the plan, writes nothing and exits 3 naming --yes", () => {
    const app = copy("vite-baseline");
    const before = snapshot(app);
    const { code, stdout, stderr } = authwire(clerk(app));
    expect(code).toBe(3);
    expect(stdout).toMatch(/authwire add clerk[\s\S]*CREATE\s+convex\/auth\.config\.ts/);
    expect(stderr).toContain("--yes");
    expect(stderr).toContain("Nothing was written");
    expect(snapshot(app)).toEqual(before);
  });

  it("--json is not consent: the plan JSON (applied: false) on stdout, consent_required on stderr", () => {
    const app = copy("vite-baseline");
    const before = snapshot(app);
    const { code, stdout, stderr } = authwire(clerk(app, "--json"));
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ applied: false });
    expect(JSON.parse(stderr)).toMatchObject({ error: { code: "consent_required", details: { flag: "--yes" } } });
    expect(snapshot(app)).toEqual(before);
  });

  it("--yes applies; the summary after it is short and doesn't repeat the plan's diff", () => {
    const app = copy("vite-baseline");
    const { code, stdout } = authwire(clerk(app, "--yes"));
    expect(code).toBe(3); // the Clerk dashboard steps remain
    expect(readFileSync(join(app, "convex/auth.config.ts"), "utf8")).toContain("CLERK_JWT_ISSUER_DOMAIN");
    expect(stdout).not.toContain("+++ b/");
    expect(stdout).toContain("--diff or --dry-run shows the changes");
    expect(stdout.match(/Activate the Convex integration in the Clerk dashboard/g)).toHaveLength(1);
  });

  it("users and protect without --yes exit 3 and write nothing", () => {
    for (const command of ["users", "protect"]) {
      const app = join(temp, `template-${(copies += 1)}`);
      writeFiles(app, viteClerk().files);
      const before = snapshot(app);
      const { code, stderr } = authwire([command, "--cwd", app]);
      expect(code, stderr).toBe(3);
      expect(stderr).toContain("--yes");
      expect(snapshot(app)).toEqual(before);
    }
  });
});

describe("a refused edit stops the whole apply before any write", () => {
  it("auth.config.ts with a syntax error: exit 1 edit_refused with file and line; no other file written", () => {
    const app = copy("vite-baseline");
    mkdirSync(join(app, "convex"), { recursive: true });
    writeFileSync(join(app, "convex/auth.config.ts"), "export default {\n  providers: [\n    { domain: ,\n  ],\n};\n");
    const before = snapshot(app);
    const { code, stdout, stderr } = authwire([
      "add",
      "clerk",
      "--yes",
      "--json",
      "--no-install",
      "--no-env",
      "--cwd",
      app,
      "--clerk-publishable-key",
      KEY,
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ applied: false });
    const error = JSON.parse(stderr).error;
    expect(error).toMatchObject({ code: "edit_refused", file: "convex/auth.config.ts" });
    expect(error.line).toBeGreaterThan(0);
    expect(error.hint).toContain("convex/auth.config.ts");
    expect(snapshot(app)).toEqual(before);
  });

  it("a binary file where a text file is edited: nothing written, the human message names it", () => {
    const app = copy("vite-baseline");
    writeFileSync(join(app, "src/main.tsx"), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    const before = snapshot(app);
    const { code, stderr } = authwire([
      "add",
      "clerk",
      "--yes",
      "--no-install",
      "--no-env",
      "--cwd",
      app,
      "--clerk-publishable-key",
      KEY,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("src/main.tsx");
    expect(stderr).toContain("Nothing was written");
    expect(snapshot(app)).toEqual(before);
  });

  it("a symlink loop where a file is edited: nothing written", () => {
    const app = copy("vite-baseline");
    rmSync(join(app, "src/main.tsx"));
    symlinkSync("main.tsx", join(app, "src/main.tsx"));
    const { code, stderr } = authwire([
      "add",
      "clerk",
      "--yes",
      "--no-install",
      "--no-env",
      "--cwd",
      app,
      "--clerk-publishable-key",
      KEY,
    ]);
    expect([1, 2]).toContain(code);
    expect(stderr).toContain("src/main.tsx");
    expect(() => readFileSync(join(app, "convex/auth.config.ts"))).toThrow();
  });
});

describe("a folder that isn't a Convex app, or doesn't exist", () => {
  const plain = () => {
    const dir = join(temp, `plain-${(copies += 1)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "plain", dependencies: { react: "^19.0.0" } }));
    return dir;
  };

  it("doctor and add exit 2 saying it isn't a Convex app; add writes nothing", () => {
    const dir = plain();
    const doctor = authwire(["doctor", "--offline", "--json", "--cwd", dir]);
    expect(doctor.code).toBe(2);
    expect(doctor.stdout).toBe("");
    expect(JSON.parse(doctor.stderr)).toMatchObject({ error: { code: "not_a_convex_app" } });
    const before = snapshot(dir);
    const add = authwire(["add", "clerk", "--yes", "--cwd", dir, "--clerk-publishable-key", KEY]);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain("not a Convex app");
    expect(snapshot(dir)).toEqual(before);
  });

  it("verify token exits 2 for a missing folder, an empty one and a non-Convex one", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3guZXhhbXBsZS5jb20iLCJzdWIiOiJ1In0.c2ln";
    const empty = join(temp, `empty-${(copies += 1)}`);
    mkdirSync(empty);
    for (const cwd of [join(temp, "does-not-exist"), empty, plain()]) {
      const result = authwire(["verify", "token", token, "--offline", "--json", "--cwd", cwd]);
      expect(result.code, `${cwd}: ${result.stderr}`).toBe(2);
      expect(result.stdout).toBe("");
      expect(JSON.parse(result.stderr).error.code).toMatch(/^not_a_/);
    }
  });

  it("keys on a Clerk app says keys are for Convex Auth v1 (exit 2), reading no deployment", () => {
    const { code, stderr } = authwire(["keys", "--cwd", copy("vite-clerk-done")]);
    expect(code).toBe(2);
    expect(stderr).toContain("Convex Auth v1");
    expect(stderr).toContain("Clerk");
    expect(stderr).not.toMatch(/deployment's env can't be read/);
  });
});

describe("verify token tells what it can without env", () => {
  it("an expired token with no env given: the verdict mentions the expiry", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .setIssuer("https://happy-otter-1.clerk.accounts.dev")
      .setSubject("user_1")
      .setAudience("convex")
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(privateKey);
    const { code, stdout } = authwire(["verify", "token", token, "--offline", "--cwd", copy("vite-clerk-done")]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/UNDETERMINED[\s\S]*the token expired 60 min ago/);
  });

  it("a garbage token is rejected without advice about its claims (no iat advice)", () => {
    const { code, stdout } = authwire([
      "verify",
      "token",
      "garbage.token.here",
      "--offline",
      "--cwd",
      copy("vite-clerk-done"),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("token.format");
    expect(stdout).not.toContain("advice.iat");
  });

  it("no provider in auth.config: the suggested fix is a command that parses", () => {
    const app = copy("vite-baseline");
    writeFileSync(join(app, "convex/auth.config.ts"), "export default { providers: [] };\n");
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3guZXhhbXBsZS5jb20iLCJzdWIiOiJ1IiwiaWF0IjoxfQ.c2ln";
    const { stdout } = authwire(["verify", "token", token, "--offline", "--cwd", app]);
    const suggested = /`authwire (add [^`]+)`/.exec(stdout)?.[1];
    expect(suggested, stdout).toBeDefined();
    // The suggestion, run as a dry run, is not a usage error.
    const run = authwire([...suggested!.split(" "), "--dry-run", "--offline", "--cwd", app]);
    expect(run.code, run.stderr).not.toBe(2);
  });
});

describe("doctor gives one verdict", () => {
  it("an app with no provider: the checklist doesn't fail a step beside a clean summary", () => {
    const { code, stdout } = authwire(["doctor", "--offline", "--cwd", copy("vite-baseline")]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/✘ Provider chosen/);
    expect(stdout).not.toMatch(/✔ 0 errors/);
    expect(stdout).toMatch(/No auth set up yet/);
  });

  it("the deployment-env reason is said once", () => {
    const app = copy("vite-clerk-done");
    writeFileSync(join(app, ".env.local"), `VITE_CLERK_PUBLISHABLE_KEY=${KEY}\n`);
    const { stdout } = authwire(["doctor", "--cwd", app]);
    expect(stdout.match(/no Convex deployment is configured/g) ?? []).toHaveLength(1);
  });
});
