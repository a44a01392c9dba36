/**
 * Messages joined from parts must read as sentences (issue 19: `again.; prod ←`, `.).); its`):
 * the rendered output of several commands, through the built bin without a TTY, is scanned for
 * doubled punctuation. Unified diffs are code and are left out of the scan.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderEnvLine } from "../../src/cli/render/doctor.ts";
import { stripAnsi } from "../../src/cli/render/text.ts";
import { capitalAfterSemicolon } from "../../src/clauses.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "dist/cli/main.js");
const APPS = join(ROOT, "test/fixtures/apps");
const ENV = { CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "", CI: "true", NO_COLOR: "1" };

/** Doubled or clashing punctuation: ".;" ";." ",." ". ." ".)." ").)" "word.." (not "../" or "…"). */
const DOUBLED: RegExp[] = [
  /[.;:,!?][;,]/,
  /[;,:]\s*[.;,]/,
  /\.\)\./,
  /\)\.\)/,
  /(?<=[\w)"'`])\.\.(?![./\w])/,
  /[.!?]\s+[.;,]/,
];

/** Lines of human output with doubled punctuation or a capital after ";" (`…; Set it`), diffs skipped. */
export function doubledPunctuation(text: string): string[] {
  const lines = stripAnsi(text).split("\n");
  const found: string[] = [];
  let inDiff = false;
  lines.forEach((line, index) => {
    if (/^--- (a\/|\/dev\/null)/.test(line) && /^\+\+\+ b\//.test(lines[index + 1] ?? "")) inDiff = true;
    else if (inDiff && line === "") inDiff = false;
    if (!inDiff && (DOUBLED.some((pattern) => pattern.test(line)) || capitalAfterSemicolon(line))) found.push(line);
  });
  return found;
}

const temp = mkdtempSync(join(tmpdir(), "authwire-punctuation-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;
function copy(app: string): string {
  const dir = join(temp, `${app}-${(copies += 1)}`);
  cpSync(join(APPS, app), dir, { recursive: true });
  return dir;
}

function rendered(args: string[]): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...ENV }, stdio: "pipe" });
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("close", () => done(text));
  });
}

describe("rendered output has no doubled punctuation", () => {
  it("the scan itself catches the shapes the issue quoted", () => {
    expect(doubledPunctuation("deployment env: dev ← run it again.; prod ← none")).toHaveLength(1);
    expect(doubledPunctuation("the key (see the docs.).); its value")).toHaveLength(1);
    expect(doubledPunctuation("Sentence one.. Two")).toHaveLength(1);
    expect(doubledPunctuation("import from ../lib and wait… then go.")).toEqual([]);
    expect(doubledPunctuation("--- a/x\n+++ b/x\n+a.; b\n\nfine.")).toEqual([]);
    // A clause joined mid-sentence starts lowercase, unless a proper noun or code.
    expect(doubledPunctuation("--no-env: not set on the dev deployment; Set X on it")).toHaveLength(1);
    expect(doubledPunctuation("not set; Convex reads it; JWKS too; `npx convex dev` then")).toEqual([]);
  });

  it("doctor's env line joins a dev and a prod reason that end in a full stop", () => {
    const line = renderEnvLine({
      dev: "The deployment could not be reached; check your network, then run authwire again.",
      prod: "no prod deployment (no CONVEX_DEPLOY_KEY): pass --prod-env FILE.",
    });
    expect(line).toContain("dev ←");
    expect(doubledPunctuation(line)).toEqual([]);
  });

  it("add --dry-run for every provider (vite and Next.js)", async () => {
    const providers = ["convex-auth", "better-auth", "clerk", "workos", "auth0", "custom-jwt"];
    const bad: string[] = [];
    for (const provider of providers) {
      for (const app of ["vite-baseline", "next-app-baseline"]) {
        for (const extra of [[], ["--no-env", "--prod"]]) {
          const out = await rendered([
            "add",
            provider,
            "--dry-run",
            "--offline",
            "--no-install",
            ...extra,
            "--cwd",
            copy(app),
          ]);
          expect(out).toContain(`authwire add ${provider}`);
          bad.push(...doubledPunctuation(out).map((line) => `${provider} ${app} ${extra.join(" ")}: ${line}`));
        }
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it("doctor on every fixture app, and the commands' usage errors", async () => {
    const bad: string[] = [];
    for (const app of readdirSync(APPS)) {
      const out = await rendered(["doctor", "--offline", "--cwd", copy(app)]);
      bad.push(...doubledPunctuation(out).map((line) => `doctor ${app}: ${line}`));
    }
    // dev and prod env from different places: the env line joins two reasons.
    const devEnv = join(temp, "dev.env");
    writeFileSync(devEnv, "CLERK_JWT_ISSUER_DOMAIN=https://happy-otter-1.clerk.accounts.dev\n");
    for (const args of [
      ["doctor", "--dev-env", devEnv, "--cwd", copy("vite-clerk-done")],
      ["doctor", "--cwd", copy("vite-clerk-done")],
      ["keys", "--cwd", copy("vite-clerk-done")],
      ["verify", "token", "not-a-token", "--cwd", copy("vite-clerk-done")],
      ["add", "clerk", "--cwd", copy("vite-baseline")],
    ]) {
      bad.push(...doubledPunctuation(await rendered(args)).map((line) => `${args.slice(0, 2).join(" ")}: ${line}`));
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
