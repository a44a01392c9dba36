/**
 * The built CLI (`dist/cli/main.js verify token`) against a local issuer on 127.0.0.1 standing in
 * for a real identity provider: JSON shape, exit codes, stdin, env files, human output.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalIssuer, type LocalIssuer } from "../../src/verify/testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "../../src/verify/testing/token-factory.ts";
import { startDeploymentStandin } from "../helpers/convex-deployment-standin.ts";

const MAIN = join(import.meta.dirname, "../../dist/cli/main.js");
const NOW = 1_750_000_000;

let issuer: LocalIssuer;
let key: TestKey;
let app: string;

/** The machine's own deployment variables must not reach the CLI (the live read would follow them). */
const DEPLOYMENT_VARS = [
  "CONVEX_DEPLOYMENT",
  "CONVEX_SELF_HOSTED_URL",
  "CONVEX_SELF_HOSTED_ADMIN_KEY",
  "CONVEX_DEPLOY_KEY",
];
const CLI_ENV = Object.fromEntries(
  Object.entries({ ...process.env, NO_COLOR: "1" }).filter(([name]) => !DEPLOYMENT_VARS.includes(name)),
);

function cli(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: CLI_ENV });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const claims = (extra: Record<string, unknown> = {}) => ({
  iss: `${issuer.url}/clerk`,
  sub: "user_1",
  aud: "convex",
  iat: NOW - 10,
  exp: NOW + 600,
  azp: "http://localhost:5173",
  sid: "sess",
  ...extra,
});

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  key = await makeKey("RS256", "k1");
  issuer = await startLocalIssuer();
  issuer.oidc({ path: "/clerk", jwks: jwks(key) });
  app = await mkdtemp(join(tmpdir(), "authwire-verify-"));
  await mkdir(join(app, "convex"));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: { convex: "^1.48.0" } }));
  await writeFile(
    join(app, "convex/auth.config.ts"),
    `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n`,
  );
  await writeFile(join(app, ".env.convex"), `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}/clerk\n`);
  await writeFile(join(app, ".env.prod"), `CLERK_JWT_ISSUER_DOMAIN=https://clerk.example.com\n`);
});

