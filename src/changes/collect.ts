/**
 * `collectPlan`: runs what recipes recorded against the project's current files and turns it
 * into a Plan. Reads only (through ProjectFiles, git and the optional deployment reader); never
 * writes. An edit that changes nothing becomes a `skip` ("already done"), so planning again after
 * an apply yields only skips.
 */
import { joinClauses } from "../clauses.ts";
import { existsSync } from "node:fs";
import { posix } from "node:path";
import semver from "semver";
import { parseDotenv, type EnvValues } from "../config/dotenv.ts";
import { addGitignoreEntry } from "../edit/gitignore.ts";
import { setDotenvValues } from "../edit/dotenv.ts";
import { isRefusal, unchanged } from "../edit/edit.ts";
import { AuthwireError, HumanStepRequired, type HumanStep } from "../errors.ts";
import type { PackageManager } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import { LOCKFILE_NAMES } from "../project/probes/package-manager.ts";
import { NO_GIT, gitProbe, type GitProbe } from "./git.ts";
import { projectGitignore } from "../project/gitignore.ts";
import type { EnvWish, FileWish, InstallWish, Kit, Recording } from "./kit.ts";
import {
  HiddenValue,
  type EnvChange,
  type PackageInstall,
  type Plan,
  type PlanItem,
  type PlanWarning,
} from "./plan.ts";

export interface CollectOptions {
  files: ProjectFiles;
  packageManager?: PackageManager;
  /** package.json's dependencies + devDependencies; read from package.json when not given. */
  dependencies?: Record<string, string>;
  /**
   * The deployment's current env, to tell `set` from `unchanged` (e.g. `readDeploymentEnv`).
   * Without it, deployment variables with a value are planned as `set`. A HumanStepRequired from
   * it (no deployment configured) makes them `pending` with that step.
   */
  readDeployment?: (target: "dev" | "prod") => Promise<EnvValues>;
  /** Git facts; default: the git CLI in the root when it exists on disk. `false`: no git checks. */
  git?: GitProbe | false;
  /**
   * `false` (`--no-env`): authwire leaves the deployments alone, so every deployment variable not
   * already there is `pending`, with the step (the `npx convex env set` command) that sets it.
   */
  setDeploymentEnv?: boolean;
  /**
   * The folder (relative to the root) where the deployment is selected, when not the root: a
   * workspace's backend package. Commands for the deployment run there.
   */
  deploymentDir?: string;
}

const TARGET_ORDER = { dev: 0, prod: 1, local: 2 } as const;

export async function collectPlan(
  input: Kit | Recording | (Kit | Recording)[],
  options: CollectOptions,
): Promise<Plan> {
  const recordings = (Array.isArray(input) ? input : [input]).map((r) => ("recorded" in r ? r.recorded : r));
  const { files } = options;
  const git =
    options.git === false ? NO_GIT : (options.git ?? (existsSync(files.root) ? gitProbe(files.root) : NO_GIT));
  const warnings: PlanWarning[] = [];
  const humanSteps: HumanStep[] = [];
  const addStep = (step: HumanStep) => {
    if (!humanSteps.some((s) => s.title === step.title && s.url === step.url)) humanSteps.push(step);
  };

  const fileWishes: FileWish[] = recordings.flatMap((r) => r.files);
  const env = await collectEnv(
    mergeEnvWishes(recordings.flatMap((r) => r.env)),
    options,
    fileWishes,
    warnings,
    addStep,
  );

  // Secrets in a dotenv file: the file must be gitignored (added to .gitignore in this same plan)
  // and must not already be tracked.
  const secretFiles = new Map<string, EnvChange>();
  for (const change of env) if (change.target === "local" && change.secret) secretFiles.set(change.file!, change);
  const gitignore = projectGitignore(files);
  for (const [file, change] of secretFiles) {
    if ((await gitignore.ignored(file)) !== true) {
      fileWishes.push({
        path: ".gitignore",
        edit: addGitignoreEntry({ entry: file, comment: "env files with secrets stay out of git (added by authwire)" }),
        reason: `keep ${file} out of git: it will hold ${change.name}`,
        by: change.by,
      });
    }
    if (await git.tracked(file)) {
      warnings.push({
        code: "env_file_tracked",
        file,
        message: `${file} is tracked by git, so .gitignore does not keep it out; it will hold secrets.`,
      });
      addStep({
        title: `Stop tracking ${file}: git rm --cached ${file}`,
        why: `${file} holds secrets (${change.name}); a tracked file stays in git whatever .gitignore says.`,
      });
    }
  }

  const install = await collectInstalls(
    recordings.flatMap((r) => r.installs),
    options,
  );
  if (install.some((p) => p.status === "install")) {
    const touched = fileWishes.find((w) => w.path === "package.json" || LOCKFILE_NAMES.includes(w.path));
    if (touched) {
      throw new TypeError(
        `${touched.by} edits ${touched.path} while packages are installed; record dependencies with kit.install only.`,
      );
    }
  }

  const envFiles = new Set(env.filter((c) => c.target === "local").map((c) => c.file!));
  const items = await collectFiles(fileWishes, files, envFiles, warnings);

  for (const recording of recordings) recording.humanSteps.forEach(addStep);

  const dirty = await git.dirty();
  if (dirty) {
    warnings.push({
      code: "dirty_worktree",
      message:
        "The git working tree has uncommitted changes; commit or stash them first to review authwire's changes on their own.",
    });
  }

  return {
    version: 1,
    root: files.root,
    ...(options.deploymentDir && { deploymentRoot: posix.join(files.root, options.deploymentDir) }),
    packageManager: options.packageManager ?? "npm",
    items,
    env: env.sort((a, b) => TARGET_ORDER[a.target] - TARGET_ORDER[b.target]),
    install,
    humanSteps,
    warnings,
    dirtyWorktree: dirty === true,
  };
}

