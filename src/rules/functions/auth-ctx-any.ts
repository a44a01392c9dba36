/**
 * AW606: an auth helper's ctx is typed `any`, so nothing checks that callers pass a real
 * QueryCtx/MutationCtx, and `ctx.auth`/`ctx.db` typos compile.
 */
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
      const data = summary.events.some((event) => event.kind === "data");
      if (!identity && !data) continue;
      report({
        messageId: "any",
        data: { name: summary.name, use: identity ? "identity checks" : "data access" },
        file: summary.file,
        line: summary.ctxAny.line,
        column: summary.ctxAny.column,
        severity: identity ? "warning" : "info",
      });
    }
  },
});
