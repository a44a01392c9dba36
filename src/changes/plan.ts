/**
 * A plan is data: every change authwire would make to a project, made without writing anything.
 * Recipes record edits through a kit (kit.ts); `collectPlan` (collect.ts) runs them against the
 * current files; the CLI previews the plan; `applyPlan` (apply.ts) writes it all or nothing.
 */
import { inspect } from "node:util";
import { maskValue } from "../config/dotenv.ts";
import type { HumanStep } from "../errors.ts";
import type { PackageManager } from "../project/facts.ts";

export type { HumanStep };

/** Which recipe asked for a change: "clerk", "convex-auth", "users", "protect", "doctor:AW301"… */
export type RecipeId = string;

export type PlanItem =
  | {
      action: "create";
      path: string;
      after: string;
      reason: string;
      by: RecipeId;
      /** The content holds secrets (a dotenv file): never print it, diff it masked. */
      sensitive: boolean;
    }
  | {
      action: "modify";
      path: string;
      /** The content the plan was made from; apply refuses if the file no longer has it. */
      before: string;
      after: string;
      reason: string;
      by: RecipeId;
      sensitive: boolean;
    }
  | {
      action: "skip";
      path: string;
      /** "already done: …", or why the edit could not be made. */
      reason: string;
      by: RecipeId;
      /** Set when an edit was refused (an unparsable file, an unexpected shape); 1-based. */
      problem?: { line?: number; column?: number };
    };

/** Where a variable lives: a dotenv file of the project, or the dev / prod Convex deployment. */
export type EnvTarget = "local" | "dev" | "prod";
/** set: will be written; pending: needs a value or a step first; unchanged: already holds the value. */
export type EnvStatus = "set" | "pending" | "unchanged";

/**
 * An env value kept in memory only. It prints, inspects and serialises masked, so a plan can be
 * logged or turned into JSON without leaking it; `reveal()` is for the code that writes it.
 */
export class HiddenValue {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  get masked(): string {
    return maskValue(this.#value);
  }
  toJSON(): string {
    return this.masked;
  }
  toString(): string {
    return this.masked;
  }
  [inspect.custom](): string {
    return `HiddenValue(${this.masked})`;
  }
}

export interface EnvChange {
  name: string;
  target: EnvTarget;
  /** For `local`: the dotenv file, relative to the root (default `.env.local`). */
  file?: string;
  secret: boolean;
  status: EnvStatus;
  value?: HiddenValue;
  reason: string;
  by: RecipeId;
  /** The human step that yields the value, when it is pending for want of one. */
  obtainedBy?: HumanStep;
  /**
   * Deployment variables only: apply leaves the deployment alone when all these variables are set
   * there just before it would set this one (see `EnvRequest.keepExisting`).
   */
  keepExisting?: string[];
}

export interface PackageInstall {
  name: string;
  /** An exact version, e.g. "6.1.2". */
  version: string;
  dev: boolean;
  /**
   * install: missing, outside the declared range, or the project runs an older version than the
   * recipe needs; unchanged: package.json already allows it.
   */
  status: "install" | "unchanged";
  /** The range package.json declares today, if any. */
  current?: string;
  by: RecipeId;
}

export type PlanWarningCode = "dirty_worktree" | "edit_refused" | "env_file_tracked" | "deployment_env_unknown";

export interface PlanWarning {
  code: PlanWarningCode;
  message: string;
  file?: string;
  line?: number;
}

export interface Plan {
  version: 1;
  /** The project root every path is relative to. */
  root: string;
  /** Where `npx convex env` runs, when not the root (a workspace's backend package, absolute). */
  deploymentRoot?: string;
  packageManager: PackageManager;
  items: PlanItem[];
  /** Deployment variables first in the order they must be set (see docs/engine.md). */
  env: EnvChange[];
  install: PackageInstall[];
  humanSteps: HumanStep[];
  warnings: PlanWarning[];
  /** The git working tree had uncommitted changes when the plan was made (a warning, not a block). */
  dirtyWorktree: boolean;
}

export type FileChange = Extract<PlanItem, { action: "create" | "modify" }>;

export function fileChanges(plan: Plan): FileChange[] {
  return plan.items.filter((item): item is FileChange => item.action !== "skip");
}

/** True when applying would change nothing: only skips, unchanged env and packages. */
export function isNoop(plan: Plan): boolean {
  return (
    fileChanges(plan).length === 0 &&
    plan.env.every((change) => change.status !== "set") &&
    plan.install.every((pkg) => pkg.status === "unchanged")
  );
}

/** design.md's `add --json` shape (also what `users`, `protect` and `doctor --fix` print). */
export interface PlanJson {
  version: 1;
  plan: { action: PlanItem["action"]; path: string; reason: string; by: RecipeId; line?: number }[];
  env: { name: string; target: EnvTarget; file?: string; secret: boolean; status: EnvStatus; reason: string }[];
  install: { name: string; version: string; dev: boolean; status: PackageInstall["status"] }[];
  humanSteps: HumanStep[];
  warnings: PlanWarning[];
  dirtyWorktree: boolean;
  applied: boolean;
}

export function toPlanJson(plan: Plan, { applied }: { applied: boolean }): PlanJson {
  return {
    version: 1,
    plan: plan.items.map((item) => ({
      action: item.action,
      path: item.path,
      reason: item.reason,
      by: item.by,
      ...(item.action === "skip" && item.problem?.line !== undefined && { line: item.problem.line }),
    })),
    env: plan.env.map((change) => ({
      name: change.name,
      target: change.target,
      ...(change.file && { file: change.file }),
      secret: change.secret,
      status: change.status,
      reason: change.reason,
    })),
    install: plan.install.map(({ name, version, dev, status }) => ({ name, version, dev, status })),
    humanSteps: plan.humanSteps,
    warnings: plan.warnings,
    dirtyWorktree: plan.dirtyWorktree,
    applied,
  };
}
