/**
 * CodeFacts: the typed result of the code analysis (src/analysis/). Everything here is plain
 * data: positions are 1-based, paths are POSIX and relative to the project root.
 */

export type FunctionKind =
  "query" | "mutation" | "action" | "internalQuery" | "internalMutation" | "internalAction" | "httpAction";

export interface Position {
  line: number;
  column: number;
}

export type CallTarget =
  | { kind: "local"; name: string }
  | { kind: "import"; module: string; name: string }
  | { kind: "ref"; namespace: "api" | "internal"; path: string[] };

export type FlowEvent =
  | ({ kind: "identity"; via: string } & Position)
  | ({
      kind: "data";
      op: string;
      write: boolean;
      /** The table, when the call names it (`db.query("t")`, `db.insert("t")`, `db.get("t", id)`). */
      table?: string | null;
      /** The document id comes from this handler arg (its `v.id("t")` validator names the table). */
      idArg?: string;
      /** A write that only bumps an engagement counter (FunctionSummary.onlyCounts). */
      counts?: true;
      /** The document id is a field of another document (`db.get(track.artistId)`): the schema says which table. */
      idField?: string;
    } & Position)
  | ({
      kind: "call";
      target: CallTarget;
      /** A call that isn't given ctx (`requireTestSecret(secret)`): it counts only if it is a guard. */
      guardOnly?: true;
    } & Position)
  | ({ kind: "unknown"; what: string } & Position);

export interface Lookup extends Position {
  table: string | null;
  method: "withIndex" | "filter" | "scan";
  index: string | null;
  /** Field compared → what it is compared with (`identity.email`, `args.userId`, `other`). */
  comparisons: { field: string; value: string }[];
}

export interface FunctionSummary extends Position {
  file: string;
  name: string;
  events: FlowEvent[];
  /** The first parameter (ctx) is typed `any`. */
  ctxAny: Position | null;
  /** Calls ctx.auth / getAuthUserId directly. */
  usesAuthDirectly: boolean;
  /** `identity.x` read with no null check before it, or `(await getUserIdentity())!.x`. */
  unguardedIdentity: (Position & { text: string })[];
  lookups: Lookup[];
  inserts: (Position & { table: string })[];
  /** A lookup or write keyed by a user field (userId, ownerId, by_user index…). */
  userScoped: boolean;
  /** Writes that change or delete existing documents (patch/replace/delete). */
  modifiesExisting: boolean;
  /** Deletes documents (`db.delete`). */
  deletes: boolean;
  /**
   * Every write it makes bumps a counter (`patch(id, { views: (doc.views ?? 0) + 1 })`, a timestamp
   * beside it, or the counter's first row: `insert("visitCounts", { spaceId, count: 1 })`): the
   * caller can inflate a number, not change content. True when it writes nothing.
   */
  onlyCounts: boolean;
  /** Reads the clock (`Date.now()`, `new Date()`): what it does depends on age (expiry, cleanup of old rows). */
  readsClock: boolean;
  /** The `process.env` variables its body reads the value of (`!process.env.X`, a test of whether one is set, doesn't count). */
  envNames: string[];
  /** Helpers it calls without ctx (`complete(prompt)`): followed only for what they read from env. */
  plainCalls: CallTarget[];
  /**
   * The line where it first waits for work outside ctx: an `await` of something not ctx's own
   * (`await fetch(…)`, `await complete(…)`) or a call whose promise it returns. Null: it waits for none.
   */
  firstOutsideWait: number | null;
  /** Names of handler args (or destructured params) read in the body. */
  argReads: Set<string>;
  /** Authorization facts (backend/access.ts): set when the function has been walked. */
  access: AccessFacts | null;
  /** What it returns (backend/returns.ts). */
  returns: ReturnedData;
}

/** What a function hands back to its caller, as far as the code shows. */
export interface ReturnedData {
  /**
   * Whole documents (returned, in an array, or spread into a returned object), by table; `ref:<t>.<f>`
   * when the table is the one `t`'s id field `f` points at (the schema says which), `?` when unknown.
   */
  documents: string[];
  /** Keys of returned objects and fields read off documents (`{ contact: u.email }` → contact, email). */
  fields: string[];
  /** Helpers and functions whose results are returned (the resolver follows them). */
  calls: CallTarget[];
  /**
   * Every return hands back numbers, flags or constants only (`rows.length`, `{ total: n, ok: true
   * }`, `Math.round(…)`): counts, no record. Proven from the code, not assumed.
   */
  counts?: boolean;
}

