/**
 * What a function hands out that nobody should get from a stranger: contact details and
 * credentials (emails, phone numbers, addresses, secrets, tokens, passwords) in the documents it
 * returns whole or in the fields it picks, and records private by their kind (a user's messages,
 * payments, settings) read for whoever the client names. A public page of listings is fine; the
 * same page returning each poster's phone number and the listing's edit secret is a leak, whatever
 * the intent. And the other way: what is published by nature (posts, reviews, presence, a one-room
 * chat), which a stranger may read.
 */
import { MEMBER_TABLE, USER_TABLE, authorizationOf } from "./authz.ts";
import { AUTHOR_FIELD, VISIBILITY_FIELD } from "./shared.ts";
import { PUBLIC_NAME, QUESTION_NAME, type RegisteredFunction, type SchemaInfo, type SchemaTable } from "./facts.ts";
import type { BackendResolver } from "./resolver.ts";

/** Last words of a field name that hold contact details or a credential. */
const SENSITIVE_LAST = new Set([
  "email",
  "phone",
  "mobile",
  "password",
  "secret",
  "ssn",
  "iban",
  "birthday",
  "birthdate",
]);
/** Two-word endings (`phoneNumber`, `apiKey`, `accessToken`, `dateOfBirth`…). */
const SENSITIVE_PAIR =
  /^(?:(?:phone|mobile|card|account|routing|passport|license)_number|email_address|password_hash|(?:secret|api|private|signing|encryption)_key|(?:access|refresh|reset|session|auth|verification|invite|bearer|api|push|magic|confirm|csrf|id)_token|of_birth|birth_date|(?:home|street|postal|billing|shipping|mailing|physical|ip)_address)$/;
/** A bare `token` or `address` only when the whole name is that word (`token`, `address`). */
const SENSITIVE_ALONE = new Set(["token", "address"]);
/** Validators of bare numbers and flags. */
const NUMBER_KINDS = new Set(["boolean", "number", "int64", "float64"]);
/** Validators of values that can't hold contact details or a credential (`emailVerified: v.boolean()`). */
const NOT_TEXT_KINDS = new Set([...NUMBER_KINDS, "id"]);

/** A validator's kind, under `v.optional` (`v.optional(v.number())` → `number`). */
function validatorKind(table: SchemaTable, field: string): string | undefined {
  return /^v\.(?:optional\(v\.)?(\w+)\(/.exec((table.validators[field] ?? "").replace(/\s+/g, ""))?.[1];
}

/** A word as written and its singulars (`messages` → `message`, `inboxes` → `inbox`). */
function forms(word: string): string[] {
  return [word, word.replace(/s$/, ""), word.replace(/es$/, ""), word.replace(/ies$/, "y"), word.replace(/zes$/, "")];
}

/** The schema's table of that name, or undefined (no schema, or not in it). */
export function tableNamed(name: string | null | undefined, schema: SchemaInfo | null): SchemaTable | undefined {
  return schema?.tables.find((candidate) => candidate.name === name);
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_\s-]+/)
    .filter(Boolean);
}

/** Contact details published on purpose: a business's, support's, a public one (`businessEmail`, `supportPhone`). */
const PUBLISHED = new Set(["business", "support", "public", "company", "office", "sales", "press", "help"]);
const CONTACT = new Set(["email", "phone", "mobile", "address"]);
const CONTACT_NUMBER = new Set(["phone", "mobile", "contact", "telephone", "whatsapp"]);

/** A field holding how to reach someone (`email`, `phoneNumber`, `contactNumber`), not an account number. */
function contactField(parts: readonly string[]): boolean {
  const last = parts.at(-1) ?? "";
  return CONTACT.has(last) || (last === "number" && CONTACT_NUMBER.has(parts.at(-2) ?? ""));
}

/** Last words of tables whose rows are businesses listed in a directory (`clinics`, `petServices`, `providers`). */
const BUSINESS = new Set([
  "business",
  "clinic",
  "shop",
  "store",
  "restaurant",
  "venue",
  "vendor",
  "hotel",
  "service",
  "salon",
  "pharmacy",
  "hospital",
  "provider",
  "merchant",
  // A rental or sale listing shows where it is and whom to call.
  "listing",
  "property",
  "rental",
  "apartment",
]);

/** Whether a field's name says it holds contact details or a credential. */
export function isSensitiveField(name: string): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1];
  if (!last) return false;
  if (contactField(parts) && parts.some((part) => PUBLISHED.has(part))) return false;
  if (SENSITIVE_LAST.has(last)) return true;
  if (parts.length === 1) return SENSITIVE_ALONE.has(last);
  return SENSITIVE_PAIR.test(parts.slice(-2).join("_"));
}

