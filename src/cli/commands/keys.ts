import { applyKeys, planKeys, toKeysJson } from "../../providers/convex-auth/keys.ts";
import { ExitCode } from "../../errors.ts";
import { detectProject } from "../../project/detect.ts";
import { ioFor } from "../mode.ts";
import type { Output } from "../output.ts";
import { renderKeysApplied, renderKeysPlan } from "../render/keys.ts";

/** `authwire keys [--rotate] [--prod] [--dry-run]`: 0 fine or set, 1 a broken pair left alone (or not verified), 3 no deployment. */
export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const { mode, colors } = output;
  // Convex Auth v2: the deployment signs the tokens with its own key pair; there is nothing to set.
  const facts = await detectProject(mode.cwd);
  if (facts.convexAuth?.major === 2) {
    const message =
      "This app is on Convex Auth v2: the deployment manages its signing keys itself (JWKS at <CONVEX_CLOUD_URL>/.well-known/jwks.json). Nothing to set; nothing was changed.";
    if (mode.json) output.json({ version: 1, convexAuth: 2, action: "none", managedBy: "deployment", message });
    else output.line(message);
    return ExitCode.ok;
  }
  const keys = await planKeys({ cwd: mode.cwd, rotate: Boolean(flags.rotate), prod: Boolean(flags.prod) });
  const dryRun = Boolean(flags.dryRun);
  if (!mode.json) output.line(renderKeysPlan(keys, colors, { dryRun }));
  if (keys.action === "refused" || keys.action === "keep" || dryRun) {
    if (mode.json) output.json(toKeysJson(keys));
    return keys.action === "refused" ? ExitCode.failed : ExitCode.ok;
  }
  // Replacing a working pair signs everyone out: a human at a terminal confirms (default no).
  if (keys.warnings.length > 0 && mode.interactive && !mode.yes) {
    const io = await ioFor(mode);
    if (!(await io.confirm("Replace the keys and sign everyone out?", { default: false }))) {
      output.line("Nothing was changed.");
      return ExitCode.ok;
    }
  }
  const applied = await applyKeys(keys);
  if (mode.json) output.json(toKeysJson(keys, applied));
  else output.line(renderKeysApplied(keys, applied, colors));
  return applied.verified ? ExitCode.ok : ExitCode.failed;
}
