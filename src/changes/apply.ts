/**
 * `applyPlan`: writes a plan all or nothing.
 *
 *  1. Every planned file is re-read; one that changed since planning aborts with `plan_stale`
 *     before anything is written. Read-only files and symlinks are refused up front.
 *  2. A journal is opened in `.authwire/journal/` (see journal.ts).
 *  3. Deployment env variables are set first: `auth.config.ts` may read them, and `npx convex dev`
 *     pushes it as soon as it changes, which fails while a variable it reads is unset.
 *  4. Packages are installed (package.json and the lockfile are backed up first).
 *  5. Files are written: backup, journal entry, temp file, rename.
 *  6. The journal is marked committed and removed.
 * Any failure in 3–5 rolls every step back (files, package.json, the variables set) and throws
 * `apply_failed` (or the original `plan_stale` / HumanStepRequired). A crash leaves the journal
 * for `recoverInterruptedApply`.
 */
import { join, posix } from "node:path";
import type { EnvValues } from "../config/dotenv.ts";
import { listDeploymentEnv, removeDeploymentEnv, setDeploymentEnv } from "../deployment/env.ts";
import type { ConvexCliOptions } from "../deployment/convex-cli.ts";
import { AuthwireError, HumanStepRequired } from "../errors.ts";
import { LOCKFILE_NAMES } from "../project/probes/package-manager.ts";
import { nodeFs, type ApplyFs } from "./fs.ts";
import { installCommands, prepareInstaller, runInstall, type InstallCommand, type PackageSpec } from "./install.ts";
import {
  AUTHWIRE_DIR,
  currentOwner,
  openJournal,
  removeJournal,
  rollback,
  sha256,
  type EnvUndo,
  type JournalWriter,
  type Owner,
  type RollbackReport,
} from "./journal.ts";
import { fileChanges, type EnvChange, type Plan } from "./plan.ts";

export interface DeploymentEnvIo extends EnvUndo {
  list(target: "dev" | "prod"): Promise<EnvValues>;
}

/** Everything apply touches outside its own logic; tests replace parts to inject faults. */
export interface ApplyIo {
  fs: ApplyFs;
  deployment: DeploymentEnvIo;
  install(packages: PackageSpec[]): Promise<void>;
  owner: Owner;
}

export interface ApplyOptions {
  /**
   * A planned edit that was refused (a `skip` with a `problem`: a file that doesn't parse, a binary
   * file, a shape authwire can't edit) stops the whole apply before any write (default). `"skip"`
   * applies the rest: for plans of independent fixes (doctor --fix), where each refusal is reported.
   */
  refused?: "stop" | "skip";
  /** Run the package manager (default true). False: the result lists the commands to run instead. */
  install?: boolean;
  /** Set deployment variables (default true). False (`--no-env`): they are left for the user. */
  env?: boolean;
  /** Where the installer's progress goes (the CLI passes stderr in human mode). */
  installOutput?: NodeJS.WritableStream;
  /** How to reach the convex CLI (extra env such as CONVEX_SELF_HOSTED_URL, timeout). */
  deployment?: Omit<ConvexCliOptions, "root">;
  /** @internal Test seams: a failing file system, a stand-in deployment or installer, a fake owner. */
  io?: Partial<ApplyIo>;
}

export interface ApplyResult {
  written: { path: string; action: "create" | "modify" }[];
  /** Deployment variables set, as `target:name`. */
  envSet: string[];
  /** Env changes not applied: pending ones, and deployment ones under `env: false`. */
  envSkipped: EnvChange[];
  /** Deployment variables left as they were because the deployment already had them (`keepExisting`), as `target:name`. */
  envKept: string[];
  installed: PackageSpec[];
  /** The install commands to run by hand (when `install: false`). */
  installCommands: InstallCommand[];
  /** The changes are in, but removing the journal failed; the next run finishes it. */
  cleanupPending: boolean;
}

