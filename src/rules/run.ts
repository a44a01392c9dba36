/**
 * `runDoctor`: detect the project, build the DoctorContext (deployment env from files, the live
 * deployment or nothing), run the rules, and return findings, the setup checklist and the JSON.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { AuthwireError } from "../errors.ts";
import { clientFileWanted } from "../analysis/select.ts";
import { isCodeFile } from "../code/parse.ts";
import { fileEnvSource, noEnvSource, type EnvSource } from "../config/env-source.ts";
import { liveEnvSource } from "../deployment/live-env-source.ts";
import { createFetcher } from "../oidc/http.ts";
import { gitProbe, type GitProbe } from "../changes/git.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts } from "../project/facts.ts";
import { cachedFiles, diskFiles, type ProjectFiles } from "../project/files.ts";
import { buildChecklist, type Checklist } from "./checklist.ts";
import { createDoctorContext, type DoctorContext, type OnlineChecks, type SkippedFile } from "./context.ts";
import type { Finding, Rule, RuleFinding } from "./define.ts";
import { runEngine } from "./engine.ts";
import { RULES } from "./index.ts";

export interface DoctorOptions {
  cwd: string;
  /** The project's files (tests pass `memoryFiles`); defaults to the disk under cwd. */
  files?: ProjectFiles;
  /** What git tracks; defaults to the git CLI on disk, nothing for `files` (false: never ask git). */
  git?: GitProbe | false;
  /** The process environment (for CONVEX_DEPLOYMENT). */
  processEnv?: NodeJS.ProcessEnv;
  /** `--dev-env` / `--prod-env`: dotenv dumps of the deployments' env. */
  devEnv?: string;
  prodEnv?: string;
  /** A deployment env source to use instead of files (the live deployment, tests). */
  envSource?: EnvSource;
  /**
   * Builds the live deployment source when no file is given and not offline. Default for a
   * project on disk: the deployment's env through the project's `convex` CLI (liveEnvSource);
   * for a virtual project (`files`): none.
   */
  liveEnvSource?: (facts: ProjectFacts) => EnvSource | null;
  /** How long one live read may take (default 60 s; the convex CLI retries for long). */
  liveTimeoutMs?: number;
  /** `--offline`: never read the live deployment. */
  offline?: boolean;
  /**
   * `--online`: also fetch each provider's discovery document and JWKS (AW113–AW115, AW211), through
   * the token judge's network layer; `true` makes a fresh fetcher, or pass one (tests inject fetch).
   */
  online?: boolean | OnlineChecks | null;
  /** `--only`: rule codes or names. */
  only?: string[];
  /** Replaces the registry (rule tests). */
  rules?: readonly Rule[];
}

export interface DoctorJson {
  version: 1;
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
  checklist: Checklist;
  skipped: SkippedFile[];
}

export interface DoctorResult {
  json: DoctorJson;
  findings: RuleFinding[];
  checklist: Checklist;
  skipped: SkippedFile[];
  notes: string[];
  facts: ProjectFacts;
  /** Where the deployment env came from, per target, or why it is unknown. */
  env: { dev: string; prod: string };
  /** The env source this run read (a re-run after `--fix` reuses it instead of reading again). */
  envSource: EnvSource;
}