/** One wish per (name, target, file); two recipes asking different values is a bug. */
function mergeEnvWishes(wishes: EnvWish[]): EnvWish[] {
  const merged = new Map<string, EnvWish>();
  for (const wish of wishes) {
    const key = `${wish.target}\0${wish.file ?? ""}\0${wish.name}`;
    const earlier = merged.get(key);
    if (!earlier) {
      merged.set(key, wish);
      continue;
    }
    if (earlier.value !== undefined && wish.value !== undefined && earlier.value !== wish.value) {
      throw new AuthwireError(
        "internal",
        `${earlier.by} and ${wish.by} want different values for ${wish.name} (${wish.target}).`,
      );
    }
    merged.set(key, {
      ...earlier,
      value: earlier.value ?? wish.value,
      secret: Boolean(earlier.secret || wish.secret),
      keepExisting: earlier.keepExisting ?? wish.keepExisting,
    });
  }
  return [...merged.values()];
}

async function collectEnv(
  wishes: EnvWish[],
  options: CollectOptions,
  fileWishes: FileWish[],
  warnings: PlanWarning[],
  addStep: (step: HumanStep) => void,
): Promise<EnvChange[]> {
  const changes: EnvChange[] = [];
  const deployment = new Map<"dev" | "prod", Promise<EnvValues | Error>>();
  const readTarget = (target: "dev" | "prod") => {
    if (!deployment.has(target)) {
      deployment.set(
        target,
        options.readDeployment!(target).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      );
    }
    return deployment.get(target)!;
  };
  const localValues = new Map<string, Record<string, string>>();

  for (const wish of wishes) {
    const keep = keepNames(wish);
    const base = {
      name: wish.name,
      target: wish.target,
      ...(wish.file && { file: wish.file }),
      secret: Boolean(wish.secret),
      by: wish.by,
      ...(wish.obtainedBy && { obtainedBy: wish.obtainedBy }),
      ...(keep && { keepExisting: keep }),
    };
    const where = wish.target === "local" ? wish.file! : `the ${wish.target} deployment`;
    if (keep && wish.target !== "local" && options.readDeployment) {
      const current = await readTarget(wish.target);
      if (!(current instanceof Error) && keep.every((name) => current[name] !== undefined)) {
        const others = keep.filter((name) => name !== wish.name);
        changes.push({
          ...base,
          status: "unchanged",
          reason: `already set on ${where}${others.length ? ` (with ${others.join(", ")})` : ""}; kept as it is`,
        });
        continue;
      }
    }
    if (wish.value === undefined) {
      if (wish.obtainedBy) addStep(wish.obtainedBy);
      changes.push({
        ...base,
        status: "pending",
        reason: `needs a value from: ${wish.obtainedBy?.title ?? "a human step"}`,
      });
      continue;
    }
    const value = new HiddenValue(wish.value);
    const why = wish.reason ?? `needed by ${wish.by}`;
    if (wish.target === "local") {
      const current = await options.files.read(wish.file!);
      const values = localValues.get(wish.file!) ?? {};
      values[wish.name] = wish.value;
      localValues.set(wish.file!, values);
      const same = current !== undefined && parseDotenv(current)[wish.name] === wish.value;
      changes.push({
        ...base,
        value,
        status: same ? "unchanged" : "set",
        reason: same ? `already set in ${where}` : why,
      });
      continue;
    }
    if (options.setDeploymentEnv === false) {
      const current = options.readDeployment ? await readTarget(wish.target) : undefined;
      if (
        current &&
        !(current instanceof Error) &&
        (keep ? keep.every((n) => current[n] !== undefined) : current[wish.name] === wish.value)
      ) {
        changes.push({ ...base, value, status: "unchanged", reason: `already set on ${where}` });
        continue;
      }
      const step = deploymentEnvStep(wish, options.deploymentDir);
      addStep(step);
      changes.push({
        ...base,
        value,
        status: "pending",
        // The command is the step's (listed once, under the steps), not repeated in the table.
        reason: `--no-env: not set on ${where} (a step below sets it)`,
        obtainedBy: step,
      });
      continue;
    }
    // Not knowing the deployment's env, a kept variable is set only if apply finds it unset.
    const blind = keep ? `${why} (unless ${where} already has it: apply checks first)` : why;
    if (!options.readDeployment) {
      changes.push({ ...base, value, status: "set", reason: blind });
      continue;
    }
    const current = await readTarget(wish.target);
    if (current instanceof HumanStepRequired) {
      current.steps.forEach(addStep);
      changes.push({ ...base, value, status: "pending", reason: current.message });
    } else if (current instanceof Error) {
      if (!warnings.some((w) => w.code === "deployment_env_unknown" && w.message.includes(where))) {
        warnings.push({
          code: "deployment_env_unknown",
          message: `Could not read ${where}'s env (${current.message}); its variables are planned as set.`,
        });
      }
      changes.push({ ...base, value, status: "set", reason: blind });
    } else {
      const same = current[wish.name] === wish.value;
      changes.push({
        ...base,
        value,
        status: same ? "unchanged" : "set",
        reason: same ? `already set on ${where}` : why,
      });
    }
  }

  for (const [file, values] of localValues) {
    const by = wishes.find((w) => w.target === "local" && w.file === file)!.by;
    fileWishes.push({
      path: file,
      edit: setDotenvValues({ set: values }),
      reason: `set ${Object.keys(values).join(", ")}`,
      by,
    });
  }
  return changes;
}

