#!/usr/bin/env node
// `npm run demo`: runs authwire on a copy of examples/tasks-app and shows its real output.
// The example stays untouched; the copy lives in a temporary folder that is removed afterwards.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const bin = join(root, "dist/cli/main.js");
const work = mkdtempSync(join(tmpdir(), "authwire-demo-"));
const app = join(work, "tasks-app");
cpSync(join(root, "examples/tasks-app"), app, { recursive: true });

// A made-up publishable key of a made-up Clerk development instance (demo-tasks-42.clerk.accounts.dev):
// pk_test_ + base64 of its Frontend API host and "$". authwire reads the issuer from it.
const clerkKey = `pk_test_${Buffer.from("demo-tasks-42.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;

const steps = [
  { title: "What authwire sees in the app", args: ["detect"] },
  { title: "Plan Clerk for the app: CREATE / MODIFY / SKIP and the diff, nothing written", args: ["add", "clerk", "--dry-run", "--clerk-publishable-key", clerkKey] },
  {
    title: "Apply it (no installs, no deployment here); exit 3: the Clerk dashboard steps remain",
    args: ["add", "clerk", "--yes", "--no-install", "--no-env", "--clerk-publishable-key", clerkKey],
    expect: 3,
  },
  { title: "Check the result without a deployment", args: ["doctor", "--offline"] },
];

let failed = false;
try {
  for (const step of steps) {
    process.stdout.write(`\n\x1b[1m$ authwire ${step.args.join(" ")}\x1b[0m   # ${step.title}\n`);
    const result = spawnSync(process.execPath, [bin, ...step.args, "--cwd", app], {
      stdio: "inherit",
      env: { ...process.env, CONVEX_DEPLOYMENT: "" },
    });
    if (result.status !== (step.expect ?? 0)) {
      failed = true;
      process.stderr.write(`demo step "${step.title}" exited ${result.status}, expected ${step.expect ?? 0}\n`);
      break;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
