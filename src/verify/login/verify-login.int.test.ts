/**
 * verifyLogin with real parts: Debian's Chromium (one launch for the file), a page running the REAL
 * Convex browser client from the installed `convex` package, tokens signed with jose by a local
 * issuer on 127.0.0.1 — and local stand-ins for what can't be reached here: the developer's app
 * server and the Convex deployment (a 127.0.0.1 server speaking the sync protocol's auth subset,
 * judging tokens as its "pushed" auth.config says).
 */
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireChromium } from "../../../test/helpers/chromium.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../../../test/helpers/convex-deployment-standin.ts";
import { startLoginApp, type LoginApp } from "../../../test/helpers/login-app.ts";
import { pushedOidcProvider } from "../../../test/helpers/standin-auth.ts";
import { startLocalIssuer, type LocalIssuer } from "../testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "../testing/token-factory.ts";
import { launchBrowser } from "./browser.ts";
import { verifyLogin, type VerifyLoginOptions } from "./verify-login.ts";

let browser: Browser;
let issuer: LocalIssuer;
let key: TestKey;
let deployment: DeploymentStandin;
let app: LoginApp;
let project: string;
const CORS = { "access-control-allow-origin": "*" };

/** Serves `token` as the signed-in user's token (the page's fetchToken reads it). */
function signIn(token: string | null): string {
  issuer.route(
    "/token",
    token === null
      ? { status: 401, body: "signed out", contentType: "text/plain", headers: CORS }
      : { body: token, contentType: "text/plain", headers: CORS },
  );
  return `${issuer.url}/token`;
}

async function userToken(iss: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signToken(key, { claims: { iss, sub: "user_1", aud: "convex", iat: now - 5, exp: now + 600, name: "Ada" } });
}

function run(options: Partial<VerifyLoginOptions> & { page?: string }) {
  const { page, ...rest } = options;
  return verifyLogin({
    cwd: project,
    url: page ?? app.url,
    devEnvFile: ".env.convex",
    browser,
    timeoutSeconds: 15,
    retryGraceMs: 1000,
    ...rest,
  });
}

beforeAll(async () => {
  requireChromium();
  [browser, issuer, key, app] = await Promise.all([
    launchBrowser({ headless: true }),
    startLocalIssuer(),
    makeKey("RS256", "k1"),
    startLoginApp(),
  ]);
  issuer.oidc({ path: "/clerk", jwks: jwks(key) });
  issuer.oidc({ path: "/other", jwks: jwks(key) });
  deployment = await startDeploymentStandin({
    userAuth: pushedOidcProvider({ issuer: `${issuer.url}/clerk`, applicationID: "convex" }),
  });
  project = await mkdtemp(join(tmpdir(), "authwire-login-"));
  await mkdir(join(project, "convex"));
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "app", dependencies: { convex: "^1.48.0" } }));
  await writeFile(
    join(project, "convex/auth.config.ts"),
    `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n`,
  );
  await writeFile(join(project, ".env.convex"), `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}/clerk\n`);
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), issuer?.close(), deployment?.close(), app?.close()]);
  if (project) await rm(project, { recursive: true, force: true });
});