function defaultIo(plan: Plan, options: ApplyOptions): ApplyIo {
  const cli = { ...options.deployment, root: plan.deploymentRoot ?? plan.root };
  return {
    fs: nodeFs,
    owner: currentOwner(),
    deployment: {
      list: (target) => listDeploymentEnv({ ...cli, target }),
      set: (target, name, value) => setDeploymentEnv({ ...cli, target, name, value }),
      remove: (target, name) => removeDeploymentEnv({ ...cli, target, name }),
    },
    install: (packages) => runInstall(plan.root, plan.packageManager, packages, { output: options.installOutput }),
  };
}

type RefusedItem = Extract<Plan["items"][number], { action: "skip" }> & { problem: object };

/** The planned edits that were refused, in plan order. */
export function refusedEdits(plan: Plan): RefusedItem[] {
  return plan.items.filter((item): item is RefusedItem => item.action === "skip" && item.problem !== undefined);
}

/**
 * All or nothing: a plan with a refused edit is not applied at all. The error names the file,
 * the line when known, why, and what to do.
 */
export function assertNoRefusedEdits(plan: Plan): void {
  const refused = refusedEdits(plan);
  if (refused.length === 0) return;
  const first = refused[0]!;
  const at = (item: RefusedItem) => `${item.path}${item.problem.line ? `:${item.problem.line}` : ""}`;
  const others = refused.length > 1 ? ` (and ${refused.slice(1).map(at).join(", ")})` : "";
  // Reasons often start with their own "path:line: "; said once.
  const reason = first.reason.startsWith(first.path) ? first.reason.replace(/^[^:]+(?::\d+)*:\s*/, "") : first.reason;
  throw new AuthwireError(
    "edit_refused",
    `authwire can't make its planned change to ${at(first)}${others}: ${reason.replace(/\.$/, "")}. Nothing was written.`,
    {
      file: first.path,
      ...(first.problem.line !== undefined && { line: first.problem.line }),
      ...(first.problem.column !== undefined && { column: first.problem.column }),
      hint: `Fix ${at(first)} (or move it aside), then run the same command again; --dry-run shows the whole plan.`,
      details: {
        refused: refused.map((item) => ({ path: item.path, line: item.problem.line, reason: item.reason })),
      },
    },
  );
}

/** Re-reads every planned file; any drift since planning is `plan_stale`. Also refuses read-only files and links. */
async function checkFresh(plan: Plan, fs: ApplyFs): Promise<void> {
  for (const item of fileChanges(plan)) {
    const full = join(plan.root, item.path);
    const stat = await fs.stat(full);
    if (stat?.isSymbolicLink()) {
      throw new AuthwireError(
        "apply_failed",
        `${item.path} is a symbolic link; authwire doesn't write through links. Nothing was written.`,
        {
          file: item.path,
          hint: "Edit the file the link points to by hand, or replace the link with the file.",
        },
      );
    }
    const current = stat?.isFile() ? (await fs.read(full))!.toString("utf8") : undefined;
    const stale = item.action === "create" ? stat !== undefined : current !== item.before;
    if (stale) {
      throw new AuthwireError("plan_stale", `${item.path} changed since the plan was made; nothing was written.`, {
        file: item.path,
        hint: "Run the command again to plan from the current files.",
      });
    }
    if (stat && ((stat.mode & 0o222) === 0 || !(await fs.writable(full)))) {
      throw new AuthwireError("apply_failed", `${item.path} is read-only; nothing was written.`, {
        file: item.path,
        hint: `Make it writable (chmod u+w ${item.path}) if authwire may change it, then run the command again.`,
      });
    }
    // The new content goes to a temp file beside the target, then a rename: the folder must be writable.
    let dir = posix.dirname(item.path);
    while (dir !== "." && !(await fs.stat(join(plan.root, dir)))) dir = posix.dirname(dir);
    if (!(await fs.writable(join(plan.root, dir)))) {
      const shown = dir === "." ? "the project folder" : `${dir}/`;
      throw new AuthwireError(
        "apply_failed",
        `${shown} is not writable, so ${item.path} can't be written; nothing was written.`,
        {
          file: item.path,
          hint: `Check the permissions of ${shown} (it needs write access for the user running authwire).`,
        },
      );
    }
  }
}