afterAll(async () => {
  await issuer?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

describe("authwire verify token (built CLI, local issuer on 127.0.0.1)", () => {
  it("accepted: JSON verdict, version 1, exit 0", async () => {
    const token = await signToken(key, { claims: claims() });
    const { code, stdout, stderr } = await cli([
      "verify",
      "token",
      token,
      "--cwd",
      app,
      "--json",
      "--dev-env",
      ".env.convex",
      "--now",
      String(NOW),
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict).toMatchObject({
      version: 1,
      accepted: true,
      provider: { index: 0, type: "oidc", issuer: `${issuer.url}/clerk`, applicationID: "convex" },
      error: null,
      identity: {
        tokenIdentifier: `${issuer.url}/clerk|user_1`,
        subject: "user_1",
        issuer: `${issuer.url}/clerk`,
        sid: "sess",
      },
    });
    expect(verdict.checks.length).toBeGreaterThan(8);
    for (const check of verdict.checks)
      expect(Object.keys(check)).toEqual(expect.arrayContaining(["id", "ok", "expected", "actual", "message"]));
    expect(stdout).not.toContain(token.split(".")[2]);
  });

  it("rejected: the backend's code, exit 1", async () => {
    const token = await signToken(key, { claims: claims({ exp: NOW - 1 }) });
    const { code, stdout } = await cli([
      "verify",
      "token",
      token,
      "--cwd",
      app,
      "--json",
      "--dev-env",
      ".env.convex",
      "--now",
      String(NOW),
    ]);
    expect(code).toBe(1);
    const verdict = JSON.parse(stdout);
    expect(verdict.accepted).toBe(false);
    expect(verdict.error).toMatchObject({ code: "Unauthenticated" });
    expect(verdict.checks.find((c: { id: string }) => c.id === "oidc.exp")).toMatchObject({ ok: false });
  });

  it("reads the token from stdin when piped, or with -", async () => {
    const token = await signToken(key, { claims: claims() });
    const piped = await cli(
      [
        "verify",
        "token",
        "--cwd",
        app,
        "--json",
        "--env",
        `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}/clerk`,
        "--now",
        String(NOW),
      ],
      `${token}\n`,
    );
    expect(piped.code).toBe(0);
    const dash = await cli(
      [
        "verify",
        "token",
        "-",
        "--cwd",
        app,
        "--json",
        "--env",
        `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}/clerk`,
        "--now",
        String(NOW),
      ],
      `Bearer ${token}`,
    );
    expect(dash.code).toBe(0);
  });

  it("--prod judges against the prod env and names it in the fix", async () => {
    const token = await signToken(key, { claims: claims() });
    const { code, stdout } = await cli([
      "verify",
      "token",
      token,
      "--cwd",
      app,
      "--json",
      "--prod",
      "--prod-env",
      ".env.prod",
      "--now",
      String(NOW),
    ]);
    expect(code).toBe(1);
    const verdict = JSON.parse(stdout);
    expect(verdict.error).toEqual({
      code: "NoAuthProvider",
      message: "No auth provider found matching the given token",
      httpStatus: 401,
    });
    expect(verdict.explanation).toContain("CLERK_JWT_ISSUER_DOMAIN on the prod deployment (.env.prod)");
    expect(verdict.fix).toContain("--prod");
  });

  it("--offline: undetermined, skipped listed, exit 3", async () => {
    const token = await signToken(key, { claims: claims() });
    const before = issuer.requests.length;
    const { code, stdout } = await cli([
      "verify",
      "token",
      token,
      "--cwd",
      app,
      "--json",
      "--offline",
      "--dev-env",
      ".env.convex",
      "--now",
      String(NOW),
    ]);
    expect(code).toBe(3);
    const verdict = JSON.parse(stdout);
    expect(verdict.outcome).toBe("undetermined");
    expect(verdict.skipped.map((s: { id: string }) => s.id)).toContain("oidc.discovery");
    expect(issuer.requests.length).toBe(before);
  });

  it("human output: claims, ✔/✘ per check, verdict and fix; never the raw token", async () => {
    const token = await signToken(key, { claims: claims({ aud: "other" }) });
    const { code, stdout } = await cli([
      "verify",
      "token",
      token,
      "--cwd",
      app,
      "--dev-env",
      ".env.convex",
      "--now",
      String(NOW),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("✔ config.push");
    expect(stdout).toContain("✘ route.provider");
    expect(stdout).toContain("REJECTED");
    expect(stdout).toContain("NoAuthProvider");
    expect(stdout).toMatch(/fix:/);
    expect(stdout).toMatch(/^\s+sub\s+user_1$/m);
    expect(stdout).toMatch(/^\s+exp\s+1750000600 \(/m);
    expect(stdout).not.toContain(token);
    expect(stdout).not.toContain(token.split(".")[2]);
  });

  it("without any deployment env the config's env vars are unknown: undetermined, exit 3, and it says what to pass", async () => {
    const token = await signToken(key, { claims: claims() });
    const json = await cli(["verify", "token", token, "--cwd", app, "--json", "--now", String(NOW)]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).skipped.map((s: { id: string }) => s.id)).toContain("route.provider");
    const human = await cli(["verify", "token", token, "--cwd", app, "--now", String(NOW)]);
    expect(human.stdout).toContain("UNDETERMINED");
    expect(human.stdout).toContain("--dev-env");
  });

  it("usage errors exit 2", async () => {
    expect((await cli(["verify", "token", "x.y.z", "--cwd", app, "--env", "NOEQUALS"])).code).toBe(2);
    expect((await cli(["verify", "token", "--cwd", app], "")).code).toBe(2);
    expect((await cli(["verify", "token", "x.y.z", "--cwd", app, "--dev-env", "missing.env"])).code).toBe(2);
    expect((await cli(["verify", "token", "x.y.z", "--cwd", app, "--now", "soon"])).code).toBe(2);
  });

  it("stand-in deployment: without --dev-env the env is read live through the real convex CLI (stand-in on 127.0.0.1)", async () => {
    const standin = await startDeploymentStandin();
    const live = await mkdtemp(join(tmpdir(), "authwire-verify-live-"));
    try {
      await mkdir(join(live, "convex"));
      await writeFile(join(live, "package.json"), JSON.stringify({ name: "app", dependencies: { convex: "1.48.0" } }));
      await writeFile(
        join(live, "convex/auth.config.ts"),
        `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n`,
      );
      await writeFile(
        join(live, ".env.local"),
        `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}\n`,
      );
      await symlink(join(import.meta.dirname, "../../node_modules"), join(live, "node_modules"));
      standin.vars.set("CLERK_JWT_ISSUER_DOMAIN", `${issuer.url}/clerk`);
      const token = await signToken(key, { claims: claims() });

      const accepted = await cli(["verify", "token", token, "--cwd", live, "--now", String(NOW)]);
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain(
        `env of the dev deployment (self-hosted deployment ${standin.url}, live through the convex CLI)`,
      );
      expect(accepted.stdout).not.toContain(token.split(".")[2]);
      expect(standin.events.map((event) => event.kind)).toContain("list");

      // The deployment's value, not a local one, decides: another issuer there rejects the same token.
      standin.vars.set("CLERK_JWT_ISSUER_DOMAIN", "https://other-instance-1.clerk.accounts.dev");
      const rejected = await cli(["verify", "token", token, "--cwd", live, "--json", "--now", String(NOW)]);
      expect(rejected.code).toBe(1);
      expect(JSON.parse(rejected.stdout).error.code).toBe("NoAuthProvider");

      // --offline reads nothing live.
      const before = standin.events.length;
      const offline = await cli(["verify", "token", token, "--cwd", live, "--json", "--offline", "--now", String(NOW)]);
      expect(offline.code).toBe(3);
      expect(standin.events.length).toBe(before);
    } finally {
      await standin.close();
      await rm(live, { recursive: true, force: true });
    }
  }, 60_000);
});
