/**
 * How this run talks to its user, resolved once: flags first, then the environment, then TTY
 * detection. Without a TTY nothing ever prompts.
 */
export interface GlobalFlags {
  cwd?: string;
  json?: boolean;
  yes?: boolean;
  /** commander sets `color: false` for `--no-color`. */
  color?: boolean;
}

export interface Mode {
  cwd: string;
  json: boolean;
  yes: boolean;
  color: boolean;
  /** True only when a human can answer prompts: a TTY on stdin and stdout, no --json, no CI. */
  interactive: boolean;
}

export function resolveMode(
  flags: GlobalFlags,
  env: NodeJS.ProcessEnv = process.env,
  tty = {
    stdin: Boolean(process.stdin.isTTY),
    stdout: Boolean(process.stdout.isTTY),
  },
): Mode {
  const json = Boolean(flags.json);
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI !== "false";
  return {
    cwd: flags.cwd ?? process.cwd(),
    json,
    yes: Boolean(flags.yes),
    color: flags.color !== false && !noColorEnv && !json && tty.stdout && env.TERM !== "dumb",
    interactive: tty.stdin && tty.stdout && !json && !ci,
  };
}

/** The Io a command passes to the library: prompts for a human at a TTY, never otherwise. */
export async function ioFor(mode: Mode): Promise<import("../io.ts").Io> {
  if (mode.interactive && !mode.yes) return (await import("./prompt-io.ts")).promptIo({ yes: mode.yes });
  return (await import("../io.ts")).nonInteractiveIo({ yes: mode.yes });
}
