/**
 * AW603: the current user is found by the identity's email. Emails change, can be unverified,
 * and two providers can assert the same one: tokenIdentifier (or subject) is the stable key.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW603",
    name: "user-lookup-by-email",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "The user is resolved by email instead of tokenIdentifier/subject.",
    docs: "docs/rules/user-lookup-by-email.md",
    messages: {
      byEmail:
        "User resolved by {{field}} = identity.email{{where}}; an email can change or be claimed through another provider, letting one person into another's account.",
    },
    fixes: {
      byEmail:
        'Store identity.tokenIdentifier on the user and look it up with an index: .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).',
    },
  },
  check({ doctor, report }) {
    for (const summary of doctor.resolver().summaries()) {
      for (const lookup of summary.lookups) {
        const comparison = lookup.comparisons.find((entry) => entry.value === "identity.email");
        if (!comparison) continue;
        report({
          messageId: "byEmail",
          data: { field: comparison.field, where: lookup.table ? ` in ${lookup.table}` : "" },
          file: summary.file,
          line: lookup.line,
          column: lookup.column,
        });
      }
    }
  },
});
