/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules that produced findings (with help
 * links and default levels), and one result per finding with a physical location. Findings
 * about a deployment (no file) point at the file that declares the requirement, or package.json.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Rule, RuleFinding, Severity } from "./define.ts";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
const DOCS_BASE = "https://github.com/authwire/authwire/blob/main/";

export function toSarif(
  findings: readonly RuleFinding[],
  rules: readonly Rule[],
  options: { version: string; docsBase?: string },
): Log {
  const base = options.docsBase ?? DOCS_BASE;
  const usedCodes = [...new Set(findings.map((finding) => finding.code))];
  const metas = usedCodes.map((code) => {
    const rule = rules.find((candidate) => candidate.meta.code === code);
    const finding = findings.find((candidate) => candidate.code === code)!;
    return (
      rule?.meta ?? {
        code,
        name: finding.rule,
        description: finding.message,
        docs: finding.docs,
        severity: finding.severity,
        category: "engine",
      }
    );
  });
  const descriptors: ReportingDescriptor[] = metas.map((meta) => ({
    id: meta.code,
    name: meta.name
      .split("-")
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(""),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} (${meta.name})` },
    helpUri: `${base}${meta.docs}`,
    help: { text: `See ${meta.docs}`, markdown: `See [${meta.name}](${base}${meta.docs}).` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ["authwire", "convex", "auth", meta.category], precision: "high" },
  }));
  const results: Result[] = findings.map((finding) => {
    const uri = finding.file ?? "package.json";
    return {
      ruleId: finding.code,
      ruleIndex: usedCodes.indexOf(finding.code),
      level: LEVEL[finding.severity],
      message: { text: `${finding.message} Fix: ${finding.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: "%SRCROOT%" },
            region: { startLine: Math.max(1, finding.line ?? 1), startColumn: Math.max(1, finding.column ?? 1) },
          },
        },
      ],
      partialFingerprints: { authwireFinding: `${finding.code}:${uri}:${finding.message}` },
      ...(finding.target ? { properties: { deployment: finding.target } } : {}),
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "authwire",
            informationUri: "https://github.com/authwire/authwire",
            semanticVersion: options.version,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: "file:///" } },
        results,
      },
    ],
  };
}
