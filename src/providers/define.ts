/**
 * What a provider recipe is (CONTRIBUTING.md): an id, its docs, the options it takes (each one a
 * CLI flag, an MCP option and, when a human must fetch it, the step that yields it), which
 * projects it supports, and `plan`, which records edits through the kit and never writes.
 *
 *   export default defineRecipe({
 *     id: "clerk",
 *     docs: "https://docs.convex.dev/auth/clerk",
 *     options: {
 *       publishableKey: { flag: "--clerk-publishable-key", description: "…",
 *                         obtainedBy: humanStep("Copy the publishable key", "https://dashboard.clerk.com", "…") },
 *     },
 *     supports: (facts) => (facts.framework.name === "expo" ? { unsupported: "Expo is not supported yet" } : "ok"),
 *     plan(facts, options, kit) {
 *       kit.file(`${facts.convex.dir}/auth.config.ts`, addAuthConfigProvider({ provider: { … } }));
 *       kit.install(profile.packages.byFramework.vite, VERSIONS[…]);
 *       kit.env("CLERK_JWT_ISSUER_DOMAIN", { target: "dev", value: options.issuer });
 *     },
 *     nextSteps: () => ["Sign out and back in after activating the integration."],
 *   });
 */
import { collectPlan, type CollectOptions } from "../changes/collect.ts";
import { createKit, type Kit } from "../changes/kit.ts";
import type { Plan } from "../changes/plan.ts";
import { AuthwireError, type HumanStep } from "../errors.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import { PROFILES } from "./profiles.ts";
import { planNodeTypesFor } from "./shared/tsconfig-node-types.ts";

export interface RecipeOption {
  /** The CLI flag ("--clerk-publishable-key"); the option's key is its MCP/JSON name (camelCase). */
  flag: string;
  description: string;
  /** Default "string"; "list" takes comma-separated values (`--methods password,github`). */
  type?: "string" | "boolean" | "list";
  /** Never echoed, never put in argv or a client-exposed variable. */
  secret?: boolean;
  /** Where a user gets the value when they don't have it yet; the plan shows it as a human step. */
  obtainedBy?: HumanStep;
  /**
   * The env variables this option's value ends up in. When the plan leaves one of them pending,
   * `add` lists this option's flag as a missing input (exit 3). `target:NAME` ("prod:AUTH0_DOMAIN")
   * matches that target only, for options that feed one deployment.
   */
  env?: string[];
  /**
   * A secret is never taken from argv: it is read from this process env variable, from stdin
   * with `<flag>-stdin`, or asked (masked) at a terminal.
   */
  fromEnv?: string;
}

export type RecipeOptions = Record<string, RecipeOption>;

