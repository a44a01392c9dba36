#!/usr/bin/env node
// `npm run demo`: runs authwire on a copy of examples/tasks-app and shows its real output.
// The example stays untouched; the copy lives in a temporary folder that is removed afterwards.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

const root = resolve(import.meta.dirname, "..");
const bin = join(root, "dist/cli/main.js");
const work = mkdtempSync(join(tmpdir(), "authwire-demo-"));
const app = join(work, "tasks-app");
cpSync(join(root, "examples/tasks-app"), app, { recursive: true });

// A made-up publishable key of a made-up Clerk development instance (demo-tasks-42.clerk.accounts.dev):
// pk_test_ + base64 of its Frontend API host and "$". authwire reads the issuer from it.
const clerkKey = `pk_test_${Buffer.from("demo-tasks-42.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;

/**
 * An OIDC issuer on 127.0.0.1 standing in for a Clerk instance (no real one is reachable from a
 * demo): discovery and a JWKS, and tokens shaped like Clerk's `convex` template issues them.
 */
async function startLocalIssuer() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const key = { ...(await exportJWK(publicKey)), kid: "demo-key-1", alg: "RS256", use: "sig" };
  const server = createServer((request, response) => {
    const body =
      request.url === "/.well-known/openid-configuration"
        ? { issuer: url, jwks_uri: `${url}/.well-known/jwks.json`, authorization_endpoint: `${url}/authorize` }
        : request.url === "/.well-known/jwks.json"
          ? { keys: [key] }
          : null;
    response.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(body ?? { error: "not found" }));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}`;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ azp: "http://localhost:5173", sid: "sess_demo", email: "ada@example.com" })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(url)
    .setSubject("user_2demoAda")
    .setAudience("convex")
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey);
  return { url, token, close: () => new Promise((done) => server.close(done)) };
}

const issuer = await startLocalIssuer();

const steps = [
  { title: "What authwire sees in the app", args: ["detect"] },
  {
    title: "Plan Clerk for the app: CREATE / MODIFY / SKIP and the diff, nothing written",
    args: ["add", "clerk", "--dry-run", "--clerk-publishable-key", clerkKey],
  },
  {
    title: "Apply it (no installs, no deployment here); exit 3: the Clerk dashboard steps remain",
    args: ["add", "clerk", "--yes", "--no-install", "--no-env", "--clerk-publishable-key", clerkKey],
    expect: 3,
  },
  { title: "Check the result without a deployment", args: ["doctor", "--offline"] },
  {
    title:
      "Prove it: judge a signed-in user's token (from a local issuer standing in for Clerk) as Convex would, against the issuer the app was set up with; exit 1: rejected, and why",
    args: ["verify", "token", "-", "--env", "CLERK_JWT_ISSUER_DOMAIN=https://demo-tasks-42.clerk.accounts.dev"],
    input: issuer.token,
    expect: 1,
  },
  {
    title:
      "The same token once the deployment's issuer is the one that signed it: accepted, with the identity your functions get",
    args: ["verify", "token", "-", "--env", `CLERK_JWT_ISSUER_DOMAIN=${issuer.url}`],
    input: issuer.token,
  },
];

let failed = false;
try {
  for (const step of steps) {
    process.stdout.write(`\n\x1b[1m$ authwire ${step.args.join(" ")}\x1b[0m   # ${step.title}\n`);
    // Asynchronously: the local issuer answers from this process. The token goes in on stdin, never in argv.
    const child = spawn(process.execPath, [bin, ...step.args, "--cwd", app], {
      stdio: [step.input ? "pipe" : "inherit", "inherit", "inherit"],
      env: { ...process.env, CONVEX_DEPLOYMENT: "" },
    });
    child.stdin?.end(step.input);
    const result = { status: await new Promise((done) => child.on("close", done)) };
    if (result.status !== (step.expect ?? 0)) {
      failed = true;
      process.stderr.write(`demo step "${step.title}" exited ${result.status}, expected ${step.expect ?? 0}\n`);
      break;
    }
  }
} finally {
  await issuer.close();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
