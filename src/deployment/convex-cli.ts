/**
 * Running the project's own `convex` CLI (node_modules/convex), the way `npx convex` would, with
 * secrets on stdin and never in argv, a timeout (the CLI retries an unreachable deployment for a
 * long time), and its failures turned into errors that say what to do.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { maskValue } from "../config/dotenv.ts";
import { AuthwireError, HumanStepRequired, type HumanStep } from "../errors.ts";

export interface ConvexCliOptions {
  /** The project root (the CLI reads CONVEX_DEPLOYMENT from its .env.local). */
  root: string;
  /** Extra environment for the CLI, on top of process.env (e.g. CONVEX_SELF_HOSTED_URL). */
  env?: NodeJS.ProcessEnv;
  /** Give up after this long (default 60 s); the CLI itself retries an unreachable deployment for minutes. */
  timeoutMs?: number;
  /** The command that runs the CLI; default: node with the project's `convex` bin. */
  cli?: { command: string; args: string[] };
}

export interface ConvexCliResult {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

export const CONFIGURE_DEPLOYMENT_STEP: HumanStep = {
  title: "Run `npx convex dev` once in a terminal",
  url: "https://docs.convex.dev/cli",
  why: "It logs you in and configures this project's dev deployment (CONVEX_DEPLOYMENT in .env.local); authwire sets and reads env variables through it.",
};

/** The project's convex CLI: `node_modules/convex`'s bin, found from the root upwards (workspaces hoist it). */
export function locateConvexCli(root: string): { command: string; args: string[] } | undefined {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const manifest = join(dir, "node_modules", "convex", "package.json");
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
        const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.convex;
        if (bin) return { command: process.execPath, args: [join(dirname(manifest), bin)] };
      } catch {
        // an unreadable manifest: keep looking upwards
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Runs `convex <args>` in the project; `input` goes to stdin. Resolves with the outcome, never rejects on exit codes. */
export function runConvex(
  options: ConvexCliOptions,
  args: string[],
  { input }: { input?: string } = {},
): Promise<ConvexCliResult> {
  const cli = options.cli ?? locateConvexCli(options.root);
  if (!cli) {
    return Promise.reject(
      new AuthwireError(
        "convex_cli_missing",
        "The convex CLI is not installed in this project (no node_modules/convex).",
        {
          hint: "Install it (`npm install convex`), then run authwire again.",
        },
      ),
    );
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cli.command, [...cli.args, ...args], {
      cwd: options.root,
      env: { ...process.env, ...options.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    // After a fatal sync-protocol error (a refused admin key) the CLI keeps waiting: stop it.
    child.stderr!.on("data", () => {
      if (stderr.includes("[CONVEX FATAL ERROR]")) child.kill("SIGKILL");
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(
        new AuthwireError("convex_cli_missing", `Could not start the convex CLI: ${error.message}`, { cause: error }),
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ stdout, stderr, code, timedOut });
    });
    if (input !== undefined) {
      child.stdin!.on("error", () => undefined); // the CLI may exit before reading; its exit code tells why
      child.stdin!.end(input);
    }
  });
}

/** Turns a failed CLI run into the error that says what to do. Secret values never appear in it. */
export function convexFailure(
  result: ConvexCliResult,
  what: string,
  secrets: string[] = [],
  timeoutMs = 60_000,
): AuthwireError {
  const mask = (text: string) =>
    secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join(maskValue(secret)), text);
  // The CLI's own crash reporting (Sentry) adds unrelated network noise on failures: drop it.
  const lines = mask(`${result.stderr}\n${result.stdout}`)
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim());
  const output = lines.filter(
    (line) =>
      line &&
      !line.startsWith("at ") &&
      !/^Retrying request/.test(line) &&
      !/sentry\.io|^Unexpected Error:|^This error originated|^Error: \[CONVEX FATAL ERROR\]/.test(line),
  );
  const summary =
    output.find((line) => /^(?:✖|error|Error|\[CONVEX FATAL ERROR\])/.test(line)) ??
    output[0] ??
    `exit code ${result.code}`;
  const text = output.join("\n");
  const credentialsRefused = /\b401\b|\b403\b|unauthori[sz]ed|BadAdminKey|admin key was invalid|forbidden/i.test(text);
  if (result.timedOut && !/\[CONVEX FATAL ERROR\]/.test(text)) {
    return new AuthwireError(
      "deployment_unreachable",
      `${what}: the convex CLI got no answer from the deployment within ${Math.round(timeoutMs / 1000)} s.`,
      {
        hint: "Check your network and that the deployment exists (`npx convex dashboard`), then run authwire again.",
      },
    );
  }
  if (/No CONVEX_DEPLOYMENT set|configure a Convex project|npx convex login|not logged in|Please log in/i.test(text)) {
    return new HumanStepRequired(`${what}: no Convex deployment is configured for this project.`, {
      steps: [CONFIGURE_DEPLOYMENT_STEP],
    });
  }
  if (
    !credentialsRefused &&
    /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up/i.test(text)
  ) {
    return new AuthwireError("deployment_unreachable", `${what}: ${summary.replace(/^✖\s*/, "")}`, {
      hint: "The deployment could not be reached; check your network and CONVEX_DEPLOYMENT, then run authwire again.",
      details: { output: text.slice(-2000) },
    });
  }
  return new AuthwireError(
    "deployment_command_failed",
    `${what}: ${summary.replace(/^✖\s*|^\[CONVEX FATAL ERROR\]\s*/, "")}`,
    {
      hint: credentialsRefused
        ? "The deployment refused the credentials; run `npx convex dev` (or `npx convex login`) again."
        : "Run the same `npx convex env …` command yourself to see the full error.",
      details: { output: text.slice(-2000) },
    },
  );
}
