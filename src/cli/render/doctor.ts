/** Human output for `authwire doctor`: the setup checklist, findings by severity, a summary. */
import type { DoctorResult } from "../../rules/run.ts";
import type { RuleFinding, Severity } from "../../rules/define.ts";
import type { Colors } from "../output.ts";

const PROVIDER_NAMES: Record<string, string> = {
  "convex-auth": "Convex Auth",
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
  for (const item of result.checklist.items) {
    const mark = item.status === "pass" ? green("✔") : item.status === "fail" ? red("✘") : yellow("?");
    const rules =
      item.rules.length > 0 ? dim(` [${item.rules.slice(0, 6).join(" ")}${item.rules.length > 6 ? " …" : ""}]`) : "";
    lines.push(`  ${mark} ${item.title.padEnd(40)} ${dim(item.detail)}${rules}`);
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
  lines.push(
    error > 0 ? red(bold(`✘ ${summary}`)) : warning > 0 ? yellow(bold(`! ${summary}`)) : green(bold(`✔ ${summary}`)),
  );
  lines.push(dim(`deployment env: dev ← ${result.env.dev}; prod ← ${result.env.prod}`));
  return lines.join("\n");
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