/** Resolves `--only` codes/names against the registry; unknown ones are a usage error. */
export function selectRules(rules: readonly Rule[], only: string[] | undefined): readonly Rule[] {
  if (!only || only.length === 0) return rules;
  const wanted = only
    .flatMap((item) => item.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = wanted.filter(
    (item) => !rules.some((rule) => rule.meta.code.toLowerCase() === item.toLowerCase() || rule.meta.name === item),
  );
  if (unknown.length > 0) {
    throw new AuthwireError("usage", `Unknown rule${unknown.length > 1 ? "s" : ""} in --only: ${unknown.join(", ")}.`, {
      hint: "Pass rule codes (AW603) or names (user-lookup-by-email); see docs/rules/.",
    });
  }
  return rules.filter((rule) =>
    wanted.some((item) => rule.meta.code.toLowerCase() === item.toLowerCase() || rule.meta.name === item),
  );
}

/** Every key of the configuration's `rules` must name a rule (code or name); else the file's line is named. */
function checkConfiguredRules(rules: readonly Rule[], facts: ProjectFacts): void {
  const { config } = facts;
  for (const key of Object.keys(config.rules)) {
    if (rules.some((rule) => rule.meta.code === key || rule.meta.name === key)) continue;
    const at = config.ruleLines[key];
    throw new AuthwireError(
      "project_unreadable",
      `${config.file}${at ? `:${at.line}:${at.column}` : ""}: "${key}" is not a doctor rule.`,
      {
        file: config.file ?? undefined,
        line: at?.line,
        column: at?.column,
        hint: "Name a rule by its code (AW602) or name (missing-identity-check); see docs/rules/.",
      },
    );
  }
}

/** The rules the configuration doesn't turn off. */
function activeRules(rules: readonly Rule[], facts: ProjectFacts): readonly Rule[] {
  const off = facts.config.rules;
  return rules.filter((rule) => off[rule.meta.code] !== "off" && off[rule.meta.name] !== "off");
}

function defaultLiveSource(options: DoctorOptions, facts: ProjectFacts): EnvSource | null {
  if (options.liveEnvSource) return options.liveEnvSource(facts);
  if (options.files) return null;
  return liveEnvSource({ root: facts.root, env: options.processEnv, timeoutMs: options.liveTimeoutMs });
}

function envSourceFor(options: DoctorOptions, facts: ProjectFacts): EnvSource {
  if (options.envSource) return options.envSource;
  const live = options.offline
    ? noEnvSource((target) => `not read (--offline); pass --${target}-env FILE`)
    : (defaultLiveSource(options, facts) ??
      noEnvSource(
        (target) =>
          `unknown: pass --${target}-env FILE (npx convex env list${target === "prod" ? " --prod" : ""} --include-values > FILE)`,
      ));
  if (!options.devEnv && !options.prodEnv) return live;
  return fileEnvSource({ dev: options.devEnv, prod: options.prodEnv }, { cwd: options.cwd, fallback: live });
}

/** The env this run read, as a source that answers from what was read (no second live read). */
function memoizedSource(context: DoctorContext): EnvSource {
  return { read: (target) => context.envStatus(target) };
}

export function summarize(findings: readonly Finding[]): DoctorJson["summary"] {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

export function toFindingJson(finding: RuleFinding): Finding {
  const { code, rule, severity, message, file, line, column, fix, docs, fixable } = finding;
  return { code, rule, severity, message, file, line, column, fix, docs, fixable };
}

function analysisWillRead(path: string, text: string): boolean {
  return !isCodeFile(path) || text.includes("_generated") || clientFileWanted(text);
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const rules = selectRules(options.rules ?? RULES, options.only);
  const root = resolve(options.cwd);
  if (!options.files && !existsSync(root)) {
    throw new AuthwireError("not_a_project", `${root} does not exist.`, { hint: "Pass --cwd with your app's folder." });
  }
  // Detection and the engine read the same files: one cached reader serves both. It keeps only the
  // texts the analysis will parse (config and env files, the functions folder, client files that
  // pass the prefilter): the rest of a large repo is read once by detection and let go.
  const files = cachedFiles(options.files ?? diskFiles(root), analysisWillRead);
  const facts = await detectProject(root, { files, env: options.processEnv, onDisk: !options.files });
  if (facts.configError) throw facts.configError;
  checkConfiguredRules(options.rules ?? RULES, facts);
  const envSource = envSourceFor(options, facts);
  const online = options.online === true ? { fetcher: createFetcher() } : options.online || null;
  const git = options.git === false ? undefined : (options.git ?? (options.files ? undefined : gitProbe(root)));
  const context = createDoctorContext(facts, { envSource, online, gitParents: !options.files, git });
  // Both deployments are read at once (a live read runs the convex CLI) while the code is analysed;
  // an unreadable --dev-env/--prod-env file is a usage error before any work.
  void context.envStatus("dev");
  void context.envStatus("prod");
  for (const target of ["dev", "prod"] as const) {
    if (!(target === "dev" ? options.devEnv : options.prodEnv)) continue;
    const status = await context.envStatus(target);
    if (!status.ok)
      throw new AuthwireError("usage", status.reason, { hint: `Check the path given to --${target}-env.` });
  }
  const { findings } = await runEngine(context, activeRules(rules, facts));
  const checklist = await buildChecklist(context, findings, rules);
  const [dev, prod] = await Promise.all([context.envStatus("dev"), context.envStatus("prod")]);
  const json: DoctorJson = {
    version: 1,
    findings: findings.map(toFindingJson),
    summary: summarize(findings),
    checklist,
    skipped: context.skipped,
  };
  return {
    json,
    findings,
    checklist,
    skipped: context.skipped,
    notes: facts.notes,
    facts,
    env: { dev: dev.ok ? dev.snapshot.source : dev.reason, prod: prod.ok ? prod.snapshot.source : prod.reason },
    envSource: memoizedSource(context),
  };
}
