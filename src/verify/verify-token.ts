/**
 * `verifyToken`: the library function behind `authwire verify token`. It gathers the inputs
 * (auth.config, one deployment's env, the built-in URLs), evaluates the config and judges the
 * token. Env values come from, in order: a dotenv file (`--dev-env` / `--prod-env`), else the
 * live deployment through the project's `convex` CLI (unless offline), then `--env NAME=VALUE`
 * overrides.
 */
import { isAbsolute, join, relative } from "node:path";
import { readFile } from "node:fs/promises";
import {
  evaluateAuthConfig,
  readAuthConfig,
  type EvaluatedAuthConfig,
  type BuiltinEnv,
} from "../config/auth-config.ts";
import { deploymentUrls } from "../config/deployment-urls.ts";
import { parseDotenv } from "../config/dotenv.ts";
import type { DeploymentTarget, EnvSource } from "../config/env-source.ts";
import { liveEnvSource } from "../deployment/live-env-source.ts";
import { AuthwireError } from "../errors.ts";
import { diskFiles, type ProjectFiles } from "../project/files.ts";
import { readConvexJson } from "../project/probes/convex.ts";
import { createFetcher, type FetchLike } from "../oidc/http.ts";
import { judge } from "./judge.ts";
import type { Verdict } from "./verdict.ts";

export interface VerifyTokenOptions {
  cwd: string;
  /** The JWT (surrounding whitespace is tolerated; a `Bearer ` prefix is read as Convex reads the header). */
  token: string;
  /** Judge against the production deployment's env (default: dev). */
  prod?: boolean;
  /** Dotenv dumps of the deployments' env (`npx convex env list --include-values > .env.convex`). */
  devEnvFile?: string;
  prodEnvFile?: string;
  /** NAME=VALUE overrides, applied last. */
  env?: Record<string, string>;
  /**
   * The deployment env when no file was given; default: the live deployment through the project's
   * `convex` CLI (`liveEnvSource`), except for a virtual project (`files`). Not consulted offline.
   */
  envSource?: EnvSource;
  /** The process env the `convex` CLI sees (default process.env) and its timeout, for the live read. */
  processEnv?: NodeJS.ProcessEnv;
  liveTimeoutMs?: number;
  /** No live env read and no network: judge what needs neither and list what was skipped. */
  offline?: boolean;
  /** Injected fetch (tests, benchmarks); default global fetch. */
  fetch?: FetchLike;
  /** Request time in unix seconds; default now. */
  now?: number;
  /** Redact errors as a production deployment does; default: true for --prod. */
  redact?: boolean;
  /** Network timeout per request (ms), default 5000. */
  timeoutMs?: number;
  files?: ProjectFiles;
}

export interface VerifyTokenResult {
  verdict: Verdict;
  config: EvaluatedAuthConfig;
  target: DeploymentTarget;
  /** Where the env came from, and the names it holds (never values). */
  env: { label: string; names: string[]; known: boolean };
  /** The built-in URLs used, when derivable. */
  builtins: BuiltinEnv;
  notes: string[];
}

export async function verifyToken(options: VerifyTokenOptions): Promise<VerifyTokenResult> {
  if (typeof options.token !== "string" || options.token.trim() === "") {
    throw new AuthwireError("usage", "No token given.", {
      hint: "Pass the JWT as an argument, or `-` to read it from stdin.",
    });
  }
  // A `Bearer ` prefix is read as the backend reads the Authorization header (judge).
  const token = options.token.trim();
  const files = options.files ?? diskFiles(options.cwd);
  const notes: string[] = [];
  const target: DeploymentTarget = options.prod ? "prod" : "dev";
  const { functionsDir } = await readConvexJson(files, notes);

  const envFile = target === "prod" ? options.prodEnvFile : options.devEnvFile;
  let values: Record<string, string> = {};
  let label = `the ${target} deployment`;
  let known = false;
  let triedLive = false;
  if (envFile) {
    values = await readEnvFile(options.cwd, envFile);
    label = `the ${target} deployment (${displayPath(options.cwd, envFile)})`;
    known = true;
  } else if (!options.offline && (options.envSource || !options.files)) {
    // A virtual project (`files` given) has no deployment to read unless a source is passed.
    const source =
      options.envSource ??
      liveEnvSource({ root: options.cwd, env: options.processEnv, timeoutMs: options.liveTimeoutMs });
    const read = await source.read(target);
    if (read.ok) {
      values = read.snapshot.values;
      label = `the ${target} deployment (${read.snapshot.source})`;
      known = true;
    } else {
      // The reason says what was tried and what to do; no second note below.
      notes.push(asSentence(read.reason));
      triedLive = true;
    }
  }
  if (options.env && Object.keys(options.env).length > 0) {
    values = { ...values, ...options.env };
    if (!known) label = "--env";
  }
  if (!known && !triedLive && Object.keys(options.env ?? {}).length === 0)
    notes.push(
      `No env for the ${target} deployment was supplied (--${target}-env FILE, --env NAME=VALUE): env vars the config reads are unknown.`,
    );

  const builtins = await builtinUrls(files, target, values);
  const raw = await readAuthConfig(files, functionsDir);
  const config = evaluateAuthConfig(raw, values, builtins, { envKnown: known });
  const fetcher = options.offline ? null : createFetcher({ fetch: options.fetch, timeoutMs: options.timeoutMs });
  const verdict = await judge(token, config, {
    fetcher,
    now: options.now,
    redact: options.redact ?? target === "prod",
    envLabel: label,
  });
  return { verdict, config, target, env: { label, names: Object.keys(values).sort(), known }, builtins, notes };
}

async function readEnvFile(cwd: string, file: string): Promise<Record<string, string>> {
  const path = isAbsolute(file) ? file : join(cwd, file);
  try {
    return parseDotenv(await readFile(path, "utf8"));
  } catch (error) {
    throw new AuthwireError("usage", `Can't read the env file ${file}.`, {
      hint: "Create it with: npx convex env list --include-values > .env.convex",
      cause: error,
    });
  }
}

const asSentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`.replace(/\.*$/, ".");

function displayPath(cwd: string, file: string): string {
  return isAbsolute(file) ? relative(cwd, file) || file : file;
}

/** CONVEX_SITE_URL / CONVEX_CLOUD_URL for the target, from the project's own env files (dev only). */
async function builtinUrls(
  files: ProjectFiles,
  target: DeploymentTarget,
  values: Record<string, string>,
): Promise<BuiltinEnv> {
  const fromValues = values.CONVEX_CLOUD_URL ? deploymentUrls(values.CONVEX_CLOUD_URL) : null;
  if (fromValues) return fromValues;
  if (target === "prod") return {};
  for (const name of [".env.local", ".env"]) {
    const source = await files.read(name);
    if (!source) continue;
    const local = parseDotenv(source);
    for (const key of [
      "CONVEX_DEPLOYMENT",
      "CONVEX_URL",
      "VITE_CONVEX_URL",
      "NEXT_PUBLIC_CONVEX_URL",
      "EXPO_PUBLIC_CONVEX_URL",
      "CONVEX_SELF_HOSTED_URL",
    ]) {
      const value = local[key];
      const urls = value ? deploymentUrls(value) : null;
      if (urls) return urls;
    }
  }
  return {};
}
