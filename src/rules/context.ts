/**
 * DoctorContext: everything rules read, computed once and shared (Clerk's memoized getters).
 * Rules never probe the disk or the deployment themselves; they ask the context.
 */
import { bundleReach, type BundleReach } from "../analysis/bundle.ts";
import { parseCode, type ParseResult } from "../code/parse.ts";
import { parseDotenv, type EnvValues } from "../config/dotenv.ts";
import { readJson, type JsonProblem } from "../config/json.ts";
import type { EnvRead, EnvSnapshot, EnvSource } from "../config/env-source.ts";
import type { ProjectFacts, ProviderEvidence, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import { projectGitignore } from "../project/gitignore.ts";
import type { Fetcher } from "../oidc/http.ts";
import {
  emptyCodeFacts,
  firstCallerDependent,
  type BackendIndex,
  type ClientIndex,
  type CodeFacts,
  type SkippedFile,
} from "../analysis/facts.ts";
import { BackendResolver } from "../analysis/resolver.ts";
import { lineOfAssignment } from "../code/location.ts";
import type { GitProbe } from "../changes/git.ts";
import type { DeploymentTarget } from "./define.ts";

export interface LocalEnvFile {
  /** `.env`, `.env.local`, `.env.production`… (relative to the root). */
  path: string;
  values: EnvValues;
  /** 1-based line where NAME is assigned, or null. */
  lineOf(name: string): number | null;
}

export interface ConvexJsonFile {
  path: "convex.json";
  source: string;
  value: Record<string, unknown> | null;
  problem: JsonProblem | null;
}

export type { SkippedFile };
export { lineOfAssignment };

/** The online checks (`--online`): discovery + JWKS through the token judge's network layer. */
export interface OnlineChecks {
  /** src/oidc/http.ts `createFetcher()`: timeouts, redirects, a size cap, a per-run cache. */
  fetcher: Fetcher;
}

export interface DoctorContext {
  readonly facts: ProjectFacts;
  readonly files: ProjectFiles;
  /** The functions folder, e.g. `convex`. */
  readonly convexDir: string;
  /** Providers found by detection (auth.config entries, packages, client wiring). */
  readonly providers: ReadonlySet<ProviderId>;
  /**
   * True when the app shows any sign of auth: a provider, an auth.config file, or a function that
   * depends on who the caller is (read after the code pass).
   */
  readonly hasAuth: boolean;
  /** The deployment's env, or null when unknown (reason from `envStatus`). */
  env(target: DeploymentTarget): Promise<EnvSnapshot | null>;
  envStatus(target: DeploymentTarget): Promise<EnvRead>;
  /** The root's dotenv files, parsed. */
  localEnv(): Promise<LocalEnvFile[]>;
  /** Whether git would ignore the path; null when the project shows no git setup at all. */
  gitIgnored(path: string): Promise<boolean | null>;
  /** Whether git already tracks the path (then .gitignore doesn't apply and its content is published). */
  gitTracked(path: string): Promise<boolean>;
  convexJson(): Promise<ConvexJsonFile | null>;
  /** Cached file text (undefined when missing, binary or too large). */
  read(path: string): Promise<string | undefined>;
  /**
   * Cached parse of a code file, for the rare rule that needs a raw AST (the analysis keeps none:
   * rules read `code` instead).
   */
  parse(path: string): Promise<ParseResult | undefined>;
  /** Which client files and env variables the bundle can hold (analysis/bundle.ts), read once. */
  bundle(): Promise<BundleReach>;
  /** What the code analysis found (filled by the engine before facts rules run). */
  readonly code: CodeFacts;
  /** `code.backend` and `code.client`. */
  readonly backend: BackendIndex;
  readonly client: ClientIndex;
  /** Cross-file resolution over `backend` (shared, memoized); call after the code pass. */
  resolver(): BackendResolver;
  readonly online: OnlineChecks | null;
  readonly skipped: SkippedFile[];
}

export interface DoctorContextOptions {
  envSource: EnvSource;
  online?: OnlineChecks | null;
  /** Read `.gitignore` files above the root too (on disk only). */
  gitParents?: boolean;
  /** What git says about tracked files (none for a virtual project). */
  git?: GitProbe;
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= compute());
}

