/** Human output for `authwire doctor --fix`: what the plan fixes, the plan itself, and what is left. */
import type { FixPlan } from "../../rules/fix.ts";
import type { Colors } from "../output.ts";
import { renderPlan } from "./plan.ts";

/** `doctor --fix`: the findings the plan fixes, then the plan (CREATE / MODIFY / SKIP and the diff). */
export function renderFixes(fix: FixPlan, colors: Colors): string {
  const { bold, dim } = colors;
  const fixable = fix.doctor.findings.filter((finding) => finding.fixable).length;
  const lines = [
    bold(
      `authwire doctor --fix — ${fix.fixes.length} of ${fix.doctor.findings.length} finding${fix.doctor.findings.length === 1 ? "" : "s"} fixed by this plan`,
    ),
  ];
  for (const finding of fix.fixes) {
    const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ""}` : "";
    lines.push(`  ${finding.code} ${bold(where)} ${dim(finding.message)}`);
  }
  if (fixable > fix.fixes.length)
    lines.push(
      dim(
        `  (${fixable - fix.fixes.length} more fixable finding${fixable - fix.fixes.length === 1 ? "" : "s"} could not be planned: see SKIP below)`,
      ),
    );
  lines.push("", renderPlan(fix.plan, colors, { title: "Plan" }));
  return lines.join("\n");
}

/** The line after a plan that was not applied: a dry run, or nothing to fix. */
export function renderFixSummary(fix: FixPlan, colors: Colors, { dryRun }: { dryRun: boolean }): string {
  const { green, yellow, dim } = colors;
  const remaining = fix.doctor.findings.filter((finding) => !fix.fixes.includes(finding));
  const errors = remaining.filter((finding) => finding.severity === "error").length;
  const left =
    remaining.length === 0
      ? "Applying it leaves no findings."
      : `${remaining.length} finding${remaining.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}) ${fix.fixes.length > 0 ? "would remain" : "remain"}: they need a change authwire can't make for certain.`;
  if (fix.fixes.length === 0)
    return `${green("✔")} Nothing to fix automatically. ${remaining.length > 0 ? dim(left) : ""}`.trimEnd();
  return `${yellow(dryRun ? "Dry run: nothing was written." : "Nothing was written.")} ${dim(left)}`;
}