/**
 * What a function does with documents and the caller, for authorization (backend/access.ts).
 * A value is "the caller's" when it comes from getUserIdentity()/getAuthUserId(ctx), from a
 * helper called with ctx alone (getCurrentUser(ctx)), or from a lookup keyed by one of those.
 */
export interface AccessFacts {
  /** Documents loaded or changed by an id the client passes: `ctx.db.get(args.id)`, patch/replace/delete. */
  byArgId: (Position & { op: "get" | "patch" | "replace" | "delete"; arg: string })[];
  /** A caller value or a loaded document compared with a non-literal (an owner field, an argument…): the other side. */
  compares: (Position & { left: string; right: string })[];
  /** Lookups with an `eq` on a caller value: the table (null when not a literal). */
  callerLookups: (Position & { table: string | null })[];
  /** Lookups with an `eq` of a field on a client argument (`q.eq("orgId", args.orgId)`): table, field, argument. */
  argLookups: (Position & { table: string | null; field: string; arg: string })[];
  /** Calls handing an argument, a loaded document or a caller value (with or without ctx) to other code. */
  handoffs: (Position & { callee: string; target: CallTarget | null; passes: string[] })[];
  /** A caller value is used beyond a null check (compared, stored, passed, read from). */
  callerUsed: boolean;
  /**
   * Role checks an outsider or a lower role passes: `m?.role === "viewer"` → throw with no null check
   * (optional-negative), a token's org role claim (org-claim), the role of a membership looked up by
   * the caller alone (user-only-membership, with its table), a check that rejects one lower role and
   * lets every other pass (denylist, with where the role comes from), a role test whose result nothing
   * reads (unused).
   */
  roleChecks: (Position & {
    kind: "optional-negative" | "org-claim" | "user-only-membership" | "denylist" | "unused";
    role: string;
    /** Where the tested role comes from: a token claim, a table's field, or not known. */
    source?: "claim" | "table" | "caller" | "unknown";
    table?: string | null;
  })[];
  /** Calls whose result is dropped (a statement of its own): `isAdmin(ctx);`, `await hasRole(ctx, "admin");`. */
  discardedCalls: (Position & { callee: string; target: CallTarget | null })[];
  /** The function throws somewhere (a guard can; a predicate that only returns can't). */
  throws: boolean;
  /**
   * How it stops when there is no caller: `if (!identity) throw …` ("throw"), `if (userId === null)
   * return null` ("return"), or null when it never tests the caller for null and stops.
   */
  callerGuard: "throw" | "return" | null;
  /** The line of its first caller guard (an `if` that stops without a caller), wherever it sits. */
  callerGuardLine: number | null;
  /**
   * The function's first caller guard, when it is a `return` written directly in its body (`if
   * (!user) return [];`): where, and what it hands back: one of the plain values a client might
   * render like a query still loading (GUARD_VALUES; a bare `return` is `null`, as Convex sends
   * undefined as null) or `other`. Null when the first guard throws or sits in a branch or a callback.
   */
  callerGuardReturn: (Position & { value: GuardValue | "other" }) | null;
  /** A caller's role or admin flag tested (`user.role !== "admin"`, `!me.isAdmin`). */
  privilegeCheck: boolean;
  /**
   * It stops (returns or throws) on a document's visibility flag: `if (!org.isPublic) return []`,
   * `if (!(isMember || board.isPublic)) throw …`. What it hands out past that is public, or a member's.
   */
  visibilityGate: boolean;
  /**
   * Where it first stops because a read found a row (`const existing = await
   * ctx.db.query("tiers").first(); if (existing) return 0;`, or throws): writes after it fill an
   * empty table once. Null when it has no such stop.
   */
  seedGuard: Position | null;
  /** The lines of branches that run only when a lookup found nothing (`if (!existing) { … }`). */
  fillsMissing: { line: number; endLine: number }[];
  /** `identity.org_id` (or orgId) compared with a non-literal. */
  orgClaimCompared: boolean;
  /** The token's org id claim (`identity.org_id`, `orgId`, `organization_id`) read at all. */
  orgClaimRead: boolean;
  /** Inserts whose values come from arguments: table → fields. */
  argWrites: (Position & { table: string; fields: string[] })[];
  /**
   * `as any` / `<any>` on ctx, an argument (`arg`: its name), a document read from ctx.db, an id
   * handed to ctx.db.get/patch/replace/delete, or a caller value.
   */
  anyCasts: (Position & {
    what: "ctx" | "argument" | "document" | "id" | "caller";
    text: string;
    arg?: string;
    /** The field read through the cast (`(thread as any).userId` → userId). */
    field?: string;
  })[];
}

