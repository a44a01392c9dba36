/** Writing results and errors: JSON on stdout for --json, human text otherwise; errors on stderr. */
import { createColors } from "picocolors";
import { AuthwireError, ExitCode, HumanStepRequired, type ExitCodeValue } from "../errors.ts";
import type { Mode } from "./mode.ts";
import { wrapText } from "./render/text.ts";

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

/** The terminal's width when the stream is one (human text wraps there); undefined for pipes and files. */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

export function createOutput(mode: Mode, stdout = process.stdout, stderr = process.stderr): Output {
  const colors = createColors(mode.color);
  return {
    mode,
    colors,
    line(text = "") {
      stdout.write(`${wrapText(text, terminalWidth(stdout))}\n`);
    },
    json(value) {
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note(text) {
      stderr.write(`${wrapText(text, terminalWidth(stderr))}\n`);
    },
  };
}

/** Renders an error for the user and returns the exit code. Never a stack trace for a user error. */
export function renderError(error: unknown, output: Output, stream = process.stderr): ExitCodeValue {
  const width = output.mode.json ? undefined : terminalWidth(stream);
  const stderr = { write: (text: string) => stream.write(wrapText(text, width)) };
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
      // A dashboard URL on a line of its own: it never runs into a value to paste.
      if (input.obtainedBy) {
        stderr.write(`      ${dim(input.obtainedBy.title)}\n`);
        if (input.obtainedBy.url) stderr.write(`      ${input.obtainedBy.url}\n`);
      }
    }
    for (const step of known.steps) {
      stderr.write(
        `  ${yellow("→")} ${bold(step.title)}\n${step.url ? `    ${step.url}\n` : ""}    ${dim(step.why)}\n`,
      );
    }
  }
  if (known.hint) stderr.write(`  ${yellow("hint:")} ${known.hint}\n`);
  return known.exitCode;
}
