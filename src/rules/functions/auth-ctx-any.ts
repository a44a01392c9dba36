/**
 * AW606: an auth helper's ctx is typed `any`, so nothing checks that callers pass a real
 * QueryCtx/MutationCtx, and `ctx.auth`/`ctx.db` typos compile. A warning when it checks identity;
 * info when its data access is an auth path (it looks a user or a membership up by a value it is
 * given, or a user's rows and decides on them); a helper that only reads or writes an owner's rows
 * for its callers, writes (seeding, notifications) or computes over other data (ratings, metrics)
 * is not an auth helper and is left alone.
 */
import { posix } from "node:path";
import type { FunctionSummary } from "../../analysis/facts.ts";
import type { BackendResolver } from "../../analysis/resolver.ts";
import { typeCtxParam, type CtxType } from "../../edit/ts/user-lookup.ts";
import { USER_TABLE } from "../../analysis/authz.ts";
import { USER_FIELD } from "../../analysis/shared.ts";
import { defineRule } from "../define.ts";
import { fileEdit } from "../helpers.ts";

/** A table of who belongs to what (`familyMembers`, `orgMemberships`): the lookup behind a membership check. */
const MEMBERSHIP = /member/i;

/**
 * A field that says which account a row is (an id, the sign-in provider's id, the token's
 * identifier, an email): a user found by it is resolved. Not a username probed for a free name,
 * nor the staff of a branch found by their role to be notified.
 */
const ACCOUNT_KEY =
  /^(?:_?id|(?:user|owner|account|member)_?id|(?:clerk|external|auth|workos|provider|subject)_?(?:user_?)?id|token_?identifier|subject|sub|e?mail(?:_?address)?)$/i;

export default defineRule({
  meta: {
    code: "AW606",
    name: "auth-ctx-any",
    category: "functions",
    severity: "warning",
    fixable: true,
    description: "An auth helper's ctx parameter is typed `any`.",
    docs: "docs/rules/auth-ctx-any.md",
    messages: {
      any: "`{{name}}` takes `ctx: any` and uses it for {{use}}; type errors in auth checks go unnoticed.",
    },
    fixes: {
      any: "Type it: `ctx: QueryCtx` (or `QueryCtx | MutationCtx`) from ./_generated/server. {{how}}",
    },
  },
  async check({ doctor, report }) {
    const resolver = doctor.resolver();
    for (const summary of resolver.summaries()) {
      if (!summary.ctxAny) continue;
      const identity = summary.usesAuthDirectly;
      // Data access counts when it is an auth path: a lookup that resolves a user or a membership by
      // a value passed in (a user by what names their account), or one that reads a user's rows by it in a helper that decides something
      // (it throws, or reaches an identity check). A helper that only reads or writes the rows of an
      // owner its callers resolved (`loadSettings(ctx, ownerId)`) makes no auth decision, nor do
      // inserts, seeding or fixed test ids.
      const decides = () => summary.access?.throws === true || resolver.classify(summary).checksIdentity === true;
      const data = summary.lookups.some((lookup) => {
        const passed = lookup.comparisons.filter((comparison) => comparison.value !== "other");
        const table = lookup.table ?? "";
        return (
          (passed.length > 0 &&
            (MEMBERSHIP.test(table) ||
              (USER_TABLE.test(table) && passed.some((comparison) => ACCOUNT_KEY.test(comparison.field))))) ||
          (passed.some((comparison) => USER_FIELD.test(comparison.field)) && decides())
        );
      });
      if (!identity && !data) continue;
      const types = ctxTypes(resolver, summary);
      const source = await doctor.read(summary.file);
      const generated = posix.relative(posix.dirname(summary.file), `${doctor.convexDir}/_generated/server`);
      const edits =
        typeof types === "string" || source === undefined
          ? undefined
          : fileEdit(
              summary.file,
              source,
              typeCtxParam({
                name: summary.name,
                types,
                from: generated.startsWith(".") ? generated : `./${generated}`,
              }),
              `type ${summary.name}'s ctx`,
            );
      const how =
        typeof types === "string"
          ? `authwire doctor --fix can't: ${types}`
          : edits
            ? `authwire doctor --fix types it ${types.join(" | ")}.`
            : "";
      report({
        messageId: "any",
        data: { name: summary.name, use: identity ? "identity checks" : "user data access", how },
        edits,
        file: summary.file,
        line: summary.ctxAny.line,
        column: summary.ctxAny.column,
        severity: identity ? "warning" : "info",
      });
    }
  },
});

/**
 * The ctx type a helper needs, from what it uses and who calls it: writes or the scheduler →
 * MutationCtx, runQuery/runMutation → ActionCtx, else QueryCtx (a MutationCtx is one too); called
 * from an action as well → `| ActionCtx` when it only reads the identity. A string: why not.
 */
function ctxTypes(resolver: BackendResolver, summary: FunctionSummary): CtxType[] | string {
  const uses = summary.events.filter((event) => event.kind === "data");
  const own: CtxType = uses.some((event) => event.kind === "data" && event.write) ? "MutationCtx" : "QueryCtx";
  let fromAction = false;
  let fromOther = false;
  for (const fn of resolver.functions()) {
    const handler = resolver.handlerOf(fn);
    if (!handler) continue;
    const calls = handler.events.some(
      (event) => event.kind === "call" && resolver.resolveCall(fn.file, event.target) === summary,
    );
    if (!calls) continue;
    if (/action/i.test(fn.kind)) fromAction = true;
    else fromOther = true;
  }
  if (!fromAction) return [own];
  if (uses.length > 0)
    return `${summary.name} is called from an action (no ctx.db) and also reads or writes documents; split it or type it by hand.`;
  return fromOther ? ["QueryCtx", "ActionCtx"] : ["ActionCtx"];
}
