/**
 * AW605: functions look the current user up in a table (by tokenIdentifier, subject or email),
 * but nothing in the functions folder ever inserts into that table: no storeUser mutation, no
 * webhook. Every lookup returns null for a new user. Not for Convex Auth, which creates users, nor
 * a lookup of the caller's rows by an owner field (`userId`) in a table that isn't the users table.
 */
import { USER_TABLE } from "../../analysis/authz.ts";
import { USER_ID_ARG } from "../../analysis/shared.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW605",
    name: "user-never-created",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "No path creates the user document on first login.",
    docs: "docs/rules/user-never-created.md",
    messages: {
      never:
        "Users are looked up in `{{table}}` by {{value}}, but no function inserts into `{{table}}`: a user signing in for the first time is never found.",
    },
    fixes: {
      never:
        "Add a `store` mutation that inserts the user on first login (called from the client once authenticated), or sync users with a webhook (authwire users sets this up).",
    },
  },
  check({ doctor, report }) {
    // Convex Auth creates users; Better Auth too, in its component (AW706 covers an app table beside it).
    if (doctor.providers.has("convex-auth") || doctor.providers.has("better-auth")) return;
    const summaries = doctor.resolver().summaries();
    const inserted = new Set(summaries.flatMap((summary) => summary.inserts.map((insert) => insert.table)));
    const reported = new Set<string>();
    for (const summary of summaries) {
      for (const lookup of summary.lookups) {
        if (!lookup.table || reported.has(lookup.table) || inserted.has(lookup.table)) continue;
        // `userId = identity.subject` on a table that isn't the users table finds the caller's
        // rows (chats to clean up), not the caller: an empty result is no missing user.
        const ownedRows = !USER_TABLE.test(lookup.table);
        const comparison = lookup.comparisons.find(
          (entry) =>
            /^identity\.(?:tokenIdentifier|subject|email)$/.test(entry.value) &&
            !(ownedRows && USER_ID_ARG.test(entry.field)),
        );
        if (!comparison) continue;
        reported.add(lookup.table);
        report({
          messageId: "never",
          data: { table: lookup.table, value: comparison.value },
          file: summary.file,
          line: lookup.line,
          column: lookup.column,
        });
      }
    }
  },
});
