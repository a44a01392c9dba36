import { detect } from "../../index.ts";
import { ExitCode } from "../../errors.ts";
import type { Output } from "../output.ts";
import { renderDetect } from "../render/detect.ts";

export async function run(_args: unknown[], _flags: Record<string, unknown>, output: Output): Promise<number> {
  const facts = await detect({ cwd: output.mode.cwd });
  if (output.mode.json) output.json(facts.json);
  else output.line(renderDetect(facts.json, facts.notes, output.colors));
  return ExitCode.ok;
}
