/** Helpers for the scaffold tests: a plan's result as files, and the doctor's function findings on them. */
import type { Plan } from "../../src/changes/plan.ts";
import { memoryFiles } from "../../src/project/files.ts";
import type { RuleFinding } from "../../src/rules/define.ts";
import { runDoctor } from "../../src/rules/run.ts";
import type { Files } from "./projects.ts";

/** The files after the plan, as an apply would leave them (for virtual projects). */
export function appliedFiles(files: Files, plan: Plan): Files {
  const after = { ...files };
  for (const item of plan.items) if (item.action !== "skip") after[item.path] = item.after;
  return after;
}

/** The plan as `action path` lines. */
export function planLines(plan: Plan): string[] {
  return plan.items.map((item) => `${item.action} ${item.path}`);
}

/** The file the plan creates or modifies (throws when it doesn't). */
export function planned(plan: Plan, path: string): string {
  const item = plan.items.find((candidate) => candidate.path === path);
  if (!item || item.action === "skip")
    throw new Error(`the plan does not write ${path}: ${item?.reason ?? "not in the plan"}`);
  return item.after;
}

/** Doctor findings of the functions rules (AW6xx) and AW506, offline; on disk (cwd) or virtual (files). */
export async function functionFindings(target: { cwd: string } | { files: Files }): Promise<RuleFinding[]> {
  const only = ["AW506", "AW601", "AW602", "AW603", "AW604", "AW605", "AW606", "AW607", "AW612"];
  const result =
    "files" in target
      ? await runDoctor({ cwd: "/virtual", files: memoryFiles(target.files), offline: true, only })
      : await runDoctor({ cwd: target.cwd, offline: true, only });
  return result.findings;
}

/** Doctor findings of the authorization rules (AW608–AW611) on a virtual project, offline. */
export async function authorizationFindings(files: Files): Promise<RuleFinding[]> {
  const only = ["AW608", "AW609", "AW610", "AW611"];
  return (await runDoctor({ cwd: "/virtual", files: memoryFiles(files), offline: true, only })).findings;
}

/** Findings that are more than info. */
export function problems(findings: RuleFinding[]): string[] {
  return findings
    .filter((finding) => finding.severity !== "info")
    .map((finding) => `${finding.code} ${finding.file}:${finding.line} ${finding.message}`);
}
