/**
 * AW602: a public query, mutation or action reads or writes data before any identity check
 * (ctx.auth.getUserIdentity(), getAuthUserId, or a helper that calls them, in the same file or
 * imported from the functions folder). Convex functions are public: anyone with the deployment
 * URL can call them. Info by default (the data may be public on purpose); a warning when a
 * mutation or action touches per-user data (userId-like fields or by_user indexes) or edits or
 * deletes existing documents, and when a read-only query hands out what nobody should get from a
 * stranger (below). A query reading per-user rows stays info: posts, reviews and profiles are
 * per-user and published. Paths through helpers we can't see count as checked (silence over noise).
 * A `// authwire: public` comment above the function says it is public on purpose, as does its own
 * doc comment ("public", "no authentication required") or `publicFunctions` in authwire.config.json.
 * A shared-secret comparison that throws
 * (`if (secret !== process.env.X) throw`), in the handler or a helper it calls, is an access check.
 * An app whose schema has no table owned by a user or an org (starter templates, demos, static game
 * data) gets no info-tier finding: with no per-user data, public functions over it are public by
 * design; a query listing the users table still counts. Per function, the info tier is also silent
 * for a read-only function over public data by what it reads: catalogue tables (the schema gives
 * their fields and none is an owner; not the users table), tables published by nature with their
 * authors (posts, comments, reviews, ratings, followers, presence, a one-room chat, a multiplayer
 * game's players, turns and scores: ../../analysis/exposure.ts), a catalogue by its tables' names
 * (events, courses, tracks, listings, categories; a directory's clinics and shops) and one level
 * down its rows' parts (an event's ticket types), not `savedListings` nor a person found by the
 * phone or email the client gives; what authors made for others (a table tied to users only by
 * author fields: `createdBy`, `sellerId`) when another public query hands it out unchecked too
 * (publishedByAuthors), a table a query says in so many words it lists to everyone
 * (`getAllCharactersPublic`, "returns all characters without authentication": declaredPublic; not
 * where rows say some are private), rows selected by a visibility flag compared with a constant
 * (`isPublic`, `published`, `featured`) or a stop on a loaded document's flag (`if (!(isMember ||
 * org.isPublic)) return []`: AccessFacts.visibilityGate), or a row found by the share token, slug
 * or username the caller holds (`shareId`, `slug`, `username`); and a query whose name says it
 * serves everyone (`getPublicVideos`, `getTrustLeaderboard`: PUBLIC_NAME) or an aggregate over
 * everyone (`getOnlineUsersCount`, `getPlatformStats`: AGGREGATE_NAME; numbers, not records) or a
 * yes/no question (`canCreateCrewChat`: QUESTION_NAME) or what a profile page shows
 * (`getUserPosts`, `getMusicianRating`: PUBLISHED_NAME) or whose doc comment says what it hands out
 * is public ("- public information": PUBLIC_DATA_DOC), unless that doc's query hands out a table's
 * private rows too (`isPublic` never selected: listsHiddenRows); so is a query that takes nothing
 * and returns only counts, flags and constants (a health check: returnsOnlyCounts). Upkeep a cron
 * could run (no arguments, named as upkeep, adds nothing, deletes only by age: findUnchecked's
 * `upkeep`) is silent too, and so is a mutation that only bumps an engagement counter (views,
 * shares) or refreshes bookkeeping stamps (`updatedAt`, `lastSyncAt`) on no private record, one
 * that acts on the row a link's token finds (`unsubscribeToken`) and takes no document id, one that
 * only adds a public form's submission to its inbox (a contact form, a waitlist: fillsInbox), or a
 * seed that fills an empty table once or inserts only the rows it did not find (seedsOnce); so is
 * any function touching only tables of bare numbers (the template's `numbers`: touchesOnly).
 * A read-only query is a warning whatever its name or tables when it returns contact details or
 * credentials (`email`, `phone`, a secret, in whole documents or picked fields:
 * ../../analysis/exposure.ts), a public listing should pick what it shows (not a row found by the
 * token its holder was sent); or when it reads records private by their kind (messages, payments,
 * settings) for whoever the client names, unless by a share link's token or its name says it is
 * public or asks a yes/no question. `authwire protect` inserts the check into exactly the
 * functions `findUnchecked` (src/analysis) returns.
 */
