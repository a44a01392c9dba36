import { readFileSync } from "node:fs";
import { runDoctor, RULES, toSarif } from "../../index.ts";
import { ExitCode } from "../../errors.ts";
import type { Output } from "../output.ts";
import { renderDoctor } from "../render/doctor.ts";

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
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
