/**
 * The real-parts e2e workspace: the provider SDKs, Convex 1.48.0, Vite and Next installed once
 * under `.e2e-work/<workspace>/` (gitignored), and helpers that copy an app into it and run the real
 * tools on it: `convex codegen --system-udfs`, `tsc`, `vite build`, `next build`.
 * Apps live in `.e2e-work/<workspace>/apps/<name>`, so Node resolves the shared node_modules.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

export const REPO = resolve(import.meta.dirname, "../..");
export const FIXTURES = join(REPO, "test/fixtures/apps");
const WORK = join(REPO, ".e2e-work");

type WorkspaceName = "sdk" | "next15" | "convex-auth-v2";
const SPEC = JSON.parse(readFileSync(join(import.meta.dirname, "sdk-workspaces.json"), "utf8")) as Record<
  WorkspaceName,
  Record<string, string>
>;

export function workspaceDir(name: WorkspaceName): string {
  return join(WORK, name);
}

/**
 * Runs a command without blocking the event loop (vitest workers must keep answering), stdout and
 * stderr in one output. `env` is the child's whole environment (default: this process's).
 */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

/** Installs a workspace's packages unless the same list is already installed (a stamp of its hash). */
export async function ensureWorkspace(name: WorkspaceName): Promise<string> {
  const dir = workspaceDir(name);
  const pkg = { name: `authwire-e2e-${name}`, private: true, type: "module", dependencies: SPEC[name] };
  const text = `${JSON.stringify(pkg, null, 2)}\n`;
  const stamp = createHash("sha256").update(text).digest("hex");
  const stampFile = join(dir, ".installed");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), text);
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (install.code !== 0) throw new Error(`npm install in ${dir} failed:\n${install.output}`);
  writeFileSync(stampFile, stamp);
  return dir;
}

/** A fresh copy of a fixture app (or any folder) inside a workspace; returns its path. */
export function copyApp(source: string, as: string, workspace: WorkspaceName = "sdk"): string {
  const from = existsSync(source) ? source : join(FIXTURES, source);
  const to = join(workspaceDir(workspace), "apps", as);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  return to;
}

export interface RunResult {
  code: number;
  output: string;
}

export const AUTHWIRE_BIN = join(REPO, "dist/cli/main.js");

/** The built CLI: `node dist/cli/main.js …args` (`env`: the child's whole environment, as for run). */
export function runAuthwire(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  if (!existsSync(AUTHWIRE_BIN))
    throw new Error(`${AUTHWIRE_BIN} is missing: run \`npm run build\` first (npm test does).`);
  return run(process.execPath, [AUTHWIRE_BIN, ...args], options);
}

const VITEST = join(REPO, "node_modules/vitest/vitest.mjs");

/**
 * Runs `source` as the app's own test file under the repo's vitest (convex-test against its
 * functions): tests/<name>.test.ts and a vitest config beside it. `inline`: packages vitest must
 * transform (a component's test entry that globs its own modules).
 */
export function convexTestRun(
  app: string,
  name: string,
  source: string,
  options: { env?: NodeJS.ProcessEnv; inline?: string[] } = {},
): Promise<RunResult> {
  mkdirSync(join(app, "tests"), { recursive: true });
  writeFileSync(join(app, `tests/${name}.test.ts`), source);
  const test = {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60000,
    ...(options.inline && { server: { deps: { inline: options.inline } } }),
  };
  writeFileSync(join(app, "vitest.config.mjs"), `export default ${JSON.stringify({ test })};\n`);
  return run(process.execPath, [VITEST, "run", "--root", app], { cwd: app, env: options.env });
}

/** Runs a workspace binary (`tsc`, `vite`, `next`, `convex`) in an app folder. */
export function runBin(app: string, bin: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  // The workspace holding the app: .e2e-work/<workspace>/apps/<name>[/nested/package].
  const workspace = join(WORK, relative(WORK, resolve(app)).split(sep)[0]!);
  return run(join(workspace, "node_modules/.bin", bin), args, {
    cwd: app,
    env: { ...process.env, CI: "true", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

/** `convex codegen` without a deployment (the hidden --system-udfs path; see docs/internals/offline.md#codegen-without-a-deployment). */
export function codegen(app: string): Promise<RunResult> {
  return runBin(app, "convex", ["codegen", "--system-udfs", "--typecheck", "disable"]);
}

/** Type-checks the app and, when it has its own tsconfig, the Convex functions. */
export async function typecheck(app: string): Promise<RunResult> {
  const client = await runBin(app, "tsc", ["--noEmit", "-p", "."]);
  if (client.code !== 0 || !existsSync(join(app, "convex/tsconfig.json"))) return client;
  const server = await runBin(app, "tsc", ["--noEmit", "-p", "convex"]);
  return { code: server.code, output: `${client.output}${server.output}` };
}

export const PLACEHOLDER_ENV = {
  VITE_CONVEX_URL: "https://example-app-123.convex.cloud",
  NEXT_PUBLIC_CONVEX_URL: "https://example-app-123.convex.cloud",
};

export function viteBuild(app: string, env: Record<string, string> = {}): Promise<RunResult> {
  return runBin(app, "vite", ["build", "--logLevel", "error"], { ...PLACEHOLDER_ENV, ...env });
}

export function nextBuild(app: string, env: Record<string, string> = {}): Promise<RunResult> {
  return runBin(app, "next", ["build"], { ...PLACEHOLDER_ENV, ...env });
}

/**
 * TanStack Router's generated route tree without its Start footer (the `Register` block, which the
 * generator rewrites once src/start.ts exists): the routes part authwire keeps in step.
 */
export function routeTreeRoutes(app: string): string {
  const text = readFileSync(join(app, "src/routeTree.gen.ts"), "utf8");
  const footer = text.indexOf("import type { getRouter }");
  return footer === -1 ? text : text.slice(0, footer);
}
