/**
 * Cross-file work over the backend facts: resolves helpers imported from the functions folder and
 * `ctx.runQuery(api.x.y)` references, classifies whether each function checks identity before it
 * touches data, and lists the public functions that don't (AW602's findings) and the public actions
 * that spend a server secret without one (AW612's); `authwire protect` inserts the check into exactly those.
 */
import { posix } from "node:path";
import { isSecretName } from "../project/client-env.ts";
import {
  MAINTENANCE_NAME,
  SHARED_SECRET,
  readsFirst,
  type BackendIndex,
  type CallTarget,
  type FunctionSummary,
  type GuardValue,
  type Lookup,
  type ModuleInfo,
  type Position,
  type RegisteredFunction,
} from "./facts.ts";

export function resolveModulePath(fromFile: string, source: string, known: ReadonlySet<string>): string | null {
  if (!source.startsWith(".")) return null;
  const base = posix.normalize(posix.join(posix.dirname(fromFile), source)).replace(/\.(?:js|mjs|cjs|jsx)$/, "");
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.js`,
    `${base}.mts`,
    `${base}.mjs`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/**
 * Where an export of the module at `path` is defined, through barrel files' re-exports (`export *
 * from "./functions"`, `export { a as b } from "./x"`): the module and the name it has there. A name
 * the module doesn't list is taken as its own (a helper the walk keyed by name).
 */
export function resolveExport(
  index: BackendIndex,
  known: ReadonlySet<string>,
  path: string,
  name: string,
): { module: ModuleInfo; local: string } | null {
  const module = index.modules.get(path);
  if (!module) return null;
  return exportedFrom(index, known, module, name, 0) ?? { module, local: name };
}

function exportedFrom(
  index: BackendIndex,
  known: ReadonlySet<string>,
  module: ModuleInfo,
  name: string,
  depth: number,
): { module: ModuleInfo; local: string } | null {
  const local = module.exportNames.get(name);
  if (local !== undefined) return { module, local };
  if (depth >= 8) return null;
  for (const reExport of module.reExports) {
    const imported = reExport.names === null ? name : reExport.names.get(name);
    if (imported === undefined) continue;
    const path = resolveModulePath(module.file, reExport.module, known);
    const target = path ? index.modules.get(path) : undefined;
    const found = target ? exportedFrom(index, known, target, imported, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

export type AuthOrder = "identity-first" | "data-first" | "none" | "unknown";

export interface Classification {
  order: AuthOrder;
  /** Some identity check happens somewhere on the path (even after data). */
  checksIdentity: boolean | "unknown";
  /**
   * The data access the order rests on: the first write before any identity check, or the first
   * read when no check follows it. A read followed by a check (load, then compare the owner) is not
   * one: nothing leaves the function before the check throws.
   */
  firstData: Position | null;
  /** Data is written before any identity check (not only read). */
  firstDataWrites?: boolean;
}

/**
 * The function compares the caller with something (`toy.creatorId !== userId`) after `read` and
 * can throw: the owner check of a load-then-compare, written inline.
 */
function ownerCheckAfter(summary: FunctionSummary, read: Position): boolean {
  const access = summary.access;
  return (
    access !== null &&
    access.throws &&
    access.compares.some(
      ({ left, right, line }) => line >= read.line && (left.startsWith("caller") || right.startsWith("caller")),
    )
  );
}

/** Resolves helpers and function references across the functions folder. */
export class BackendResolver {
  private readonly memo = new Map<FunctionSummary, Classification>();
  private readonly known: Set<string>;
  /** `fromDir\0source` → resolved module path (many modules import the same helpers). */
  private readonly paths = new Map<string, string | null>();
  private allFunctions: RegisteredFunction[] | undefined;
  private allSummaries: FunctionSummary[] | undefined;
  private readonly readsMemo = new Map<RegisteredFunction, DataReads>();
  private openReaders: Map<string, RegisteredFunction[]> | undefined;

  constructor(
    private readonly index: BackendIndex,
    private readonly convexDir: string,
  ) {
    this.known = new Set(index.modules.keys());
  }

  /** Every registered function (all modules), in file order. The index is complete when the resolver is made. */
  functions(): RegisteredFunction[] {
    this.allFunctions ??= [...this.index.modules.values()].flatMap((module) => module.functions);
    return this.allFunctions;
  }

  private resolvePath(file: string, source: string): string | null {
    const key = `${posix.dirname(file)}\0${source}`;
    let path = this.paths.get(key);
    if (path === undefined) {
      path = resolveModulePath(file, source, this.known);
      this.paths.set(key, path);
    }
    return path;
  }

  /** The handler summary of a registered function (inline or by name). */
  handlerOf(fn: RegisteredFunction): FunctionSummary | null {
    if (fn.handler) return fn.handler;
    if (fn.handlerRef) return this.index.modules.get(fn.file)?.helpers.get(fn.handlerRef) ?? null;
    return null;
  }

  /** The summary a call in `file` reaches: a helper, a referenced function, or "unknown". */
  resolveCall(file: string, target: CallTarget): FunctionSummary | "unknown" {
    const found = this.resolveTarget(file, target);
    return found === "ignore" ? "unknown" : found;
  }

  private resolveTarget(file: string, target: CallTarget): FunctionSummary | "unknown" | "ignore" {
    if (target.kind === "local") return this.callable(this.index.modules.get(file), target.name);
    if (target.kind === "import") {
      const path = this.resolvePath(file, target.module);
      const found = path ? resolveExport(this.index, this.known, path, target.name) : null;
      return found ? this.callable(found.module, found.local) : "unknown";
    }
    const fn = this.functionAt(target.path);
    if (!fn || fn.custom) return "unknown";
    return this.handlerOf(fn) ?? "unknown";
  }

  /**
   * A module's helper by name, or a registered function called like one (`createCustomer(ctx,
   * args)`: Convex runs its handler in the caller's transaction, with a warning).
   */
  private callable(module: ModuleInfo | undefined, name: string): FunctionSummary | "unknown" {
    const helper = module?.helpers.get(name);
    if (helper) return helper;
    const fn = module?.functions.find((candidate) => candidate.name === name);
    return (fn && !fn.custom && this.handlerOf(fn)) || "unknown";
  }

  /** The registered function a reference names (`api.a.b.fn` → ["a", "b", "fn"]: `<convexDir>/a/b.ts` export fn), or null. */
  functionAt(path: readonly string[]): RegisteredFunction | null {
    if (path.length < 2) return null;
    const name = path[path.length - 1]!;
    const modulePath = `${this.convexDir}/${path.slice(0, -1).join("/")}`;
    const file =
      this.resolvePath(`${this.convexDir}/x.ts`, `./${path.slice(0, -1).join("/")}`) ??
      (this.known.has(`${modulePath}.ts`) ? `${modulePath}.ts` : null);
    if (!file) return null;
    return this.index.modules.get(file)?.functions.find((candidate) => candidate.name === name) ?? null;
  }

  /**
   * What a function answers a caller with no identity (a client whose token Convex doesn't have
   * yet): `same` when nothing on its path reads the identity, so the answer doesn't wait for the
   * token; the value its first caller guard returns (`if (!user) return []`), also through a helper
   * whose result it returns (`return await getCurrentUser(ctx)`); null when the code doesn't say
   * (a guard that throws first, a custom builder, a call we can't follow).
   */
  signedOutResult(fn: RegisteredFunction): { same: true } | { value: GuardValue | "other" } | null {
    const handler = fn.custom ? null : this.handlerOf(fn);
    if (!handler) return null;
    if (this.classify(handler).checksIdentity === false) return { same: true };
    return this.answerWithoutCaller(handler, 0);
  }

  private answerWithoutCaller(summary: FunctionSummary, depth: number): { value: GuardValue | "other" } | null {
    if (depth > 8) return null;
    const guard = summary.access?.callerGuardReturn ?? null;
    if (guard) return this.mayThrowWithoutCaller(summary, depth) ? null : { value: guard.value };
    if (summary.access?.callerGuard) return null;
    // No guard of its own: the caller is read by the one helper whose result it returns.
    const returned = summary.returns.calls;
    if (returned.length !== 1 || summary.returns.documents.length > 0 || summary.returns.fields.length > 0) return null;
    const target = this.resolveTarget(summary.file, returned[0]!);
    if (target === "unknown" || target === "ignore") return null;
    const readsCallerElsewhere = summary.events.some((event) => {
      if (event.kind === "data") return false;
      if (event.kind !== "call") return true;
      if (sameTarget(event.target, returned[0]!)) return false;
      const other = this.resolveTarget(summary.file, event.target);
      return other === "unknown" || (other !== "ignore" && this.classify(other).checksIdentity !== false);
    });
    return readsCallerElsewhere ? null : this.answerWithoutCaller(target, depth + 1);
  }

  /**
   * Whether a caller without identity may be stopped by a throw on the function's path before its
   * first caller guard returns (a `requireUser(ctx)` called first); a call we can't follow may.
   */
  private mayThrowWithoutCaller(summary: FunctionSummary, depth: number): boolean {
    if (depth > 12) return true;
    const guard = summary.access?.callerGuardReturn ?? null;
    if (!guard && summary.access?.callerGuard === "throw") return true;
    return summary.events.some((event) => {
      if (guard && (event.line > guard.line || (event.line === guard.line && event.column > guard.column)))
        return false;
      if (event.kind === "unknown") return true;
      if (event.kind !== "call" || event.guardOnly) return false;
      const target = this.resolveTarget(summary.file, event.target);
      if (target === "ignore") return false;
      return target === "unknown" || this.mayThrowWithoutCaller(target, depth + 1);
    });
  }

  /** Whether identity is checked before data is touched on the function's straight-line path. */
  classify(summary: FunctionSummary, depth = 0): Classification {
    const cached = this.memo.get(summary);
    if (cached) return cached;
    if (depth > 12) return { order: "unknown", checksIdentity: "unknown", firstData: null };
    // Guard against recursion: assume unknown while computing.
    this.memo.set(summary, { order: "unknown", checksIdentity: "unknown", firstData: null });
    let order: AuthOrder = "none";
    let checksIdentity: boolean | "unknown" = false;
    let firstData: Position | null = null;
    let firstDataWrites = false;
    // A read seen before any check: it decides the order unless a helper that checks identity
    // (requireThreadAccess, requireRole…: load, then compare) follows before any write. A bare
    // getUserIdentity() after a read is no such check (templates read it for a display name),
    // unless the function then compares the caller with what it loaded and throws (inline, the same
    // load-then-compare).
    let pendingRead: Position | null = null;
    for (const event of summary.events) {
      let effect: Classification | null = null;
      let checkingHelper = false;
      if (event.kind === "identity") effect = { order: "identity-first", checksIdentity: true, firstData: null };
      else if (event.kind === "data")
        effect = {
          order: "data-first",
          checksIdentity: false,
          firstData: { line: event.line, column: event.column },
          firstDataWrites: event.write,
        };
      else if (event.kind === "unknown") effect = { order: "unknown", checksIdentity: "unknown", firstData: null };
      else {
        const target = this.resolveTarget(summary.file, event.target);
        if (target === "ignore") continue;
        if (event.guardOnly) {
          // A helper not given ctx matters only as a guard (it compares a secret and throws).
          if (target === "unknown" || this.classify(target, depth + 1).order !== "identity-first") continue;
          effect = { order: "identity-first", checksIdentity: true, firstData: null };
          checkingHelper = true;
        } else if (target === "unknown") effect = { order: "unknown", checksIdentity: "unknown", firstData: null };
        else {
          const inner = this.classify(target, depth + 1);
          checkingHelper = inner.order === "identity-first";
          effect = {
            ...inner,
            firstData: inner.order === "data-first" ? { line: event.line, column: event.column } : null,
          };
        }
      }
      if (order === "none" && effect.order !== "none") {
        if (effect.order === "data-first" && !effect.firstDataWrites) pendingRead ??= effect.firstData;
        else if (
          effect.order === "identity-first" &&
          (!pendingRead || checkingHelper || ownerCheckAfter(summary, pendingRead))
        )
          order = "identity-first";
        else if (effect.order === "identity-first") {
          order = "data-first";
          firstData = pendingRead;
        } else if (effect.order === "unknown" && pendingRead) {
          // A read, then a call we can't see (it may check): silence over noise.
          order = "unknown";
        } else {
          // The first access names the finding, whether the read or the write that followed it.
          order = effect.order;
          firstData = pendingRead ?? effect.firstData;
          firstDataWrites = effect.firstDataWrites ?? false;
        }
      }
      if (effect.checksIdentity === true) checksIdentity = true;
      else if (effect.checksIdentity === "unknown" && checksIdentity === false) checksIdentity = "unknown";
    }
    if (order === "none" && pendingRead) {
      order = "data-first";
      firstData = pendingRead;
    }
    const result: Classification = { order, checksIdentity, firstData, firstDataWrites };
    this.memo.set(summary, result);
    return result;
  }

  /**
   * Every write on the path comes after a check that stops a caller without identity (`if
   * (!identity) return …` in the body, or a helper that checks the caller and stops): what runs
   * before it only reads. A call we can't follow, or one that writes before the check, says no.
   */
  checksBeforeWriting(handler: FunctionSummary): boolean {
    // The line from which a stranger has been stopped.
    let stoppedFrom = Number.POSITIVE_INFINITY;
    for (const event of handler.events) {
      const stopped = event.line >= stoppedFrom;
      if (event.kind === "identity") {
        // A secret's comparison throws where it is; a read of the caller stops where it is tested.
        const stop = event.via === SHARED_SECRET ? event.line : (handler.access?.callerGuardLine ?? null);
        if (stop !== null) stoppedFrom = Math.min(stoppedFrom, stop);
      } else if (event.kind === "unknown" || (event.kind === "data" && event.write)) {
        if (!stopped) return false;
      } else if (event.kind === "call" && !stopped && !event.guardOnly) {
        const target = this.resolveTarget(handler.file, event.target);
        if (target === "ignore") continue;
        if (target === "unknown") return false;
        if (this.classify(target).checksIdentity === true && target.access?.callerGuard != null)
          stoppedFrom = Math.min(stoppedFrom, event.line);
        else if (this.writesAnything(target, 0)) return false;
      }
    }
    return stoppedFrom !== Number.POSITIVE_INFINITY;
  }

  /** It writes on some path, directly or through what it calls (a call we can't follow may). */
  private writesAnything(summary: FunctionSummary, depth: number): boolean {
    if (depth > 12) return true;
    return summary.events.some((event) => {
      if (event.kind === "data") return event.write;
      if (event.kind !== "call" || event.guardOnly) return event.kind === "unknown";
      const target = this.resolveTarget(summary.file, event.target);
      return target === "unknown" || (target !== "ignore" && this.writesAnything(target, depth + 1));
    });
  }

  /**
   * The tables a registered function reads, following helpers and `ctx.runQuery(api…)`. Storage
   * URLs don't count: a file's URL is served to whoever holds its storage id.
   */
  reads(fn: RegisteredFunction): DataReads {
    let reads = this.readsMemo.get(fn);
    if (!reads) {
      reads = this.collectReads(fn);
      this.readsMemo.set(fn, reads);
    }
    return reads;
  }

  /**
   * The public queries that read each table before any identity check: the tables the app hands
   * to anyone (read once per run, by the rules that weigh what a table is for).
   */
  openlyRead(): Map<string, RegisteredFunction[]> {
    if (!this.openReaders) {
      const readers = new Map<string, RegisteredFunction[]>();
      for (const fn of this.functions()) {
        if (!fn.isPublic || fn.custom || fn.kind !== "query") continue;
        const handler = this.handlerOf(fn);
        if (!handler || this.classify(handler).order !== "data-first") continue;
        for (const table of this.reads(fn).tables) readers.set(table, [...(readers.get(table) ?? []), fn]);
      }
      this.openReaders = readers;
    }
    return this.openReaders;
  }

  private collectReads(fn: RegisteredFunction): DataReads {
    const reads: DataReads = {
      tables: new Set(),
      unknownTable: false,
      writes: false,
      written: new Set(),
      lookups: [],
      clientKeyed: new Set(),
    };
    const handler = this.handlerOf(fn);
    if (!handler) return { ...reads, unknownTable: true };
    const argTables = new Map((fn.args ?? []).flatMap((arg) => (arg.table ? [[arg.name, arg.table] as const] : [])));
    const seen = new Set<FunctionSummary>();
    const visit = (summary: FunctionSummary, depth: number): void => {
      if (seen.has(summary)) return;
      seen.add(summary);
      reads.lookups.push(...summary.lookups);
      for (const lookup of summary.lookups) {
        if (lookup.table && lookup.comparisons.some(({ value }) => value.startsWith("args.")))
          reads.clientKeyed.add(lookup.table);
      }
      for (const event of summary.events) {
        if (event.kind === "unknown") reads.unknownTable = true;
        else if (
          event.kind === "data" &&
          (event.write || (event.op.startsWith("storage.") && !event.op.endsWith(".getUrl")))
        ) {
          reads.writes = true;
          if (event.write && event.table) reads.written?.add(event.table);
          else reads.written = null;
        } else if (event.kind === "data" && event.op.startsWith("db.")) {
          const table =
            event.table ??
            (event.idArg !== undefined
              ? argTables.get(event.idArg)
              : event.idField !== undefined
                ? this.fieldTarget(event.idField)
                : undefined);
          if (table) reads.tables.add(table);
          else reads.unknownTable = true;
          if (table && event.idArg !== undefined && depth === 0) reads.clientKeyed.add(table);
        } else if (event.kind === "call" && !event.guardOnly) {
          const target = this.resolveTarget(summary.file, event.target);
          if (target === "unknown" || depth > 12) reads.unknownTable = true;
          else if (target !== "ignore") visit(target, depth + 1);
        }
      }
    };
    visit(handler, 0);
    return reads;
  }

  /**
   * Whether the function, or a helper it calls, waits for work outside ctx (a request, an SDK
   * call): one that waits for none can't have spent anything on an outside account.
   */
  waitsOutside(fn: RegisteredFunction): boolean {
    const seen = new Set<FunctionSummary>();
    const visit = (summary: FunctionSummary, depth: number): boolean => {
      if (seen.has(summary)) return false;
      seen.add(summary);
      if (summary.firstOutsideWait !== null || depth > 12) return true;
      return callTargets(summary).some((call) => {
        const target = this.resolveTarget(summary.file, call);
        return target !== "unknown" && target !== "ignore" && visit(target, depth + 1);
      });
    };
    const handler = this.handlerOf(fn);
    return handler === null || visit(handler, 0);
  }

  /** The `process.env` variables a registered function reads, in its body and the helpers it calls. */
  envNames(fn: RegisteredFunction): Set<string> {
    const names = new Set<string>();
    const seen = new Set<FunctionSummary>();
    const visit = (summary: FunctionSummary, depth: number): void => {
      if (seen.has(summary) || depth > 12) return;
      seen.add(summary);
      for (const name of summary.envNames) names.add(name);
      // What its module reads at the top level: clients built there for its functions.
      for (const name of this.index.modules.get(summary.file)?.topLevelEnv ?? []) names.add(name);
      for (const call of callTargets(summary)) {
        const target = this.resolveTarget(summary.file, call);
        if (target !== "unknown" && target !== "ignore") visit(target, depth + 1);
      }
    };
    const handler = this.handlerOf(fn);
    if (handler) visit(handler, 0);
    return names;
  }

  /**
   * What a registered function returns, following the helpers and `ctx.runQuery` whose results it
   * returns: the tables of whole documents (an id field's target looked up in the schema) and the
   * field names of returned objects.
   */
  returned(fn: RegisteredFunction): { tables: Set<string>; fields: Set<string> } {
    const found = { tables: new Set<string>(), fields: new Set<string>() };
    const handler = this.handlerOf(fn);
    if (!handler) return found;
    const seen = new Set<FunctionSummary>();
    const visit = (summary: FunctionSummary, depth: number): void => {
      if (seen.has(summary) || depth > 8) return;
      seen.add(summary);
      for (const document of summary.returns.documents) {
        const table = document.startsWith("ref:") ? this.referenced(document.slice(4)) : document;
        if (table) found.tables.add(table);
      }
      for (const field of summary.returns.fields) found.fields.add(field);
      for (const call of summary.returns.calls) {
        const target = this.resolveTarget(summary.file, call);
        if (target !== "unknown" && target !== "ignore") visit(target, depth + 1);
      }
    };
    visit(handler, 0);
    return found;
  }

  /**
   * The table an id field of that name points at in every schema table that has one
   * (`artistId` → `artists`); null when none has it or they disagree.
   */
  private fieldTarget(field: string): string | null {
    const targets = new Set(
      (this.index.schema?.tables ?? []).flatMap((table) =>
        field in table.references ? [table.references[field]!] : [],
      ),
    );
    return targets.size === 1 ? [...targets][0]! : null;
  }

  /** `t.f` → the table `t`'s id field `f` points at, by the schema. */
  private referenced(tableField: string): string | null {
    const dot = tableField.lastIndexOf(".");
    const table = this.index.schema?.tables.find((candidate) => candidate.name === tableField.slice(0, dot));
    return table?.references[tableField.slice(dot + 1)] ?? null;
  }

  /** Every function summary (handlers and helpers) of the functions folder. */
  summaries(): FunctionSummary[] {
    if (!this.allSummaries) {
      const all: FunctionSummary[] = [];
      for (const module of this.index.modules.values()) {
        for (const helper of module.helpers.values()) all.push(helper);
        for (const fn of module.functions) if (fn.handler) all.push(fn.handler);
      }
      this.allSummaries = all;
    }
    return this.allSummaries;
  }
}

/** Everything it calls: helpers given ctx and functions it runs, and helpers not given ctx. */
function callTargets(summary: FunctionSummary): CallTarget[] {
  return [...summary.plainCalls, ...summary.events.flatMap((event) => (event.kind === "call" ? [event.target] : []))];
}

function sameTarget(a: CallTarget, b: CallTarget): boolean {
  if (a.kind === "local" && b.kind === "local") return a.name === b.name;
  if (a.kind === "import" && b.kind === "import") return a.module === b.module && a.name === b.name;
  if (a.kind === "ref" && b.kind === "ref") return a.namespace === b.namespace && a.path.join(".") === b.path.join(".");
  return false;
}

/** What a function reads through the helpers and functions it calls (resolvable ones). */
export interface DataReads {
  /** Tables read by name (`db.query("t")`, `db.get(args.id)` with a `v.id("t")` validator). */
  tables: Set<string>;
  /** Some read's table can't be known (`db.get(doc.ref)`, a call we can't follow). */
  unknownTable: boolean;
  /** Something is written: a db write, a file stored or an upload URL issued. */
  writes: boolean;
  /** Tables written by name (`db.insert("t")`); null once a write's table or a file store can't be named. */
  written: Set<string> | null;
  lookups: Lookup[];
  /** Tables whose rows the client picks: a lookup compared with an argument, a get by an id argument. */
  clientKeyed: Set<string>;
}

export interface UncheckedFunction {
  fn: RegisteredFunction;
  handler: FunctionSummary;
  classification: Classification;
  /** Where data is first touched, before any identity check. */
  firstData: Position;
  writes: boolean;
  /**
   * A mutation or action that reads, then stops a caller without identity before it writes
   * anything: `writes` is false, only the reads before the check are open.
   */
  stopsStrangers: boolean;
  /** Its writes only bump engagement counters (views, shares: FunctionSummary.onlyCounts). */
  counts: boolean;
  /** Per-user data, or a mutation/action that edits or deletes existing documents (upkeep aside: isMaintenance). */
  sensitive: boolean;
  /**
   * Upkeep that could as well be a cron: no arguments, named as upkeep, adds no documents, and
   * deletes only by age (it reads the clock). Anyone can run it early; nobody can aim it.
   */
  upkeep: boolean;
}

/**
 * A cleanup or migration that takes nothing from the client (`deleteExpiredCampaigns`,
 * `migrateApplications`): anyone can trigger it, but it only does what its code decides; a change
 * anyone can aim, or a wipe (`clearProducts`, `resetAllWeeklyCounts`), is more than that. So is a
 * recompute aimed by ids and numbers only that deletes nothing and writes no argument's value
 * (`rebuildOrganizationFacets({ organizationId })`, `backfillSearchText({ limit })`): the caller
 * picks what is recomputed, not what is written.
 */
function isMaintenance(fn: RegisteredFunction, handler: FunctionSummary): boolean {
  if (!MAINTENANCE_NAME.test(fn.name)) return false;
  if ((fn.args?.length ?? handler.argReads.size) === 0) return true;
  return (
    fn.args !== null &&
    RECOMPUTE_NAME.test(fn.name) &&
    !handler.deletes &&
    (handler.access?.argWrites.length ?? 0) === 0 &&
    fn.args.every((arg) => CONTROL_VALIDATOR.test(arg.validator.replace(/\s+/g, "")))
  );
}

/** Upkeep that derives what it writes from what it reads (not `expire({ id })`, which sets a state). */
const RECOMPUTE_NAME = /recompute|recalculate|rebuild|backfill/i;
/** An id, a number or a flag (`v.id("orgs")`, `v.optional(v.number())`): aims or bounds a recompute, carries no content. */
const CONTROL_VALIDATOR = /^v\.(?:optional\(v\.)?(?:id|number|int64|float64|boolean)\(/;

/**
 * An action whose first step is `ctx.db` itself: actions have no db, so every call throws there
 * (a TypeError) before it reads, writes or spends anything (nothing outside ctx awaited before).
 */
export function actionWithoutDb(fn: RegisteredFunction, handler: FunctionSummary): boolean {
  const first = handler.events.find((event) => event.kind !== "identity");
  return (
    fn.kind === "action" &&
    first?.kind === "data" &&
    first.op.startsWith("db.") &&
    (handler.firstOutsideWait === null || handler.firstOutsideWait > first.line)
  );
}

/** The public functions that touch data before any identity check (AW602's findings). */
export function findUnchecked(resolver: BackendResolver): UncheckedFunction[] {
  const found: UncheckedFunction[] = [];
  for (const fn of resolver.functions()) {
    if (!fn.isPublic || fn.custom || fn.markedPublic) continue;
    const handler = resolver.handlerOf(fn);
    if (!handler || actionWithoutDb(fn, handler)) continue;
    const classification = resolver.classify(handler);
    if (classification.order !== "data-first" || !classification.firstData) continue;
    const maintenance = isMaintenance(fn, handler);
    // Reads, then a check that stops a stranger before any write: only the reads are open (and
    // the mutation says no more than what it returns).
    const stopsStrangers = fn.kind !== "query" && readsFirst(handler) && resolver.checksBeforeWriting(handler);
    const writes = !stopsStrangers && handler.events.some((event) => event.kind === "data" && event.write);
    found.push({
      fn,
      handler,
      classification,
      firstData: classification.firstData,
      writes,
      stopsStrangers,
      counts: writes && handler.onlyCounts,
      sensitive:
        !stopsStrangers && (handler.userScoped || (handler.modifiesExisting && fn.kind !== "query" && !maintenance)),
      upkeep:
        maintenance && fn.kind !== "query" && handler.inserts.length === 0 && (!handler.deletes || handler.readsClock),
    });
  }
  return found;
}

export interface SpendingAction {
  fn: RegisteredFunction;
  handler: FunctionSummary;
  /** The server secrets its path reads (`OPENAI_API_KEY`), sorted. */
  secrets: string[];
}

/** Keys that sign what the action hands out (tokens) without asking anyone outside. */
const SIGNING_SECRET = /PRIVATE|SIGNING/;
/** Secrets that verify what the caller solved (a captcha): used before sign-in by design. */
const CAPTCHA_SECRET = /TURNSTILE|CAPTCHA/;
/**
 * An action that reads a provider's catalogue (`listPlansCached`, `getProductAction`,
 * `getCreditPackages`): the plans and products a pricing page shows everyone; nothing is bought or spent.
 */
const CATALOGUE_READ_NAME =
  /^(?:list|get|fetch)(?:All|Active|Stripe)?(?:Plans?|Products?|Prices?|Pricing|Catalog(?:ue)?|Tiers?|(?:Credit)?Packages?)(?:Cached|Action)?$/i;

/**
 * The public actions that use a server secret (an API key, a token) with no identity check on
 * their path (AW612's findings): anyone with the deployment URL can run the model or send the SMS
 * on the app's account. A helper we can't see counts as a check; a captcha's secret and a read of
 * the provider's catalogue are not spending.
 */
export function findSpendingActions(resolver: BackendResolver): SpendingAction[] {
  const found: SpendingAction[] = [];
  for (const fn of resolver.functions()) {
    if (fn.kind !== "action" || !fn.isPublic || fn.custom || fn.markedPublic) continue;
    if (CATALOGUE_READ_NAME.test(fn.name)) continue;
    const handler = resolver.handlerOf(fn);
    if (!handler || actionWithoutDb(fn, handler) || resolver.classify(handler).checksIdentity !== false) continue;
    const secrets = [...resolver.envNames(fn)].filter((name) => isSecretName(name) && !CAPTCHA_SECRET.test(name));
    if (secrets.length === 0) continue;
    // Reads an API key and waits for nothing outside (a check of the config): nothing is spent. A
    // private key signs right here (a playback token, a maps token): that is the spending.
    if (!secrets.some((name) => SIGNING_SECRET.test(name)) && !resolver.waitsOutside(fn)) continue;
    found.push({ fn, handler, secrets: secrets.sort() });
  }
  return found;
}
