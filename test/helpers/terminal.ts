/**
 * Runs a command in a real pseudo-terminal (util-linux `script`, Essential on Debian), answering
 * prompts as they appear, the way a person at a terminal would: for the interactive paths that a
 * pipe can't reach (authwire never prompts without a TTY).
 */
import { spawn } from "node:child_process";

export interface TerminalRun {
  code: number | null;
  /** Everything the terminal showed, ANSI escapes removed. */
  screen: string;
  /** The raw bytes, escapes included (to check that a secret never reached the terminal at all). */
  raw: string;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** `answers`: when the screen (since the previous answer) matches the pattern, type the keys. */
export function runInTerminal(
  argv: string[],
  {
    answers = [],
    env = {},
    timeoutMs = 30_000,
    cols = 120,
  }: { answers?: [RegExp, string][]; env?: Record<string, string>; timeoutMs?: number; cols?: number } = {},
): Promise<TerminalRun> {
  // A fresh pty is 0 columns wide: give it a size, or prompts wrap at every character.
  const command = `stty cols ${cols} rows 40; exec ${argv.map(quote).join(" ")}`;
  // A person at a terminal: CI unset (authwire never prompts under CI, even with a TTY).
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    env: { ...process.env, CI: "", TERM: "xterm-256color", ...env },
  });
  const pending = [...answers];
  let raw = "";
  let seen = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    raw += chunk.toString("utf8");
    const next = pending[0];
    if (next && next[0].test(raw.slice(seen).replace(ANSI, ""))) {
      pending.shift();
      seen = raw.length;
      // Let the prompt finish drawing and switch the terminal to raw mode before typing.
      setTimeout(() => child.stdin.write(next[1]), 150);
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, raw, screen: raw.replace(ANSI, "") });
    });
  });
}
