/** Writing results and errors: JSON on stdout for --json, human text otherwise; errors on stderr. */
import { createColors } from "picocolors";
import { AuthwireError, ExitCode, HumanStepRequired, type ExitCodeValue } from "../errors.ts";
import type { Mode } from "./mode.ts";

export type Colors = ReturnType<typeof createColors>;

export interface Output {
  mode: Mode;
  colors: Colors;
  /** One line (or block) of human output on stdout. */
  line(text?: string): void;
  /** The command's machine result on stdout. */
  json(value: unknown): void;
  /** A note for humans on stderr (never mixes into --json stdout). */
  note(text: string): void;
}

export function createOutput(mode: Mode, stdout = process.stdout, stderr = process.stderr): Output {
  const colors = createColors(mode.color);
  return {
    mode,
    colors,
    line(text = "") {
      stdout.write(`${text}\n`);
    },
    json(value) {
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note(text) {
      stderr.write(`${text}\n`);
    },
  };
}

/** Renders an error for the user and returns the exit code. Never a stack trace for a user error. */
export function renderError(error: unknown, output: Output, stderr = process.stderr): ExitCodeValue {
  const known = error instanceof AuthwireError ? error : undefined;
  if (output.mode.json) {
    const body = known
      ? known.toJSON()
      : { code: "internal", message: error instanceof Error ? error.message : String(error) };
    stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return known?.exitCode ?? ExitCode.failed;
  }
  const { red, yellow, dim, bold } = output.colors;
  // The prompt already said so on the terminal: one message, the exit code alone.
  if (known?.code === "cancelled") return known.exitCode;
  if (!known) {
    stderr.write(
      `${red("✘ authwire failed unexpectedly:")} ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (error instanceof Error && error.stack) stderr.write(`${dim(error.stack)}\n`);
    stderr.write(`${dim("This is a bug in authwire; please report it with the output above.")}\n`);
    return ExitCode.failed;
  }
  const where = known.location ? `${known.location}: ` : "";
  stderr.write(`${red("✘")} ${where}${known.message}\n`);
  if (known instanceof HumanStepRequired) {
    for (const input of known.missing) {
      stderr.write(`  ${bold(input.flag)}  ${input.why}\n`);
      if (input.obtainedBy) {
        stderr.write(
          `      ${dim(`${input.obtainedBy.title}${input.obtainedBy.url ? ` — ${input.obtainedBy.url}` : ""}`)}\n`,
        );
      }
    }
    for (const step of known.steps) {
      stderr.write(`  ${yellow("→")} ${bold(step.title)}${step.url ? ` ${step.url}` : ""}\n    ${dim(step.why)}\n`);
    }
  }
  if (known.hint) stderr.write(`  ${yellow("hint:")} ${known.hint}\n`);
  return known.exitCode;
}