export interface SensitiveReturn {
  /** The table whose whole documents are returned, or null for fields picked into a returned object. */
  table: string | null;
  fields: string[];
}

/**
 * The sensitive fields a function returns: those of the tables whose whole documents it returns
 * (by the schema, text-valued ones) and those it picks into returned objects. Empty when nothing
 * sensitive is seen.
 */
export function sensitiveReturns(
  resolver: BackendResolver,
  fn: RegisteredFunction,
  schema: SchemaInfo | null,
): SensitiveReturn[] {
  const returned = resolver.returned(fn);
  const found: SensitiveReturn[] = [];
  const covered = new Set<string>();
  // A business's phone and address (a clinic, a shop in a directory) are published like `businessEmail`.
  const business = (name: string) => forms(words(name).at(-1) ?? "").some((form) => BUSINESS.has(form));
  for (const name of returned.tables) {
    const table = tableNamed(name, schema);
    if (!table) continue;
    const fields = table.fields.filter(
      (field) =>
        isSensitiveField(field) &&
        !(business(name) && contactField(words(field))) &&
        !NOT_TEXT_KINDS.has(validatorKind(table, field) ?? ""),
    );
    if (fields.length === 0) continue;
    found.push({ table: name, fields });
    for (const field of fields) covered.add(field);
  }
  // Fields picked off rows of businesses only (`{ address: p.address }` of listings) are theirs too.
  const read = resolver.reads(fn);
  const fromBusinesses = !read.unknownTable && read.tables.size > 0 && [...read.tables].every(business);
  const picked = [...returned.fields].filter(
    (field) => isSensitiveField(field) && !covered.has(field) && !(fromBusinesses && contactField(words(field))),
  );
  if (picked.length > 0) found.push({ table: null, fields: picked });
  return found;
}

/** `email` and `phone` of `users` documents; `secret` of `gigs` documents: the message's words. */
export function describeSensitive(returns: readonly SensitiveReturn[]): string {
  return returns
    .map(({ table, fields }) => {
      const list = fields
        .slice(0, 4)
        .map((field) => `\`${field}\``)
        .join(", ");
      return table ? `${list} of \`${table}\` documents` : list;
    })
    .join("; ");
}

/**
 * Last words of table names whose rows are private by their kind: communications (`messages`,
 * `chats`, `notifications`), money (`payments`, `orders`, `carts`, `subscriptions`), a user's
 * settings and their résumé. Posts, reviews, events and profiles are published by nature.
 */
const PRIVATE_KIND = new Map<string, string>(
  Object.entries({
    communications: ["message", "chat", "conversation", "dm", "inbox", "mail", "notification"],
    money: [
      "payment",
      "invoice",
      "order",
      "cart",
      "transaction",
      "subscription",
      "billing",
      "expense",
      "wallet",
      "payout",
      "purchase",
    ],
    settings: ["setting", "preference"],
    "personal documents": ["resume"],
  }).flatMap(([kind, names]) => names.map((name) => [name, kind] as const)),
);

/** Last words that say only "rows of": the word before them names the kind (`cartItems`, `orderLines`). */
const GENERIC_LAST = new Set(["item", "items", "entry", "entries", "line", "lines", "record", "records"]);

/** The kind of private records a table holds by its name (`chatMessages` → communications), or null. */
export function privateKind(table: string): string | null {
  const parts = words(table);
  if (parts.length > 1 && GENERIC_LAST.has(parts.at(-1)!)) parts.pop();
  for (const form of forms(parts.at(-1) ?? "")) {
    const kind = PRIVATE_KIND.get(form);
    if (kind) return kind;
  }
  return null;
}

/**
 * Last words of table names whose rows are published by nature: what a profile page shows (a
 * forum's replies and the votes a page counts among them), and a multiplayer game's shared state
 * (its players, turns, rounds, guesses, scores and leaderboard), which every player and spectator
 * sees. A game's secrets (the word to draw, a hand of cards) live in tables of their own, which
 * still count.
 */
const PUBLISHED_KIND = new Set([
  "post",
  "feed",
  "comment",
  "reply",
  "review",
  "rating",
  "testimonial",
  "follow",
  "follower",
  "following",
  "like",
  "vote",
  "reaction",
  "presence",
  "game",
  "player",
  "turn",
  "round",
  "guess",
  "score",
  "highscore",
  "leaderboard",
  "duel",
  "battle",
  "lobby",
]);

