/**
 * `authwire/changes`: the change engine. Recipes record edits through a kit, collectPlan turns
 * them into a Plan (writes nothing), applyPlan writes it all or nothing, recoverInterruptedApply
 * undoes a killed apply.
 */
export { createKit } from "./kit.ts";
export type { EnvRequest, Kit, Recording } from "./kit.ts";
export { collectPlan } from "./collect.ts";
export type { CollectOptions } from "./collect.ts";
export { applyPlan } from "./apply.ts";
export type { ApplyOptions, ApplyResult } from "./apply.ts";
export { recoverInterruptedApply } from "./journal.ts";
export type { RecoverOptions, RecoveryResult } from "./journal.ts";
export { HiddenValue, fileChanges, isNoop, toPlanJson } from "./plan.ts";
export type {
  EnvChange,
  EnvStatus,
  EnvTarget,
  PackageInstall,
  Plan,
  PlanItem,
  PlanJson,
  PlanWarning,
  RecipeId,
} from "./plan.ts";
export { installCommands, runInstall } from "./install.ts";
export type { InstallCommand, PackageSpec } from "./install.ts";
