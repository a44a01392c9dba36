// Not the library index: it loads the doctor's rules, Ajv and jose, none of which detect needs.
import { ExitCode } from "../../errors.ts";
import { detectProject } from "../../project/detect.ts";
import { toDetectJson } from "../../project/facts.ts";
import type { Output } from "../output.ts";
import { renderDetect } from "../render/detect.ts";

export async function run(_args: unknown[], _flags: Record<string, unknown>, output: Output): Promise<number> {
  const facts = await detectProject(output.mode.cwd);
  const json = toDetectJson(facts);
  if (output.mode.json) output.json(json);
  else output.line(renderDetect(json, facts.notes, output.colors));
  return ExitCode.ok;
}