function tmpName(path: string, id: string): string {
  return posix.join(posix.dirname(path), `.${posix.basename(path)}.authwire-${id}.tmp`);
}

export async function applyPlan(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const io: ApplyIo = { ...defaultIo(plan, options), ...options.io };
  const { fs } = io;
  const root = plan.root;
  const changes = fileChanges(plan);
  const setEnv = options.env === false ? [] : plan.env.filter((c) => c.status === "set" && c.target !== "local");
  const toInstall = plan.install
    .filter((p) => p.status === "install")
    .map(({ name, version, dev }) => ({ name, version, dev }));
  const runInstaller = options.install !== false && toInstall.length > 0;
  const result: ApplyResult = {
    written: [],
    envSet: [],
    envSkipped: plan.env.filter(
      (c) => c.status === "pending" || (c.target !== "local" && c.status === "set" && options.env === false),
    ),
    envKept: [],
    installed: [],
    installCommands: options.install === false ? installCommands(plan.packageManager, toInstall) : [],
    cleanupPending: false,
  };
  if (options.refused !== "skip") assertNoRefusedEdits(plan);
  if (changes.length === 0 && setEnv.length === 0 && !runInstaller) return result;

  // The package manager must be runnable (on the PATH, or fetched by corepack) before anything is written.
  if (runInstaller && !options.io?.install) await prepareInstaller(root, plan.packageManager);
  await checkFresh(plan, fs);
  const writer = await openJournal(root, fs, io.owner);
  const envPrevious = new Map<string, string>();
  let stage = "opening the journal";
  try {
    // 1. Deployment variables first (auth.config.ts may read them once pushed).
    const previousByTarget = new Map<"dev" | "prod", EnvValues>();
    for (const change of setEnv) {
      const target = change.target as "dev" | "prod";
      stage = `setting ${change.name} on the ${target} deployment`;
      if (!previousByTarget.has(target)) previousByTarget.set(target, await io.deployment.list(target));
      const current = previousByTarget.get(target)!;
      if (change.keepExisting?.every((name) => current[name] !== undefined)) {
        result.envKept.push(`${target}:${change.name}`);
        continue;
      }
      const previous = current[change.name];
      if (previous !== undefined) envPrevious.set(`${target}:${change.name}`, previous);
      await writer.add({ kind: "env", target, name: change.name, existed: previous !== undefined });
      await io.deployment.set(target, change.name, change.value!.reveal());
      result.envSet.push(`${target}:${change.name}`);
    }

    // 2. Packages, with package.json and lockfiles backed up so a rollback restores them.
    if (runInstaller) {
      stage = "backing up package.json before installing";
      const manifests = ["package.json", ...LOCKFILE_NAMES, defaultLockfile(plan.packageManager)];
      for (const path of [...new Set(manifests)]) await backupForExternalWrite(root, fs, writer, path);
      stage = `installing ${toInstall.map((p) => `${p.name}@${p.version}`).join(", ")}`;
      await io.install(toInstall);
      result.installed = toInstall;
    }

    // 3. Files: backup, journal entry, temp file, rename.
    for (const [index, item] of changes.entries()) {
      stage = `writing ${item.path}`;
      const full = join(root, item.path);
      await ensureDirs(root, fs, writer, posix.dirname(item.path));
      const current = await fs.read(full);
      const drifted = item.action === "create" ? current !== undefined : current?.toString("utf8") !== item.before;
      if (drifted) {
        throw new AuthwireError("plan_stale", `${item.path} changed while applying; every change was rolled back.`, {
          file: item.path,
          hint: "Run the command again to plan from the current files.",
        });
      }
      const stat = current ? await fs.stat(full) : undefined;
      const mode = stat ? stat.mode & 0o7777 : undefined;
      const backup = current ? `backup-${index}` : undefined;
      if (current) await fs.write(join(writer.dir, backup!), current, mode);
      const tmp = tmpName(item.path, writer.journal.id);
      await writer.add({
        kind: "file",
        path: item.path,
        existed: Boolean(current),
        backup,
        mode,
        tmp,
        afterHash: sha256(item.after),
      });
      await fs.write(join(root, tmp), item.after, mode);
      await fs.rename(join(root, tmp), full);
      result.written.push({ path: item.path, action: item.action });
    }
    stage = "committing";
    await writer.setState("committed");
  } catch (error) {
    let report: RollbackReport;
    try {
      report = await rollback({ root, fs, writer, envPrevious, envUndo: io.deployment, recovering: false });
      await removeJournal(root, fs);
    } catch (rollbackError) {
      throw new AuthwireError(
        "recovery_failed",
        `Applying failed while ${stage} (${(error as Error).message}), and rolling back failed too: ${(rollbackError as Error).message}`,
        {
          hint: `Fix the cause (permissions, disk space) and run authwire again: it finishes the rollback from ${AUTHWIRE_DIR}/journal first.`,
          cause: error,
        },
      );
    }
    if (error instanceof HumanStepRequired || (error instanceof AuthwireError && error.code === "plan_stale"))
      throw error;
    const left =
      report.envLeft.length > 0 ? ` The deployment keeps the new value of ${report.envLeft.join(", ")}.` : "";
    throw new AuthwireError(
      "apply_failed",
      `Applying failed while ${stage}: ${(error as Error).message.replace(/\.$/, "")}. Every change was rolled back.${left}`,
      {
        ...(error instanceof AuthwireError && error.file && { file: error.file }),
        hint: error instanceof AuthwireError && error.hint ? error.hint : "Fix the cause and run the command again.",
        details: { stage, ...(error instanceof AuthwireError && { cause: error.toJSON() }) },
        cause: error,
      },
    );
  }

  try {
    await removeJournal(root, fs);
  } catch {
    result.cleanupPending = true;
  }
  return result;
}

