/**
 * AW706: Better Auth keeps its users in the component's own `user` table (sandboxed: the app
 * can't query it or reference it with v.id). An app `users` table beside it, used as the app's
 * user source (looked up by the identity), is a second copy that only component triggers keep in
 * step. Reported precisely:
 * - `v.id("user")` in the app schema where the app has no `user` table: it means the component's
 *   table, which app ids can't point into (the component's ids fail the validator);
 * - the app's table looked up by the identity but never written by anything but a public mutation
 *   the client calls (a storeUser copy), or never written at all, while createClient has no
 *   `triggers.user`: users Better Auth creates, renames or deletes don't reach it.
 */
import { defineRule } from "../define.ts";
import { readBetterAuthApp, usesBetterAuth } from "./instance.ts";

const IDENTITY_VALUE = /^identity\.(?:tokenIdentifier|subject|email)$/;

export default defineRule({
  meta: {
    code: "AW706",
    name: "better-auth-users-table",
    category: "better-auth",
    severity: "warning",
    fixable: false,
    description: "An app users table beside Better Auth's component user table, not kept in step by triggers.",
    docs: "docs/rules/better-auth-users-table.md",
    messages: {
      componentId:
        "The {{table}} table's field {{field}} is v.id(\"user\"), but `user` is the Better Auth component's table, outside the app's data model: the component's ids fail this validator.",
      never:
        "Functions look the signed-in user up in `{{table}}` by {{value}}, but nothing writes `{{table}}` and createClient has no user triggers: Better Auth stores users in its component's `user` table, so this lookup finds no one.",
      clientCopy:
        "`{{table}}` copies Better Auth's users through {{writer}}, a mutation the client calls, and createClient has no user triggers: two users tables with different ids, and sign-ups, renames and deletions in Better Auth never reach this one.",
    },
    fixes: {
      componentId:
        "Store the Better Auth user id as v.string() (identity.subject, or authUser._id), or keep your own users table and reference that.",
      never:
        "Read the user with authComponent.getAuthUser(ctx), or fill `{{table}}` from the component's triggers (createClient(components.betterAuth, { authFunctions, triggers: { user: { onCreate, onUpdate, onDelete } } })).",
      clientCopy:
        "Fill `{{table}}` from the component's triggers (createClient(…, { triggers: { user: { onCreate, onUpdate, onDelete } } }), same transaction as the write), or drop it and use authComponent.getAuthUser(ctx).",
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor)) return;
    const schema = doctor.backend.schema;
    if (!schema) return;
    const own = new Set(schema.tables.map((table) => table.name));
    for (const table of schema.tables) {
      for (const [field, target] of Object.entries(table.references)) {
        if (target !== "user" || own.has("user")) continue;
        report({
          messageId: "componentId",
          data: { table: table.name, field },
          file: schema.file,
          line: table.line,
          column: table.column,
          severity: "error",
        });
      }
    }
    const app = await readBetterAuthApp(doctor);
    if (app.clients.length === 0 || app.clients.some((client) => client.userTriggers !== false)) return;
    const resolver = doctor.resolver();
    const summaries = resolver.summaries();
    const reported = new Set<string>();
    for (const summary of summaries) {
      for (const lookup of summary.lookups) {
        if (!lookup.table || !own.has(lookup.table) || reported.has(lookup.table)) continue;
        const comparison = lookup.comparisons.find((entry) => IDENTITY_VALUE.test(entry.value));
        if (!comparison) continue;
        const inserted = summaries.some((other) => other.inserts.some((insert) => insert.table === lookup.table));
        const writers = resolver
          .functions()
          .filter((fn) => resolver.handlerOf(fn)?.inserts.some((insert) => insert.table === lookup.table));
        // Written by an internal function or a helper (a Better Auth hook, a trigger handler): not reported.
        if (inserted && (writers.length === 0 || writers.some((fn) => !fn.isPublic))) continue;
        // A copy of the signed-in user reads the caller's identity; rows a bot or webhook writes from
        // its own arguments (a Discord profile linked to the Better Auth id later) are another table.
        const copies = writers.filter((fn) =>
          resolver.handlerOf(fn)?.events.some((event) => event.kind === "identity"),
        );
        if (writers.length > 0 && copies.length === 0) continue;
        reported.add(lookup.table);
        const writer = copies[0];
        report({
          messageId: writer ? "clientCopy" : "never",
          data: { table: lookup.table, value: comparison.value, writer: writer ? `${writer.file}:${writer.name}` : "" },
          file: summary.file,
          line: lookup.line,
          column: lookup.column,
        });
      }
    }
  },
});
