/**
 * The kit a recipe plans with. Every call only *records* a wish; nothing is read or written
 * here. `collectPlan` later runs the recorded edits against the project's files. Misuse (a path
 * outside the project, a range instead of an exact version, a secret in a client-exposed
 * variable) is a bug in the recipe and throws TypeError at once.
 */
import { posix } from "node:path";
import semver from "semver";
import type { Edit } from "../edit/edit.ts";
import type { EnvTarget, HumanStep, RecipeId } from "./plan.ts";
import { clientExposedPrefix } from "../project/client-env.ts";

export interface FileWish {
  path: string;
  edit: Edit;
  /** Overrides the edit's own description in the plan. */
  reason?: string;
  by: RecipeId;
}

export interface InstallWish {
  name: string;
  version: string;
  dev: boolean;
  by: RecipeId;
  /**
   * The version the project runs today (installed or locked), when the recipe needs at least
   * `version`: an older one is installed over even though the declared range allows `version`.
   */
  running?: string;
}

export interface EnvRequest {
  target: EnvTarget;
  /** The value, when known. Without one the change is pending until `obtainedBy` is done. */
  value?: string;
  /** A secret never goes into a client-exposed variable, argv or a tracked file. */
  secret?: boolean;
  /** For `local`: the dotenv file (default `.env.local`). */
  file?: string;
  /** The step that yields the value (a dashboard page to copy it from). */
  obtainedBy?: HumanStep;
  /** Why the variable is needed, for the plan. */
  reason?: string;
  /**
   * Deployment targets only: leave the deployment's value alone when it already has one (key
   * material, a SITE_URL the user chose), as Convex Auth's setup CLI does by default. `true`: when
   * this variable is set; a list of names: when all of them are set (a key pair is kept or replaced
   * together). The change is then `unchanged`. When the deployment's env can't be read while
   * planning, apply checks again just before setting and keeps what it finds.
   */
  keepExisting?: boolean | string[];
}

export interface EnvWish extends EnvRequest {
  name: string;
  by: RecipeId;
}

export interface Recording {
  files: FileWish[];
  installs: InstallWish[];
  env: EnvWish[];
  humanSteps: HumanStep[];
}

export interface Kit {
  /** Records an edit of `path` (relative to the project root, POSIX). Edits of one file run in order. */
  file(path: string, edit: Edit, options?: { reason?: string }): void;
  /**
   * Records a package to install at an exact version ("6.1.2", not "^6"). `running`: the version
   * the project runs today, when `version` is a minimum it must not stay below.
   */
  install(name: string, version: string, options?: { dev?: boolean; running?: string }): void;
  /** Records an env variable for a dotenv file (`local`) or a deployment (`dev` / `prod`). */
  env(name: string, request: EnvRequest): void;
  /** Records a step only a human can do (a dashboard toggle), with where and why. */
  humanStep(step: HumanStep): void;
  readonly by: RecipeId;
  readonly recorded: Recording;
}

/** Client bundles expose these prefixes to the browser; a secret never goes there. */
export { CLIENT_EXPOSED_PREFIXES } from "../project/client-env.ts";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `outside`: folders beyond the root a recipe may write in (a workspace's backend package,
 * "../../packages/backend"); anything else outside the root is a recipe bug.
 */
export function normalizeProjectPath(path: string, outside: readonly string[] = []): string {
  if (typeof path !== "string" || path === "") throw new TypeError("A file path is required.");
  const normalized = posix.normalize(path.replace(/\\/g, "/"));
  const allowed = outside.some((dir) => normalized.startsWith(`${posix.normalize(dir)}/`));
  if (
    posix.isAbsolute(normalized) ||
    ((normalized === ".." || normalized.startsWith("../")) && !allowed) ||
    normalized === "."
  ) {
    throw new TypeError(`Paths must stay inside the project and be relative to its root: ${path}`);
  }
  if (normalized === ".authwire" || normalized.startsWith(".authwire/")) {
    throw new TypeError(`.authwire/ is authwire's own journal folder: ${path}`);
  }
  return normalized;
}

export function createKit(by: RecipeId, scope: { outside?: readonly string[] } = {}): Kit {
  const recorded: Recording = { files: [], installs: [], env: [], humanSteps: [] };
  return {
    by,
    recorded,
    file(path, edit, options = {}) {
      if (typeof edit !== "function") throw new TypeError(`kit.file(${path}) needs an edit function.`);
      recorded.files.push({ path: normalizeProjectPath(path, scope.outside), edit, reason: options.reason, by });
    },
    install(name, version, options = {}) {
      if (!/^(?:@[\w.-]+\/)?[\w.-]+$/.test(name)) throw new TypeError(`Not a package name: ${name}`);
      if (semver.valid(version) !== version) {
        throw new TypeError(`kit.install(${name}) needs an exact version like "1.2.3", got "${version}".`);
      }
      recorded.installs.push({
        name,
        version,
        dev: Boolean(options.dev),
        by,
        ...(options.running !== undefined && { running: options.running }),
      });
    },
    env(name, request) {
      if (!ENV_NAME.test(name)) throw new TypeError(`Not a valid env variable name: ${name}`);
      if (!["local", "dev", "prod"].includes(request.target))
        throw new TypeError(`Unknown env target: ${request.target}`);
      if (request.secret && clientExposedPrefix(name) !== null) {
        throw new TypeError(`${name} is exposed to the browser by its prefix and must not hold a secret.`);
      }
      if (request.value === undefined && !request.obtainedBy) {
        throw new TypeError(`kit.env(${name}) needs a value or the step (obtainedBy) that yields one.`);
      }
      const file = request.target === "local" ? normalizeProjectPath(request.file ?? ".env.local") : undefined;
      if (request.target !== "local" && request.file)
        throw new TypeError(`kit.env(${name}): file is only for target "local".`);
      if (request.target === "local" && request.keepExisting)
        throw new TypeError(`kit.env(${name}): keepExisting is for deployment targets.`);
      if (Array.isArray(request.keepExisting) && !request.keepExisting.every((other) => ENV_NAME.test(other))) {
        throw new TypeError(`kit.env(${name}): keepExisting lists env variable names.`);
      }
      recorded.env.push({ ...request, name, by, ...(file && { file }) });
    },
    humanStep(step) {
      if (!step.title || !step.why) throw new TypeError("A human step needs a title and a why.");
      recorded.humanSteps.push({ ...step });
    },
  };
}
