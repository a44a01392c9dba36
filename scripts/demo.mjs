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

const steps = [
  { title: "What authwire sees in the app", args: ["detect"] },
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
