import { readFileSync } from "node:fs";
import { AuthwireError, ExitCode } from "../../errors.ts";
import { runDoctor, type DoctorOptions } from "../../rules/run.ts";
import type { Output } from "../output.ts";
import { renderDoctor } from "../render/doctor.ts";
import { isConvexApp, notConvexApp } from "../convex-app.ts";

const exitFor = (summary: { error: number }) => (summary.error > 0 ? ExitCode.failed : ExitCode.ok);

export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  if (flags.dryRun && !flags.fix)
    throw new AuthwireError("usage", "--dry-run goes with --fix.", {
      hint: "authwire doctor --fix --dry-run shows the fixes without writing.",
    });
  if (flags.fix && flags.sarif)
    throw new AuthwireError("usage", "--fix and --sarif don't combine.", {
      hint: "Run doctor --fix, then doctor --sarif.",
    });
  if (flags.sarif && flags.json)
    throw new AuthwireError("usage", "--sarif and --json are two output formats; pick one.", {
      hint: "doctor --sarif prints SARIF 2.1.0 (for code scanning); doctor --json prints authwire's findings JSON.",
    });
  if (flags.online && flags.offline)
    throw new AuthwireError("usage", "--online and --offline contradict each other.", {
      hint: "--offline never reads the deployment or the network; --online also fetches each issuer's discovery and JWKS.",
    });
  const options: DoctorOptions = {
    cwd: output.mode.cwd,
    devEnv: flags.devEnv as string | undefined,
    prodEnv: flags.prodEnv as string | undefined,
    offline: Boolean(flags.offline),
    online: Boolean(flags.online),
    only: flags.only ? [String(flags.only)] : undefined,
  };
  if (flags.fix) return fix(options, Boolean(flags.dryRun), output);
  const result = await runDoctor(options);
  // A folder that isn't a Convex app has nothing to check: say so rather than "0 errors".
  if (!isConvexApp(result.facts)) throw notConvexApp(result.facts);
  if (flags.sarif) {
    const [{ toSarif }, { RULES }] = await Promise.all([
      import("../../rules/sarif.ts"),
      import("../../rules/index.ts"),
    ]);
    const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    process.stdout.write(`${JSON.stringify(toSarif(result.findings, RULES, { version }), null, 2)}\n`);
  } else if (output.mode.json) output.json(result.json);
  else output.line(renderDoctor(result, output.colors));
  return exitFor(result.json.summary);
}

/** `--fix`: plan, preview, confirm (a human at a TTY, or --yes; otherwise exit 3), apply, doctor again. */
async function fix(options: DoctorOptions, dryRun: boolean, output: Output): Promise<number> {
  const [
    { applyDoctorFix, planDoctorFix, toFixJson },
    { isNoop },
    { renderFixes, renderFixSummary },
    { renderApplied },
  ] = await Promise.all([
    import("../../rules/fix.ts"),
    import("../../changes/plan.ts"),
    import("../render/doctor-fix.ts"),
    import("../render/plan.ts"),
  ]);
  const { mode, colors } = output;
  const planned = await planDoctorFix(options);
  if (!isConvexApp(planned.doctor.facts)) throw notConvexApp(planned.doctor.facts);
  if (isNoop(planned.plan) || dryRun) {
    if (mode.json) output.json(toFixJson(planned));
    else output.line(isNoop(planned.plan) ? renderDoctor(planned.doctor, colors) : renderFixes(planned, colors));
    if (!mode.json) output.line(`\n${renderFixSummary(planned, colors, { dryRun })}`);
    // Nothing was written: the project's state decides, as for doctor without --fix.
    return exitFor(planned.doctor.json.summary);
  }
  if (!mode.json) output.line(renderFixes(planned, colors));
  const { commandLine, consentOrPlanJson } = await import("../consent.ts");
  if (
    !(await consentOrPlanJson(mode, { question: "Apply these fixes?", command: commandLine() }, () =>
      output.json(toFixJson(planned)),
    ))
  ) {
    output.line("Nothing was changed.");
    return exitFor(planned.doctor.json.summary);
  }
  const outcome = await applyDoctorFix(planned);
  if (mode.json) output.json(toFixJson(planned, outcome));
  else output.line(`\n${renderApplied(outcome.applied, colors)}\n\n${renderDoctor(outcome.after, colors)}`);
  return exitFor(outcome.after.json.summary);
}
