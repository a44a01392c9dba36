import { Option } from "commander";
import {
  appliedAnything,
  applyAdd,
  askMissing,
  needsHuman,
  planAdd,
  toAddJson,
  type AddRequest,
  type FrameworkChoice,
} from "../../providers/add.ts";
import { COMMON_OPTIONS, RECIPE_OPTIONS } from "../../providers/index.ts";
import type { RecipeOptions } from "../../providers/define.ts";
import type { ProviderId } from "../../project/facts.ts";
import { isNoop } from "../../changes/plan.ts";
import { AuthwireError, ExitCode } from "../../errors.ts";
import { ioFor } from "../mode.ts";
import { commandLine, consentToApply, stopOnRefusedEdits } from "../consent.ts";
import { requireConvexApp } from "../convex-app.ts";
import { withProgress } from "../progress.ts";
import type { Output } from "../output.ts";
import { renderApplied, renderDiffs, renderPlan, renderPlanSteps } from "../render/plan.ts";
import { renderNextSteps } from "../render/add.ts";
import { offerStepCommands } from "../step-commands.ts";
import { readStdin } from "../stdin.ts";

const attribute = (flag: string) => new Option(flag).attributeName();

const readSecret = () =>
  readStdin({
    whenTerminal: { message: "A -stdin flag needs the value piped on stdin." },
    whenEmpty: "A -stdin flag was given but stdin was empty.",
    trim: "newline",
  });

/** The recipe's option values from the parsed flags (secrets only from stdin or the environment). */
async function optionValues(options: RecipeOptions, flags: Record<string, unknown>): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const all: RecipeOptions = { ...COMMON_OPTIONS, ...options };
  const fromStdin = Object.values(all).filter((option) => option.secret && flags[attribute(`${option.flag}-stdin`)]);
  if (fromStdin.length > 1) {
    const others = fromStdin
      .slice(1)
      .map((option) =>
        option.fromEnv ? `${option.fromEnv} in the environment` : `a separate run with ${option.flag}-stdin`,
      );
    throw new AuthwireError(
      "usage",
      `stdin holds one secret per run; ${fromStdin.map((option) => `${option.flag}-stdin`).join(" and ")} can't share it.`,
      {
        hint: `Pass the others through ${others.join(", ")}.`,
      },
    );
  }
  for (const [key, option] of Object.entries(all)) {
    const raw = flags[attribute(option.flag)];
    if (option.secret) {
      if (flags[attribute(`${option.flag}-stdin`)]) values[key] = await readSecret();
      continue;
    }
    if (raw === undefined) continue;
    values[key] =
      option.type === "list"
        ? String(raw)
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean)
        : raw;
  }
  return values;
}

export async function run(args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const provider = String(args[0]);
  const { mode, colors } = output;
  // Before planning: a folder that isn't a Convex app gets a usage error, not a config for nothing.
  await requireConvexApp(mode.cwd);
  let request: AddRequest = {
    cwd: mode.cwd,
    provider,
    options: await optionValues(RECIPE_OPTIONS[provider as ProviderId] ?? {}, flags),
    framework: flags.framework as FrameworkChoice | undefined,
    offline: Boolean(flags.offline),
    setDeploymentEnv: flags.env !== false,
    // --no-client: backend only; without it, backend only when the app shows no client.
    ...(flags.client === false && { client: false }),
  };
  let added = await planAdd(request);
  // At a terminal, ask for what's missing (secrets masked) instead of stopping at exit 3; a value
  // the recipe rejects is asked again.
  if (mode.interactive && !mode.yes && !flags.dryRun && added.missing.length > 0) {
    const io = await ioFor(mode);
    for (let attempt = 1; ; attempt++) {
      try {
        ({ request, added } = await askMissing(request, added, io));
        break;
      } catch (error) {
        if (!(error instanceof AuthwireError) || error.code !== "usage" || attempt >= 5) throw error;
        output.note(`${colors.red("✘")} ${error.message}${error.hint ? ` ${error.hint}` : ""}`);
      }
    }
  }
  for (const note of added.facts.notes) output.note(colors.yellow(`note: ${note}`));
  const exitFor = () => (needsHuman(added) ? ExitCode.humanStep : ExitCode.ok);
  // A step that is a command (the first `npx convex dev`) can be taken right here at a terminal;
  // planning again then tells what is still left.
  const offerCommands = async () => {
    if (!mode.interactive || mode.yes || !added.plan.humanSteps.some((step) => step.command)) return;
    const done = await offerStepCommands(added.plan.humanSteps, added.facts.root, await ioFor(mode));
    if (done.length === 0) return;
    added = await planAdd(request);
    output.line(needsHuman(added) ? `\n${renderNextSteps(added, colors)}` : `\n${colors.green("✔")} All set.`);
  };
  const title = `authwire add ${added.provider}`;
  const dryRun = Boolean(flags.dryRun);
  const noop = isNoop(added.plan);
  // The plan once. The diff comes with --dry-run or --diff (at a terminal: on request at the prompt).
  // The human steps come once: in the plan when nothing is applied, else in the summary after it.
  const applying = !dryRun && !noop && (mode.yes || mode.interactive);
  if (!mode.json)
    output.line(
      renderPlan(added.plan, colors, {
        title,
        diff: dryRun || Boolean(flags.diff),
        steps: !applying,
        diffHint: !dryRun && !flags.diff && !mode.interactive,
      }),
    );
  if (!dryRun) await stopOnRefusedEdits(added.plan, mode, () => output.json(toAddJson(added, { applied: false })));
  if (dryRun || noop) {
    if (mode.json) output.json(toAddJson(added, { applied: false }));
    else {
      if (noop) output.line(`\n${colors.green("✔")} Nothing to change: ${added.provider} is already wired.`);
      output.line(renderNextSteps(added, colors, { stepsShown: true }));
    }
    if (dryRun) return ExitCode.ok;
    await offerCommands();
    return exitFor();
  }

  let consent: boolean;
  try {
    consent = await consentToApply(mode, {
      question: "Apply these changes?",
      command: commandLine(),
      missing: added.missing,
      ...(!flags.diff && {
        diff: () => renderDiffs(added.plan, colors),
        show: (text: string) => output.line(text),
      }),
    });
  } catch (error) {
    if (mode.json) output.json(toAddJson(added, { applied: false }));
    throw error;
  }
  if (!consent) {
    output.line("Nothing was changed.");
    return ExitCode.ok;
  }
  const result = await withProgress(output, "Applying", (progress) =>
    applyAdd(added, {
      install: flags.install !== false,
      env: flags.env !== false,
      installOutput: mode.json ? undefined : progress.stream,
    }),
  );
  if (mode.json) output.json(toAddJson(added, { applied: appliedAnything(result) }));
  else
    output.line(
      `\n${renderApplied(result, colors)}\n${renderPlanSteps(added.plan, colors)}\n${renderNextSteps(added, colors, { stepsShown: true })}`.trimEnd(),
    );
  await offerCommands();
  return exitFor();
}
