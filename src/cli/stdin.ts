/**
 * The one reader of piped stdin (a secret for `add --<flag>-stdin`, a token for `verify token -`).
 * Never waits on a terminal: a TTY on stdin is a usage error saying how to pipe the value.
 */
import { AuthwireError } from "../errors.ts";

export interface StdinOptions {
  /** The usage error when stdin is a terminal (nothing was piped). */
  whenTerminal: { message: string; hint?: string };
  /** The usage error when what was piped is empty (or only whitespace). */
  whenEmpty: string;
  /** "newline": drop one trailing newline, keep the rest as given (a secret); "all": trim whitespace (a token). */
  trim: "newline" | "all";
  /** For tests: the stream to read (default process.stdin). */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export async function readStdin(options: StdinOptions): Promise<string> {
  const input = options.input ?? process.stdin;
  if (input.isTTY) {
    const { message, hint } = options.whenTerminal;
    throw new AuthwireError("usage", message, hint ? { hint } : undefined);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  const value = options.trim === "all" ? text.trim() : text.replace(/\r?\n$/, "");
  if (value.trim() === "") throw new AuthwireError("usage", options.whenEmpty);
  return value;
}
