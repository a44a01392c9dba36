/**
 * `authwire doctor --fix` as a library operation, over the change engine (docs/engine.md):
 *
 *   planDoctorFix   doctor runs; every fixable finding's edits are recorded in one kit per rule
 *                   and collected into a Plan against the files doctor read (nothing written)
 *   applyDoctorFix  applies the plan all or nothing (journal, rollback), then runs doctor again
 *                   on the result: what remains is what the fixes didn't (or couldn't) solve
 *   toFixJson       `add --json`'s plan shape plus the fixes and the remaining findings
 *
 * Several fixes of one file run one after another, each on the previous result. A fix whose edit
 * no longer fits (the file changed, or an earlier fix of the same file made it moot) is a `skip`
 * in the plan with the reason, never a partial edit.
 */
import { applyPlan, type ApplyOptions, type ApplyResult } from "../changes/apply.ts";
import { collectPlan, type CollectOptions } from "../changes/collect.ts";
import { gitProbe, NO_GIT } from "../changes/git.ts";
import { createKit, type Kit } from "../changes/kit.ts";
import { fileChanges, toPlanJson, type Plan, type PlanJson } from "../changes/plan.ts";
import { defineEdit, refuse, unchanged, type Edit } from "../edit/edit.ts";
import type { FileEdit, Finding, RuleFinding } from "./define.ts";
import { runDoctor, summarize, toFindingJson, type DoctorJson, type DoctorOptions, type DoctorResult } from "./run.ts";

export interface FixOptions extends DoctorOptions {
  /** @internal Git facts for the plan's warnings (tests pass `false`). */
  git?: CollectOptions["git"];
}

export interface FixPlan {
  /** The doctor run the fixes come from. */
  doctor: DoctorResult;
  plan: Plan;
  /** The findings whose edits the plan makes (a fix skipped in the plan is not among them). */
  fixes: RuleFinding[];
  /** What the re-run after applying uses: the same options, and the env already read. */
  options: FixOptions;
}

export interface FixOutcome {
  applied: ApplyResult;
  /** doctor on the fixed project. */
  after: DoctorResult;
}

/** The fix's edit: the rule's own (it composes), or a whole-file replacement guarded by `before`. */
function editOf(change: FileEdit): Edit {
  if (change.edit) return change.edit;
  return defineEdit(change.reason, (content, { path }) => {
    if (content === change.after) return unchanged;
    if ((content ?? null) !== change.before)
      return refuse(`${path} changed since doctor read it (or another fix changed it first); run doctor --fix again.`);
    return change.after;
  });
}

/** Plans the fixes of every fixable finding. Writes nothing. */
export async function planDoctorFix(options: FixOptions): Promise<FixPlan> {
  const doctor = await runDoctor(options);
  const kits = new Map<string, Kit>();
  const withEdits = doctor.findings.filter((finding) => finding.fixable && finding.edits?.length);
  for (const finding of withEdits) {
    const by = `doctor:${finding.code}`;
    const kit = kits.get(by) ?? createKit(by);
    kits.set(by, kit);
    for (const change of finding.edits!)
      kit.file(change.path, editOf(change), { reason: `${finding.code}: ${change.reason}` });
  }
  const files = doctor.facts.files;
  const git = options.git ?? (options.files ? NO_GIT : gitProbe(doctor.facts.root));
  const plan = await collectPlan([...kits.values()], {
    files,
    packageManager: doctor.facts.packageManager,
    dependencies: doctor.facts.dependencies,
    git,
  });
  // A fix that makes git ignore a file it already tracks doesn't keep the file out of git.
  const changed = new Set(fileChanges(plan).map((item) => item.path));
  for (const finding of withEdits) {
    for (const change of finding.edits!) {
      if (!change.ignores || !changed.has(change.path) || !(git && (await git.tracked(change.ignores)))) continue;
      plan.warnings.push({
        code: "env_file_tracked",
        file: change.ignores,
        message: `${change.ignores} is tracked by git, so .gitignore does not keep it out; it holds secrets.`,
      });
      plan.humanSteps.push({
        title: `Stop tracking ${change.ignores}: git rm --cached ${change.ignores}`,
        why: `${change.ignores} holds secrets; a tracked file stays in git whatever .gitignore says. Rotate the secrets if it was ever pushed.`,
      });
    }
  }
  const fixes = withEdits.filter((finding) => finding.edits!.every((change) => changed.has(change.path)));
  return { doctor, plan, fixes, options: { ...options, envSource: doctor.envSource } };
}

/**
 * Applies the planned fixes all or nothing (a project on disk), then runs doctor again on the
 * result, with the deployment env the first run read.
 */
export async function applyDoctorFix(fix: FixPlan, options: ApplyOptions = {}): Promise<FixOutcome> {
  if (fix.options.files)
    throw new TypeError("applyDoctorFix writes to disk; plan from a project on disk (no `files`).");
  // Each fix stands alone: one that was refused is reported as remaining, the others apply.
  const applied = await applyPlan(fix.plan, { refused: "skip", ...options });
  return { applied, after: await runDoctor(fix.options) };
}

export interface FixJson extends PlanJson {
  /** The findings the plan fixes. */
  fixes: Finding[];
  /**
   * doctor after the fixes: a real re-run when they were applied; otherwise (a dry run, nothing
   * to fix, declined) the current findings the plan does not fix, with their summary.
   */
  remaining: Pick<DoctorJson, "findings" | "summary"> & { rerun: boolean };
}

export function toFixJson(fix: FixPlan, outcome?: FixOutcome): FixJson {
  const fixed = new Set(fix.fixes);
  const remaining = outcome
    ? outcome.after.findings.map(toFindingJson)
    : fix.doctor.findings.filter((finding) => !fixed.has(finding)).map(toFindingJson);
  return {
    ...toPlanJson(fix.plan, { applied: Boolean(outcome) }),
    fixes: fix.fixes.map(toFindingJson),
    remaining: { findings: remaining, summary: summarize(remaining), rerun: Boolean(outcome) },
  };
}
