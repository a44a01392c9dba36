/**
 * `authwire add <provider>` as a library operation: detect → the recipe's plan (written nothing)
 * → apply through the change engine. The CLI and the MCP tools `plan_add` / `apply_add` are shells
 * over `planAdd`, `applyAdd` and `toAddJson`.
 */
import { join } from "node:path";
import { applyPlan, type ApplyOptions, type ApplyResult } from "../changes/apply.ts";
import type { CollectOptions } from "../changes/collect.ts";
import { toPlanJson, type Plan, type PlanJson } from "../changes/plan.ts";
import { deploymentReader } from "../deployment/env.ts";
import { AuthwireError, type MissingInput } from "../errors.ts";
import type { Io } from "../io.ts";
import { detectProject } from "../project/detect.ts";
import type { FrameworkName, ProjectFacts, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import { hasClient, planRecipe, type OptionValues, type Recipe, type RecipeOptions } from "./define.ts";
import { COMMON_OPTIONS, RECIPES, RECIPE_OPTIONS, loadRecipe } from "./index.ts";

export type FrameworkChoice = "vite" | "next" | "tanstack-start";

export interface AddRequest {
  cwd: string;
  provider: string;
  /** The recipe's option values by their camelCase names (`clerkPublishableKey`…), plus `prod`. */
  options?: Record<string, unknown>;
  /** Overrides the detected framework (`--framework`). */
  framework?: FrameworkChoice;
  /** Don't read the deployment's env; deployment variables with a value are planned as `set`. */
  offline?: boolean;
  /**
   * `false` (`--no-client`): a backend-only repo: only the functions folder and the deployment
   * are set up, and a human step says what the client must do. Default: false when the app has no
   * client framework or entry, else true.
   */
  client?: boolean;
  /**
   * `false` (`--no-env`): the deployments are left alone, so their variables are planned as
   * `pending` with the step that sets them (and apply must be given `env: false` too).
   */
  setDeploymentEnv?: boolean;
  /** The process env (CONVEX_DEPLOYMENT, secrets named by an option's `fromEnv`). */
  env?: NodeJS.ProcessEnv;
  /** @internal Seams for tests: virtual files, a recipe, the deployment reader, git. */
  files?: ProjectFiles;
  recipe?: Recipe;
  readDeployment?: CollectOptions["readDeployment"];
  git?: CollectOptions["git"];
}

export interface AddPlan {
  provider: string;
  facts: ProjectFacts;
  recipe: Recipe;
  plan: Plan;
  /** Options whose values the plan still lacks (their env changes are pending), with their flags. */
  missing: MissingInput[];
  nextSteps: string[];
}

export interface AddJson extends PlanJson {
  provider: string;
  framework: FrameworkName;
  missing: { name: string; flag: string; why: string }[];
  nextSteps: string[];
}

/** Where the deployment is selected: the backend package of a workspace, else the app. */
export function deploymentRoot(facts: ProjectFacts): string {
  return facts.convex.package ? join(facts.root, facts.convex.package.dir) : facts.root;
}

export function isKnownProvider(provider: string): provider is ProviderId {
  return provider in RECIPES;
}

function knownProviders(): string {
  return Object.keys(RECIPES).join(", ");
}

/** `--framework` as facts: Next's router still comes from the folders. */
function withFramework(facts: ProjectFacts, choice: FrameworkChoice | undefined): ProjectFacts {
  if (!choice) return facts;
  const name: FrameworkName =
    choice === "next" ? (facts.framework.name === "next-pages" ? "next-pages" : "next-app") : choice;
  if (name === facts.framework.name) return facts;
  facts.notes.push(`--framework ${choice}: treating the app as ${name} (detected: ${facts.framework.name}).`);
  return { ...facts, framework: { ...facts.framework, name } };
}

/** Checks option names and types against the recipe; unknown or mistyped options are usage errors. */
function validateOptions(
  provider: string,
  declared: RecipeOptions,
  values: Record<string, unknown>,
): OptionValues<RecipeOptions> {
  const known = { ...COMMON_OPTIONS, ...declared };
  const clean: Record<string, string | boolean | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const option = known[key as keyof typeof known] as RecipeOptions[string] | undefined;
    if (!option) {
      throw new AuthwireError("usage", `add ${provider} has no option "${key}".`, {
        hint: `Options of add ${provider}: ${Object.keys(known).join(", ")}.`,
      });
    }
    const type = option.type ?? "string";
    const ok =
      type === "boolean"
        ? typeof value === "boolean"
        : type === "list"
          ? Array.isArray(value) && value.every((v) => typeof v === "string")
          : typeof value === "string";
    if (!ok)
      throw new AuthwireError(
        "usage",
        `${option.flag} takes ${type === "list" ? "a comma-separated list" : `a ${type}`}.`,
      );
    clean[key] = typeof value === "string" ? value.trim() : (value as boolean | string[]);
  }
  return clean as OptionValues<RecipeOptions>;
}

