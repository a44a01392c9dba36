/**
 * Authorization across helpers: whether a function's path compares the caller with something it
 * loaded or was given (an owner check), looks up the caller's membership, tests the caller's
 * role, or hands the document to code we can't see (then we stay silent). Reads the access facts
 * (backend/access.ts) of the function and of every helper it calls.
 */
import { SHARED_SECRET, type FunctionSummary } from "./facts.ts";
import type { BackendResolver } from "./resolver.ts";

export interface Authorization {
  /** The caller compared with a document field, an argument or a looked-up value, or a lookup keyed by the caller on a data table. */
  owner: boolean;
  /** The caller's membership looked up (a members table keyed by the caller), an org claim compared, or a guard helper called. */
  membership: boolean;
  /**
   * What grants a privilege: the caller's role or admin flag tested (`role`), or what the
   * deployment itself holds: a server's shared secret compared and thrown on, the caller found in
   * its list of admins (`deployment`: no organization's role, a right over all of them).
   */
  privilege: false | "role" | "deployment";
  /** Some call on the path can't be seen: it may check. */
  unknown: boolean;
}

/** Tables that hold users themselves: a lookup keyed by the caller there finds the caller, not access. */
export const USER_TABLE = /^(?:users?|accounts?|profiles?|user_?profiles?)$/i;
/** Tables that say who may access what. */
export const MEMBER_TABLE =
  /member|collaborat|participant|permission|access|role|share|invit|team_?users|user_?(?:orgs?|teams?|workspaces?)|seats?/i;
/** Helpers whose name says they check access (requireRole, getMembership, assertCanEdit…). */
export function isGuardName(name: string): boolean {
  return (
    /member|role|permission|access|authori[sz]|guard|owner/i.test(name) ||
    /^can[A-Z_]|^(?:assert|ensure|require|check|verify)(?!(?:Auth|User|Identity|Authenticated|Login|SignedIn)$)[A-Z_]/.test(
      name,
    )
  );
}
/** Modules of guard helpers (convex/guards.ts, lib/permissions.ts…). */
const GUARD_MODULE = /(?:^|\/)(?:guards?|permissions?|access|authz|rbac|acl)(?:\.[jt]s)?$/i;

const NOTHING: Authorization = { owner: false, membership: false, privilege: false, unknown: false };
const memo = new WeakMap<BackendResolver, Map<FunctionSummary, Authorization>>();

/**
 * Whether the path stops a caller who is not signed in: the handler returns or throws on a missing
 * caller (`if (!identity) throw …`, `if (userId === null) return null`), or a helper it calls throws
 * on one (`requireUser`). Not so for an optional viewer (`const viewer = await optionalUser(ctx)`
 * then `viewer?._id ?? null`): the function serves anyone. A call we can't see may stop them.
 */
export function signInRequired(resolver: BackendResolver, handler: FunctionSummary): boolean {
  const seen = new Set<FunctionSummary>();
  const throwsOnNoCaller = (summary: FunctionSummary, depth: number): boolean => {
    if (seen.has(summary) || depth > 12) return false;
    seen.add(summary);
    if (summary.access?.callerGuard === "throw" || (depth === 0 && summary.access?.callerGuard === "return"))
      return true;
    return summary.events.some((event) => {
      if (event.kind === "unknown") return true;
      if (event.kind !== "call") return false;
      const target = resolver.resolveCall(summary.file, event.target);
      return target === "unknown" || throwsOnNoCaller(target, depth + 1);
    });
  };
  return throwsOnNoCaller(handler, 0);
}

/** An env variable listing who is privileged (`ADMIN_USER_IDS`, `ADMIN_EMAILS`, `STAFF_ALLOWLIST`). */
const ADMIN_LIST_ENV = /ADMIN|SUPER_?USER|STAFF|MODERATOR|ALLOW_?LIST|WHITE_?LIST/i;

