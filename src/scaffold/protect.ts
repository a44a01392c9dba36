/**
 * `authwire protect` as a library operation: for each public query, mutation and action that the
 * doctor's analysis says touches data before any identity check (AW602's findings), and each
 * data-free public action that spends a server secret with no check (AW612's: a sign-in check), insert the
 * checks its data needs (src/scaffold/authorize.ts): the caller's user compared with the owner of
 * each document fetched by a client-supplied id, requireRole for organization data, the caller's
 * own id in place of a client-supplied user id; with none of those, a sign-in check
 * (`if ((await ctx.auth.getUserIdentity()) === null) throw …`; Convex Auth: getAuthUserId),
 * fitted to the file's style. A function it can't authorize is skipped with the reason.
 * Everything else is a skip with its reason: internal functions, functions that already check,
 * `// authwire: public` ones, handlers it can't edit safely. A second run plans only skips.
 * The CLI command and the MCP tool `plan_protect` are shells over planProtect / applyProtect / toProtectJson.
 */
import { applyPlan, type ApplyOptions, type ApplyResult } from "../changes/apply.ts";
import { collectPlan, type CollectOptions } from "../changes/collect.ts";
import { createKit } from "../changes/kit.ts";
import { toPlanJson, type Plan, type PlanJson } from "../changes/plan.ts";
import { isRefusal, type HandlerStatementSpec, type Refusal } from "../edit/index.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import type { FunctionKind, FunctionSummary, RegisteredFunction } from "../analysis/facts.ts";
import { findSpendingActions, findUnchecked, type BackendResolver } from "../analysis/resolver.ts";
import { analyzeProject, authComponentModule, scaffoldProvider } from "./analysis.ts";
import { PROFILES } from "../providers/profiles.ts";
import { AuthwireError } from "../errors.ts";
import type { BackendIndex } from "../analysis/facts.ts";
import {
  authorizeEdit,
  dataEffects,
  planAuthorization,
  type AuthzEnv,
  type CallResolver,
  type AuthzSpec,
  type OperationRoles,
} from "./authorize.ts";
import { joinClauses } from "../clauses.ts";

export interface ProtectRequest {
  cwd: string;
  /**
   * The role each operation needs in an organization (`authwire users --rbac`): default the
   * lowest role for reads (queries), a middle one for writes, the highest for deletes.
   */
  roles?: Partial<OperationRoles>;
  /** The process env (for detection). */
  env?: NodeJS.ProcessEnv;
  /** @internal Seams for tests: virtual files, git. */
  files?: ProjectFiles;
  git?: CollectOptions["git"];
}

export interface FunctionDecision {
  file: string;
  name: string;
  kind: FunctionKind;
  line: number;
  action: "protect" | "skip";
  reason: string;
}

export interface ProtectPlan {
  provider: ProviderId;
  facts: ProjectFacts;
  plan: Plan;
  /** Every Convex function found, with what protect does to it and why. */
  functions: FunctionDecision[];
}

export interface ProtectJson extends PlanJson {
  provider: ProviderId;
  functions: FunctionDecision[];
}

/** The sign-in check protect inserts when nothing else needs the caller, per provider (no variable left unused). */
export function guardFor(provider: ProviderId, authModule = "./auth"): Omit<HandlerStatementSpec, "exportName"> {
  if (provider === "better-auth") {
    return {
      statement:
        'if ((await authComponent.safeGetAuthUser(ctx)) === undefined) {\n  throw new Error("Not authenticated");\n}',
      imports: [{ from: authModule, named: ["authComponent"] }],
    };
  }
  if (provider === "convex-auth") {
    return {
      statement: 'if ((await getAuthUserId(ctx)) === null) {\n  throw new Error("Not authenticated");\n}',
      imports: [{ from: PROFILES["convex-auth"].exports.getAuthUserId!, named: ["getAuthUserId"] }],
    };
  }
  return {
    statement: 'if ((await ctx.auth.getUserIdentity()) === null) {\n  throw new Error("Not authenticated");\n}',
  };
}