/** The step that sets a deployment variable authwire was told to leave alone (`--no-env`). */
function deploymentEnvStep(wish: EnvWish, deploymentDir?: string): HumanStep {
  const cd = deploymentDir ? `cd ${shellWord(deploymentDir)} && ` : "";
  const prod = wish.target === "prod" ? " --prod" : "";
  // A secret never goes into a printed command (nor argv): `convex env set` reads it from stdin.
  const command =
    wish.secret || (wish.value?.length ?? 0) > 120
      ? `${cd}npx convex env set${prod} ${wish.name} (value on stdin)`
      : `${cd}npx convex env set${prod} ${wish.name} ${shellWord(wish.value ?? "<value>")}`;
  return {
    title: `Set ${wish.name} on the ${wish.target} deployment: ${command}`,
    why: `${wish.reason ?? `${wish.by} needs it`}; --no-env left the deployment untouched (running the same add without --no-env sets it).`,
  };
}

function shellWord(value: string): string {
  return /^[\w.:/@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The variables that must all be set on the deployment for a wish to keep its current value. */
function keepNames(wish: EnvWish): string[] | undefined {
  if (!wish.keepExisting) return undefined;
  return wish.keepExisting === true ? [wish.name] : [...new Set([wish.name, ...wish.keepExisting])];
}

async function readDependencies(options: CollectOptions): Promise<Record<string, string>> {
  if (options.dependencies) return options.dependencies;
  const source = await options.files.read("package.json");
  if (source === undefined) return {};
  try {
    const pkg = JSON.parse(source) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    return { ...pkg.devDependencies, ...pkg.dependencies };
  } catch {
    return {};
  }
}

async function collectInstalls(wishes: InstallWish[], options: CollectOptions): Promise<PackageInstall[]> {
  const merged = new Map<string, InstallWish>();
  for (const wish of wishes) {
    const earlier = merged.get(wish.name);
    if (earlier && earlier.version !== wish.version) {
      throw new AuthwireError(
        "internal",
        `${earlier.by} wants ${wish.name}@${earlier.version} but ${wish.by} wants ${wish.version}.`,
      );
    }
    merged.set(
      wish.name,
      earlier ? { ...earlier, dev: earlier.dev && wish.dev, running: earlier.running ?? wish.running } : wish,
    );
  }
  const declared = await readDependencies(options);
  return [...merged.values()].map((wish) => {
    const current = declared[wish.name];
    // A range that allows the version, or a non-registry spec (workspace:, file:, git) the user chose: leave it,
    // unless the project runs an older version than the recipe needs (a lockfile keeps it below the minimum).
    const older =
      wish.running !== undefined && semver.valid(wish.running) !== null && semver.lt(wish.running, wish.version);
    const satisfied =
      current !== undefined && !older && (semver.validRange(current) ? semver.satisfies(wish.version, current) : true);
    return {
      name: wish.name,
      version: wish.version,
      dev: wish.dev,
      status: satisfied ? ("unchanged" as const) : ("install" as const),
      ...(current !== undefined && { current }),
      by: wish.by,
    };
  });
}

async function collectFiles(
  wishes: FileWish[],
  files: ProjectFiles,
  envFiles: Set<string>,
  warnings: PlanWarning[],
): Promise<PlanItem[]> {
  const byPath = new Map<string, FileWish[]>();
  for (const wish of wishes) byPath.set(wish.path, [...(byPath.get(wish.path) ?? []), wish]);
  const items: PlanItem[] = [];
  for (const [path, group] of byPath) {
    const content = await files.read(path);
    const first = group[0]!;
    if (content === undefined) await refuseFileInTheWay(files, path);
    if (content === undefined && (await files.exists(path))) {
      const reason = `${path} is not a text file authwire can edit (a folder, binary or over 2 MB).`;
      warnings.push({ code: "edit_refused", file: path, message: reason });
      items.push({ action: "skip", path, reason, by: first.by, problem: {} });
      continue;
    }
    let current = content;
    const done: string[] = [];
    const changed: { text: string; by: string }[] = [];
    let refused: PlanItem | undefined;
    for (const wish of group) {
      let result;
      try {
        result = wish.edit(current, { path });
      } catch (error) {
        throw new AuthwireError(
          "internal",
          `The ${wish.by} recipe failed while planning ${path}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const text = wish.reason ?? wish.edit.description;
      if (isRefusal(result)) {
        refused = {
          action: "skip",
          path,
          reason: result.reason,
          by: wish.by,
          problem: { line: result.line, column: result.column },
        };
        warnings.push({
          code: "edit_refused",
          file: path,
          message: result.reason,
          ...(result.line !== undefined && { line: result.line }),
        });
        break;
      }
      if (result === unchanged) done.push(text);
      else {
        current = result;
        changed.push({ text, by: wish.by });
      }
    }
    if (refused) {
      items.push(refused);
      continue;
    }
    const sensitive = envFiles.has(path) || /^\.env(?:\.|$)/.test(posix.basename(path));
    if (changed.length === 0 || current === content || current === undefined) {
      items.push({ action: "skip", path, reason: `already done: ${joinClauses(done)}`, by: first.by });
    } else if (content === undefined) {
      items.push(
        hideContent({ action: "create", path, after: current, reason: unique(changed), by: changed[0]!.by, sensitive }),
      );
    } else {
      items.push(
        hideContent({
          action: "modify",
          path,
          before: content,
          after: current,
          reason: unique(changed),
          by: changed[0]!.by,
          sensitive,
        }),
      );
    }
  }
  return items;
}

/**
 * A file to create under a folder that is a file (`src/app/callback` is a file, the plan needs
 * `src/app/callback/route.ts`): a usage error naming it, raised while planning, before any write.
 */
async function refuseFileInTheWay(files: ProjectFiles, path: string): Promise<void> {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    const parent = i === 1 ? "." : parts.slice(0, i - 1).join("/");
    const entry = (await files.list(parent)).find((e) => e.name === parts[i - 1]);
    if (!entry) return;
    if (entry.kind === "file") {
      throw new AuthwireError("usage", `${folder} is a file, but authwire must create ${path} inside a folder there.`, {
        hint: `Rename or move ${folder} (for example to ${folder}.bak), then run authwire again; nothing was changed.`,
        details: { path: folder, needs: path },
      });
    }
  }
}

/**
 * The content of a file that holds secrets stays readable for apply and the masked preview, but
 * is not enumerable: `JSON.stringify(plan)` and `console.log(plan)` don't print it.
 */
function hideContent<T extends Extract<PlanItem, { action: "create" | "modify" }>>(item: T): T {
  if (!item.sensitive) return item;
  for (const key of ["before", "after"] as const) {
    if (key in item)
      Object.defineProperty(item, key, { value: (item as Record<string, unknown>)[key], enumerable: false });
  }
  return item;
}

function unique(changes: { text: string }[]): string {
  return joinClauses(changes.map((c) => c.text));
}
