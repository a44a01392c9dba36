/**
 * AW603: the current user is found by the identity's email. Emails change, can be unverified,
 * and two providers can assert the same one: tokenIdentifier (or subject) is the stable key. Not
 * with Better Auth as auth.config's only provider: it keeps one account per email. With Convex Auth
 * as the only provider the lookup is broken instead: its tokens carry no email claim, so
 * `identity.email` is always undefined (the fix is getAuthUserId, not tokenIdentifier, which names
 * the session there).
 */
import { addTableIndex } from "../../edit/ts/schema.ts";
import { retargetUserLookup } from "../../edit/ts/user-lookup.ts";
import { isRefusal, type Edit } from "../../edit/edit.ts";
import { defineRule, type FileEdit } from "../define.ts";
import type { DoctorContext } from "../context.ts";
import type { Lookup } from "../../analysis/facts.ts";
import { authConfigChecks } from "../config/evaluate.ts";

export default defineRule({
  meta: {
    code: "AW603",
    name: "user-lookup-by-email",
    category: "functions",
    severity: "error",
    fixable: true,
    description: "The user is resolved by email instead of tokenIdentifier/subject.",
    docs: "docs/rules/user-lookup-by-email.md",
    messages: {
      byEmail:
        "User resolved by {{field}} = identity.email{{where}}; an email can change or be claimed through another provider, letting one person into another's account.",
      noEmailClaim:
        "User resolved by {{field}} = identity.email{{where}}, but Convex Auth's tokens carry no email: identity.email is undefined, so the lookup finds no user (or one without an email) for every caller.",
    },
    fixes: {
      byEmail:
        'Store identity.tokenIdentifier on the user and look it up with an index: .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)). {{how}}',
      noEmailClaim:
        "Load the signed-in user by id instead: `const userId = await getAuthUserId(ctx); const user = userId === null ? null : await ctx.db.get(userId);` (tokenIdentifier names the session there, not the user).",
    },
  },
  async check({ doctor, report }) {
    // Better Auth as the only issuer: one account per email, so no second provider can assert it.
    const providers = (await authConfigChecks(doctor))?.static.providers ?? [];
    if (doctor.providers.has("better-auth") && providers.length === 1) return;
    // Convex Auth alone: its tokens hold the user and session ids only, so the email is never there.
    const noEmail = doctor.providers.size === 1 && doctor.providers.has("convex-auth");
    for (const summary of doctor.resolver().summaries()) {
      for (const lookup of summary.lookups) {
        const comparison = lookup.comparisons.find((entry) => entry.value === "identity.email");
        if (!comparison) continue;
        const where = lookup.table ? ` in ${lookup.table}` : "";
        if (noEmail) {
          report({
            messageId: "noEmailClaim",
            data: { field: comparison.field, where },
            file: summary.file,
            line: lookup.line,
            column: lookup.column,
          });
          continue;
        }
        const fix = await planFix(doctor, summary.file, lookup);
        report({
          messageId: "byEmail",
          data: {
            field: comparison.field,
            where,
            how: "edits" in fix ? "authwire doctor --fix does." : `authwire doctor --fix can't: ${fix.refused}`,
          },
          file: summary.file,
          line: lookup.line,
          column: lookup.column,
          edits: "edits" in fix ? fix.edits : undefined,
        });
      }
    }
  },
});

/** One file's edit, computed now (so a refusal is known before --fix), kept for the plan. */
function change(path: string, before: string | undefined, edit: Edit, reason: string): FileEdit | string {
  const result = edit(before, { path });
  if (typeof result === "string") return { path, before: before ?? null, after: result, reason, edit };
  if (isRefusal(result)) return result.reason;
  return ""; // unchanged
}

/**
 * The fix of one email lookup: the lookup itself (`.withIndex("by_token", …tokenIdentifier)`) and the
 * index in the schema when it is missing. Only when the table declares a tokenIdentifier field: a
 * table without one has no stable key to look up, and adding it is a data migration.
 */
async function planFix(
  doctor: DoctorContext,
  file: string,
  lookup: Lookup,
): Promise<{ edits: FileEdit[] } | { refused: string }> {
  if (lookup.method === "scan") return { refused: "the lookup scans documents in code; rewrite it by hand." };
  if (!lookup.table) return { refused: "the lookup's table is not a literal name." };
  const schema = doctor.backend.schema;
  const table = schema?.tables.find((entry) => entry.name === lookup.table);
  if (!schema || !table)
    return {
      refused: `the schema declares no "${lookup.table}" table, so the tokenIdentifier field can't be checked.`,
    };
  if (!table.fields.includes("tokenIdentifier"))
    return {
      refused: `the "${lookup.table}" table has no tokenIdentifier field; add it (v.string()), store identity.tokenIdentifier for existing users, then run --fix again.`,
    };
  const source = await doctor.read(file);
  if (source === undefined) return { refused: `${file} could not be read.` };
  const edits: FileEdit[] = [];
  const lookupEdit = change(
    file,
    source,
    retargetUserLookup({ line: lookup.line }),
    "look the user up by tokenIdentifier",
  );
  if (typeof lookupEdit === "string") return { refused: lookupEdit || "the lookup did not change." };
  edits.push(lookupEdit);
  const existing = table.indexes.find((index) => index.name === "by_token");
  if (!existing) {
    const schemaSource = schema.file === file ? lookupEdit.after : await doctor.read(schema.file);
    const indexEdit = change(
      schema.file,
      schemaSource,
      addTableIndex({ table: lookup.table, index: "by_token", fields: ["tokenIdentifier"] }),
      `index ${lookup.table} by tokenIdentifier (by_token)`,
    );
    if (typeof indexEdit === "string") return { refused: indexEdit || "the index could not be added." };
    edits.push(indexEdit);
  } else if (existing.fields.join() !== "tokenIdentifier") {
    return {
      refused: `the "${lookup.table}" table's by_token index is on ${existing.fields.join(", ")}, not tokenIdentifier.`,
    };
  }
  return { edits };
}