/** Why a function that AW602 does not report is left alone. */
function whySkipped(fn: RegisteredFunction, resolver: BackendResolver): string {
  if (fn.kind === "httpAction")
    return "HTTP action: protect covers queries, mutations and actions (check the request's token in the action itself)";
  if (fn.custom) return "built with a custom builder (customQuery, …): its wrapper decides about auth";
  if (!fn.isPublic) return "internal: clients can't call it";
  if (fn.markedPublic) return "marked `// authwire: public`";
  const handler = resolver.handlerOf(fn);
  if (!handler) return "authwire can't find its handler";
  const { order } = resolver.classify(handler);
  if (order === "identity-first") return "already checks identity before touching data";
  if (order === "none") return fn.kind === "action" ? "touches no data and spends no server secret" : "touches no data";
  return "calls code authwire can't follow before touching data (counted as checked)";
}

/** A function protect checks: its handler and why (what doctor reports about it). */
interface Target {
  handler: FunctionSummary;
  reason: string;
}

/**
 * What protect checks: the functions that touch data before any identity check (AW602) and the
 * data-free public actions that spend a server secret (AW612), each with the reason.
 */
function protectTargets(resolver: BackendResolver, resolve: CallResolver): Map<RegisteredFunction, Target> {
  const targets = new Map<RegisteredFunction, Target>();
  for (const { fn, handler, writes, firstData } of findUnchecked(resolver)) {
    const written = writes || dataEffects(handler, resolve).writes;
    targets.set(fn, {
      handler,
      reason: `${written ? "writes" : "reads"} data (line ${firstData.line}) before any identity check`,
    });
  }
  for (const { fn, handler, secrets } of findSpendingActions(resolver)) {
    if (targets.has(fn)) continue;
    const names = secrets.map((name) => `\`${name}\``).join(", ");
    targets.set(fn, { handler, reason: `uses ${names} with no identity check` });
  }
  return targets;
}

/** Plans `authwire protect` for the app in `cwd`. Writes nothing. */
export async function planProtect(request: ProtectRequest): Promise<ProtectPlan> {
  const facts = await detectProject(request.cwd, { files: request.files, env: request.env ?? process.env });
  const provider = scaffoldProvider(facts, "protect");
  const doctor = await analyzeProject(facts);
  const resolver = doctor.resolver();
  const resolve: CallResolver = (file, target) => resolver.resolveCall(file, target);
  const targets = protectTargets(resolver, resolve);
  const kit = createKit("protect");
  const functions: FunctionDecision[] = [];
  const decide = (fn: RegisteredFunction, action: FunctionDecision["action"], reason: string) =>
    functions.push({ file: fn.file, name: fn.name, kind: fn.kind, line: fn.line, action, reason });

  // Which handlers of each file can take their checks: one trial pass per file (an edit refuses
  // only the function it can't change), then one edit per file for the engine with the ones that can.
  const env = {
    ...authzEnv(doctor.backend, facts.convex.dir, provider, request.roles ?? facts.config.roles ?? {}),
    resolve,
  };
  const byFile = new Map<string, { fn: RegisteredFunction; target: Target; spec: AuthzSpec }[]>();
  for (const fn of resolver.functions()) {
    // Other calls the analysis keeps as registrations (defineSchema, cronJobs, Better Auth's createClient…) are not functions clients call.
    if (
      fn.custom &&
      (fn.name === "default" || /^(?:define[A-Z]\w*|cronJobs|httpRouter|convexAuth|createClient)$/.test(fn.builder))
    )
      continue;
    const target = targets.get(fn);
    if (!target) {
      decide(fn, "skip", whySkipped(fn, resolver));
      continue;
    }
    if (fn.name === "default") {
      decide(fn, "skip", `${target.reason}, but it is a default export; add the check by hand`);
      continue;
    }
    if (fn.handlerRef) {
      decide(
        fn,
        "skip",
        `${target.reason}, but its handler is the function ${fn.handlerRef}; add the check there by hand`,
      );
      continue;
    }
    const spec = planAuthorization(fn, target.handler, env);
    if ("refused" in spec) decide(fn, "skip", `${target.reason}, but ${spec.refused}`);
    else byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), { fn, target, spec }]);
  }
  for (const [file, candidates] of byFile) {
    const refusals = new Map<string, Refusal>();
    const trial = authorizeEdit(
      candidates.map(({ spec }) => spec),
      refusals,
    )(await facts.files.read(file), { path: file });
    const protectable: AuthzSpec[] = [];
    for (const { fn, target, spec } of candidates) {
      // A refusal of the whole file (it no longer parses, an import clash) holds for each of its handlers.
      const refusal = isRefusal(trial) ? trial : refusals.get(fn.name);
      if (refusal) decide(fn, "skip", `${target.reason}, but ${refusal.reason.replace(/^[^:]+:\d+: /, "")}`);
      else {
        protectable.push(spec);
        decide(fn, "protect", joinClauses([target.reason, ...spec.notes]));
      }
    }
    if (protectable.length > 0) {
      const names = protectable.map((spec) => spec.exportName).join(", ");
      kit.file(file, authorizeEdit(protectable), { reason: `check the caller first in ${names}` });
    }
  }
  functions.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  const plan = await collectPlan(kit, {
    files: facts.files,
    packageManager: facts.packageManager,
    dependencies: facts.dependencies,
    git: request.git,
  });
  return { provider, facts, plan, functions };
}

