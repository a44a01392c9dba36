/**
 * AW601: a public function takes a user reference as an argument (`userId`, `ownerId`, `clerkId`,
 * `playerId`, `createdBy`, `v.id("users")`…) and uses it without comparing it with the caller,
 * whatever identity call sits beside it: with no identity check any caller can act as any user;
 * with one whose result is only null-checked, any signed-in caller can. Mutations and actions are
 * errors; queries are info (public profiles exist). A query that returns the user's contact details
 * or credentials (`email`, `phone`, a secret: ../../analysis/exposure.ts) is a warning, whatever its
 * name; so is one reading records private by their kind (messages, payments, settings), unless its
 * name says it is public or asks a yes/no question. Else it is silent when
 * its name says it serves everyone (`getPublicVideos`: PUBLIC_NAME), asks a yes/no question
 * (`canCreateCrewChat`: QUESTION_NAME), counts (`getUserStats`: AGGREGATE_NAME) or names what a
 * profile page shows (`getUserPosts`: PUBLISHED_NAME), or its doc comment says what it hands out
 * is public ("Get public user profile by userId": PUBLIC_DATA_DOC), or when it reads only such tables (posts,
 * reviews, followers) and users, or what authors published for others (a seller's listings: see
 * publishedByAuthors) and users. An argument that sets roles, a plan or permissions beside the user
 * reference is privilege escalation (said so in the message). An `email` argument counts as the
 * caller's own only beside a sign-in check (else a contact form's or a waitlist's) and when rows are
 * looked up by it (else a new record's contact field).
 * Left alone: a function that uses the caller's value (the argument then names another party: a
 * follow, an invite), tests the caller's role, looks up a membership, calls code we can't see, or
 * sits behind a shared secret or a deployment flag compared and thrown on (a worker's or a test's).
 */
import { authorizationOf } from "../../analysis/authz.ts";
import {
  describePrivate,
  describeSensitive,
  handsOutNoRecords,
  listedToAll,
  privateRecords,
  publishedByAuthors,
  readsAuthoredContent,
  readsPublished,
  returnsOnlyLabels,
  sensitiveReturns,
} from "../../analysis/exposure.ts";
import { SHARED_SECRET, servesEveryone, type ArgInfo, type Lookup } from "../../analysis/facts.ts";
import { USER_ID_ARG } from "../../analysis/shared.ts";
import { defineRule } from "../define.ts";

/** Other names apps give a user reference (only with a `v.id("users")` or string validator). */
const USER_REFERENCE =
  /^(?:clerk_?(?:user_?)?id|(?:user|owner|author|creator|member|player|host|admin|auth(?:_?user)?|current_?user)_?id|created_?by|token_?identifier|user_?subject)$/i;
/** Arguments that grant rights. */
const PRIVILEGE_ARG =
  /^(?:roles?|is_?admin|admin|permissions?|plan|tier|credits|is_?pro|subscription(?:_?(?:tier|status|plan))?)$/i;

