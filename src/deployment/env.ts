/**
 * The deployment's env variables, through the real `convex` CLI: `env list --include-values`,
 * `env get`, `env set` (the value piped on stdin, never in argv) and `env remove`, with `--prod`
 * for production. `readDeploymentEnv` is the reader the other layers use (doctor, verify, plans):
 * from a `--dev-env/--prod-env` dump file, or live. Values are returned, never printed.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { parseDotenv, type EnvValues } from "../config/dotenv.ts";
import { AuthwireError, HumanStepRequired, type HumanStep } from "../errors.ts";
import { CONFIGURE_DEPLOYMENT_STEP, convexFailure, runConvex, type ConvexCliOptions } from "./convex-cli.ts";
import { selectDeployment } from "./selection.ts";

import type { DeploymentTarget } from "../config/env-source.ts";

export type { DeploymentTarget };

export interface DeploymentEnvOptions extends ConvexCliOptions {
  target: DeploymentTarget;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function targetArgs(target: DeploymentTarget): string[] {
  if (target !== "dev" && target !== "prod") throw new TypeError(`Unknown deployment target: ${String(target)}`);
  return target === "prod" ? ["--prod"] : [];
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw new TypeError(`Not a valid env variable name: ${name}`);
}

/** The argv of each operation (exported for tests: values never appear in it). */
export function convexEnvArgs(
  operation: "list" | "get" | "set" | "remove",
  target: DeploymentTarget,
  name?: string,
): string[] {
  switch (operation) {
    case "list":
      return ["env", "list", "--include-values", ...targetArgs(target)];
    default:
      checkName(name!);
      // `--` keeps a name from ever being read as a flag; the value of `set` goes to stdin.
      return ["env", operation, ...targetArgs(target), "--", name!];
  }
}

/** Every variable and its value (`npx convex env list --include-values`). */
export async function listDeploymentEnv(options: DeploymentEnvOptions): Promise<EnvValues> {
  const result = await runConvex(options, convexEnvArgs("list", options.target));
  if (result.code !== 0 || result.timedOut) {
    throw convexFailure(result, `Listing the ${options.target} deployment's env`, [], options.timeoutMs);
  }
  const values = parseDotenv(result.stdout);
  // The CLI warns (on stderr) about values its dotenv output can't reproduce exactly; ask for those one by one.
  const inexact = [...result.stderr.matchAll(/^Warning \(([A-Za-z_][A-Za-z0-9_]*)\):/gm)].map((m) => m[1]!);
  for (const name of inexact) {
    const exact = await getDeploymentEnv({ ...options, name });
    if (exact !== undefined) values[name] = exact;
  }
  return values;
}

/** One variable's exact value, or undefined when it is not set. */
export async function getDeploymentEnv(options: DeploymentEnvOptions & { name: string }): Promise<string | undefined> {
  const result = await runConvex(options, convexEnvArgs("get", options.target, options.name));
  if (result.code !== 0 || result.timedOut) {
    throw convexFailure(result, `Reading ${options.name} from the ${options.target} deployment`, [], options.timeoutMs);
  }
  // Found: the value and one newline on stdout. Not found: nothing on stdout, a note on stderr.
  if (result.stdout === "") return undefined;
  return result.stdout.endsWith("\n") ? result.stdout.slice(0, -1) : result.stdout;
}

/** Sets a variable; the value travels on stdin (multi-line values included), never in argv. */
export async function setDeploymentEnv(options: DeploymentEnvOptions & { name: string; value: string }): Promise<void> {
  // The CLI drops one trailing newline from stdin, so one is added: the value arrives exactly.
  const result = await runConvex(options, convexEnvArgs("set", options.target, options.name), {
    input: `${options.value}\n`,
  });
  if (result.code !== 0 || result.timedOut) {
    throw convexFailure(
      result,
      `Setting ${options.name} on the ${options.target} deployment`,
      [options.value],
      options.timeoutMs,
    );
  }
}

/** Removes a variable (succeeds when it was not set). */
export async function removeDeploymentEnv(options: DeploymentEnvOptions & { name: string }): Promise<void> {
  const result = await runConvex(options, convexEnvArgs("remove", options.target, options.name));
  if (result.code !== 0 || result.timedOut) {
    throw convexFailure(
      result,
      `Removing ${options.name} from the ${options.target} deployment`,
      [],
      options.timeoutMs,
    );
  }
}

export type DeploymentEnvReading =
  | { source: "file"; file: string; values: EnvValues }
  | { source: "live"; values: EnvValues }
  | { source: "none"; reason: string; steps: HumanStep[] };

export interface ReadDeploymentEnvOptions extends Omit<ConvexCliOptions, "root"> {
  root: string;
  target: DeploymentTarget;
  /** A dotenv dump (`npx convex env list --include-values > file`), relative to the root or absolute. */
  file?: string;
  /** Never run the CLI: without a file the answer is `none`. */
  offline?: boolean;
}

/**
 * The deployment's env for doctor, verify and plans: from `file` when given, else live through
 * the CLI unless `offline`. A project without a configured deployment reads as `none` with the
 * step that fixes it (no exception: callers decide whether that is fatal).
 */
export async function readDeploymentEnv(options: ReadDeploymentEnvOptions): Promise<DeploymentEnvReading> {
  if (options.file) {
    const path = isAbsolute(options.file) ? options.file : join(options.root, options.file);
    let source: string;
    try {
      source = await readFile(path, "utf8");
    } catch (error) {
      throw new AuthwireError(
        "usage",
        `Can't read the ${options.target} env file ${options.file}: ${(error as Error).message}`,
        {
          hint: `Create it with \`npx convex env list --include-values${options.target === "prod" ? " --prod" : ""} > ${options.file}\`.`,
        },
      );
    }
    return { source: "file", file: options.file, values: parseDotenv(source) };
  }
  if (options.offline) {
    return { source: "none", reason: `offline, and no --${options.target}-env file was given`, steps: [] };
  }
  if ((await selectDeployment(options.root, { ...process.env, ...options.env })).kind === "none") {
    return {
      source: "none",
      reason: "no Convex deployment is configured for this project",
      steps: [CONFIGURE_DEPLOYMENT_STEP],
    };
  }
  try {
    return { source: "live", values: await listDeploymentEnv(options) };
  } catch (error) {
    if (error instanceof HumanStepRequired) return { source: "none", reason: error.message, steps: error.steps };
    throw error;
  }
}

/** `readDeploymentEnv` as the `readDeployment` callback of `collectPlan` (throws HumanStepRequired for `none`). */
export function deploymentReader(
  options: Omit<ReadDeploymentEnvOptions, "target">,
): (target: DeploymentTarget) => Promise<EnvValues> {
  return async (target) => {
    const reading = await readDeploymentEnv({ ...options, target });
    if (reading.source === "none") {
      throw new HumanStepRequired(`The ${target} deployment's env can't be read: ${reading.reason}.`, {
        steps: reading.steps,
      });
    }
    return reading.values;
  };
}