export type OptionValues<O extends RecipeOptions> = {
  [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : O[K]["type"] extends "list" ? string[] : string;
};

export type Support = "ok" | { unsupported: string };

export interface NextStepsContext {
  setDeploymentEnv: boolean;
}

export interface Recipe<O extends RecipeOptions = RecipeOptions> {
  /** = folder = CLI argument = JSON provider name ("clerk", "convex-auth", …). */
  id: string;
  docs: string;
  options: O;
  /** From the facts alone: can this recipe set up this project? */
  supports(facts: ProjectFacts): Support;
  /** Records the changes through `kit`; reads only `facts` (and `facts.files`), never writes. */
  plan(facts: ProjectFacts, options: OptionValues<O>, kit: Kit): void | Promise<void>;
  /**
   * Lines for the human after a successful apply. `context.setDeploymentEnv` false (--no-env): the
   * plan's steps already carry each `npx convex env set`, so a line doesn't repeat the command.
   */
  nextSteps?(facts: ProjectFacts, options: OptionValues<O>, context: NextStepsContext): string[];
}

export function defineRecipe<O extends RecipeOptions>(recipe: Recipe<O>): Recipe<O> {
  if (!/^[a-z][a-z0-9-]*$/.test(recipe.id)) throw new TypeError(`Recipe ids are kebab-case: ${recipe.id}`);
  for (const [key, option] of Object.entries(recipe.options)) {
    if (!/^--[a-z][a-z0-9-]*$/.test(option.flag))
      throw new TypeError(`${recipe.id}.${key}: flags look like --kebab-case, got ${option.flag}`);
  }
  return recipe;
}

export function humanStep(title: string, url: string | undefined, why: string): HumanStep {
  return { title, ...(url && { url }), why };
}

/** Runs a recipe against a project: supports → plan (recorded) → collect. Writes nothing. */
export async function planRecipe<O extends RecipeOptions>(
  recipe: Recipe<O>,
  facts: ProjectFacts,
  options: OptionValues<O>,
  collect: Omit<CollectOptions, "files" | "packageManager" | "dependencies"> = {},
  { client = true }: { client?: boolean } = {},
): Promise<Plan> {
  // Backend-only: the recipe plans for a stand-in client (Vite when the app has none), and
  // everything it wants outside the functions folder is left to the human, listed in one step.
  const standIn = !client && !hasClient(facts);
  if (standIn) facts = { ...facts, framework: { ...facts.framework, name: "vite" } };
  const support = recipe.supports(facts);
  if (support !== "ok") {
    throw new AuthwireError("unsupported", `${recipe.id} can't set up this project: ${support.unsupported}.`, {
      docsUrl: recipe.docs,
    });
  }
  const kit = createKit(recipe.id, { outside: facts.convex.package ? [facts.convex.package.dir] : [] });
  await recipe.plan(facts, options, kit);
  if (!client) keepBackendOnly(recipe.id, facts, kit, standIn);
  if (facts.convex.package) await assertBackendPackagesPresent(recipe.id, facts, kit);
  // Backend files the recipe writes must type-check under every tsconfig covering them ("node" in types).
  const backend = new Set(kit.recorded.files.map((w) => w.path).filter((p) => p.startsWith(`${facts.convex.dir}/`)));
  for (const path of backend) await planNodeTypesFor(facts, kit, path);
  return collectPlan(kit, {
    ...collect,
    ...(facts.convex.package && { deploymentDir: facts.convex.package.dir }),
    files: facts.files,
    packageManager: facts.packageManager,
    dependencies: facts.dependencies,
  });
}

/** Helpers (not a provider's own packages) that the backend files some recipes write import. */
const BACKEND_HELPERS = ["convex-helpers", "@convex-dev/resend"];

/**
 * Installs go to the app; with the backend in its own workspace package, a package its new files
 * import must already be the backend's dependency (a strict workspace doesn't resolve the app's).
 * Refused before any write, with the command that adds them there.
 */
async function assertBackendPackagesPresent(id: string, facts: ProjectFacts, kit: Kit): Promise<void> {
  const backend = facts.convex.package!;
  const source = await facts.files.read(`${backend.dir}/package.json`);
  let deps: Record<string, string> = {};
  try {
    const pkg = JSON.parse(source ?? "{}") as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    deps = { ...pkg.devDependencies, ...pkg.dependencies };
  } catch {
    deps = {};
  }
  const own = id in PROFILES ? PROFILES[id as ProviderId].packages.backend : [];
  const imported = [...own, ...BACKEND_HELPERS];
  const missing = kit.recorded.installs.filter((wish) => imported.includes(wish.name) && !deps[wish.name]);
  if (missing.length === 0) return;
  const specs = missing.map((wish) => `${wish.name}@${wish.version}`).join(" ");
  const add = facts.packageManager === "npm" ? "install" : "add";
  throw new AuthwireError(
    "unsupported",
    `${id} writes backend files in ${backend.dir}/${backend.functionsDir}/ that import ${missing.map((w) => w.name).join(", ")}, which the backend package doesn't depend on; nothing was written.`,
    {
      hint: `Add them to the backend package first (cd ${backend.dir} && ${facts.packageManager} ${add} ${specs}), then run the same command again.`,
    },
  );
}

/** A client framework or entry the app has: without one, `add` and `users` plan the backend only. */
export function hasClient(facts: ProjectFacts): boolean {
  return facts.framework.name !== "unknown" || Boolean(facts.entries.main || facts.entries.convexProvider);
}

/**
 * `--no-client` (or no client detected): drops the recipe's client part (files outside the
 * functions folder, `.env.local` variables, client SDK packages) and says, in one human step,
 * what the client must do instead. Deployment variables, dashboard steps and the backend's
 * packages stay.
 */
function keepBackendOnly(id: string, facts: ProjectFacts, kit: Kit, standIn: boolean): void {
  const recorded = kit.recorded;
  const profile = id in PROFILES ? PROFILES[id as ProviderId] : undefined;
  const backendPackages = new Set([
    "convex",
    ...(profile?.packages.backend ?? []),
    ...(profile?.components ?? []),
    ...BACKEND_HELPERS,
  ]);
  // convex.json configures the deployment (WorkOS AuthKit writes its redirect there).
  const inBackend = (path: string) => path.startsWith(`${facts.convex.dir}/`) || path === "convex.json";
  const files = recorded.files.filter((wish) => !inBackend(wish.path));
  const installs = recorded.installs.filter((wish) => !backendPackages.has(wish.name));
  const env = recorded.env.filter((wish) => wish.target === "local");
  keep(recorded.files, (wish) => inBackend(wish.path));
  keep(recorded.installs, (wish) => backendPackages.has(wish.name));
  keep(recorded.env, (wish) => wish.target !== "local");
  if (files.length + installs.length + env.length === 0) return;
  const parts = [
    installs.length > 0 && `install ${[...new Set(installs.map((wish) => wish.name))].join(", ")}`,
    env.length > 0 && `set ${[...new Set(env.map((wish) => wish.name))].join(", ")} in the client's environment`,
    files.length > 0 && `wire ${[...new Set(files.map((wish) => wish.path))].join(", ")}`,
  ].filter(Boolean);
  recorded.humanSteps.push({
    title: `In the client app (not in this repo): ${parts.join("; ")}${standIn ? " (named as for a Vite app; use your client's equivalents)" : ""}`,
    why: `This repo has only the Convex backend (${facts.convex.dir}/), so authwire wrote the backend part: the client must sign users in with the provider and hand Convex its token (the provider's Convex bridge, or ConvexReactClient.setAuth), or every call is anonymous.`,
  });
}

function keep<T>(list: T[], predicate: (item: T) => boolean): void {
  const kept = list.filter(predicate);
  list.splice(0, list.length, ...kept);
}