/** Rows published by nature (`posts`, `videoComments`, `musicianRatings`, `followers`, `gamePlayers`); see ofTeamRow. */
export function publishedKind(table: string): boolean {
  return forms(words(table).at(-1) ?? "").some((form) => PUBLISHED_KIND.has(form));
}

/**
 * Last words of table names whose rows an app lists for visitors to browse: a catalogue (events,
 * courses, tracks, job listings, clubs) and its filters (categories, countries). Not when an earlier
 * word makes them someone's (`savedListings`, `myEvents`, `draftCourses`).
 */
const CATALOGUE_KIND = new Set([
  "event",
  "course",
  "quiz",
  "artist",
  "track",
  "album",
  "song",
  "listing",
  "posting",
  "club",
  "community",
  "category",
  "country",
  "language",
]);
const PERSONAL = new Set([
  "saved",
  "favorite",
  "favourite",
  "bookmarked",
  "liked",
  "my",
  "user",
  "private",
  "draft",
  "wishlist",
]);

/**
 * Rows of a catalogue by the table's name (`events`, `jobListings`, `categories`; not
 * `savedListings`), a directory of businesses among them (`clinics`, `petServices`, `providers`).
 */
export function catalogueKind(table: string): boolean {
  const parts = words(table);
  return (
    forms(parts.at(-1) ?? "").some((form) => CATALOGUE_KIND.has(form) || BUSINESS.has(form)) &&
    !parts.slice(0, -1).some((part) => PERSONAL.has(part))
  );
}

/**
 * A chat with no rooms, threads or recipients (the Convex demos' `messages`: a body and its author):
 * one room everyone is in, so its messages are public. Not notifications or mail: their one user is
 * the recipient.
 */
export function oneRoom(name: string, schema: SchemaInfo | null): boolean {
  const table = tableNamed(name, schema);
  return (
    table !== undefined &&
    /^(?:message|chat)s?$/.test(words(name).at(-1) ?? "") &&
    table.scope.org.length === 0 &&
    table.scope.user.length <= 1 &&
    Object.values(table.references).every((target) => USER_TABLE.test(target))
  );
}

/**
 * A read of only what everyone sees, with its authors (the users table): tables published by nature
 * and one-room chats, and with `catalogue`, a catalogue's tables. Tables unknown to the analysis don't count.
 */
export function readsPublished(
  tables: ReadonlySet<string>,
  unknownTable: boolean,
  schema: SchemaInfo | null,
  catalogue = false,
): boolean {
  const shown = (name: string) =>
    (publishedKind(name) && !ofTeamRow(name, schema)) ||
    oneRoom(name, schema) ||
    (catalogue && (catalogueKind(name) || partOfCatalogue(name, schema)));
  const all = [...tables];
  return !unknownTable && all.some(shown) && all.every((name) => shown(name) || USER_TABLE.test(name));
}

/**
 * Rows about a team's row (a task's `comments`, a document's `reactions`): an id the table holds
 * points at a table scoped to an organization or a workspace, whose rows only its members see.
 */
function ofTeamRow(name: string, schema: SchemaInfo | null): boolean {
  const table = tableNamed(name, schema);
  return Object.values(table?.references ?? {}).some(
    (parent) => (tableNamed(parent, schema)?.scope.org.length ?? 0) > 0,
  );
}

/** A field holding what a player must find (`correctAnswer`, `answerIndex`, `solution`). */
const ANSWER_KEY = /answer|solution|correct/i;

/**
 * A table whose rows are parts of a catalogue's rows (an event's ticket types, a course's modules):
 * the schema gives it no owner and no org, and every id it holds points at a catalogue's table by
 * name. One level only: a module's lessons are a course's content, which a course may sell. Not a
 * quiz's questions with their answer key, nor a game's parts: its secrets (the word to draw) are kept
 * in them.
 */
function partOfCatalogue(name: string, schema: SchemaInfo | null): boolean {
  const table = tableNamed(name, schema);
  if (!table || table.scope.user.length > 0 || table.scope.org.length > 0) return false;
  if (table.fields.some((field) => ANSWER_KEY.test(field))) return false;
  const parents = Object.values(table.references);
  return parents.length > 0 && parents.every((parent) => parent !== name && catalogueKind(parent));
}

/**
 * A table the schema gives with no owner, no org and no id of another table (site-wide `settings`
 * read by a key): its rows are nobody's.
 */
function nobodys(name: string, schema: SchemaInfo | null): boolean {
  const table = tableNamed(name, schema);
  return (
    table !== undefined &&
    table.fields.length > 0 &&
    table.scope.user.length === 0 &&
    table.scope.org.length === 0 &&
    Object.keys(table.references).length === 0
  );
}

