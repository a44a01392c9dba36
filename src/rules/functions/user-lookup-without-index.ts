/**
 * AW604: the current user is looked up by tokenIdentifier/subject with `.filter` (or by scanning
 * `.collect()`ed users), which reads the whole table on every call. Use an index.
 */
import { defineRule } from "../define.ts";

const IDENTITY_KEYS = new Set(["identity.tokenIdentifier", "identity.subject"]);

export default defineRule({
  meta: {
    code: "AW604",
    name: "user-lookup-without-index",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "Users are looked up by tokenIdentifier/subject without an index.",
    docs: "docs/rules/user-lookup-without-index.md",
    messages: {
      filter:
        "The user is found with .filter() on {{field}} = {{value}}{{where}}: every call scans the whole table and re-runs on any change to it.",
      scan: "The user is found by scanning a collected list for {{field}} = {{value}}: every call reads the whole table.",
    },
    fixes: {
      filter:
        'Add .index("by_{{field}}", ["{{field}}"]) to the table in the schema and use .withIndex("by_{{field}}", (q) => q.eq("{{field}}", {{value}})).unique().',
      scan: 'Query with an index on {{field}} instead of collecting: .withIndex("by_{{field}}", (q) => q.eq("{{field}}", {{value}})).unique().',
    },
  },
  check({ doctor, report }) {
    for (const summary of doctor.resolver().summaries()) {
      for (const lookup of summary.lookups) {
        if (lookup.method === "withIndex") continue;
        const comparison = lookup.comparisons.find((entry) => IDENTITY_KEYS.has(entry.value));
        if (!comparison) continue;
        report({
          messageId: lookup.method === "scan" ? "scan" : "filter",
          data: { field: comparison.field, value: comparison.value, where: lookup.table ? ` in ${lookup.table}` : "" },
          file: summary.file,
          line: lookup.line,
          column: lookup.column,
        });
      }
    }
  },
});