describe("verifyLogin (real Chromium + real Convex client; local stand-ins for the app and the deployment)", () => {
  it("accepted: the stand-in deployment confirms the client's token and authwire's verdict agrees", async () => {
    const token = await userToken(`${issuer.url}/clerk`);
    const { json } = await run({ page: app.pageUrl({ deployment: deployment.url, token: signIn(token) }) });
    expect(json).toMatchObject({
      version: 1,
      deployment: deployment.url,
      outcome: "accepted",
      captured: {
        via: "websocket",
        claims: { sub: "user_1", iss: `${issuer.url}/clerk` },
        header: { alg: "RS256", kid: "k1" },
      },
      convexReply: { accepted: true, error: null, via: "websocket" },
      verdict: { accepted: true, identity: { tokenIdentifier: `${issuer.url}/clerk|user_1` } },
      disagreement: null,
      humanSteps: [],
    });
    expect(json.captured!.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/[^/]+\/sync$/);
    // The stand-in really judged this token, over the WebSocket.
    expect(deployment.userTokens.filter((entry) => entry.token === token).map((entry) => entry.via)).toContain(
      "websocket",
    );
    expect(JSON.stringify(json)).not.toContain(token.split(".")[2]);
  });

  it("rejected by Convex: a token from another issuer gets an AuthError, and the verdict explains it (NoAuthProvider)", async () => {
    const token = await userToken(`${issuer.url}/other`);
    const { json } = await run({ page: app.pageUrl({ deployment: deployment.url, token: signIn(token) }) });
    expect(json.outcome).toBe("rejected");
    expect(json.convexReply).toEqual({
      accepted: false,
      error: { code: "NoAuthProvider", message: "No auth provider found matching the given token" },
      via: "websocket",
    });
    expect(json.verdict).toMatchObject({ accepted: false, error: { code: "NoAuthProvider" } });
    expect(json.verdict!.explanation).toContain(`${issuer.url}/other`);
    expect(json.verdict!.fix).toContain("CLERK_JWT_ISSUER_DOMAIN");
    expect(json.disagreement).toBeNull();
  });

  it("never signed in: the client sends no token, so the human step says how to sign in", async () => {
    const page = app.pageUrl({ deployment: deployment.url, token: signIn(null) });
    const { json } = await run({ page, timeoutSeconds: 2 });
    expect(json).toMatchObject({
      outcome: "undetermined",
      deployment: deployment.url,
      captured: null,
      convexReply: null,
      verdict: null,
      attempts: [],
    });
    expect(json.humanSteps).toHaveLength(2);
    expect(json.humanSteps[0]!.title).toBe(
      `Sign in: run \`authwire verify login --url ${page} --headed\` and sign in at ${page} in the opened window`,
    );
    expect(json.humanSteps[0]!.why).toContain("the user isn't signed in");
    expect(json.humanSteps[1]!.title).toBe("Or pass --storage-state FILE saved from a signed-in session");
  });

  it("disagreement: the deployment accepts a token the local, unpushed auth.config would reject — and the reverse", async () => {
    const edited = await mkdtemp(join(tmpdir(), "authwire-login-edited-"));
    try {
      await mkdir(join(edited, "convex"));
      await writeFile(join(edited, "package.json"), "{}");
      await writeFile(
        join(edited, "convex/auth.config.ts"),
        `export default { providers: [{ domain: "${issuer.url}/other", applicationID: "convex" }] };\n`,
      );
      const fromPushed = await userToken(`${issuer.url}/clerk`);
      const first = (
        await run({
          cwd: edited,
          devEnvFile: undefined,
          page: app.pageUrl({ deployment: deployment.url, token: signIn(fromPushed) }),
        })
      ).json;
      expect(first.convexReply).toMatchObject({ accepted: true });
      expect(first.verdict).toMatchObject({ accepted: false, error: { code: "NoAuthProvider" } });
      expect(first.outcome).toBe("accepted");
      expect(first.disagreement).toMatchObject({
        kind: "outcome",
        likelyCause: "config-not-pushed",
        convex: { accepted: true },
        authwire: { outcome: "rejected", code: "NoAuthProvider" },
      });
      expect(first.disagreement!.message).toContain("not pushed");

      const fromEdited = await userToken(`${issuer.url}/other`);
      const second = (
        await run({
          cwd: edited,
          devEnvFile: undefined,
          page: app.pageUrl({ deployment: deployment.url, token: signIn(fromEdited) }),
        })
      ).json;
      expect(second.convexReply).toMatchObject({ accepted: false, error: { code: "NoAuthProvider" } });
      expect(second.verdict).toMatchObject({ accepted: true });
      expect(second.outcome).toBe("rejected");
      expect(second.disagreement).toMatchObject({
        kind: "outcome",
        likelyCause: "config-not-pushed",
        convex: { accepted: false, code: "NoAuthProvider" },
        authwire: { outcome: "accepted" },
      });
    } finally {
      await rm(edited, { recursive: true, force: true });
    }
  });

  it("HTTP: a Bearer request from the real ConvexHttpClient is captured with the stand-in's answer", async () => {
    const token = await userToken(`${issuer.url}/clerk`);
    const { json } = await run({
      page: app.pageUrl({ deployment: deployment.url, token: signIn(token), mode: "http" }),
      saveStorageState: "session.json",
    });
    // The session is saved for later headless runs, readable by the owner only.
    const saved = join(project, "session.json");
    expect((await stat(saved)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(saved, "utf8"))).toMatchObject({
      cookies: expect.any(Array),
      origins: expect.any(Array),
    });
    expect(json.notes.some((note) => note.startsWith("Saved the browser session to session.json"))).toBe(true);
    expect(json).toMatchObject({
      deployment: deployment.url,
      outcome: "accepted",
      captured: { via: "http", endpoint: `${deployment.url}/api/query`, claims: { sub: "user_1" } },
      convexReply: { accepted: true, via: "http", status: 200 },
      verdict: { accepted: true },
      disagreement: null,
    });
  });

  it("the app isn't running: the step says to start its dev server", async () => {
    const closed = await startLoginApp();
    await closed.close();
    const page = `${closed.url}/`;
    const { json } = await run({ page, timeoutSeconds: 5 });
    expect(json.outcome).toBe("undetermined");
    expect(json.humanSteps[0]).toMatchObject({
      title: `Start the app so ${page} answers (its dev server, e.g. npm run dev)`,
      url: page,
    });
    expect(json.humanSteps[0]!.why).toContain("ERR_CONNECTION_REFUSED");
  });

  it("a missing --storage-state file is a usage error before any page opens", async () => {
    await expect(run({ storageState: "no-such-session.json" })).rejects.toThrow("No storage-state file at");
  });

  it("a page without a Convex client: the step says no sync connection was opened", async () => {
    const { json } = await run({ page: `${app.url}/plain`, timeoutSeconds: 1 });
    expect(json.deployment).toBeNull();
    expect(json.humanSteps[0]!.title).toContain("connects to Convex");
    expect(json.humanSteps[0]!.why).toContain("opened no Convex sync WebSocket");
  });
});