function defaultLockfile(packageManager: Plan["packageManager"]): string {
  return { npm: "package-lock.json", pnpm: "pnpm-lock.yaml", yarn: "yarn.lock", bun: "bun.lock" }[packageManager];
}

/** Backs up a file another program (the installer) is about to change; a file it creates is removed on rollback. */
async function backupForExternalWrite(root: string, fs: ApplyFs, writer: JournalWriter, path: string): Promise<void> {
  const current = await fs.read(join(root, path));
  const backup = current ? `backup-install-${posix.basename(path)}` : undefined;
  const stat = current ? await fs.stat(join(root, path)) : undefined;
  if (current) await fs.write(join(writer.dir, backup!), current, stat ? stat.mode & 0o7777 : undefined);
  await writer.add({
    kind: "file",
    path,
    existed: Boolean(current),
    backup,
    mode: stat ? stat.mode & 0o7777 : undefined,
    tmp: tmpName(path, writer.journal.id),
    afterHash: null,
  });
}

/** Creates missing folders top-down, each recorded first so a rollback removes it again. */
async function ensureDirs(root: string, fs: ApplyFs, writer: JournalWriter, dir: string): Promise<void> {
  if (dir === "." || dir === "") return;
  const parts = dir.split("/");
  for (let i = 1; i <= parts.length; i += 1) {
    const path = parts.slice(0, i).join("/");
    const stat = await fs.stat(join(root, path));
    if (stat?.isDirectory()) continue;
    if (stat) throw new Error(`${path} is a file, not a folder`);
    await writer.add({ kind: "dir", path });
    await fs.mkdir(join(root, path));
  }
}
