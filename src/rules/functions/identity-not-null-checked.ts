/**
 * AW607: the result of ctx.auth.getUserIdentity() is used without a null check. Signed-out
 * callers get "Cannot read properties of null" instead of a clear auth error, and `!` hides it
 * from TypeScript.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW607",
    name: "identity-not-null-checked",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "getUserIdentity() is used without a null check.",
    docs: "docs/rules/identity-not-null-checked.md",
    messages: {
      unchecked:
        "`{{text}}` in `{{name}}` reads the identity without checking for null; signed-out callers crash with a TypeError instead of an auth error.",
    },
    fixes: {
      unchecked:
        'Check first: `if (identity === null) throw new Error("Not authenticated");` (or use `identity?.` when signed-out callers are fine).',
    },
  },
  check({ doctor, report }) {
    for (const summary of doctor.resolver().summaries()) {
      const seen = new Set<number>();
      for (const access of summary.unguardedIdentity) {
        if (seen.has(access.line)) continue;
        seen.add(access.line);
        report({
          messageId: "unchecked",
          data: { text: access.text, name: summary.name },
          file: summary.file,
          line: access.line,
          column: access.column,
        });
      }
    }
  },
});