/**
 * A table whose rows hold bare numbers and flags, no text and no ids (the Convex template's
 * `numbers`): nobody's, and nothing anyone wrote.
 */
export function holdsOnlyNumbers(name: string, schema: SchemaInfo | null): boolean {
  const table = tableNamed(name, schema);
  return (
    table !== undefined &&
    table.fields.length > 0 &&
    table.fields.every((field) => NUMBER_KINDS.has(validatorKind(table, field) ?? ""))
  );
}

/**
 * A table of what its authors made for others to see (`campaigns` by `creatorUserId`, `newsArticles`
 * by `authorId`, `liveSessions` by `instructorId`): every field tying its rows to a user names an
 * author (AUTHOR_FIELD), none names an owner or an organization, and its name is no private kind.
 * Its rows are published when the app hands them out openly elsewhere: another public query reads
 * the table before any identity check. When every other reader checks the caller (an admin's
 * newsletter drafts), they are not, nor when a field says some rows are not for everyone
 * (`isPublic`, `visibility`): then the open reader may be the hole.
 */
/** A field saying some rows are not for everyone (`isPublic`, `isPrivate`, `visibility`, `draft`). */
const ROW_VISIBILITY = /^(?:is_?)?(?:public|private|published|draft|hidden|visible|listed)$|^visibility$/i;

/** The schema's table has a field saying some of its rows are not for everyone. */
function hidesSomeRows(name: string, schema: SchemaInfo | null): boolean {
  return tableNamed(name, schema)?.fields.some((field) => ROW_VISIBILITY.test(field)) ?? false;
}

export function publishedByAuthors(
  name: string,
  fn: RegisteredFunction,
  resolver: BackendResolver,
  schema: SchemaInfo | null,
): boolean {
  const table = tableNamed(name, schema);
  return (
    table !== undefined &&
    table.scope.org.length === 0 &&
    table.scope.user.length > 0 &&
    table.scope.user.every((field) => AUTHOR_FIELD.test(field)) &&
    !hidesSomeRows(name, schema) &&
    privateKind(name) === null &&
    (resolver.openlyRead().get(name) ?? []).some((reader) => reader !== fn)
  );
}

/**
 * Reads only what authors published (`published`), with their authors' users rows and what
 * `alsoPublic` allows (a catalogue's tables): a seller's listings, a brand's campaigns.
 */
export function readsAuthoredContent(
  tables: ReadonlySet<string>,
  unknownTable: boolean,
  published: (table: string) => boolean,
  alsoPublic: (table: string) => boolean = () => false,
): boolean {
  const all = [...tables];
  return (
    !unknownTable &&
    all.some(published) &&
    all.every((table) => published(table) || alsoPublic(table) || USER_TABLE.test(table))
  );
}

const listings = new WeakMap<BackendResolver, { toAll: Set<string>; declared: Set<string> }>();

/**
 * Tables the app lists in full to whoever may call a public query: the handler reads the table
 * with no lookup narrowing it, returns its documents whole, and checks nothing but (perhaps) that
 * someone is signed in: no owner, membership or role, and no call it can't see. A query over
 * those rows hands out nothing the list doesn't. Not private records (messages, payments): a
 * list of everyone's is a hole of its own, no excuse for another.
 */
export function listedToAll(resolver: BackendResolver): Set<string> {
  return wholeListings(resolver).toAll;
}

/**
 * Hands out whole rows of a table whose rows say some are not for everyone (`isPublic`,
 * `visibility`) without selecting by that flag: a query said to be public that returns the
 * private rows too.
 */
export function listsHiddenRows(resolver: BackendResolver, fn: RegisteredFunction, schema: SchemaInfo | null): boolean {
  const reads = resolver.reads(fn);
  const selected = reads.lookups.some((lookup) =>
    lookup.comparisons.some(({ field }) => ROW_VISIBILITY.test(field) || VISIBILITY_FIELD.test(field)),
  );
  return !selected && [...resolver.returned(fn).tables].some((name) => hidesSomeRows(name, schema));
}

/**
 * Tables a query declared public lists in full (`getAllCharactersPublic`, or one whose doc comment
 * says "returns all characters without authentication"): the app publishes them on purpose, so
 * other queries over their rows hand out nothing new. Not the users table, nor a table whose rows
 * say some are not for everyone (`isPublic`, `visibility`): there the declared query picks the
 * public ones.
 */
export function declaredPublic(name: string, resolver: BackendResolver, schema: SchemaInfo | null): boolean {
  return wholeListings(resolver).declared.has(name) && !USER_TABLE.test(name) && !hidesSomeRows(name, schema);
}

