/** Human output for `authwire doctor`: the setup checklist, findings by severity, a summary. */
import type { DoctorResult } from "../../rules/run.ts";
import type { RuleFinding, Severity } from "../../rules/define.ts";
import type { Colors } from "../output.ts";

const PROVIDER_NAMES: Record<string, string> = {
  "convex-auth": "Convex Auth",
  "better-auth": "Better Auth",
  clerk: "Clerk",
  workos: "WorkOS AuthKit",
  auth0: "Auth0",
  "custom-jwt": "custom JWT",
};

export function renderDoctor(result: DoctorResult, colors: Colors): string {
  const { bold, dim, green, red, yellow, cyan } = colors;
  const lines: string[] = [];
  const provider = result.checklist.provider;
  lines.push(
    bold(
      `authwire doctor — ${provider ? PROVIDER_NAMES[provider] : "no auth provider"} · ${result.facts.framework.name} · ${result.facts.root}`,
    ),
  );
  lines.push("");
  lines.push(bold("Setup checklist"));
  // Why the deployment env is unknown is said once, in the line at the end.
  const envReasons = new Set([result.env.dev, result.env.prod]);
  const width = Math.max(...result.checklist.items.map((item) => item.title.length)) + 1;
  for (const item of result.checklist.items) {
    const mark = item.status === "pass" ? green("✔") : item.status === "fail" ? red("✘") : yellow("?");
    const rules =
      item.rules.length > 0 ? dim(` [${item.rules.slice(0, 6).join(" ")}${item.rules.length > 6 ? " …" : ""}]`) : "";
    const detail =
      item.status === "unknown" && envReasons.has(item.detail) ? "not read (see deployment env below)" : item.detail;
    lines.push(`  ${mark} ${item.title.padEnd(width)} ${dim(detail)}${rules}`);
  }
  const groups: [Severity, string, (text: string) => string][] = [
    ["error", "Errors", red],
    ["warning", "Warnings", yellow],
    ["info", "Info", cyan],
  ];
  for (const [severity, title, paint] of groups) {
    const findings = result.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push("");
    lines.push(bold(paint(`${title} (${findings.length})`)));
    for (const finding of findings) lines.push(...renderFinding(finding, colors, paint));
  }
  if (result.skipped.length > 0) {
    lines.push("");
    lines.push(dim(`Skipped ${result.skipped.length} file${result.skipped.length === 1 ? "" : "s"}:`));
    for (const skipped of result.skipped.slice(0, 10)) lines.push(dim(`  ${skipped.file}: ${skipped.reason}`));
    if (result.skipped.length > 10) lines.push(dim(`  … and ${result.skipped.length - 10} more`));
  }
  for (const note of result.notes) lines.push(`${yellow("note:")} ${note}`);
  lines.push("");
  const { error, warning, info } = result.json.summary;
  const summary = `${error} error${error === 1 ? "" : "s"}, ${warning} warning${warning === 1 ? "" : "s"}, ${info} info`;
  // One verdict: the checklist and the summary line never disagree.
  const failed = result.checklist.items.filter((item) => item.status === "fail").length;
  // No provider here, but findings (a monorepo's backend package whose app holds the SDK): they lead.
  const unset = provider
    ? ""
    : "; no auth provider found here: run authwire add <provider>, or doctor in the app that renders it";
  if (!provider && error === 0 && warning === 0)
    lines.push(yellow(bold(`! No auth set up yet (${summary}): run authwire add <provider>`)));
  else if (error > 0) lines.push(red(bold(`✘ ${summary}${unset}`)));
  else if (warning > 0 || failed > 0) lines.push(yellow(bold(`! ${summary}${unset}`)));
  else lines.push(green(bold(`✔ ${summary}`)));
  lines.push(dim(renderEnvLine(result.env)));
  return lines.join("\n");
}

/** Where the deployment env came from; one reason when dev and prod share it. */
export function renderEnvLine(env: { dev: string; prod: string }): string {
  const same = (text: string) => text.replace(/--(dev|prod)-env/g, "--<target>-env").replace(/\.$/, "");
  if (same(env.dev) === same(env.prod))
    return `deployment env (dev and prod): ${same(env.dev).replace("--<target>-env FILE", "--dev-env/--prod-env FILE")}`;
  return `deployment env: dev ← ${env.dev.replace(/\.$/, "")}; prod ← ${env.prod.replace(/\.$/, "")}`;
}

function renderFinding(finding: RuleFinding, colors: Colors, paint: (text: string) => string): string[] {
  const { dim, bold } = colors;
  const where = finding.file
    ? `${finding.file}${finding.line ? `:${finding.line}` : ""}${finding.column ? `:${finding.column}` : ""}`
    : `${finding.target ?? ""} deployment`.trim();
  return [
    `  ${paint(finding.code)} ${bold(where)} ${dim(finding.rule)}${finding.fixable ? dim(" (fixable: --fix)") : ""}`,
    `      ${finding.message}`,
    `      ${dim("fix:")} ${finding.fix}`,
  ];
}
