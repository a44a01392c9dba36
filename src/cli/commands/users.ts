import { isNoop } from "../../changes/plan.ts";
import { ExitCode } from "../../errors.ts";
import { applyUsers, planUsers, toUsersJson } from "../../scaffold/users.ts";
import { commandLine, consentOrPlanJson, diffOnRequest, stopOnRefusedEdits } from "../consent.ts";
import type { Output } from "../output.ts";
import { renderApplied, renderPlan } from "../render/plan.ts";
import { renderScaffoldNextSteps } from "../render/scaffold.ts";

export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const { mode, colors } = output;
  const users = await planUsers({
    cwd: mode.cwd,
    rbac: Boolean(flags.rbac),
    orgTable: typeof flags.orgTable === "string" ? flags.orgTable : undefined,
    roles: typeof flags.roles === "string" ? flags.roles.split(",") : undefined,
    // --no-client: backend only; without it, backend only when the app shows no client.
    ...(flags.client === false && { client: false }),
  });
  for (const note of users.facts.notes) output.note(colors.yellow(`note: ${note}`));
  const title = `authwire users${users.rbac ? " --rbac" : ""} (${users.provider})`;
  const dryRun = Boolean(flags.dryRun);
  if (!mode.json)
    output.line(
      renderPlan(users.plan, colors, {
        title,
        diff: dryRun || Boolean(flags.diff),
        diffHint: !dryRun && !flags.diff && !mode.interactive,
      }),
    );
  if (!dryRun) await stopOnRefusedEdits(users.plan, mode, () => output.json(toUsersJson(users, { applied: false })));
  if (flags.dryRun || isNoop(users.plan)) {
    if (mode.json) output.json(toUsersJson(users, { applied: false }));
    else {
      if (isNoop(users.plan))
        output.line(`\n${colors.green("✔")} Nothing to change: the users setup is already there.`);
      output.line(renderScaffoldNextSteps(users.nextSteps, colors));
    }
    return ExitCode.ok;
  }
  if (
    !(await consentOrPlanJson(
      mode,
      { question: "Apply these changes?", command: commandLine(), ...diffOnRequest(users.plan, flags, output) },
      () => output.json(toUsersJson(users, { applied: false })),
    ))
  ) {
    output.line("Nothing was changed.");
    return ExitCode.ok;
  }
  const result = await applyUsers(users);
  if (mode.json) output.json(toUsersJson(users, { applied: true }));
  else output.line(`\n${renderApplied(result, colors)}${renderScaffoldNextSteps(users.nextSteps, colors)}`);
  return ExitCode.ok;
}