import { USER_TABLE } from "../../analysis/authz.ts";
import { VISIBILITY_FIELD } from "../../analysis/shared.ts";
import {
  servesEveryone,
  type FunctionSummary,
  type RegisteredFunction,
  type SchemaInfo,
} from "../../analysis/facts.ts";
import {
  declaredPublic,
  describePrivate,
  describeSensitive,
  handsOutNoRecords,
  holdsOnlyNumbers,
  isSensitiveField,
  listsHiddenRows,
  privateRecords,
  publishedByAuthors,
  readsAuthoredContent,
  readsPublished,
  returnsOnlyCounts,
  returnsOnlyLabels,
  sensitiveReturns,
  tableNamed,
} from "../../analysis/exposure.ts";
import { findUnchecked, type BackendResolver, type DataReads } from "../../analysis/resolver.ts";
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
      exposes:
        "Public query `{{name}}` returns {{exposed}} to anyone: it reads data (line {{dataLine}}) before any identity check.",
      privateRecords:
        "Public query `{{name}}` reads {{records}} records the client picks (line {{dataLine}}) before any identity check: anyone can read another user's.",
    },
    fixes: {
      noCheck:
        'If the data is private, start the handler with `const identity = await ctx.auth.getUserIdentity(); if (identity === null) throw new Error("Not authenticated");` (authwire protect inserts it), or make it internal{{internalKind}}. If it is public on purpose, put `// authwire: public` above it.',
      exposes:
        "If the listing is public on purpose, return only the fields it shows (pick them: `{ title: doc.title }`) and leave out the contact details and secrets; else check the caller first (authwire protect inserts the check).",
      privateRecords:
        "Check the caller first and read only their own records: take the user from `ctx.auth.getUserIdentity()` (authwire protect inserts the check) instead of an argument, or compare the record's owner or members with the caller.",
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
    const ownedTables = schema === null ? new Set<string>() : tablesOwned(schema);
    // Tables of bare numbers and flags (the template's `numbers`): nobody's rows, nothing a person wrote.
    const numberTables = new Set(
      (schema?.tables ?? []).filter((table) => holdsOnlyNumbers(table.name, schema)).map((table) => table.name),
    );
    for (const { fn, handler, firstData, writes, sensitive, upkeep, counts, stopsStrangers } of findUnchecked(
      resolver,
    )) {
      // What it read before the check leaves only through what it returns: no document, no leak.
      if (stopsStrangers && resolver.returned(fn).tables.size === 0) continue;
      const readOnlyQuery = fn.kind === "query" && !writes;
      const at = { file: fn.file, line: fn.line, column: fn.column, subject: `function:${fn.file}:${fn.name}` };
      // A query handing out emails, phones or secrets is a warning whatever its name or tables say,
      // unless it finds the row by a token its holder was given (an invitation: the invitee's own email).
      const reads = readOnlyQuery ? resolver.reads(fn) : null;
      // Following the helpers is the costly part: the other cases read them once, when they need to.
      let all = reads;
      const allReads = () => (all ??= resolver.reads(fn));
      const exposed = reads && !foundBy(reads, TOKEN_FIELD) ? sensitiveReturns(resolver, fn, schema) : [];
      if (exposed.length > 0) {
        report({
          messageId: "exposes",
          data: { name: fn.name, exposed: describeSensitive(exposed), dataLine: firstData.line },
          ...at,
          severity: "warning",
        });
        continue;
      }
      // So is one reading messages, payments or settings for whoever the client names (a share
      // link's token aside: its holder was given the row).
      const records =
        reads && !foundBy(reads, SHARE_FIELD) && !handsOutNoRecords(fn)
          ? privateRecords(reads.clientKeyed, schema)
          : [];
      if (records.length > 0) {
        report({
          messageId: "privateRecords",
          data: { name: fn.name, records: describePrivate(records), dataLine: firstData.line },
          ...at,
          severity: "warning",
        });
        continue;
      }
      if (!sensitive && ((noOwnedData && !listsUsers(handler)) || upkeep)) continue;
      if (numberTables.size > 0 && touchesOnly(allReads(), numberTables)) continue;
      // A view or share count anyone's visit bumps, not one on someone's private record (a
      // notification's views mark it read).
      if (counts && privateRecords(allReads().tables, schema).length === 0) continue;
      // A mutation acting on the row its link's token finds (one-click unsubscribe, a reset or
      // invitation link), taking no document id: the token is the authorization.
      if (fn.kind === "mutation" && !fn.args?.some((arg) => arg.table !== null) && foundBy(allReads(), TOKEN_FIELD))
        continue;
      if (
        fn.kind === "mutation" &&
        (seedsOnce(fn, handler, resolver) ||
          (!fn.args?.some((arg) => arg.table !== null) && fillsInbox(handler, allReads(), schema)))
      )
        continue;
      if (readOnlyQuery || (!sensitive && !writes)) {
        if (
          !allReads().writes &&
          ((fn.kind === "query" &&
            ((servesEveryone(fn) && !(fn.describedPublic && listsHiddenRows(resolver, fn, schema))) ||
              returnsOnlyLabels(resolver, fn) ||
              returnsOnlyCounts(resolver, fn))) ||
            handler.access?.visibilityGate === true ||
            // An action runs for what it starts (a scrape, a model call), not for the tables it reads.
            ((fn.kind !== "action" || allReads().tables.size === 0) &&
              readsPublicData(allReads(), schema, ownedTables, () =>
                listsUsers(handler)
                  ? false
                  : (name) => publishedByAuthors(name, fn, resolver, schema) || declaredPublic(name, resolver, schema),
              )))
        )
          continue;
      }
      report({
        messageId: "noCheck",
        data: {
          kind: fn.kind,
          name: fn.name,
          what: writes ? "writes data" : "reads data",
          dataLine: firstData.line,
          internalKind: ` (internal${fn.kind[0]!.toUpperCase()}${fn.kind.slice(1)})`,
        },
        ...at,
        // Per-user data a query reads is info like any other read: posts, reviews and profiles are
        // per-user too; what makes a read a warning is above (what it hands out).
        ...(sensitive && !readOnlyQuery && { severity: "warning" as const }),
      });
    }
  },
});

