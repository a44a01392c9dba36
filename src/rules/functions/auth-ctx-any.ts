/**
 * AW606: an auth helper's ctx is typed `any`, so nothing checks that callers pass a real
 * QueryCtx/MutationCtx, and `ctx.auth`/`ctx.db` typos compile. A warning when it checks identity;
 * info when its data access is an auth path (it looks a user up, or reads per-user rows); a helper
 * that only computes over other data (ratings, metrics) is not an auth helper and is left alone.
 */
import { USER_TABLE } from "../../analysis/authz.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW606",
    name: "auth-ctx-any",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "An auth helper's ctx parameter is typed `any`.",
    docs: "docs/rules/auth-ctx-any.md",
    messages: {
      any: "`{{name}}` takes `ctx: any` and uses it for {{use}}; type errors in auth checks go unnoticed.",
    },
    fixes: {
      any: "Type it: `ctx: QueryCtx` (or `QueryCtx | MutationCtx`) from ./_generated/server.",
    },
  },
  check({ doctor, report }) {
    for (const summary of doctor.resolver().summaries()) {
      if (!summary.ctxAny) continue;
      const identity = summary.usesAuthDirectly;
      // Data access counts when it is an auth path: resolving a user (a lookup in the users table)
      // or reading per-user rows (by a user field or index), not any helper that touches the db.
      const data =
        summary.events.some((event) => event.kind === "data") &&
        (summary.userScoped || summary.lookups.some((lookup) => USER_TABLE.test(lookup.table ?? "")));
      if (!identity && !data) continue;
      report({
        messageId: "any",
        data: { name: summary.name, use: identity ? "identity checks" : "user data access" },
        file: summary.file,
        line: summary.ctxAny.line,
        column: summary.ctxAny.column,
        severity: identity ? "warning" : "info",
      });
    }
  },
});
