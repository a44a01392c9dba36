/**
 * AW611: `as any` (or `<any>`) on what authorization rests on, in a public function or in a helper
 * a public function runs (or one that reads the identity itself): ctx, a document read from
 * ctx.db or its id, owner, org or role field, an id handed to ctx.db.get/patch/replace/delete, an id argument (`v.id(…)`, `userId`…),
 * or the caller's identity. The cast switches the type checker off exactly where a wrong table's
 * id, a missing owner field or a query ctx used as a mutation ctx would have been caught. `as any`
 * on other values (payloads, UI data) is not this rule, nor is a cast of an identity already checked
 * for null (it only reaches custom claims) or of an id field of the function's own data (a Map key
 * that lost its type), or a field read through a document's cast that the schema declares on a
 * table the function reads (`(thread as any).userId`: needless, but read right). Warnings: a cast
 * is a risk, not a proof. One finding per function, the worst cast first (the identity, an id, a
 * document, ctx), naming the other lines. A system table's id argument (`v.id("_storage")`) is no row.
 */
import { publicPaths } from "../../analysis/authz.ts";
import type { FunctionSummary, RegisteredFunction } from "../../analysis/facts.ts";
import { USER_ID_ARG } from "../../analysis/shared.ts";
import { defineRule } from "../define.ts";

/** Kinds of cast, the worst first: the identity's null check, then which row, then its fields. */
const WORST = ["caller", "id", "argument", "document", "ctx"] as const;

const WHAT = {
  ctx: "ctx",
  document: "a document read from ctx.db",
  id: "the id handed to ctx.db",
  caller: "the caller's identity",
  argument: "an id argument",
} as const;

export default defineRule({
  meta: {
    code: "AW611",
    name: "any-cast-in-auth-path",
    category: "functions",
    severity: "warning",
    fixable: false,
    description: "`as any` on ctx, documents, ids or the identity in an auth path.",
    docs: "docs/rules/any-cast-in-auth-path.md",
    messages: {
      cast: "`{{text}}` in `{{fn}}` casts {{what}} to any: the type checker no longer sees {{lost}}.{{more}}",
    },
    fixes: {
      cast: "Drop the cast and type the value ({{typed}}); narrow with a check instead of `as any`.",
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const resolver = doctor.resolver();
    const onPath = publicPaths(resolver);
    const schema = doctor.backend.schema;
    const registrations = new Map<FunctionSummary, RegisteredFunction>();
    for (const fn of resolver.functions()) {
      const handler = resolver.handlerOf(fn);
      if (handler) registrations.set(handler, fn);
    }
    // Internal functions some caller hands a client's argument (`runMutation(internal.x, { id: args.id })`).
    const givenClientValues = new Set<FunctionSummary>();
    for (const summary of resolver.summaries())
      for (const handoff of summary.access?.handoffs ?? []) {
        if (!handoff.target || !handoff.passes.some((value) => value.startsWith("arg:"))) continue;
        const target = resolver.resolveCall(summary.file, handoff.target);
        if (target !== "unknown") givenClientValues.add(target);
      }
    for (const summary of resolver.summaries()) {
      const registered = registrations.get(summary);
      // An internal function's ids come from its callers: only a client's value makes a cast of one a risk.
      const idsFromServer = registered !== undefined && !registered.isPublic && !givenClientValues.has(summary);
      if (!onPath.has(summary) && (registered !== undefined || !summary.usesAuthDirectly)) continue;
      // The tables it reads, for a field read through a document cast that the schema declares.
      const read = registered
        ? resolver.reads(registered).tables
        : new Set(summary.events.flatMap((event) => (event.kind === "data" && event.table ? [event.table] : [])));
      const declared = (field: string) =>
        schema?.tables.some((table) => read.has(table.name) && table.fields.includes(field)) === true;
      const casts = (summary.access?.anyCasts ?? []).filter((cast) => {
        if (idsFromServer && (cast.what === "id" || cast.what === "argument")) return false;
        // `(thread as any).userId` where the schema gives threads a userId: a needless cast, read right.
        if (cast.what === "document" && cast.field !== undefined && declared(cast.field)) return false;
        if (cast.what !== "argument") return true;
        const name = cast.arg ?? "";
        const arg = registered?.args?.find((candidate) => candidate.name === name);
        // A system table's id (`v.id("_storage")`) points at a file or a job, no one's row.
        if (arg?.table?.startsWith("_")) return false;
        return arg ? arg.table !== null || USER_ID_ARG.test(name) : /id$/i.test(name);
      });
      // One finding per function: the worst cast, naming the others' lines.
      const [cast, ...others] = casts.sort((a, b) => WORST.indexOf(a.what) - WORST.indexOf(b.what) || a.line - b.line);
      if (cast) {
        const lines = [...new Set(others.map((other) => other.line))].sort((a, b) => a - b);
        report({
          messageId: "cast",
          data: {
            text: cast.text.length > 60 ? `${cast.text.slice(0, 57)}…` : cast.text,
            fn: summary.name,
            what: WHAT[cast.what],
            lost: {
              ctx: "which ctx this is (a query's has no db writes, an action's no db)",
              document: "the document's fields (an owner field read wrong reads undefined)",
              id: "which table the id belongs to (another table's id is accepted)",
              caller: "that the identity may be null",
              argument: "which table the id belongs to",
            }[cast.what],
            typed: {
              ctx: "QueryCtx / MutationCtx / ActionCtx from ./_generated/server",
              document: 'Doc<"table"> from ./_generated/dataModel',
              id: 'Id<"table">, validated with v.id("table")',
              caller: "UserIdentity | null, checked before use",
              argument: 'v.id("table") in args, Id<"table"> in helpers',
            }[cast.what],
            more:
              others.length === 0
                ? ""
                : ` ${others.length} more cast${others.length === 1 ? "" : "s"} to any in it (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}).`,
          },
          file: summary.file,
          line: cast.line,
          column: cast.column,
        });
      }
    }
  },
});
