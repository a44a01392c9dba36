/**
 * Consent to write, one rule for every writing command (add, users, protect, doctor --fix):
 * `--yes` applies; a human at a terminal is asked; anything else (no TTY, CI, `--json`) has shown
 * the plan and stops with exit 3 naming `--yes`. `--json` never implies consent.
 */
import type { HumanStepRequired } from "../errors.ts";
import { AuthwireError } from "../errors.ts";
import type { Plan } from "../changes/plan.ts";
import { ioFor, type Mode } from "./mode.ts";
import type { Output } from "./output.ts";
import { renderDiffs } from "./render/plan.ts";

export interface ConsentOptions {
  /** The question a human at a terminal answers (default yes). */
  question: string;
  /** The unified diff, offered at a terminal before answering (the plan is shown without it). */
  diff?: () => string;
  /** Where the diff goes when asked for. */
  show?: (text: string) => void;
  /** The command to run again, shown in the hint (e.g. "authwire add clerk …"). */
  command: string;
  /** Values the run still needs: listed with the refusal, so one re-run can pass them all. */
  missing?: HumanStepRequired["missing"];
}

/** True: apply. False: the human declined. Throws `consent_required` when nobody can consent. */
export async function consentToApply(mode: Mode, options: ConsentOptions): Promise<boolean> {
  if (mode.yes) return true;
  if (mode.interactive) {
    if (options.diff && options.show)
      return (await import("./prompt-io.ts")).confirmWithDiff(options.question, options.diff, options.show);
    return (await ioFor(mode)).confirm(options.question, { default: true });
  }
  const missing = options.missing ?? [];
  throw new AuthwireError(
    "consent_required",
    `Nothing was written: without a terminal, authwire applies a plan only with --yes${mode.json ? " (--json is not consent)" : ""}.`,
    {
      hint: `Review the plan, then run \`${options.command} --yes\`${missing.length > 0 ? ` with ${missing.map((input) => input.flag).join(", ")}` : ""}; --dry-run shows the diff.`,
      details: { flag: "--yes", ...(missing.length > 0 && { missing }) },
    },
  );
}

/** The command line as the user typed it, for hints (secrets never reach argv: they come on stdin). */
export function commandLine(argv: string[] = process.argv.slice(2)): string {
  const shown = argv.filter((arg) => arg !== "--yes" && arg !== "-y");
  return [
    "authwire",
    ...shown.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)),
  ].join(" ");
}

/** `consentToApply`, printing the unapplied plan's JSON first when consent is missing under --json. */
export async function consentOrPlanJson(
  mode: Mode,
  options: ConsentOptions,
  printPlanJson: () => void,
): Promise<boolean> {
  try {
    return await consentToApply(mode, options);
  } catch (error) {
    if (mode.json) printPlanJson();
    throw error;
  }
}

/** At a terminal without --diff: the prompt offers the diff. */
export function diffOnRequest(
  plan: Plan,
  flags: Record<string, unknown>,
  output: Output,
): Pick<ConsentOptions, "diff" | "show"> {
  if (flags.diff) return {};
  return { diff: () => renderDiffs(plan, output.colors), show: (text) => output.line(text) };
}

/**
 * All or nothing: a plan with a refused edit stops here, before the question and before any
 * write (the plan above shows the refused file in red; under --json its JSON comes first).
 */
export async function stopOnRefusedEdits(plan: Plan, mode: Mode, printPlanJson: () => void): Promise<void> {
  const { assertNoRefusedEdits, refusedEdits } = await import("../changes/apply.ts");
  if (refusedEdits(plan).length === 0) return;
  if (mode.json) printPlanJson();
  assertNoRefusedEdits(plan);
}