export function authorizationOf(resolver: BackendResolver, summary: FunctionSummary, depth = 0): Authorization {
  let cache = memo.get(resolver);
  if (!cache) memo.set(resolver, (cache = new Map()));
  const known = cache.get(summary);
  if (known) return known;
  if (depth > 12) return { ...NOTHING, unknown: true };
  // A cycle through other helpers can't be judged on the way round; a helper calling itself can
  // (below).
  cache.set(summary, { ...NOTHING, unknown: true });
  const access = summary.access;
  const result: Authorization = { ...NOTHING };
  if (access) {
    result.owner =
      access.compares.length > 0 ||
      access.callerLookups.some((lookup) => lookup.table === null || !USER_TABLE.test(lookup.table));
    result.membership =
      access.orgClaimCompared ||
      access.callerLookups.some((lookup) => lookup.table !== null && MEMBER_TABLE.test(lookup.table));
    result.privilege = access.privilegeCheck && "role";
  }
  const merge = (inner: Authorization) => {
    result.owner ||= inner.owner;
    result.membership ||= inner.membership;
    if (inner.privilege && result.privilege !== "deployment") result.privilege = inner.privilege;
    result.unknown ||= inner.unknown;
  };
  for (const event of summary.events) {
    if (event.kind === "unknown") result.unknown = true;
    // A server's shared secret compared and thrown on: the caller is a trusted server, not a user.
    if (event.kind === "identity" && event.via === SHARED_SECRET) result.privilege = "deployment";
    if (event.kind !== "call") continue;
    if (event.target.kind !== "ref" && isGuardName(event.target.name)) result.membership = true;
    if (event.target.kind === "import" && GUARD_MODULE.test(event.target.module)) result.membership = true;
    const target = resolver.resolveCall(summary.file, event.target);
    if (target === "unknown") result.unknown = true;
    // Paging through rows (`deleteAll({ ctx, cursor })`): the call does what the rest of the body does.
    else if (target !== summary) merge(authorizationOf(resolver, target, depth + 1));
  }
  for (const handoff of access?.handoffs ?? []) {
    if (isGuardName(handoff.callee)) result.membership = true;
    // isOwner(doc.userId, identity), canEdit(doc, user): the helper compares what it is given.
    const caller = handoff.passes.some((value) => value === "caller" || value.startsWith("caller."));
    if (caller && handoff.passes.some((value) => value.startsWith("doc:") || value.startsWith("arg:")))
      result.owner = true;
    const target = handoff.target;
    if (!target) continue;
    if (target.kind === "import" && GUARD_MODULE.test(target.module)) result.membership = true;
    const resolved = resolver.resolveCall(summary.file, target);
    if (resolved === summary) continue;
    // isAdminSubject(identity.subject) over `ADMIN_USER_IDS`: the deployment's list of admins.
    if (caller && resolved !== "unknown" && resolved.envNames.some((name) => ADMIN_LIST_ENV.test(name)))
      result.privilege = "deployment";
    if (resolved !== "unknown") merge(authorizationOf(resolver, resolved, depth + 1));
    // A global (String(id)) or a nested function: nothing to judge; an import we can't read may check.
    else if (target.kind !== "local") result.unknown = true;
  }
  cache.set(summary, result);
  return result;
}

/** The helpers and referenced functions a function calls that we can read (calls and handoffs). */
export function calleesOf(resolver: BackendResolver, summary: FunctionSummary): FunctionSummary[] {
  const found: FunctionSummary[] = [];
  const add = (target: FunctionSummary | "unknown") => {
    if (target !== "unknown" && target !== summary && !found.includes(target)) found.push(target);
  };
  for (const event of summary.events) if (event.kind === "call") add(resolver.resolveCall(summary.file, event.target));
  for (const handoff of summary.access?.handoffs ?? [])
    if (handoff.target) add(resolver.resolveCall(summary.file, handoff.target));
  return found;
}

/** Whether anything on the function's path (it, or code it calls) may throw; a call we can't read may. */
export function mayThrow(
  resolver: BackendResolver,
  summary: FunctionSummary,
  seen = new Set<FunctionSummary>(),
): boolean {
  if (seen.has(summary)) return false;
  seen.add(summary);
  if (!summary.access || summary.access.throws) return true;
  for (const event of summary.events) {
    if (event.kind === "unknown") return true;
    if (event.kind !== "call") continue;
    const target = resolver.resolveCall(summary.file, event.target);
    if (target === "unknown" || mayThrow(resolver, target, seen)) return true;
  }
  return false;
}

/** The functions a public function's path runs: its handler and every helper it reaches. */
export function publicPaths(resolver: BackendResolver): Set<FunctionSummary> {
  const reached = new Set<FunctionSummary>();
  const visit = (summary: FunctionSummary) => {
    if (reached.has(summary)) return;
    reached.add(summary);
    for (const callee of calleesOf(resolver, summary)) visit(callee);
  };
  for (const fn of resolver.functions()) {
    if (!fn.isPublic || fn.markedPublic) continue;
    const handler = resolver.handlerOf(fn);
    if (handler) visit(handler);
  }
  return reached;
}

const callerMaps = new WeakMap<BackendResolver, Map<FunctionSummary, FunctionSummary[]>>();

/**
 * Whether the token's org id claim is read where a check in `summary` runs: in it, in code it
 * calls, or in any function that calls it (and their callees).
 */
export function orgClaimNear(resolver: BackendResolver, summary: FunctionSummary): boolean {
  let callers = callerMaps.get(resolver);
  if (!callers) {
    callers = new Map();
    for (const candidate of resolver.summaries())
      for (const callee of calleesOf(resolver, candidate)) {
        const list = callers.get(callee) ?? [];
        list.push(candidate);
        callers.set(callee, list);
      }
    callerMaps.set(resolver, callers);
  }
  const down = (start: FunctionSummary, seen: Set<FunctionSummary>): boolean => {
    if (seen.has(start)) return false;
    seen.add(start);
    if (start.access?.orgClaimRead || start.access?.orgClaimCompared) return true;
    return calleesOf(resolver, start).some((callee) => down(callee, seen));
  };
  const up = new Set<FunctionSummary>();
  const queue = [summary];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (up.has(current)) continue;
    up.add(current);
    queue.push(...(callers.get(current) ?? []));
  }
  return [...up].some((start) => down(start, new Set()));
}
