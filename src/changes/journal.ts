/**
 * The apply journal: `.authwire/journal/` in the project, holding `journal.json` (what has been
 * done, step by step, written before each step) and a backup of every file before it changes.
 * It lets a failed apply roll back in-process, and lets the next authwire run roll back (or
 * finish) an apply that was killed half-way: `recoverInterruptedApply`.
 *
 * `.authwire/` ignores itself (a `.gitignore` of `*` inside it), so neither backups (which may
 * hold secrets from .env files) nor the journal are ever committed. Both folders are removed
 * once empty.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, posix } from "node:path";
import type { ConvexCliOptions } from "../deployment/convex-cli.ts";
import { removeDeploymentEnv, setDeploymentEnv } from "../deployment/env.ts";
import { AuthwireError } from "../errors.ts";
import { nodeFs, type ApplyFs } from "./fs.ts";

export const AUTHWIRE_DIR = ".authwire";
export const JOURNAL_DIR = `${AUTHWIRE_DIR}/journal`;
const JOURNAL_FILE = "journal.json";
const SELF_IGNORE = "# authwire's apply journal and backups; never commit them.\n*\n";

export type JournalStep =
  | { kind: "dir"; path: string }
  | {
      kind: "file";
      path: string;
      existed: boolean;
      /** Name of the backup inside the journal folder, when the file existed. */
      backup?: string;
      mode?: number;
      /** The temp file the new content is written to before the rename. */
      tmp: string;
      /** sha256 of the content apply writes; null when another program writes it (the installer). */
      afterHash: string | null;
    }
  | { kind: "env"; target: "dev" | "prod"; name: string; existed: boolean };

export type JournalState = "applying" | "committed" | "rolling-back" | "rolled-back";

export interface Journal {
  version: 1;
  id: string;
  pid: number;
  /** Start time of the owning process (Linux /proc), so a reused pid is not mistaken for it. */
  procStart?: string;
  host: string;
  startedAt: string;
  state: JournalState;
  steps: JournalStep[];
}

export interface Owner {
  pid: number;
  procStart?: string;
  host: string;
}

export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

export function currentOwner(): Owner {
  return { pid: process.pid, procStart: processStart(process.pid), host: hostname() };
}

