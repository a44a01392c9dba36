import type { AddPlan } from "../../providers/add.ts";
import type { Colors } from "../output.ts";

/**
 * What is left for the human after `add`: the values to pass, then the recipe's next steps.
 * `stepsShown`: the output already lists the plan's human steps, so a value's step is named by its
 * number instead of said again.
 */
export function renderNextSteps(added: AddPlan, colors: Colors, { stepsShown = false } = {}): string {
  const { bold, dim, cyan, yellow } = colors;
  const lines: string[] = [];
  if (added.missing.length > 0) {
    lines.push("", bold("Values still needed — run the command again with:"));
    for (const input of added.missing) {
      lines.push(`  ${yellow(input.flag)}  ${dim(input.why)}`);
      const step = stepsShown ? added.plan.humanSteps.findIndex((s) => s.title === input.obtainedBy?.title) : -1;
      if (step >= 0) {
        lines.push(`      ${dim(`see step ${step + 1} above`)}`);
        continue;
      }
      // The dashboard URL on a line of its own, never run into the value to paste.
      if (input.obtainedBy) lines.push(`      ${dim(input.obtainedBy.title)}`);
      if (input.obtainedBy?.url) lines.push(`      ${cyan(input.obtainedBy.url)}`);
    }
  }
  if (added.nextSteps.length > 0) {
    lines.push("", bold("Next"));
    for (const step of added.nextSteps) lines.push(`  • ${step}`);
  }
  return lines.join("\n");
}
