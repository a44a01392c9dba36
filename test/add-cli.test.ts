/**
 * `authwire add clerk | auth0 | custom-jwt` through the built bin, as an agent runs it (no TTY):
 * --dry-run writes nothing, a missing value exits 3 naming the flag, a development key for
 * production exits 2, a secret comes from stdin and is never printed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { snapshot } from "./helpers/project.ts";
import { runCli } from "./helpers/cli.ts";
import { clerkPublishableKey } from "./helpers/projects.ts";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test/fixtures/apps");
const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");
const SECRET = "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b";

const temp = mkdtempSync(join(tmpdir(), "authwire-add-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;
function copy(app: string): string {
  const dir = join(temp, `${app}-${(copies += 1)}`);
  cpSync(join(APPS, app), dir, { recursive: true });
  return dir;
}

function authwire(args: string[], { input, env }: { input?: string; env?: Record<string, string> } = {}) {
  return runCli(args, { input, env: { CONVEX_DEPLOYMENT: "", CLERK_SECRET_KEY: "", ...env } });
}

describe("authwire add (built CLI, no TTY)", () => {
  it("--dry-run prints the plan and writes nothing", () => {
    const app = copy("next-app-baseline");
    const before = snapshot(app);
    const { code, stdout } = authwire([
      "add",
      "clerk",
      "--dry-run",
      "--json",
      "--cwd",
      app,
      "--clerk-publishable-key",
      KEY,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ version: 1, provider: "clerk", framework: "next-app", applied: false });
    expect(json.plan.map((item: { path: string; action: string }) => `${item.action} ${item.path}`)).toContain(
      "create proxy.ts",
    );
    expect(json.missing).toEqual([
      {
        name: "clerkSecretKey",
        flag: "--clerk-secret-key-stdin (or CLERK_SECRET_KEY in the environment)",
        why: expect.any(String),
      },
    ]);
    expect(snapshot(app)).toEqual(before);
  });

  it.each([
    ["clerk", "vite-baseline", ["--clerk-publishable-key"]],
    ["auth0", "vite-baseline", ["--auth0-domain", "--auth0-client-id"]],
    ["custom-jwt", "tanstack-start-baseline", ["--issuer", "--jwks", "--application-id"]],
  ])("add %s without its values exits 3 listing exactly the flags to pass", (provider, fixture, flags) => {
    const app = copy(fixture);
    const { code, stdout } = authwire(["add", provider, "--yes", "--json", "--no-install", "--no-env", "--cwd", app]);
    expect(code).toBe(3);
    const json = JSON.parse(stdout);
    expect(json.missing.map((input: { flag: string }) => input.flag)).toEqual(flags);
    expect(json.env.filter((change: { status: string }) => change.status === "pending").length).toBeGreaterThan(0);
  });

  it("refuses a development key for production: exit 2, dev_instance_on_prod, nothing written", () => {
    const app = copy("vite-baseline");
    const before = snapshot(app);
    const { code, stdout, stderr } = authwire([
      "add",
      "clerk",
      "--json",
      "--yes",
      "--cwd",
      app,
      "--clerk-publishable-key",
      KEY,
      "--prod",
      "--prod-clerk-publishable-key",
      KEY,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(JSON.parse(stderr)).toMatchObject({
      error: { code: "dev_instance_on_prod", hint: expect.stringContaining("pk_live_") },
    });
    expect(snapshot(app)).toEqual(before);
  });

  it("takes the secret key on stdin, writes it to the gitignored .env.local and never prints it", () => {
    const app = copy("tanstack-start-baseline");
    const { code, stdout, stderr } = authwire(
      [
        "add",
        "clerk",
        "--yes",
        "--no-install",
        "--no-env",
        "--cwd",
        app,
        "--clerk-publishable-key",
        KEY,
        "--clerk-secret-key-stdin",
      ],
      { input: `${SECRET}\n` },
    );
    expect(code).toBe(3); // the Clerk dashboard steps remain
    expect(readFileSync(join(app, ".env.local"), "utf8")).toContain(`CLERK_SECRET_KEY=${SECRET}`);
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
    expect(stdout).toContain("Activate the Convex integration in the Clerk dashboard");
    // --no-env: the issuer is known but left off the deployment, and the output says how to finish.
    expect(stdout).toContain("CLERK_JWT_ISSUER_DOMAIN (dev deployment) not set");
    expect(stdout).toContain("Run the same command again (without --no-env)");
    const again = authwire(["add", "clerk", "--json", "--dry-run", "--cwd", app, "--clerk-publishable-key", KEY], {
      env: { CLERK_SECRET_KEY: SECRET },
    });
    expect(JSON.parse(again.stdout).plan.every((item: { action: string }) => item.action === "skip")).toBe(true);
  });

  it("add --help is short: the engine's flags, the providers and how to get one provider's help", () => {
    const { code, stdout } = authwire(["add", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("authwire add <provider> --help");
    expect(stdout).not.toContain("--clerk-publishable-key <");
    expect(stdout.split("\n").length).toBeLessThan(60);
  });

  it("add <provider> --help lists that provider's flags (secrets only as -stdin), the global flags and examples", () => {
    const flags: Record<string, string[]> = {
      clerk: ["--clerk-publishable-key", "--clerk-secret-key-stdin", "--prod-clerk-publishable-key"],
      auth0: ["--auth0-domain", "--prod-url"],
      "custom-jwt": ["--jwks-file", "--oidc", "--idp-name"],
    };
    for (const [provider, expected] of Object.entries(flags)) {
      const { code, stdout } = authwire(["add", provider, "--help"]);
      expect(code).toBe(0);
      for (const flag of expected) expect(stdout).toContain(flag);
      expect(stdout).toMatch(/Global Options:[\s\S]*--yes/);
      expect(stdout).toContain(`Examples:\n  $ authwire add ${provider}`);
      expect(stdout).not.toMatch(/--clerk-secret-key </);
    }
    expect(authwire(["add", "clerk", "--help"]).stdout).not.toContain("--auth0-domain");
  });

  it("a mistyped flag gets a did-you-mean, as text and as JSON under --json", () => {
    const text = authwire(["add", "clerk", "--clerk-secret-key", "x"]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("(Did you mean --clerk-secret-key-stdin?)");
    const json = authwire(["add", "clerk", "--clerk-secret-key", "x", "--json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: {
        code: "usage",
        message: "unknown option '--clerk-secret-key'",
        hint: "Did you mean --clerk-secret-key-stdin?",
      },
    });
  });
});