/** True when the process that wrote the journal is still running (then its apply is in progress). */
function ownerAlive(journal: Journal): boolean {
  if (journal.host !== hostname()) return true; // can't tell; be safe
  try {
    process.kill(journal.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  if (journal.procStart === undefined) return true;
  return processStart(journal.pid) === journal.procStart;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function newJournalId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/** Writes journal.json atomically (temp + rename) before every step. */
export class JournalWriter {
  readonly dir: string;
  constructor(
    readonly root: string,
    readonly fs: ApplyFs,
    readonly journal: Journal,
  ) {
    this.dir = join(root, JOURNAL_DIR);
  }

  async save(): Promise<void> {
    const file = join(this.dir, JOURNAL_FILE);
    await this.fs.write(`${file}.tmp`, `${JSON.stringify(this.journal, null, 2)}\n`);
    await this.fs.rename(`${file}.tmp`, file);
  }

  async add(step: JournalStep): Promise<void> {
    this.journal.steps.push(step);
    await this.save();
  }

  async setState(state: JournalState): Promise<void> {
    this.journal.state = state;
    await this.save();
  }
}

/**
 * Creates `.authwire/` (self-ignored) and the journal folder. The folder is created exclusively:
 * if it exists, another apply is running or one was interrupted.
 */
export async function openJournal(root: string, fs: ApplyFs, owner: Owner): Promise<JournalWriter> {
  const base = join(root, AUTHWIRE_DIR);
  let created = false;
  let createdBase = false;
  try {
    if (!(await fs.stat(base))) {
      await fs.mkdir(base);
      createdBase = true;
    }
    const ignoreFile = join(base, ".gitignore");
    if (!(await fs.read(ignoreFile))) await fs.write(ignoreFile, SELF_IGNORE);
    try {
      // Backups may hold secrets (.env files): only the owner may read the journal.
      await fs.mkdir(join(root, JOURNAL_DIR), 0o700);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new AuthwireError(
          "apply_in_progress",
          `${JOURNAL_DIR}/ exists: another authwire run is applying changes, or one was interrupted.`,
          {
            hint: "Run authwire again: it recovers an interrupted apply before doing anything else.",
          },
        );
      }
      throw error;
    }
    const journal: Journal = {
      version: 1,
      id: newJournalId(),
      pid: owner.pid,
      ...(owner.procStart && { procStart: owner.procStart }),
      host: owner.host,
      startedAt: new Date().toISOString(),
      state: "applying",
      steps: [],
    };
    const writer = new JournalWriter(root, fs, journal);
    await writer.save();
    return writer;
  } catch (error) {
    if (error instanceof AuthwireError) throw error;
    try {
      if (created) await removeJournal(root, fs);
      else if (createdBase) await tidyAuthwireDir(root, fs);
    } catch {
      // what is left is self-ignored and tidied by the next run's recovery
    }
    throw new AuthwireError(
      "apply_failed",
      `Could not start the apply journal in ${AUTHWIRE_DIR}/: ${(error as Error).message}. Nothing was changed.`,
      {
        hint: "Check that the project folder is writable and the disk has space.",
        cause: error,
      },
    );
  }
}

/** Deployment env operations rollback needs. */
export interface EnvUndo {
  set(target: "dev" | "prod", name: string, value: string): Promise<void>;
  remove(target: "dev" | "prod", name: string): Promise<void>;
}

export interface RollbackReport {
  /** Files put back to their content before the apply. */
  restored: string[];
  /** Files the apply had created, removed again. */
  removed: string[];
  /** Files changed by someone after the interruption: left as they are, the backup kept beside. */
  conflicts: { path: string; backup: string }[];
  /** Deployment variables put back (removed or reset). */
  envRestored: string[];
  /** Deployment variables that keep their new value (the old one can't be recovered after a crash). */
  envLeft: string[];
}

interface RollbackInput {
  root: string;
  fs: ApplyFs;
  writer: JournalWriter;
  /** Previous deployment values by `target:name`, known in-process only (never written to disk). */
  envPrevious?: Map<string, string>;
  envUndo?: EnvUndo;
  /** Recovery after a crash: leave files someone changed since, rather than overwrite them. */
  recovering: boolean;
}

async function removeIfPresent(fs: ApplyFs, path: string): Promise<void> {
  if (await fs.stat(path)) await fs.unlink(path);
}

/** Undoes the journal's steps, newest first. Idempotent: running it again after a crash is safe. */
export async function rollback(input: RollbackInput): Promise<RollbackReport> {
  const { root, fs, writer, recovering } = input;
  const report: RollbackReport = { restored: [], removed: [], conflicts: [], envRestored: [], envLeft: [] };
  if (writer.journal.state !== "rolling-back") await writer.setState("rolling-back");
  for (const step of [...writer.journal.steps].reverse()) {
    if (step.kind === "dir") {
      const full = join(root, step.path);
      const stat = await fs.stat(full);
      if (stat?.isDirectory() && (await fs.list(full)).length === 0) await fs.rmdir(full);
      continue;
    }
    if (step.kind === "env") {
      const key = `${step.target}:${step.name}`;
      const previous = input.envPrevious?.get(key);
      try {
        if (!step.existed && input.envUndo) {
          await input.envUndo.remove(step.target, step.name);
          report.envRestored.push(key);
        } else if (previous !== undefined && input.envUndo) {
          await input.envUndo.set(step.target, step.name, previous);
          report.envRestored.push(key);
        } else {
          report.envLeft.push(key);
        }
      } catch {
        report.envLeft.push(key);
      }
      continue;
    }
    const target = join(root, step.path);
    await removeIfPresent(fs, join(root, step.tmp));
    const current = await fs.read(target);
    if (step.existed) {
      const backup = await fs.read(join(writer.dir, step.backup!));
      if (!backup) throw new Error(`the backup of ${step.path} is missing from ${JOURNAL_DIR}`);
      if (current && current.equals(backup)) continue;
      if (recovering && current && step.afterHash !== null && sha256(current) !== step.afterHash) {
        report.conflicts.push({ path: step.path, backup: await keepBackup(root, fs, step.path, backup, step.mode) });
        continue;
      }
      await fs.write(join(root, step.tmp), backup, step.mode);
      await fs.rename(join(root, step.tmp), target);
      report.restored.push(step.path);
    } else if (current) {
      if (recovering && step.afterHash !== null && sha256(current) !== step.afterHash) {
        report.conflicts.push({ path: step.path, backup: "(created by authwire, changed since; left in place)" });
        continue;
      }
      await fs.unlink(target);
      report.removed.push(step.path);
    }
  }
  await writer.setState("rolled-back");
  return report;
}

/** Copies a backup to .authwire/recovered/<path> for the user to compare by hand. */
async function keepBackup(root: string, fs: ApplyFs, path: string, backup: Buffer, mode?: number): Promise<string> {
  const relative = posix.join(AUTHWIRE_DIR, "recovered", path);
  const full = join(root, relative);
  for (const dir of ancestors(dirname(full), root)) if (!(await fs.stat(dir))) await fs.mkdir(dir);
  await fs.write(full, backup, mode);
  return relative;
}

function ancestors(dir: string, root: string): string[] {
  const out: string[] = [];
  for (let current = dir; current.length > root.length && current.startsWith(root); current = dirname(current))
    out.unshift(current);
  return out;
}

/**
 * Removes the journal folder (backups first, journal.json last, so a crash in between leaves a
 * folder without journal.json, which means "nothing left to undo"), then `.authwire/` when only
 * its own .gitignore is left.
 */
export async function removeJournal(root: string, fs: ApplyFs): Promise<void> {
  const dir = join(root, JOURNAL_DIR);
  if (await fs.stat(dir)) {
    const entries = await fs.list(dir);
    for (const entry of entries) if (entry !== JOURNAL_FILE) await fs.unlink(join(dir, entry));
    if (entries.includes(JOURNAL_FILE)) await fs.unlink(join(dir, JOURNAL_FILE));
    await fs.rmdir(dir);
  }
  await tidyAuthwireDir(root, fs);
}

/** Removes `.authwire/` when nothing but its own .gitignore is left in it. */
async function tidyAuthwireDir(root: string, fs: ApplyFs): Promise<void> {
  const base = join(root, AUTHWIRE_DIR);
  if (!(await fs.stat(base))) return;
  const left = await fs.list(base);
  if (left.length === 1 && left[0] === ".gitignore") await fs.unlink(join(base, ".gitignore"));
  if (left.length === 0 || (left.length === 1 && left[0] === ".gitignore")) await fs.rmdir(base);
}

export type RecoveryResult =
  | { recovered: false }
  | ({ recovered: true; action: "rolled-back" | "finished" | "cleaned"; startedAt?: string } & RollbackReport);

export interface RecoverOptions {
  /** How to reach the convex CLI to remove variables the interrupted apply had newly set. */
  deployment?: Omit<ConvexCliOptions, "root">;
  /** @internal Replaces the CLI for deployment variables (tests). */
  envUndo?: EnvUndo;
  /** @internal */
  fs?: ApplyFs;
}

const EMPTY_REPORT: RollbackReport = { restored: [], removed: [], conflicts: [], envRestored: [], envLeft: [] };

/**
 * Call at the start of every command that writes: if an apply was interrupted (killed, power
 * lost), roll its changes back, or finish it when it had already committed. Returns what it did;
 * `{recovered: false}` when there was nothing to do (the common case: one stat).
 */
export async function recoverInterruptedApply(root: string, options: RecoverOptions = {}): Promise<RecoveryResult> {
  const fs = options.fs ?? nodeFs;
  if (!(await fs.stat(join(root, AUTHWIRE_DIR)))) return { recovered: false };
  const dir = join(root, JOURNAL_DIR);
  if (!(await fs.stat(dir))) {
    await tidyAuthwireDir(root, fs);
    return { recovered: false };
  }
  const raw = await fs.read(join(dir, JOURNAL_FILE));
  if (!raw) {
    // Interrupted before the first journal entry, or after the last cleanup step: nothing to undo.
    await removeJournal(root, fs);
    return { recovered: true, action: "cleaned", ...EMPTY_REPORT };
  }
  let journal: Journal;
  try {
    journal = JSON.parse(raw.toString("utf8")) as Journal;
  } catch (error) {
    throw new AuthwireError(
      "recovery_failed",
      `${JOURNAL_DIR}/${JOURNAL_FILE} is unreadable, so an interrupted apply can't be undone automatically.`,
      {
        hint: `Compare your files with the backups in ${JOURNAL_DIR}/, then delete that folder.`,
        cause: error,
      },
    );
  }
  if (ownerAlive(journal)) {
    throw new AuthwireError(
      "apply_in_progress",
      `Another authwire process (pid ${journal.pid}) is applying changes to this project.`,
      {
        hint: `Wait for it to finish. If it is gone, delete ${JOURNAL_DIR}/ after checking your files.`,
      },
    );
  }
  const writer = new JournalWriter(root, fs, journal);
  try {
    if (journal.state === "committed" || journal.state === "rolled-back") {
      await removeJournal(root, fs);
      return {
        recovered: true,
        action: journal.state === "committed" ? "finished" : "cleaned",
        startedAt: journal.startedAt,
        ...EMPTY_REPORT,
      };
    }
    const envUndo: EnvUndo = options.envUndo ?? {
      set: (target, name, value) => setDeploymentEnv({ ...options.deployment, root, target, name, value }),
      remove: (target, name) => removeDeploymentEnv({ ...options.deployment, root, target, name }),
    };
    const report = await rollback({ root, fs, writer, envUndo, recovering: true });
    await removeJournal(root, fs);
    return { recovered: true, action: "rolled-back", startedAt: journal.startedAt, ...report };
  } catch (error) {
    throw new AuthwireError(
      "recovery_failed",
      `Rolling back the interrupted apply of ${journal.startedAt} failed: ${(error as Error).message}`,
      {
        hint: `Fix the cause (permissions, disk space) and run authwire again; the backups stay in ${JOURNAL_DIR}/ until then.`,
        cause: error,
      },
    );
  }
}