/**
 * The providers the app uses. A package in package.json alone (never imported, no auth.config entry)
 * doesn't count when another provider shows in the code or config: it is dead weight or a migration
 * left half-done (AW306 says so), and its rules would judge a setup the app doesn't run.
 */
export function providersInUse(detected: readonly ProviderEvidence[]): Set<ProviderId> {
  // What a package manager wrote (package.json, a lockfile, node_modules) says installed, not used.
  const packageOnly = (provider: ProviderEvidence) =>
    provider.evidence.every((line) =>
      /^(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|node_modules\/[^:]*):/.test(
        line,
      ),
    );
  const anyInCode = detected.some((provider) => !packageOnly(provider));
  return new Set(detected.filter((provider) => !anyInCode || !packageOnly(provider)).map((provider) => provider.name));
}

export function createDoctorContext(facts: ProjectFacts, options: DoctorContextOptions): DoctorContext {
  const files = facts.files;
  const parses = new Map<string, Promise<ParseResult | undefined>>();
  const envReads = new Map<DeploymentTarget, Promise<EnvRead>>();
  const providers = providersInUse(facts.providers);

  // The project's reader owns caching (runDoctor's cachedFiles keeps what is read twice).
  const read = (path: string) => files.read(path);

  const envStatus = (target: DeploymentTarget) => {
    let cached = envReads.get(target);
    if (!cached) {
      cached = options.envSource.read(target).catch((error: unknown) => ({
        ok: false as const,
        reason: `the ${target} deployment's env could not be read: ${error instanceof Error ? error.message : String(error)}`,
      }));
      envReads.set(target, cached);
    }
    return cached;
  };

  const localEnv = once(async () => {
    const result: LocalEnvFile[] = [];
    for (const path of facts.envFiles) {
      const source = await read(path);
      if (source === undefined) continue;
      const values = parseDotenv(source);
      result.push({ path, values, lineOf: (name) => lineOfAssignment(source, name) });
    }
    return result;
  });

  const gitignore = projectGitignore(files, { parents: Boolean(options.gitParents) });

  let resolverCache: BackendResolver | undefined;
  const code = emptyCodeFacts();
  const context: DoctorContext = {
    facts,
    files,
    convexDir: facts.convex.dir,
    providers,
    get hasAuth() {
      return (
        providers.size > 0 || facts.convex.authConfigFiles.length > 0 || firstCallerDependent(code.backend) !== null
      );
    },
    async env(target) {
      const status = await envStatus(target);
      return status.ok ? status.snapshot : null;
    },
    envStatus,
    localEnv,
    async gitTracked(path) {
      return (await options.git?.tracked(path)) ?? false;
    },
    gitIgnored: (path) => gitignore.ignored(path),
    convexJson: once(async () => {
      const source = await read("convex.json");
      if (source === undefined) return null;
      const parsed = readJson<unknown>(source, { jsonc: true });
      if (!parsed.ok) return { path: "convex.json" as const, source, value: null, problem: parsed.problem };
      const value = parsed.value;
      const object =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : null;
      return {
        path: "convex.json" as const,
        source,
        value: object,
        problem: object ? null : { message: "convex.json must hold a JSON object", line: 1, column: 1 },
      };
    }),
    read,
    bundle: once(() =>
      bundleReach(facts.codeFiles, read, [facts.entries.main, facts.entries.rootRoute, facts.entries.convexProvider]),
    ),
    parse(path) {
      let cached = parses.get(path);
      if (!cached) {
        cached = read(path).then((source) => (source === undefined ? undefined : parseCode(path, source)));
        parses.set(path, cached);
      }
      return cached;
    },
    code,
    backend: code.backend,
    client: code.client,
    resolver() {
      resolverCache ??= new BackendResolver(code.backend, facts.convex.dir);
      return resolverCache;
    },
    online: options.online ?? null,
    skipped: code.skipped,
  };
  return context;
}
