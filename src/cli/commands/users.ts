import { isNoop } from "../../changes/plan.ts";
import { ExitCode } from "../../errors.ts";
import { applyUsers, planUsers, toUsersJson } from "../../scaffold/users.ts";
import { ioFor } from "../mode.ts";
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
  });
  for (const note of users.facts.notes) output.note(colors.yellow(`note: ${note}`));
  const title = `authwire users${users.rbac ? " --rbac" : ""} (${users.provider})`;
  if (!mode.json) output.line(renderPlan(users.plan, colors, { title }));
  if (flags.dryRun || isNoop(users.plan)) {
    if (mode.json) output.json(toUsersJson(users, { applied: false }));
    else {
      if (isNoop(users.plan))
        output.line(`\n${colors.green("✔")} Nothing to change: the users setup is already there.`);
      output.line(renderScaffoldNextSteps(users.nextSteps, colors));
    }
    return ExitCode.ok;
  }
  // Without a terminal, applying the shown plan is the safe default (atomic, rolled back on failure).
  if (
    mode.interactive &&
    !mode.yes &&
    !(await (await ioFor(mode)).confirm("Apply these changes?", { default: true }))
  ) {
    output.line("Nothing was changed.");
    return ExitCode.ok;
  }
  const result = await applyUsers(users);
  if (mode.json) output.json(toUsersJson(users, { applied: true }));
  else output.line(`\n${renderApplied(result, colors)}${renderScaffoldNextSteps(users.nextSteps, colors)}`);
  return ExitCode.ok;
}
