/**
 * AW609: a public function that checks who is signed in reads or writes rows of an org-scoped
 * table (rows carry an organization, team or workspace id) for an organization the client names
 * (`q.eq("orgId", args.orgId)`, `ctx.db.insert("projects", { orgId: args.orgId })`, a document of
 * that table fetched by the client's id) and nothing on its path looks up the caller's membership
 * (a lookup keyed by the caller on a members table, requireRole/getMembership or another guard
 * helper, the token's org claim compared): any signed-in user works in any organization. Errors for
 * writes, warnings for reads. Org tables count only when users are tied to them (a memberships-like
 * table or an owner field), so a sports app's `teams` are not organizations; a string org field
 * (`orgId: v.string()`, an auth provider's organization) counts. A document of a table that is also
 * owned by a user is AW608's. Helpers the function calls count as checks; one we can't see too.
 */
import { USER_TABLE, authorizationOf } from "../../analysis/authz.ts";
import type { SchemaInfo, SchemaTable } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";

/** The tables organizations live in: pointed at by an org field and tied to users. */
export function organizationTables(schema: SchemaInfo): Set<string> {
  const pointed = new Set<string>();
  for (const table of schema.tables)
    for (const field of table.scope.org) {
      const target = table.references[field];
      if (target !== undefined) pointed.add(target);
    }
  const organizations = new Set<string>();
  for (const name of pointed) {
    const own = schema.tables.find((table) => table.name === name);
    const owned = own !== undefined && own.scope.user.length > 0;
    const joined = schema.tables.some(
      (table) =>
        table.name !== name &&
        (table.scope.user.length > 0 || Object.values(table.references).some((target) => USER_TABLE.test(target))) &&
        table.scope.org.some((field) => table.references[field] === name),
    );
    if (owned || joined) organizations.add(name);
  }
  return organizations;
}

/** The org fields of a table that scope its rows to an organization (a real org table, or a string id). */
export function orgFields(table: SchemaTable, organizations: ReadonlySet<string>): string[] {
  return table.scope.org.filter((field) => {
    const target = table.references[field];
    return target === undefined ? /string/.test(table.validators[field] ?? "") : organizations.has(target);
  });
}

export default defineRule({
  meta: {
    code: "AW609",
    name: "org-membership-not-checked",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "An org-scoped table is read or written for a client-named organization without a membership check.",
    docs: "docs/rules/org-membership-not-checked.md",
    messages: {
      byOrg:
        "Public {{kind}} `{{name}}` {{verb}} `{{table}}` rows of the organization the client passes in `{{arg}}` without checking that the caller is a member: any signed-in user can {{can}} any organization's {{table}}.",
      byDocument:
        "Public {{kind}} `{{name}}` {{verb}} a `{{table}}` document by the client's `{{arg}}` without checking that the caller is a member of its organization (`{{field}}`): any signed-in user can {{can}} any organization's.",
    },
    fixes: {
      byOrg:
        'Check the caller\'s membership of that organization first and throw when there is none: `await requireRole(ctx, args.{{arg}}, "member")`, or a lookup of the memberships table by the caller and `{{field}}`.',
      byDocument:
        'Load the document, then check the caller\'s membership of its organization: `await requireRole(ctx, doc.{{field}}, "member")`, or a lookup of the memberships table by the caller and `{{field}}`.',
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const schema = doctor.backend.schema;
    if (!schema) return;
    const organizations = organizationTables(schema);
    const tables = new Map(schema.tables.map((table) => [table.name, table]));
    const scoped = new Map<string, string[]>();
    for (const table of schema.tables) {
      const fields = orgFields(table, organizations);
      if (fields.length > 0) scoped.set(table.name, fields);
    }
    if (scoped.size === 0) return;
    // Users who each belong to an organization (`users.organizationId`): a role on their row is
    // their role in that organization, not a right over every organization's documents.
    const rolesPerOrg = schema.tables.some((table) => USER_TABLE.test(table.name) && scoped.has(table.name));
    const resolver = doctor.resolver();
    for (const fn of resolver.functions()) {
      if (!fn.isPublic || fn.custom || fn.markedPublic || !fn.args) continue;
      const handler = resolver.handlerOf(fn);
      const access = handler?.access;
      if (!handler || !access) continue;
      if (resolver.classify(handler).checksIdentity !== true) continue;
      type Use = {
        document: boolean;
        write: boolean;
        verb: string;
        can: string;
        table: string;
        arg: string;
        field: string;
        line: number;
        column: number;
      };
      const uses: Use[] = [];
      for (const lookup of access.argLookups) {
        if (lookup.table === null || !scoped.get(lookup.table)?.includes(lookup.field)) continue;
        uses.push({
          document: false,
          write: false,
          verb: "reads",
          can: "read",
          table: lookup.table,
          arg: lookup.arg,
          field: lookup.field,
          line: lookup.line,
          column: lookup.column,
        });
      }
      for (const write of access.argWrites) {
        const field = write.fields.find((candidate) => scoped.get(write.table)?.includes(candidate));
        if (!field) continue;
        uses.push({
          document: false,
          write: true,
          verb: "adds",
          can: "add to",
          table: write.table,
          arg: field,
          field,
          line: write.line,
          column: write.column,
        });
      }
      for (const use of access.byArgId) {
        const table = fn.args.find((arg) => arg.name === use.arg)?.table;
        const info = table ? tables.get(table) : undefined;
        // A document owned by a user too is AW608's.
        if (!table || !info || !scoped.has(table) || info.scope.user.length > 0) continue;
        const write = use.op !== "get";
        uses.push({
          document: true,
          write,
          verb: { get: "reads", patch: "changes", replace: "replaces", delete: "deletes" }[use.op],
          can: { get: "read", patch: "change", replace: "overwrite", delete: "delete" }[use.op],
          table,
          arg: use.arg,
          field: scoped.get(table)![0]!,
          line: use.line,
          column: use.column,
        });
      }
      if (uses.length === 0) continue;
      const authz = authorizationOf(resolver, handler);
      if (
        authz.membership ||
        authz.owner ||
        authz.privilege === "deployment" ||
        (authz.privilege && !rolesPerOrg) ||
        authz.unknown
      )
        continue;
      const found = uses.find((use) => use.write) ?? uses[0]!;
      report({
        messageId: found.document ? "byDocument" : "byOrg",
        data: {
          kind: fn.kind,
          name: fn.name,
          verb: found.verb,
          can: found.can,
          table: found.table,
          arg: found.arg,
          field: found.field,
        },
        file: fn.file,
        line: found.line,
        column: found.column,
        severity: found.write ? "error" : "warning",
      });
    }
  },
});
