/**
 * AW405: convex.json doesn't parse, or fails the Convex CLI's schema
 * (node_modules/convex/schemas/convex.schema.json when installed; otherwise the authKit part of
 * it as documented). The CLI crashes on type errors and warns on unknown keys, so those are
 * errors and warnings here.
 */
import { CONVEX_JSON_SCHEMA_PATH, validateConvexJson } from "../../config/convex-json.ts";
import { defineRule } from "../define.ts";

function lineOf(source: string, key: string | undefined): number {
  if (!key) return 1;
  const index = source.indexOf(`"${key}"`);
  return index === -1 ? 1 : source.slice(0, index).split("\n").length;
}

export default defineRule({
  meta: {
    code: "AW405",
    name: "convex-json-invalid",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "convex.json doesn't parse or fails the Convex schema.",
    docs: "docs/rules/convex-json-invalid.md",
    messages: {
      syntax: "convex.json is not valid JSON: {{problem}}; every convex command fails.",
      schema: "convex.json {{path}} {{problem}}; `npx convex dev` stops with this error.",
      unknown: 'convex.json {{path}} has an unknown property "{{property}}"; the Convex CLI ignores it (a typo?).',
    },
    fixes: {
      syntax: "Fix the syntax at convex.json:{{line}}.",
      schema:
        'Fix {{path}} to match node_modules/convex/schemas/convex.schema.json (add "$schema" to get editor help).',
      unknown: 'Remove or rename "{{property}}" (see node_modules/convex/schemas/convex.schema.json).',
    },
  },
  async check({ doctor, report }) {
    const file = await doctor.convexJson();
    if (!file) return;
    if (file.problem) {
      report({
        messageId: "syntax",
        data: { problem: file.problem.message, line: file.problem.line },
        file: "convex.json",
        line: file.problem.line,
        column: file.problem.column,
      });
      return;
    }
    const schemaText = await doctor.read(CONVEX_JSON_SCHEMA_PATH);
    for (const issue of validateConvexJson(file.value, schemaText)) {
      if (issue.kind === "unknown") {
        report({
          messageId: "unknown",
          data: { path: issue.path ? `at ${issue.path}` : "", property: issue.property! },
          file: "convex.json",
          line: lineOf(file.source, issue.property),
          column: 1,
          severity: "warning",
        });
        continue;
      }
      const last = issue.path.split(".").pop() || undefined;
      report({
        messageId: "schema",
        data: { path: `at ${issue.path || "(top level)"}`, problem: issue.message },
        file: "convex.json",
        line: lineOf(file.source, last),
        column: 1,
      });
    }
  },
});
