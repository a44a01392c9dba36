/**
 * The built CLI (`dist/cli/main.js verify login`) and the MCP tool `verify_login`, each driving
 * Debian's real Chromium on a page that runs the REAL Convex browser client, with local stand-ins
 * on 127.0.0.1 for the app server, the identity provider and the Convex deployment.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalIssuer, type LocalIssuer } from "../../src/verify/testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "../../src/verify/testing/token-factory.ts";
import { requireChromium } from "../helpers/chromium.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../helpers/convex-deployment-standin.ts";
import { startLoginApp, type LoginApp } from "../helpers/login-app.ts";
import { pushedOidcProvider } from "../helpers/standin-auth.ts";

const MAIN = join(import.meta.dirname, "../../dist/cli/main.js");
const CORS = { "access-control-allow-origin": "*" };

let issuer: LocalIssuer;
let key: TestKey;
let deployment: DeploymentStandin;
let app: LoginApp;
let project: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

beforeAll(async () => {
  requireChromium();
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  [issuer, key, app] = await Promise.all([startLocalIssuer(), makeKey("RS256", "k1"), startLoginApp()]);
  issuer.oidc({ path: "/clerk", jwks: jwks(key) });
  deployment = await startDeploymentStandin({
    userAuth: pushedOidcProvider({ issuer: `${issuer.url}/clerk`, applicationID: "convex" }),
  });
  project = await mkdtemp(join(tmpdir(), "authwire-login-cli-"));
  await mkdir(join(project, "convex"));
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "app", dependencies: { convex: "^1.48.0" } }));
  await writeFile(
    join(project, "convex/auth.config.ts"),
    `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n`,
  );
  await writeFile(join(project, ".env.convex"), `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}/clerk\n`);
}, 60_000);

afterAll(async () => {
  await Promise.all([issuer?.close(), deployment?.close(), app?.close()]);
  if (project) await rm(project, { recursive: true, force: true });
});

describe("authwire verify login (built CLI; real Chromium and Convex client; local stand-ins for app, issuer and deployment)", () => {
  it("--json: Convex (stand-in) accepts, authwire agrees, exit 0; the raw token is printed nowhere", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(key, {
      claims: { iss: `${issuer.url}/clerk`, sub: "user_9", aud: "convex", iat: now - 5, exp: now + 600 },
    });
    issuer.route("/token", { body: token, contentType: "text/plain", headers: CORS });
    const url = app.pageUrl({ deployment: deployment.url, token: `${issuer.url}/token` });
    const { code, stdout, stderr } = await cli([
      "verify",
      "login",
      "--url",
      url,
      "--cwd",
      project,
      "--json",
      "--dev-env",
      ".env.convex",
      "--timeout",
      "20",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      version: 1,
      url,
      deployment: deployment.url,
      outcome: "accepted",
      captured: { via: "websocket", claims: { sub: "user_9" } },
      convexReply: { accepted: true, error: null },
      verdict: { version: 1, accepted: true, identity: { subject: "user_9" } },
      disagreement: null,
      humanSteps: [],
    });
    expect(Object.keys(json)).toEqual([
      "version",
      "url",
      "deployment",
      "outcome",
      "captured",
      "convexReply",
      "verdict",
      "disagreement",
      "attempts",
      "humanSteps",
      "notes",
    ]);
    expect(deployment.userTokens.some((entry) => entry.token === token && entry.answer.ok)).toBe(true);
    expect(stdout + stderr).not.toContain(token.split(".")[2]);
  });

  it("human output, never signed in: exit 3 and the exact step", async () => {
    issuer.route("/token", { status: 401, body: "signed out", contentType: "text/plain", headers: CORS });
    const url = app.pageUrl({ deployment: deployment.url, token: `${issuer.url}/token` });
    const { code, stdout } = await cli(["verify", "login", "--url", url, "--cwd", project, "--timeout", "2"]);
    expect(code).toBe(3);
    expect(stdout).toContain(`deployment  ${deployment.url}`);
    expect(stdout).toContain("Steps only you can do");
    expect(stdout).toContain(
      `1. Sign in: run \`authwire verify login --url ${url} --headed\` and sign in at ${url} in the opened window`,
    );
    expect(stdout).toContain("2. Or pass --storage-state FILE saved from a signed-in session");
  });

  it("usage errors exit 2 before any browser starts", async () => {
    expect((await cli(["verify", "login", "--url", "localhost:5173", "--cwd", project])).code).toBe(2);
    expect((await cli(["verify", "login", "--cwd", project])).code).toBe(2);
    const missingEnv = await cli([
      "verify",
      "login",
      "--url",
      app.url,
      "--cwd",
      project,
      "--dev-env",
      "nope.env",
      "--json",
    ]);
    expect(missingEnv.code).toBe(2);
    expect(JSON.parse(missingEnv.stderr)).toMatchObject({
      error: { code: "usage", message: "Can't read the env file nope.env." },
    });
    expect((await cli(["verify", "login", "--url", app.url, "--cwd", project, "--timeout", "soon"])).code).toBe(2);
  });
});

describe("MCP verify_login (built server over stdio)", () => {
  it("returns the CLI's JSON with the human step when the headless browser isn't signed in", async () => {
    issuer.route("/token", { status: 401, body: "signed out", contentType: "text/plain", headers: CORS });
    const client = new Client({ name: "authwire-test", version: "0.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [MAIN, "mcp"],
        env: { ...process.env, CONVEX_DEPLOYMENT: "" },
        stderr: "pipe",
      }),
    );
    try {
      const url = app.pageUrl({ deployment: deployment.url, token: `${issuer.url}/token` });
      const result = await client.callTool({ name: "verify_login", arguments: { cwd: project, url, timeout: 2 } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        version: 1,
        outcome: "undetermined",
        deployment: deployment.url,
        captured: null,
        humanSteps: [
          { title: expect.stringContaining("--headed") },
          { title: expect.stringContaining("--storage-state") },
        ],
      });
    } finally {
      await client.close();
    }
  });
});