function wholeListings(resolver: BackendResolver): { toAll: Set<string>; declared: Set<string> } {
  const known = listings.get(resolver);
  if (known) return known;
  const found = { toAll: new Set<string>(), declared: new Set<string>() };
  for (const fn of resolver.functions()) {
    if (!fn.isPublic || fn.custom || fn.kind !== "query") continue;
    const handler = resolver.handlerOf(fn);
    if (!handler) continue;
    const narrowed = new Set(
      handler.lookups.filter((lookup) => lookup.comparisons.length > 0).map((lookup) => lookup.table),
    );
    const whole = handler.events.flatMap((event) =>
      event.kind === "data" && event.op === "db.query" && event.table && !narrowed.has(event.table)
        ? [event.table]
        : [],
    );
    if (whole.length === 0) continue;
    const authz = authorizationOf(resolver, handler);
    if (authz.owner || authz.membership || authz.privilege || authz.unknown) continue;
    const returned = resolver.returned(fn).tables;
    // Said in so many words: a `featured` or `trending` list is a selection, not the table.
    const declares = fn.markedPublic || fn.describedPublic === true || /public/i.test(fn.name);
    for (const table of whole) {
      if (!returned.has(table) || privateKind(table) !== null) continue;
      found.toAll.add(table);
      if (declares) found.declared.add(table);
    }
  }
  listings.set(resolver, found);
  return found;
}

/** The tables of private records among `tables`, sorted; a one-room chat's and nobody's are not private. */
export function privateRecords(tables: Iterable<string>, schema: SchemaInfo | null): string[] {
  return [...tables]
    .filter((table) => privateKind(table) !== null && !oneRoom(table, schema) && !nobodys(table, schema))
    .sort();
}

/** `` `notifications` (communications), `payments` (money) ``: the message's words. */
export function describePrivate(tables: readonly string[]): string {
  return tables.map((table) => `\`${table}\` (${privateKind(table)})`).join(", ");
}

/** What an account is, not what it holds: its role, plan tier, status, theme or locale, its row's id. */
const ACCOUNT_LABEL =
  /^(?:_id|auth_?id|roles?|is_?admin|admin_?role|tier|(?:subscription_?)?(?:plan|tier)|status|theme|locale|language|(?:image_?)?credits)$/i;

/** The values a catalogue's filter offers (`countries`, `categories`, `majors`, `schools`). */
const FACET =
  /^(?:countr(?:y|ies)|(?:sub_?)?categor(?:y|ies)|tags?|genres?|industr(?:y|ies)|majors?|schools?|compan(?:y|ies)|niches?|regions?)$/i;

/**
 * A query that hands out only labels of an account (`return user?.role`, `{ authId, role, status }`,
 * a theme, a credit balance) or the values a filter offers (`[...new Set(rows.map((row) =>
 * row.country))]`), no documents: what it returns is one value about the account, not the user's
 * records. Not a role read from a membership (`getMemberRole`): it says who belongs to
 * which organization. A helper whose result it returns can't be read this way, so it doesn't count.
 */
export function returnsOnlyLabels(resolver: BackendResolver, fn: RegisteredFunction): boolean {
  const handler = resolver.handlerOf(fn);
  if (!handler || handler.returns.calls.length > 0) return false;
  const returned = resolver.returned(fn);
  return (
    returned.tables.size === 0 &&
    returned.fields.size > 0 &&
    [...returned.fields].every((field) => ACCOUNT_LABEL.test(field) || FACET.test(field)) &&
    ![...resolver.reads(fn).tables].some((table) => MEMBER_TABLE.test(table))
  );
}

/**
 * A query that takes nothing from the client and returns only numbers, flags or constants
 * (`getSystemHealth` counting rows, `totalTodos`): counts over the whole app, no record. Not one
 * keyed by a user the client names: their unread count or revenue is theirs.
 */
export function returnsOnlyCounts(resolver: BackendResolver, fn: RegisteredFunction): boolean {
  return resolver.handlerOf(fn)?.returns.counts === true && fn.args?.length === 0;
}

/**
 * A query whose name says it is public (`getPublicSubscriptionsPaginated`, the profile tab anyone
 * sees) or asks a yes/no question (`hasActiveSubscription`): what it reads builds what everyone may
 * see, or an answer. Not a count's name: another user's unread count or revenue is theirs.
 */
export function handsOutNoRecords(fn: RegisteredFunction): boolean {
  return PUBLIC_NAME.test(fn.name) || QUESTION_NAME.test(fn.name);
}
