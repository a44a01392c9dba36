import { readFileSync } from "node:fs";
import { runDoctor, RULES, toSarif } from "../../index.ts";
import { AuthwireError, ExitCode } from "../../errors.ts";
import type { Output } from "../output.ts";
import { renderDoctor } from "../render/doctor.ts";

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  // Both depend on layers that have not landed yet (the change engine; the verifier's network layer).
  if (flags.fix) throw new AuthwireError("unsupported", "--fix is not available yet: it applies fixes through the change engine, which this build doesn't have.", { hint: "Run without --fix; fixable findings say what to change (and --json lists them)." });
  if (flags.online) throw new AuthwireError("unsupported", "--online is not available yet: it needs the verifier's discovery/JWKS network layer.", { hint: "Run without --online." });
  const result = await runDoctor({
    cwd: output.mode.cwd,
    devEnv: flags.devEnv as string | undefined,
    prodEnv: flags.prodEnv as string | undefined,
    offline: Boolean(flags.offline),
    only: flags.only ? [String(flags.only)] : undefined,
  });
  if (flags.sarif) process.stdout.write(`${JSON.stringify(toSarif(result.findings, RULES, { version }), null, 2)}\n`);
  else if (output.mode.json) output.json(result.json);
  else output.line(renderDoctor(result, output.colors));
  return result.json.summary.error > 0 ? ExitCode.failed : ExitCode.ok;
}
