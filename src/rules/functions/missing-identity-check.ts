/**
 * AW602: a public query, mutation or action reads or writes data before any identity check
 * (ctx.auth.getUserIdentity(), getAuthUserId, or a helper that calls them, in the same file or
 * imported from the functions folder). Convex functions are public: anyone with the deployment
 * URL can call them. Info by default (the data may be public on purpose); a warning when the
 * data is per-user (userId-like fields or by_user indexes) or the function edits or deletes
 * existing documents. Paths through helpers we can't see count as checked (silence over noise).
 * A `// authwire: public` comment above the function says it is public on purpose, as does its own
 * doc comment ("public", "no authentication required") or `publicFunctions` in authwire.config.json.
 * A shared-secret comparison that throws
 * (`if (secret !== process.env.X) throw`), in the handler or a helper it calls, is an access check.
 * An app whose schema has no table owned by a user or an org (starter templates, demos, static game
 * data) gets no info-tier finding: with no per-user data, public functions over it are public by
 * design; a query listing the users table still counts.
 * `authwire protect` inserts the check into exactly the functions `findUnchecked` (src/analysis) returns.
 */
import { USER_TABLE } from "../../analysis/authz.ts";
import type { FunctionSummary } from "../../analysis/facts.ts";
import { findUnchecked } from "../../analysis/resolver.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW602",
    name: "missing-identity-check",
    category: "functions",
    // The one default (doctor, explain_rule, SARIF and the doc page agree): info, raised to
    // warning below for user-scoped data or a change to existing documents.
    severity: "info",
    fixable: false,
    description: "A public function touches data before any identity check.",
    docs: "docs/rules/missing-identity-check.md",
    messages: {
      noCheck: "Public {{kind}} `{{name}}` {{what}} (line {{dataLine}}) before any identity check; anyone can call it.",
    },
    fixes: {
      noCheck:
        'If the data is private, start the handler with `const identity = await ctx.auth.getUserIdentity(); if (identity === null) throw new Error("Not authenticated");` (authwire protect inserts it), or make it internal{{internalKind}}. If it is public on purpose, put `// authwire: public` above it.',
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const resolver = doctor.resolver();
    // A schema with no table owned by a user or an org (no owner field, no reference to users):
    // nothing a caller could read belongs to anyone, so the info tier has nothing to say.
    const schema = doctor.backend.schema;
    const noOwnedData =
      schema !== null && schema.tables.every((table) => table.scope.user.length === 0 && table.scope.org.length === 0);
    for (const { fn, handler, firstData, writes, sensitive } of findUnchecked(resolver)) {
      if (!sensitive && noOwnedData && !listsUsers(handler)) continue;
      report({
        messageId: "noCheck",
        data: {
          kind: fn.kind,
          name: fn.name,
          what: writes ? "writes data" : "reads data",
          dataLine: firstData.line,
          internalKind: ` (internal${fn.kind[0]!.toUpperCase()}${fn.kind.slice(1)})`,
        },
        file: fn.file,
        line: fn.line,
        column: fn.column,
        subject: `function:${fn.file}:${fn.name}`,
        ...(sensitive && { severity: "warning" as const }),
      });
    }
  },
});

/** `ctx.db.query("users")`: a list of the app's users (emails, names), private whatever the schema says. */
function listsUsers(handler: FunctionSummary): boolean {
  return handler.events.some(
    (event) => event.kind === "data" && event.op === "db.query" && USER_TABLE.test(event.table ?? ""),
  );
}
