/**
 * AW608: a public function that checks who is signed in loads, changes or deletes a document by
 * an id the client passes (`ctx.db.get(args.id)`, patch/replace/delete) of a table scoped to a
 * user, and nothing on its path compares the document's owner (or its org's membership) with the
 * caller: any signed-in user can touch anyone's document. Errors for patch/replace/delete;
 * warnings for reads (a read leaks one document and some apps share them by link on purpose).
 * One step removed too: rows of another table looked up by such a parent the client names, keyed by
 * nothing but arguments, are the parent owner's (a warning).
 * Reading a row published by nature (anyone's post or review, and its comments, in a signed-in feed)
 * is what the feed is for, and so is reading what a query says it lists to everyone (declaredPublic),
 * or what authors published for everyone (publishedByAuthors) in a query or a mutation that only
 * adds rows: only a change to it counts there.
 * Functions with no identity check at all are AW602's, and so are reads by an optional viewer
 * (nothing stops a caller who isn't signed in); a helper we can't see counts as a check.
 */
import { USER_TABLE, authorizationOf, signInRequired } from "../../analysis/authz.ts";
import { actionWithoutDb } from "../../analysis/resolver.ts";
import { declaredPublic, publishedByAuthors, readsPublished } from "../../analysis/exposure.ts";
import type { ArgInfo, Lookup, SchemaInfo } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW608",
    name: "document-owner-not-checked",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "A document fetched by a client-supplied id is used without comparing its owner with the caller.",
    docs: "docs/rules/document-owner-not-checked.md",
    messages: {
      child:
        "Public {{kind}} `{{name}}` reads `{{table}}` rows of the `{{parent}}` document the client names in `{{arg}}` without comparing its `{{field}}` with the caller: any signed-in user can read anyone's.",
      unchecked:
        "Public {{kind}} `{{name}}` {{verb}} a `{{table}}` document by the client's `{{arg}}` without comparing its `{{field}}` with the caller: any signed-in user can {{can}} anyone's.",
    },
    fixes: {
      child:
        'Load the `{{parent}}` document and compare its owner first: `const parent = await ctx.db.get(args.{{arg}}); if (parent === null || parent.{{field}} !== userId) throw new Error("Not found");`.',
      unchecked:
        'Load it, then compare the owner: `const doc = await ctx.db.get(args.{{arg}}); if (doc === null || doc.{{field}} !== userId) throw new Error("Not found");` (or call a helper that does).',
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const schema = doctor.backend.schema;
    if (!schema) return;
    const resolver = doctor.resolver();
    for (const fn of resolver.functions()) {
      if (!fn.isPublic || fn.custom || fn.markedPublic || !fn.args) continue;
      const handler = resolver.handlerOf(fn);
      if (!handler || actionWithoutDb(fn, handler)) continue;
      const byArgId = handler.access?.byArgId ?? [];
      // A query, or a mutation that only adds rows (a quote of a public figure): it changes nothing.
      const onlyAdds = handler.events.every(
        (event) => event.kind !== "data" || !event.write || event.op === "db.insert",
      );
      const children = childLookups(handler.lookups, fn.args, schema);
      if (byArgId.length === 0 && children.length === 0) continue;
      if (resolver.classify(handler).checksIdentity !== true) continue;
      const authz = authorizationOf(resolver, handler);
      if (authz.owner || authz.membership || authz.privilege || authz.unknown) continue;
      const candidates = byArgId.flatMap((use) => {
        const table = fn.args!.find((arg) => arg.name === use.arg)?.table;
        const info = table ? schema.tables.find((candidate) => candidate.name === table) : undefined;
        if (!table || !info || USER_TABLE.test(table) || info.scope.user.length === 0) return [];
        // Reading anyone's post or review is what a feed is for, and so is reading what authors
        // published for everyone (a public library's quotes); changing it is not.
        if (
          use.op === "get" &&
          (readsPublished(new Set([table]), false, schema) ||
            declaredPublic(table, resolver, schema) ||
            (onlyAdds && publishedByAuthors(table, fn, resolver, schema)))
        )
          return [];
        return [{ use, table, field: info.scope.user[0]! }];
      });
      // Reads by an optional viewer (nothing stops a caller who isn't signed in: a public forum
      // marking the viewer's own reactions) serve anyone: AW602's, not this rule's.
      const anyone = !signInRequired(resolver, handler);
      const found = candidates.find(({ use }) => use.op !== "get") ?? (anyone ? undefined : candidates[0]);
      // A post's comments, read by the post the client names: published, like the post.
      const child = anyone
        ? undefined
        : children.find(
            ({ table, parent }) =>
              !readsPublished(new Set([table, parent]), false, schema) && !declaredPublic(table, resolver, schema),
          );
      if (!found && child) {
        report({
          messageId: "child",
          data: {
            kind: fn.kind,
            name: fn.name,
            table: child.table,
            parent: child.parent,
            arg: child.arg,
            field: child.field,
          },
          file: fn.file,
          line: child.line,
          column: child.column,
          subject: `function:${fn.file}:${fn.name}`,
          severity: "warning",
        });
        continue;
      }
      if (!found) continue;
      const { use, table, field } = found;
      const write = use.op !== "get";
      report({
        messageId: "unchecked",
        data: {
          kind: fn.kind,
          name: fn.name,
          verb: { get: "reads", patch: "changes", replace: "replaces", delete: "deletes" }[use.op],
          can: { get: "read", patch: "change", replace: "overwrite", delete: "delete" }[use.op],
          table,
          arg: use.arg,
          field,
        },
        file: fn.file,
        line: use.line,
        column: use.column,
        subject: `function:${fn.file}:${fn.name}`,
        severity: write ? "error" : "warning",
      });
    }
  },
});

/**
 * Lookups of a table's rows by a parent the client names (`withIndex("by_contact", (q) =>
 * q.eq("contactId", args.contactId))`, where `contacts` rows belong to a user), keyed by nothing
 * but arguments: the rows are the parent owner's, and nothing ties them to the caller.
 */
function childLookups(lookups: readonly Lookup[], args: readonly ArgInfo[], schema: SchemaInfo) {
  return lookups.flatMap((lookup) => {
    if (!lookup.table || lookup.comparisons.length === 0) return [];
    if (!lookup.comparisons.every(({ value }) => value.startsWith("args."))) return [];
    return lookup.comparisons.flatMap(({ value }) => {
      const arg = args.find((candidate) => `args.${candidate.name}` === value);
      const parent = arg?.table ? schema.tables.find((table) => table.name === arg.table) : undefined;
      if (!arg || !parent || parent.name === lookup.table || USER_TABLE.test(parent.name)) return [];
      const field = parent.scope.user[0];
      if (field === undefined) return [];
      return [
        { table: lookup.table!, parent: parent.name, arg: arg.name, field, line: lookup.line, column: lookup.column },
      ];
    });
  });
}