/** Reads and writes only the tables of `tables`, all of them named (the template's `addNumber` and `listNumbers`). */
function touchesOnly(reads: DataReads, tables: ReadonlySet<string>): boolean {
  const touched = [...reads.tables, ...(reads.written ?? [])];
  return reads.written !== null && !reads.unknownTable && touched.length > 0 && touched.every((t) => tables.has(t));
}

/** `ctx.db.query("users")`: a list of the app's users (emails, names), private whatever the schema says. */
function listsUsers(handler: FunctionSummary): boolean {
  return handler.events.some(
    (event) => event.kind === "data" && event.op === "db.query" && USER_TABLE.test(event.table ?? ""),
  );
}

/**
 * A seed that fills an empty table once: it takes nothing from the client, deletes nothing, and
 * writes only after a read found no row (`if (existing) return`, or throw) or, row by row, inserts
 * only what a lookup did not find (`if (!existing) await ctx.db.insert(…)`), in the handler or the
 * helpers it hands ctx. Anyone may run it first; nobody can aim it or change what is there.
 */
function seedsOnce(fn: RegisteredFunction, handler: FunctionSummary, resolver: BackendResolver): boolean {
  if ((fn.args?.length ?? handler.argReads.size) > 0) return false;
  let writes = 0;
  const fills = (summary: FunctionSummary, depth: number): boolean => {
    if (summary.deletes || depth > 3) return false;
    const guard = summary.access?.seedGuard?.line ?? Number.POSITIVE_INFINITY;
    const missing = summary.access?.fillsMissing ?? [];
    return summary.events.every((event) => {
      if (event.kind === "data" && event.write) {
        writes++;
        return (
          event.line > guard ||
          (event.op === "db.insert" && missing.some(({ line, endLine }) => event.line >= line && event.line <= endLine))
        );
      }
      if (event.kind !== "call" || event.guardOnly) return true;
      // A helper called past the stop runs on an empty table only, whatever it writes.
      if (event.line > guard) {
        writes++;
        return true;
      }
      const target = resolver.resolveCall(summary.file, event.target);
      return target !== "unknown" && fills(target, depth + 1);
    });
  };
  return fills(handler, 0) && writes > 0;
}

