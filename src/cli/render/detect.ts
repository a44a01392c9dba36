import type { DetectJson } from "../../project/facts.ts";
import type { Colors } from "../output.ts";

export function renderDetect(facts: DetectJson, notes: string[], colors: Colors): string {
  const { bold, dim, yellow } = colors;
  const row = (label: string, value: string) => `  ${label.padEnd(16)}${value}`;
  const lines = [
    bold(`authwire detect — ${facts.root}`),
    row("framework", `${facts.framework.name}${facts.framework.version ? ` ${dim(facts.framework.version)}` : ""}`),
    row(
      "dev server",
      facts.devServer.port === null
        ? dim("unknown")
        : `port ${facts.devServer.port} ${dim(`(${facts.devServer.source})`)}`,
    ),
    row("package manager", facts.packageManager),
    row(
      "convex",
      `${facts.convex.dir}/ ${dim(facts.convex.version ?? "not a dependency")}, deployment ${
        facts.convex.deploymentConfigured ? "configured" : yellow("not configured")
      }`,
    ),
    row(
      "auth providers",
      facts.providers.length === 0
        ? dim("none")
        : facts.providers.map((p) => (p.version ? `${p.name} ${dim(p.version)}` : p.name)).join(", "),
    ),
  ];
  for (const provider of facts.providers) {
    for (const line of provider.evidence) lines.push(`  ${" ".repeat(16)}${dim(`${provider.name} ← ${line}`)}`);
  }
  lines.push(row("env files", facts.envFiles.length === 0 ? dim("none") : facts.envFiles.join(", ")));
  lines.push(row("typescript", facts.typescript ? "yes" : "no"));
  for (const note of notes) lines.push(`  ${yellow("note:")} ${note}`);
  return lines.join("\n");
}
