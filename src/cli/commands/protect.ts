import { isNoop } from "../../changes/plan.ts";
import { ExitCode } from "../../errors.ts";
import { applyProtect, planProtect, toProtectJson } from "../../scaffold/protect.ts";
import { commandLine, consentOrPlanJson, diffOnRequest, stopOnRefusedEdits } from "../consent.ts";
import type { Output } from "../output.ts";
import { renderApplied, renderPlan } from "../render/plan.ts";
import { renderFunctionDecisions } from "../render/scaffold.ts";

export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const { mode, colors } = output;
  const protect = await planProtect({ cwd: mode.cwd });
  for (const note of protect.facts.notes) output.note(colors.yellow(`note: ${note}`));
  if (!mode.json) {
    output.line(renderFunctionDecisions(protect.functions, colors));
    output.line(
      `\n${renderPlan(protect.plan, colors, {
        title: `authwire protect (${protect.provider})`,
        diff: Boolean(flags.dryRun || flags.diff),
        diffHint: !flags.dryRun && !flags.diff && !mode.interactive,
      })}`,
    );
  }
  if (!flags.dryRun)
    await stopOnRefusedEdits(protect.plan, mode, () => output.json(toProtectJson(protect, { applied: false })));
  if (flags.dryRun || isNoop(protect.plan)) {
    if (mode.json) output.json(toProtectJson(protect, { applied: false }));
    else if (isNoop(protect.plan))
      output.line(
        `\n${colors.green("✔")} Nothing to protect: every public function that touches data checks identity first (or is skipped above).`,
      );
    return ExitCode.ok;
  }
  if (
    !(await consentOrPlanJson(
      mode,
      { question: "Insert these checks?", command: commandLine(), ...diffOnRequest(protect.plan, flags, output) },
      () => output.json(toProtectJson(protect, { applied: false })),
    ))
  ) {
    output.line("Nothing was changed.");
    return ExitCode.ok;
  }
  const result = await applyProtect(protect);
  if (mode.json) output.json(toProtectJson(protect, { applied: true }));
  else output.line(`\n${renderApplied(result, colors)}`);
  return ExitCode.ok;
}