/** Plans `add <provider>` for the app in `cwd`. Writes nothing. */
export async function planAdd(request: AddRequest): Promise<AddPlan> {
  const provider = request.provider;
  if (!request.recipe && !isKnownProvider(provider)) {
    throw new AuthwireError("usage", `Unknown provider "${provider}".`, {
      hint: `Choose one of: ${knownProviders()}.`,
    });
  }
  const recipe = request.recipe ?? (await loadRecipe(provider));
  const declared = request.recipe?.options ?? RECIPE_OPTIONS[provider as ProviderId] ?? recipe.options;
  const options = validateOptions(provider, declared, request.options ?? {});
  const env = request.env ?? process.env;
  for (const [key, option] of Object.entries(recipe.options)) {
    const fromEnv = option.fromEnv ? env[option.fromEnv] : undefined;
    if (option.secret && fromEnv && options[key] === undefined) options[key] = fromEnv;
  }

  const facts = withFramework(await detectProject(request.cwd, { files: request.files, env }), request.framework);
  const readDeployment =
    request.readDeployment ??
    (request.offline ? undefined : deploymentReader({ root: deploymentRoot(facts), env: { ...env } }));
  const client = request.client ?? hasClient(facts);
  if (!client && request.client === undefined)
    facts.notes.push("No client framework or entry found: planning the backend only (--no-client).");
  const plan = await planRecipe(
    recipe,
    facts,
    options,
    {
      readDeployment,
      git: request.git,
      ...(request.setDeploymentEnv === false && { setDeploymentEnv: false }),
    },
    { client },
  );

  const pendingEnv = plan.env.filter((change) => change.status === "pending");
  // An option's `env` entry is a variable name, or `target:NAME` for one target only ("prod:CLERK_JWT_ISSUER_DOMAIN").
  const isPending = (entry: string) => {
    const [target, name] = entry.includes(":") ? entry.split(":", 2) : [undefined, entry];
    return pendingEnv.some((change) => change.name === name && (target === undefined || change.target === target));
  };
  const missing: MissingInput[] = [];
  for (const [name, option] of Object.entries(recipe.options)) {
    if (options[name] !== undefined || !option.env?.some(isPending)) continue;
    missing.push({
      name,
      flag: option.secret
        ? `${option.flag}-stdin${option.fromEnv ? ` (or ${option.fromEnv} in the environment)` : ""}`
        : option.flag,
      why: option.description,
      ...(option.obtainedBy && { obtainedBy: option.obtainedBy }),
    });
  }
  return {
    provider: recipe.id,
    facts,
    recipe,
    plan,
    missing,
    nextSteps: recipe.nextSteps?.(facts, options, { setDeploymentEnv: request.setDeploymentEnv !== false }) ?? [],
  };
}

/**
 * Asks a human (through `io`, at a terminal) for the values the plan lacks, secrets masked, then
 * plans again with the answers. An empty answer leaves that value for later. Returns the request
 * with the answers and its plan (`added` as it is when nothing was missing or answered).
 */
export async function askMissing(
  request: AddRequest,
  added: AddPlan,
  io: Io,
): Promise<{ request: AddRequest; added: AddPlan }> {
  if (added.missing.length === 0) return { request, added };
  const answers = await io.ask(
    added.missing.map((input) => ({
      ...input,
      message: `${input.why} (${input.flag.split(" ")[0]})`,
      secret: Boolean(added.recipe.options[input.name]?.secret),
    })),
  );
  const given = Object.fromEntries(Object.entries(answers).filter(([, value]) => value.trim() !== ""));
  if (Object.keys(given).length === 0) return { request, added };
  const filled = { ...request, options: { ...request.options, ...given } };
  return { request: filled, added: await planAdd(filled) };
}

/** Applies a planned `add`, all or nothing (see docs/engine.md). */
export function applyAdd(added: AddPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  return applyPlan(added.plan, options);
}

export function toAddJson(added: AddPlan, { applied }: { applied: boolean }): AddJson {
  return {
    ...toPlanJson(added.plan, { applied }),
    provider: added.provider,
    framework: added.facts.framework.name,
    missing: added.missing.map(({ name, flag, why }) => ({ name, flag, why })),
    nextSteps: added.nextSteps,
  };
}

/**
 * The meaning of `applied` in the add JSON, the same for every provider: this run changed
 * something (a file written, a package installed, a deployment variable set). A dry run, a plan
 * with nothing to change (a second identical run) and an apply that only had steps left for a
 * human (`--no-install`, `--no-env`) report false.
 */
export function appliedAnything(result: ApplyResult | undefined): boolean {
  return result !== undefined && (result.written.length > 0 || result.installed.length > 0 || result.envSet.length > 0);
}

/** Whether a human still has something to do after this plan: a step, or a value to supply. */
export function needsHuman(added: AddPlan): boolean {
  return (
    added.plan.humanSteps.length > 0 ||
    added.missing.length > 0 ||
    added.plan.env.some((change) => change.status === "pending")
  );
}