/** The plain values a caller guard returns that a client might render like a query still loading. */
export const GUARD_VALUES = ["null", "false", "0", '""', "[]"] as const;
export type GuardValue = (typeof GUARD_VALUES)[number];

export interface ArgInfo extends Position {
  name: string;
  /** Source text of the validator, e.g. `v.id("users")`. */
  validator: string;
  /** The table a document id argument belongs to: `v.id("t")`, `v.optional(v.id("t"))` → "t". */
  table: string | null;
}

export interface RegisteredFunction extends Position {
  file: string;
  /** Export name (`default` for a default export). */
  name: string;
  kind: FunctionKind;
  /** Registered with a builder we don't know (customQuery…): we don't judge it. */
  custom: boolean;
  /** The builder's local name as called (`query`, `authedMutation`, `defineSchema`…). */
  builder: string;
  isPublic: boolean;
  /** null when the function has no args validator (`query(async (ctx) => …)` or no `args`). */
  args: ArgInfo[] | null;
  handler: FunctionSummary | null;
  /** Handler given by name (`handler: myHandler`). */
  handlerRef: string | null;
  /**
   * A custom builder imported from a module of the functions folder (`import { mutation } from
   * "./functions"`): when that module's builder only wraps the plain one (pass-through, no auth),
   * the function is judged as a plain one once every file is walked.
   */
  builderImport?: { module: string; imported: string };
  /** A `// authwire: public` comment above it: public on purpose, not flagged or protected. */
  markedPublic: boolean;
  /** Its doc comment says what it hands out is public (PUBLIC_DATA_DOC): like a public name, for the info tier only. */
  describedPublic?: boolean;
}

/** `// authwire: public` (or `/* authwire: public *\/`) above a function marks it public on purpose. */
export const PUBLIC_MARKER = /^\s*\*?\s*authwire:\s*public\b/;

/**
 * A function's own doc comment saying it is public on purpose: "Public: …", "no authentication
 * required", "anyone can read…" (and not "should not be public", "TODO: add auth").
 */
