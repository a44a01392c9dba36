import { applyKeys, planKeys, toKeysJson } from "../../providers/convex-auth/keys.ts";
import { PROFILES } from "../../providers/profiles.ts";
import { ExitCode } from "../../errors.ts";
import { ioFor } from "../mode.ts";
import { requireConvexApp } from "../convex-app.ts";
import { commandLine, consentOrPlanJson } from "../consent.ts";
import semver from "semver";
import { AuthwireError } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import type { Output } from "../output.ts";
import { renderKeysApplied, renderKeysPlan } from "../render/keys.ts";

const NAMES: Record<string, string> = {
  clerk: "Clerk",
  workos: "WorkOS AuthKit",
  auth0: "Auth0",
  "custom-jwt": "a custom JWT issuer",
  "better-auth": "Better Auth",
};

/** `keys` manages Convex Auth v1's JWT_PRIVATE_KEY + JWKS; any other setup gets a usage error saying why. */
export function checkKeysApply(facts: ProjectFacts): void {
  const library = PROFILES["convex-auth"].packages.sdk[0]!;
  const range = facts.dependencies[library];
  const usesConvexAuth = facts.providers.some((provider) => provider.name === "convex-auth") || range !== undefined;
  const major = range && semver.validRange(range) ? semver.minVersion(range)?.major : undefined;
  if (usesConvexAuth && (major === undefined || major === 0)) return;
  const others = facts.providers.map((provider) => NAMES[provider.name]).filter(Boolean);
  const what = usesConvexAuth
    ? `this app uses ${library} ${range}, which manages its own signing keys`
    : others.length > 0
      ? `this app uses ${others.join(" and ")}, whose tokens are signed by the provider (no key lives on the deployment)`
      : "this app has no Convex Auth setup";
  throw new AuthwireError("usage", `authwire keys is for Convex Auth v1 (JWT_PRIVATE_KEY + JWKS); ${what}.`, {
    hint:
      usesConvexAuth || others.length > 0
        ? "Nothing to do here; authwire doctor checks the setup."
        : "To set up Convex Auth: authwire add convex-auth",
  });
}

/** `authwire keys [--rotate] [--prod] [--dry-run]`: 0 fine or set, 1 a broken pair left alone (or not verified), 3 no deployment. */
export async function run(_args: unknown[], flags: Record<string, unknown>, output: Output): Promise<number> {
  const { mode, colors } = output;
  const facts = await requireConvexApp(mode.cwd);
  // Convex Auth v2: the deployment signs the tokens with its own key pair; there is nothing to set.
  if (facts.convexAuth?.major === 2) {
    const message =
      "This app is on Convex Auth v2: the deployment manages its signing keys itself (JWKS at <CONVEX_CLOUD_URL>/.well-known/jwks.json). Nothing to set; nothing was changed.";
    if (mode.json) output.json({ version: 1, convexAuth: 2, action: "none", managedBy: "deployment", message });
    else output.line(message);
    return ExitCode.ok;
  }
  // Keys are Convex Auth v1's: say so (exit 2) before reading any deployment for an app without it.
  checkKeysApply(facts);
  const keys = await planKeys({ cwd: mode.cwd, rotate: Boolean(flags.rotate), prod: Boolean(flags.prod) });
  const dryRun = Boolean(flags.dryRun);
  if (!mode.json) output.line(renderKeysPlan(keys, colors, { dryRun }));
  if (keys.action === "refused" || keys.action === "keep" || dryRun) {
    if (mode.json) output.json(toKeysJson(keys));
    return keys.action === "refused" ? ExitCode.failed : ExitCode.ok;
  }
  // Without a terminal, setting keys needs --yes like every writing command (exit 3 naming it).
  if (!mode.yes && !mode.interactive)
    await consentOrPlanJson(mode, { question: "Set the keys?", command: commandLine() }, () =>
      output.json(toKeysJson(keys)),
    );
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