/** A user id argument by its name (`userId`, `ownerId`…) or its validator (`v.id("users")`, arrays too). */
function isUserIdArg(arg: ArgInfo): boolean {
  return USER_ID_ARG.test(arg.name) || /v\.id\(\s*["']users["']\s*\)/.test(arg.validator);
}

/** Another name for a user reference (`clerkId`, `playerId`, `createdBy`…) with a users-id or string validator. */
function isUserReferenceName(arg: ArgInfo): boolean {
  const validator = arg.validator.replace(/\s+/g, "");
  return (
    USER_REFERENCE.test(arg.name) && /^(?:v\.optional\()?v\.(?:id\(["']users["']\)|string\(\))\)?$/.test(validator)
  );
}

/** `email`, `userEmail`: the caller's own address, when a signed-in function takes it (an invitee's is `inviteeEmail`). */
function isOwnEmail(arg: ArgInfo): boolean {
  return /^(?:(?:user|my|current_?user)_?)?email$/i.test(arg.name);
}

/**
 * Rows are looked up by the email: a field compared with the argument, or an email field compared
 * with anything (`q.eq("email", email)` after `const email = args.email.trim()`).
 */
function looksUpBy(lookups: readonly Lookup[], name: string): boolean {
  return lookups.some((lookup) =>
    lookup.comparisons.some(({ field, value }) => value === `args.${name}` || /email/i.test(field)),
  );
}

export default defineRule({
  meta: {
    code: "AW601",
    name: "client-supplied-user-id",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "A public function trusts a client-supplied user id.",
    docs: "docs/rules/client-supplied-user-id.md",
    messages: {
      trusted:
        "Public {{kind}} `{{name}}` takes `{{arg}}` from the client and never checks who is calling: anyone can pass another user's id.",
      uncompared:
        "Public {{kind}} `{{name}}` checks that someone is signed in but never compares `{{arg}}` with them: any signed-in user can pass another user's id.",
      escalation:
        "Public {{kind}} `{{name}}` sets `{{privilege}}` for the user the client names in `{{arg}}` without comparing it with the caller's rights: anyone can grant themselves `{{privilege}}`.",
      exposes:
        "Public query `{{name}}` takes `{{arg}}` from the client and returns {{exposed}} without comparing `{{arg}}` with the caller: {{who}} can read another user's.",
      privateRecords:
        "Public query `{{name}}` takes `{{arg}}` from the client and reads {{records}} records by it without comparing `{{arg}}` with the caller: {{who}} can read another user's.",
    },
    fixes: {
      trusted:
        "Derive the user from the session instead (ctx.auth.getUserIdentity() or getAuthUserId(ctx)) and drop the `{{arg}}` argument.",
      uncompared:
        "Use the caller's own id (from getAuthUserId(ctx) or the identity's tokenIdentifier) instead of `{{arg}}`, or throw when they differ.",
      escalation:
        "Move it to an internalMutation called from a verified webhook, or require an admin role of the caller before writing `{{privilege}}`.",
      exposes:
        "Return only what another user may see (pick the fields: `{ name: user.name }`), or use the caller's own id (getAuthUserId(ctx) or the identity) instead of `{{arg}}`.",
      privateRecords:
        "Use the caller's own id (getAuthUserId(ctx) or the identity) instead of `{{arg}}`, or throw when they differ.",
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const resolver = doctor.resolver();
    for (const fn of resolver.functions()) {
      if (!fn.isPublic || fn.custom || !fn.args) continue;
      const handler = resolver.handlerOf(fn);
      if (!handler) continue;
      const read = fn.args.filter((candidate) => handler.argReads.has(candidate.name));
      const arg = read.find(isUserIdArg) ?? read.find(isUserReferenceName) ?? read.find(isOwnEmail);
      if (!arg) continue;
      const result = resolver.classify(handler);
      if (result.checksIdentity === "unknown" || result.order === "none") continue;
      let messageId: "trusted" | "uncompared" | "escalation" | "exposes" | "privateRecords" = "trusted";
      // What a query or an email's function reads (following their helpers is the costly part).
      const email = isOwnEmail(arg);
      const allReads = fn.kind === "query" || email ? resolver.reads(fn) : null;
      // An email names the caller only beside a sign-in check (else it is a contact form's or a
      // waitlist's), and only when rows are looked up by it (else it is a new record's contact field:
      // a customer's, a lead's).
      if (email && (result.checksIdentity !== true || !looksUpBy(allReads!.lookups, arg.name))) continue;
      if (result.checksIdentity === true) {
        if (fn.markedPublic || !handler.access || handler.access.callerUsed) continue;
        // Behind a shared secret or a deployment flag (`if (process.env.TEST_MODE !== "true") throw`):
        // the caller is a server or a test, and naming the user is its job.
        if (handler.events.some((event) => event.kind === "identity" && event.via === SHARED_SECRET)) continue;
        const authz = authorizationOf(resolver, handler);
        if (authz.owner || authz.membership || authz.privilege || authz.unknown) continue;
        messageId = "uncompared";
      }
      // A query handing out emails, phones or secrets is a warning whatever its name says; so is one
      // reading private records (any private table: the user reference picks whose, even when a JS
      // filter does the picking). Else a query named or reading what everyone may see is left alone.
      const reads = fn.kind === "query" ? allReads : null;
      const exposed = reads ? sensitiveReturns(resolver, fn, doctor.backend.schema) : [];
      const records =
        reads && exposed.length === 0 && !handsOutNoRecords(fn)
          ? privateRecords(reads.tables, doctor.backend.schema)
          : [];
      if (
        reads &&
        exposed.length === 0 &&
        records.length === 0 &&
        (servesEveryone(fn) ||
          returnsOnlyLabels(resolver, fn) ||
          readsPublished(reads.tables, reads.unknownTable, doctor.backend.schema) ||
          readsAuthoredContent(reads.tables, reads.unknownTable, (name) =>
            publishedByAuthors(name, fn, resolver, doctor.backend.schema),
          ))
      )
        continue;
      // A signed-in query over rows another query lists in full to every signed-in caller (a
      // family's shared feed filtered by one member) hands out nothing that list doesn't.
      if (
        messageId === "uncompared" &&
        reads &&
        exposed.length === 0 &&
        records.length === 0 &&
        !reads.unknownTable &&
        reads.tables.size > 0 &&
        [...reads.tables].every((table) => listedToAll(resolver).has(table))
      )
        continue;
      const privilege = fn.args.find(
        (candidate) => PRIVILEGE_ARG.test(candidate.name) && handler.argReads.has(candidate.name),
      );
      if (privilege && fn.kind !== "query") messageId = "escalation";
      const who = messageId === "uncompared" ? "any signed-in user" : "anyone";
      if (exposed.length > 0) messageId = "exposes";
      else if (records.length > 0) messageId = "privateRecords";
      report({
        messageId,
        data: {
          kind: fn.kind,
          name: fn.name,
          arg: arg.name,
          privilege: privilege?.name ?? "",
          exposed: describeSensitive(exposed),
          records: describePrivate(records),
          who,
        },
        file: fn.file,
        line: arg.line,
        column: arg.column,
        subject: `function:${fn.file}:${fn.name}`,
        severity: fn.kind !== "query" ? "error" : exposed.length > 0 || records.length > 0 ? "warning" : "info",
      });
    }
  },
});
