/**
 * AW506: a hand-made users table keyed by tokenIdentifier (and a storeUser-style mutation) beside
 * Convex Auth, which already stores users in its own `users` table. Two sources of truth. Keyed
 * means an index starts with the field, or the table is a users table, and some function looks a
 * row up by it (an optional field nothing reads is a leftover of an earlier setup).
 */
import { USER_TABLE } from "../../analysis/authz.ts";
import { defineRule } from "../define.ts";
import { isConvexAuthV1 } from "../helpers.ts";
import { PROFILES, installedSdk } from "../../providers/profiles.ts";

const convexAuth = PROFILES["convex-auth"];

const IDENTITY_FIELDS = /^(?:tokenIdentifier|externalId|clerkId|subject|authId)$/;

export default defineRule({
  meta: {
    code: "AW506",
    name: "parallel-users-table",
    category: "convex-auth",
    severity: "warning",
    fixable: false,
    description: "A parallel users table and storeUser beside Convex Auth.",
    docs: "docs/rules/parallel-users-table.md",
    messages: {
      table:
        "The {{table}} table is keyed by {{field}}, a pattern for external providers; Convex Auth already stores users (authTables) and getAuthUserId(ctx) returns their ids.",
    },
    fixes: {
      table:
        "Drop the parallel table and storeUser; read the user with getAuthUserId(ctx) and ctx.db.get(userId), adding fields to Convex Auth's users table if needed.",
    },
  },
  check({ doctor, report }) {
    if (!isConvexAuthV1(doctor) || !installedSdk(convexAuth, doctor.facts.dependencies)) return;
    const schema = doctor.backend.schema;
    if (!schema) return;
    // A field no function looks a row up by is a leftover, not a second source of truth.
    const lookedUp = new Set(
      doctor
        .resolver()
        .summaries()
        .flatMap((summary) =>
          summary.lookups.flatMap((lookup) => lookup.comparisons.map(({ field }) => `${lookup.table}.${field}`)),
        ),
    );
    for (const table of schema.tables) {
      // Keyed by it: an index starts with it, or the table is a users table (`subject` is also a
      // classroom's course, unindexed).
      const keyed = (name: string) =>
        USER_TABLE.test(table.name) || table.indexes.some((index) => index.fields[0] === name);
      const field = table.fields.find(
        (name) => IDENTITY_FIELDS.test(name) && keyed(name) && lookedUp.has(`${table.name}.${name}`),
      );
      if (field)
        report({
          messageId: "table",
          data: { table: table.name, field },
          file: schema.file,
          line: table.line,
          column: table.column,
        });
    }
  },
});