/**
 * The inbox of a public form by its table's name: a contact form, a waitlist or newsletter signup,
 * a request for a quote (`contactMessages`, `waitlist`, `emailList`, `intakeForms`).
 */
const INBOX_TABLE =
  /contact|wait_?list|newsletter|e?mail_?(?:ing_?)?list|subscriber|inquir|enquir|intake|quote_?request|leads?$/i;

/**
 * A public form's submission: it adds rows to its inbox and reads or changes nothing else (a rate
 * limit reads the inbox itself). Taking submissions from strangers is what the form is for. Not an
 * inbox a user or an organization owns (a CRM's `contacts`): its rows are theirs.
 */
function fillsInbox(handler: FunctionSummary, reads: DataReads, schema: SchemaInfo | null): boolean {
  const inbox = (name: string | null | undefined) => {
    const table = tableNamed(name, schema);
    return (
      INBOX_TABLE.test(name ?? "") &&
      (table === undefined || (table.scope.user.length === 0 && table.scope.org.length === 0))
    );
  };
  const writes = handler.events.filter((event) => event.kind === "data" && event.write);
  return (
    writes.length > 0 &&
    writes.every((event) => event.kind === "data" && event.op === "db.insert" && inbox(event.table)) &&
    !reads.unknownTable &&
    [...reads.tables].every(inbox)
  );
}

/** A field holding a link's secret, an invitation's token or code, or a public address: whoever has it was given the row. */
const SHARE_FIELD =
  /^(?:share_?(?:id|token|code|key|slug)|public_?(?:id|token|slug)|slug|user_?name|handle|(?:invite|invitation|claim|join|access|magic)?_?(?:token|code))$/i;

/** A secret the holder was sent (an invitation's or a share link's token), unlike a slug or a username anyone may know. */
const TOKEN_FIELD =
  /^(?:share_?(?:id|token|key)|(?:invite|invitation|claim|join|access|magic|unsubscribe|reset|verification|verify|confirm|confirmation)?_?token|(?:invite|invitation|claim|join|access)_?code)$/i;

/** A row found by a field of `fields` compared with what the client passes. */
function foundBy(reads: DataReads, fields: { test(field: string): boolean }): boolean {
  return reads.lookups.some((lookup) =>
    lookup.comparisons.some(({ field, value }) => fields.test(field) && value.startsWith("args.")),
  );
}

/**
 * What a read-only function reads is public by its shape (see the header). `byAuthors` gives the
 * test for tables published by their authors (false when the function lists the users table
 * itself); it is asked last, as it weighs the whole app.
 */
function readsPublicData(
  reads: DataReads,
  schema: SchemaInfo | null,
  owned: ReadonlySet<string>,
  byAuthors: () => ((name: string) => boolean) | false,
): boolean {
  const comparisons = reads.lookups.flatMap((lookup) => lookup.comparisons);
  if (comparisons.some(({ field, value }) => VISIBILITY_FIELD.test(field) && !value.startsWith("args."))) return true;
  if (foundBy(reads, SHARE_FIELD)) return true;
  // A person found by the phone number or email the client gives (`attendees` by `phoneNumber`) is no catalogue.
  if (reads.unknownTable || schema === null || foundBy(reads, { test: isSensitiveField })) return false;
  if (readsPublished(reads.tables, reads.unknownTable, schema, true)) return true;
  const catalogue = (name: string) => {
    const table = tableNamed(name, schema);
    return table !== undefined && table.fields.length > 0 && !owned.has(name) && !USER_TABLE.test(name);
  };
  if ([...reads.tables].every(catalogue)) return true;
  const authored = byAuthors();
  return authored !== false && readsAuthoredContent(reads.tables, reads.unknownTable, authored, catalogue);
}

/**
 * Tables whose rows belong to someone: an owner or org field, or an id of such a table (a project's
 * files belong to the project's owner), to any depth.
 */
function tablesOwned(schema: SchemaInfo): Set<string> {
  const owned = new Set(
    schema.tables
      .filter((table) => table.scope.user.length > 0 || table.scope.org.length > 0)
      .map((table) => table.name),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const table of schema.tables) {
      if (owned.has(table.name)) continue;
      if (Object.values(table.references).some((target) => owned.has(target) || USER_TABLE.test(target))) {
        owned.add(table.name);
        grew = true;
      }
    }
  }
  return owned;
}