export const PUBLIC_DOC =
  /\bpublic(?:ly)? (?:on purpose|by design)\b|\bno (?:auth(?:entication)?|login|sign[- ]?in) (?:is )?(?:required|needed)\b|\b(?:does not|doesn't) require (?:auth(?:entication)?|login|signing in)\b|\banyone can (?:call|read|see|view|list)\b/i;
/**
 * A function's doc comment saying what it hands out is public ("public profile", "public
 * directory listing", "- public access", "(public)", "returns all quests without authentication"),
 * not that the function is a public one ("Public mutation for the API route"): like a public
 * name, info-tier findings stay silent.
 */
export const PUBLIC_DATA_DOC =
  /\b(?:returns?|lists?|serves?)\b[^.\n]*\bwithout (?:auth(?:entication)?|login|signing in)\b|\bpublic (?:access|information|info|(?:user )?profiles?|view|directory|listing|reference|feed|page|activit(?:y|ies))\b|(?:\(|[-–—]\s*)public\s*(?:\)|$)/im;
/**
 * A query whose name says it serves everyone (`getPublicVideos`, `getTrustLeaderboard`,
 * `exploreGigs`, `listShowcase`): info-tier findings stay silent; warnings and `protect` still count it.
 */
export const PUBLIC_NAME = /public|featured|trending|leaderboard|showcase|explore|popular/i;
/** A query named as an aggregate (`getOnlineUsersCount`, `getPlatformStats`, `countBrands`, `getTotalPages`): numbers, not records. */
export const AGGREGATE_NAME = /^count[A-Z]|(?:^|[a-z])(?:Counts?|Stats|Statistics|Analytics|Total)(?:[A-Z]|$)/;
/** A query named for what a profile page shows (`getUserPosts`, `getMusicianRating`, `getFollowersWithDetails`). */
export const PUBLISHED_NAME =
  /(?:^|[a-z])(?:Posts?|Comments|Reviews|Ratings?|Testimonials|Followers|Following|Presence|Online)(?:[A-Z]|$)/;
/** A query named as a yes/no question (`canCreateCrewChat`, `hasSecurityQuestion`, `getUserFeatureEligibility`): an answer, not records. */
export const QUESTION_NAME = /^(?:can|has|is|check)[A-Z]|Eligibility$/;
/**
 * A query whose name says it serves everyone, counts, answers yes or no, or shows a profile (the
 * four above), or whose doc comment says what it hands out is public.
 */
export function servesEveryone(fn: Pick<RegisteredFunction, "name" | "describedPublic">): boolean {
  return (
    fn.describedPublic === true ||
    [PUBLIC_NAME, AGGREGATE_NAME, QUESTION_NAME, PUBLISHED_NAME].some((pattern) => pattern.test(fn.name))
  );
}
/** The identity event of `if (secret !== process.env.X) throw …` (a worker's secret, a test-mode flag). */
export const SHARED_SECRET = "shared-secret comparison";

/**
 * Its first step is a read of ctx.db itself, before any check, call or write: what a mutation
 * that reads, then stops a stranger, starts with (its returns are then worth reading).
 */
export function readsFirst(summary: Pick<FunctionSummary, "events">): boolean {
  const first = summary.events[0];
  return first?.kind === "data" && !first.write && first.op.startsWith("db.");
}

/** A function named as upkeep (`cleanup`, `deleteExpiredCampaigns`, `migrateApplications`, `bulkInitializeTrustScores`, `rebuildFacets`). */
export const MAINTENANCE_NAME = /clean|expire|migrat|backfill|initiali[sz]e|recompute|recalculate|rebuild/i;
export const NOT_PUBLIC_DOC =
  /\blater\b|\b(?:not|never|shouldn't|should not|todo|fixme)\b[^.\n]*\bpublic\b|\btodo\b|\bfixme\b/i;

/** What a `defineTable(…)` call declares. */
export interface TableDefinition {
  fields: string[];
  /** Field → its validator's source text (`v.optional(v.string())`). */
  validators: Record<string, string>;
  indexes: { name: string; fields: string[] }[];
  /** Field → the table a `v.id("t")` field points at (optional and array ids included). */
  references: Record<string, string>;
}

export interface SchemaTable extends Position {
  name: string;
  fields: string[];
  /** Field → its validator's source text (`v.optional(v.string())`). */
  validators: Record<string, string>;
  indexes: { name: string; fields: string[] }[];
  /** Field → the table a `v.id("t")` field points at (optional and array ids included). */
  references: Record<string, string>;
  /** The fields that scope a document to a user or to an organization (for authorization). */
  scope: { user: string[]; org: string[] };
  /** Defined in another file (`users: userModel`, imported): filled in once every file is walked. */
  importedFrom?: { module: string; imported: string };
}

export interface SchemaInfo extends Position {
  file: string;
  tables: SchemaTable[];
  /** Identifiers spread into defineSchema (`...authTables`). */
  spreads: string[];
}

export interface ModuleInfo {
  file: string;
  imports: Map<string, { module: string; imported: string }>;
  helpers: Map<string, FunctionSummary>;
  functions: RegisteredFunction[];
  /** export name → local name. */
  exportNames: Map<string, string>;
  /**
   * Names exported from another module (`export { a as b } from "./x"`: names b → a) or all of
   * them (`export * from "./x"`: names null), as barrel files (`lib/index.ts`) do.
   */
  reExports: { module: string; names: Map<string, string> | null }[];
  envReads: (Position & { name: string })[];
  /**
   * `process.env` variables read at the top level outside a client's construction (`const KEY =
   * process.env.X`, `configure({ key: process.env.X })`): each function of the module may use them.
   */
  topLevelEnv: string[];
  /**
   * Top-level bindings built from `process.env` variables (`const stripe = new Stripe(process.env.X)`,
   * and what is built from them): the variables count for the functions that use the binding.
   */
  envClients: Map<string, string[]>;
  /**
   * Builders this module makes that only wrap a plain one and check nobody (`const mutation =
   * customMutation(rawMutation, customCtx(triggers.wrapDB))`): local name → the kind they build.
   */
  passThroughBuilders: Map<string, FunctionKind>;
  /** `X.addHttpRoutes(...)` calls (http.ts). */
  addHttpRoutes: Position[];
  hasDefaultExport: boolean;
  httpRoutes: (Position & { path: string })[];
  /** `convexAuth({ providers: [...] })`: the provider names, or null when not a literal array. */
  convexAuth: (Position & { providers: string[] | null }) | null;
  /** `"use node"` at the top. */
  useNode: boolean;
}

export interface BackendIndex {
  modules: Map<string, ModuleInfo>;
  schema: SchemaInfo | null;
  /** `file\0const` → a table defined outside the schema file, for the schema to import. */
  tableDefinitions: Map<string, TableDefinition>;
}

/**
 * The first function or helper that depends on who the caller is: it asks
 * (`ctx.auth.getUserIdentity()`, `getAuthUserId(ctx)`) and stops without a caller or looks rows up
 * by them. The backend expects signed-in callers even when no provider shows here (a monorepo's
 * backend package, whose app holds the SDK); a template that only shows `identity?.name` doesn't.
 */
export function firstCallerDependent(backend: BackendIndex): RegisteredFunction | FunctionSummary | null {
  const depends = (summary: FunctionSummary | null | undefined): summary is FunctionSummary =>
    Boolean(
      summary?.usesAuthDirectly &&
      summary.access &&
      (summary.access.callerGuard !== null || summary.access.callerLookups.length > 0),
    );
  for (const module of backend.modules.values()) {
    for (const registered of module.functions) if (depends(registered.handler)) return registered;
    for (const helper of module.helpers.values()) if (depends(helper)) return helper;
  }
  return null;
}

export function emptyBackendIndex(): BackendIndex {
  return { modules: new Map(), schema: null, tableDefinitions: new Map() };
}

/* ------------------------------------------------------------------ client */

export interface ImportBinding {
  module: string;
  imported: string;
}

export interface JsxUse extends Position {
  /** Local name as written (`ClerkProvider`, `Foo.Bar`). */
  name: string;
  /** The import it comes from, when imported. */
  from: ImportBinding | null;
  /** Enclosing JSX element names, outermost first. */
  ancestors: string[];
  /** Attribute name → identifier it is set to (`useAuth={useAuth}` → "useAuth"), or "" for other values; string literal values as `"text"`. */
  attributes: Map<string, string>;
}

/** A call of a query hook (QUERY_HOOKS: `useQuery`, `usePaginatedQuery`…). */
export interface QueryCall extends Position {
  hook: string;
  from: ImportBinding | null;
  /** The function its first argument names through the generated `api` (`api.a.b.fn` → ["a", "b", "fn"]), or null. */
  ref: string[] | null;
  /**
   * For a hook that returns the result itself (`const x = useQuery(…)` from convex/react): the
   * GUARD_VALUES the component renders exactly like the loading state (query-results.ts); else none.
   */
  loadingAlike: GuardValue[];
}

export interface ClientFile {
  file: string;
  imports: Map<string, ImportBinding>;
  elements: JsxUse[];
  hookCalls: (Position & { name: string; from: ImportBinding | null })[];
  /** The query hook calls, a subset of `hookCalls` with what they ask for and how their result is read. */
  queries: QueryCall[];
  /** `const { isSignedIn, … } = useAuth()`: the hook and the keys taken from it. */
  hookDestructures: (Position & { hook: string; from: ImportBinding | null; keys: string[] })[];
  /** `getToken({ template: "convex" })`. */
  templateTokens: Position[];
  /** `client.setAuth(…)` on a plain identifier (a ConvexReactClient the file names or imports). */
  setAuthCalls: (Position & { client: string })[];
  envReads: (Position & { name: string })[];
  /** Names this file exports (including `default`). */
  exports: Set<string>;
  directives: string[];
}

export interface ClientIndex {
  files: Map<string, ClientFile>;
}

export function emptyClientIndex(): ClientIndex {
  return { files: new Map() };
}

/* --------------------------------------------------------------- CodeFacts */

/** A file the analysis could not use, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * What the code analysis knows about a project: one parse and one walk per file read, the ASTs
 * dropped as soon as the facts are taken. Rules, scaffold and recipes read this.
 */
export interface CodeFacts {
  /** The functions folder (registrations, identity flow, lookups, schema, HTTP routes). */
  backend: BackendIndex;
  /** Client code that wires Convex or an auth SDK. */
  client: ClientIndex;
  /** Files read but not analysed (unreadable, too large, a syntax error). */
  skipped: SkippedFile[];
  /** Code files outside the functions folder left unparsed by the text prefilter. */
  prefiltered: number;
}

export function emptyCodeFacts(): CodeFacts {
  return { backend: emptyBackendIndex(), client: emptyClientIndex(), skipped: [], prefiltered: 0 };
}
