/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules that produced findings (with help
 * links and default levels), and one result per finding with a physical location. Findings
 * about a deployment (no file) point at the file that declares the requirement, or package.json.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Rule, RuleFinding, Severity } from "./define.ts";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
/**
 * Rule docs ship in the package (docs/rules/*.md); with no public home yet, links are relative to
 * the repository root, which GitHub code scanning resolves against the scanned repository only
 * when authwire lives there. Pass `docsBase` to point them at a published copy.
 */
const DOCS_BASE = "";

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
    ...(base && { helpUri: `${base}${meta.docs}` }),
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
      // Stable across runs: the rule, the file (for a deployment finding: the deployment, not the
      // env file it was read from) and the line's code, never the message (it embeds values) or
      // the env file's path.
      partialFingerprints: { authwireFinding: fingerprint(finding) },
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

/** `code:file:line` for code findings; `code:deployment:<target>:<first word of the message>` otherwise. */
export function fingerprint(finding: RuleFinding): string {
  if (finding.file && !/(^|\/)\.env[^/]*$/.test(finding.file) && finding.target === undefined)
    return `${finding.code}:${finding.file}:${finding.line ?? 0}`;
  // Deployment findings: which variable is the stable part (an UPPER_CASE name in the message).
  const variable = /\b[A-Z][A-Z0-9_]{2,}\b/.exec(finding.message)?.[0] ?? "";
  return `${finding.code}:deployment:${finding.target ?? "any"}:${variable}`;
}
