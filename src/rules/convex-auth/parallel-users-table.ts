/**
 * AW506: a hand-made users table keyed by tokenIdentifier (and a storeUser-style mutation) beside
 * Convex Auth, which already stores users in its own `users` table. Two sources of truth.
 */
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
    for (const table of schema.tables) {
      const field = table.fields.find((name) => IDENTITY_FIELDS.test(name));
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
