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
import type { Output } from "../output.ts";
import { renderApplied, renderPlan } from "../render/plan.ts";
import { renderNextSteps } from "../render/add.ts";
import { offerStepCommands } from "../step-commands.ts";

const attribute = (flag: string) => new Option(flag).attributeName();

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AuthwireError("usage", "A -stdin flag needs the value piped on stdin.");
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const value = text.replace(/\r?\n$/, "");
  if (value.trim() === "") throw new AuthwireError("usage", "A -stdin flag was given but stdin was empty.");
  return value;
}

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
      if (flags[attribute(`${option.flag}-stdin`)]) values[key] = await readStdin();
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
  let request: AddRequest = {
    cwd: mode.cwd,
    provider,
    options: await optionValues(RECIPE_OPTIONS[provider as ProviderId] ?? {}, flags),
    framework: flags.framework as FrameworkChoice | undefined,
    offline: Boolean(flags.offline),
    setDeploymentEnv: flags.env !== false,
  };
  let added = await planAdd(request);
  // At a terminal, ask for what's missing (secrets masked) instead of stopping at exit 3.
  if (mode.interactive && !mode.yes && !flags.dryRun && added.missing.length > 0)
    ({ request, added } = await askMissing(request, added, await ioFor(mode)));
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

  if (!mode.json) output.line(renderPlan(added.plan, colors, { title: `authwire add ${added.provider}` }));
  if (flags.dryRun || isNoop(added.plan)) {
    if (mode.json) output.json(toAddJson(added, { applied: false }));
    else {
      if (isNoop(added.plan))
        output.line(`\n${colors.green("✔")} Nothing to change: ${added.provider} is already wired.`);
      output.line(renderNextSteps(added, colors));
    }
    if (flags.dryRun) return ExitCode.ok;
    await offerCommands();
    return exitFor();
  }

  const io = await ioFor(mode);
  // Without a terminal, applying the shown plan is the safe default (it is atomic and rolled back on failure).
  if (mode.interactive && !(await io.confirm("Apply these changes?", { default: true }))) {
    output.line("Nothing was changed.");
    return ExitCode.ok;
  }
  const result = await applyAdd(added, {
    install: flags.install !== false,
    env: flags.env !== false,
    installOutput: mode.json ? undefined : process.stderr,
  });
  if (mode.json) output.json(toAddJson(added, { applied: appliedAnything(result) }));
  else output.line(`\n${renderApplied(result, colors)}\n${renderNextSteps(added, colors)}`);
  await offerCommands();
  return exitFor();
}
