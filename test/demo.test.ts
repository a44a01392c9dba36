/**
 * The README's first command: `npm run demo` runs the built CLI on a copy of examples/tasks-app
 * (detect, add clerk --dry-run, apply, doctor, then verify token against a local issuer on
 * 127.0.0.1 standing in for Clerk). It must keep working, and leave the example untouched.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { snapshot } from "./helpers/project.ts";

const REPO = join(import.meta.dirname, "..");

it("npm run demo: every step exits as expected, the token is rejected then accepted, the example is untouched", async () => {
  expect(existsSync(join(REPO, "dist/cli/main.js")), "run `npm run build` first (npm test does)").toBe(true);
  const before = snapshot(join(REPO, "examples/tasks-app"));
  const child = spawn(process.execPath, [join(REPO, "scripts/demo.mjs")], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise((done) => child.on("close", done));
  expect(code, output).toBe(0);
  for (const marker of [
    "$ authwire detect",
    "$ authwire add clerk --dry-run",
    "created convex/auth.config.ts",
    "$ authwire doctor --offline",
    "0 errors, 0 warnings",
  ])
    expect(output).toContain(marker);
  expect(output).toMatch(
    /REJECTED — Convex answers NoAuthProvider[\s\S]*ACCEPTED — Convex would authenticate this token/,
  );
  expect(output).toContain('subject: "user_2demoAda"');
  expect(snapshot(join(REPO, "examples/tasks-app"))).toEqual(before);
}, 60_000);