/** Applies a planned `protect`, all or nothing (see docs/engine.md). */
export function applyProtect(protect: ProtectPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  return applyPlan(protect.plan, options);
}

export function toProtectJson(protect: ProtectPlan, { applied }: { applied: boolean }): ProtectJson {
  return { ...toPlanJson(protect.plan, { applied }), provider: protect.provider, functions: protect.functions };
}

/** The ranked roles of the memberships table's `role` union, most rights first. */
function rankedRoles(validator: string | undefined): string[] {
  return [...(validator ?? "").matchAll(/v\.literal\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);
}

/** The module of the functions folder that exports `name` (preferring `<convexDir>/<preferred>`). */
function exporter(backend: BackendIndex, name: string, preferred: string): string | null {
  if (backend.modules.get(preferred)?.exportNames.has(name)) return preferred;
  for (const [file, module] of backend.modules)
    if (module.exportNames.has(name) && module.helpers.has(module.exportNames.get(name)!)) return file;
  return null;
}

/** What authorization can build on: the schema, the users helper, the roles (with the operation roles). */
export function authzEnv(
  backend: BackendIndex,
  convexDir: string,
  provider: ProviderId,
  roles: Partial<Record<keyof OperationRoles, string | readonly string[]>> = {},
): AuthzEnv {
  const tables = new Map((backend.schema?.tables ?? []).map((table) => [table.name, table]));
  const usersModule = exporter(backend, "getCurrentUserOrThrow", `${convexDir}/users.ts`);
  const memberships = tables.get("memberships");
  const orgTable = memberships?.references.orgId;
  const ranked = rankedRoles(memberships?.validators.role);
  const module = exporter(backend, "requireRole", `${convexDir}/roles.ts`);
  let rbac: AuthzEnv["rbac"];
  if (!memberships || !orgTable || !module)
    rbac = { problem: "there are no per-organization roles yet: run authwire users --rbac first" };
  else if (ranked.length === 0)
    rbac = { problem: "the memberships table's role is not a union of role literals, so roles have no rank" };
  else {
    // A list (authwire.config.json `roles`) names every role allowed: requireRole takes the least of them.
    const least = (role: string | readonly string[] | undefined): string | undefined => {
      if (typeof role === "string" || role === undefined) return role;
      const unknown = role.find((name) => !ranked.includes(name));
      return unknown ?? [...role].sort((a, b) => ranked.indexOf(b) - ranked.indexOf(a))[0];
    };
    const chosen: OperationRoles = {
      read: least(roles.read) ?? ranked[ranked.length - 1]!,
      write: least(roles.write) ?? ranked[Math.floor(ranked.length / 2)]!,
      delete: least(roles.delete) ?? ranked[0]!,
    };
    for (const [operation, role] of Object.entries(chosen)) {
      if (!ranked.includes(role))
        throw new AuthwireError(
          "usage",
          `roles.${operation}: "${role}" is not one of the roles (${ranked.join(", ")}).`,
        );
    }
    rbac = { module, orgTable, roles: chosen };
  }
  const authModule = provider === "better-auth" ? authComponentModule(backend, convexDir) : null;
  return { provider, convexDir, tables, usersModule, authModule, rbac };
}
