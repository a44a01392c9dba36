import { verifyToken } from "../../index.ts";
import { AuthwireError, ExitCode } from "../../errors.ts";
import type { Output } from "../output.ts";
import { requireConvexApp } from "../convex-app.ts";
import { expiredNote, renderVerdict } from "../render/verify.ts";
import { readStdin } from "../stdin.ts";

/** `authwire verify token [JWT|-]`: exit 0 accepted, 1 rejected, 3 undetermined (an input is missing), 2 usage. */
export async function run(args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  // The config comes from the app: a missing folder, no package.json or no Convex is a usage error (exit 2), as everywhere.
  await requireConvexApp(output.mode.cwd);
  const argument = typeof args[0] === "string" ? args[0] : undefined;
  const token = argument === undefined || argument === "-" ? await readToken(argument === "-") : argument;
  const now = flags.now === undefined ? undefined : Number(flags.now);
  if (now !== undefined && !Number.isFinite(now))
    throw new AuthwireError("usage", `--now must be unix seconds, not ${String(flags.now)}.`);
  const result = await verifyToken({
    cwd: output.mode.cwd,
    token,
    prod: Boolean(flags.prod),
    devEnvFile: flags.devEnv as string | undefined,
    prodEnvFile: flags.prodEnv as string | undefined,
    env: parsePairs((flags.env as string[] | undefined) ?? []),
    offline: Boolean(flags.offline),
    now,
  });
  if (output.mode.json) {
    output.json(result.verdict);
    for (const note of result.notes) output.note(`note: ${note}`);
    const expiry =
      result.verdict.outcome === "undetermined" ? expiredNote(result.verdict.token.claims, now) : undefined;
    if (expiry) output.note(`note: ${expiry}`);
  } else {
    output.line(renderVerdict(result, output.colors, { now }));
  }
  const outcome = result.verdict.outcome;
  return outcome === "accepted" ? ExitCode.ok : outcome === "rejected" ? ExitCode.failed : ExitCode.humanStep;
}

export function parsePairs(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new AuthwireError("usage", `--env takes NAME=VALUE, not ${JSON.stringify(pair.slice(0, 40))}.`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

function readToken(explicit: boolean): Promise<string> {
  return readStdin({
    whenTerminal: {
      message: explicit ? "`-` reads the token from stdin, but stdin is a terminal." : "No token given.",
      hint: "Pass the JWT as an argument, or pipe it: pbpaste | authwire verify token -",
    },
    whenEmpty: "stdin was empty; expected a JWT.",
    trim: "all",
  });
}
