/**
 * Progress while long work runs (package installs, setting deployment env): a spinner at a
 * terminal, one line otherwise, nothing under --json. The child processes' output is captured,
 * not interleaved with ours: the spinner shows its last line, and all of it is printed only when
 * the work fails.
 */
import { Writable } from "node:stream";
import type { Output } from "./output.ts";

export interface Progress {
  /** Where child output goes (captured). */
  stream: Writable;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export async function withProgress<T>(
  output: Output,
  label: string,
  work: (progress: Progress) => Promise<T>,
): Promise<T> {
  let captured = "";
  let lastLine = "";
  const { mode } = output;
  const terminal = mode.interactive && !mode.json;
  const spinner = terminal ? (await import("@clack/prompts")).spinner({ output: process.stderr }) : undefined;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString("utf8");
      captured = (captured + text).slice(-20_000);
      const lines = text
        .replace(ANSI, "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length > 0) {
        lastLine = lines.at(-1)!.slice(0, 70);
        spinner?.message(`${label}: ${lastLine}`);
      }
      done();
    },
  });
  if (spinner) spinner.start(`${label}…`);
  else if (!mode.json) output.note(`${label}…`);
  try {
    const result = await work({ stream });
    spinner?.stop(`${label}: done`);
    return result;
  } catch (error) {
    spinner?.error(`${label}: failed`);
    if (captured.trim() && !mode.json) output.note(captured.trimEnd());
    throw error;
  }
}
