import type { KeysApplied, KeysPlan } from "../../providers/convex-auth/keys.ts";
import type { Colors } from "../output.ts";
import { displayWidth, padDisplay } from "./text.ts";

const STATUS: Record<KeysPlan["before"]["status"], string> = {
  valid: "a valid pair (PKCS#8 RS256 key, JWKS holding its public half)",
  missing: "no JWT_PRIVATE_KEY and no JWKS",
  partial: "half a pair",
  invalid: "a broken pair",
};

/** What `authwire keys` found and will do (values masked), before applying. */
export function renderKeysPlan(keys: KeysPlan, colors: Colors, { dryRun }: { dryRun: boolean }): string {
  const { bold, dim, green, red, yellow } = colors;
  const lines = [bold(`authwire keys — the ${keys.target} deployment has ${STATUS[keys.before.status]}`)];
  for (const problem of keys.problems) lines.push(`  ${red("✘")} ${problem}`);
  // Aligned columns (name, value, status, reason) measured in display width, "(secret)" included.
  const value = (change: KeysPlan["plan"]["env"][number]) =>
    `${change.status === "set" && change.value ? `= ${change.value.masked}` : ""}${change.secret ? `${change.status === "set" && change.value ? " " : ""}(secret)` : ""}`;
  const nameWidth = Math.max(0, ...keys.plan.env.map((change) => displayWidth(change.name)));
  const valueWidth = Math.max(0, ...keys.plan.env.map((change) => displayWidth(value(change))));
  const statusWidth = Math.max(0, ...keys.plan.env.map((change) => displayWidth(change.status)));
  for (const change of keys.plan.env) {
    const status = padDisplay(change.status, statusWidth);
    lines.push(
      `  ${padDisplay(change.name, nameWidth)}  ${dim(padDisplay(value(change), valueWidth))}  ${change.status === "set" ? green(status) : dim(status)}  ${dim(change.reason)}`,
    );
  }
  for (const warning of keys.warnings) lines.push(`  ${yellow("!")} ${warning}`);
  if (keys.action === "refused") {
    lines.push(
      "",
      `Nothing was changed. Replace the pair with ${bold(`authwire keys --rotate${keys.target === "prod" ? " --prod" : ""}`)} (everyone is signed out).`,
    );
  } else if (keys.action === "keep") {
    lines.push("", `${green("✔")} The keys are fine; nothing to change. ${dim("(--rotate replaces them)")}`);
  } else if (dryRun) {
    lines.push("", dim("--dry-run: nothing was set."));
  }
  return lines.join("\n");
}

export function renderKeysApplied(keys: KeysPlan, applied: KeysApplied, colors: Colors): string {
  const { green, red, dim } = colors;
  const lines: string[] = [];
  for (const name of applied.result.envSet)
    lines.push(`  ${green("✔")} set ${name.replace(/^(dev|prod):/, "")} on the ${keys.target} deployment`);
  for (const name of applied.result.envKept)
    lines.push(`  ${dim("•")} kept ${name.replace(/^(dev|prod):/, "")}: the deployment had a pair by then`);
  if (applied.result.envSet.length > 0) {
    lines.push(
      applied.verified
        ? `  ${green("✔")} read back: JWT_PRIVATE_KEY is PKCS#8 and JWKS holds its public half`
        : `  ${red("✘")} read back: the pair on the deployment does not match; run \`authwire doctor\``,
    );
  }
  return lines.join("\n");
}
