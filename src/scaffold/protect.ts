/**
 * `authwire protect` as a library operation: for each public query, mutation and action that the
 * doctor's analysis says touches data before any identity check (AW602's findings), insert at the
 * start of its handler
 *
 *   const identity = await ctx.auth.getUserIdentity();
 *   if (identity === null) {
 *     throw new Error("Not authenticated");
 *   }
 *
 * (Convex Auth: `const userId = await getAuthUserId(ctx)`, imported), fitted to the file's style.
 * Everything else is a skip with its reason: internal functions, functions that already check,
 * `// authwire: public` ones, handlers it can't edit safely. A second run plans only skips.
 * The CLI command and the MCP tool `plan_protect` are shells over planProtect / applyProtect / toProtectJson.
 */
import { applyPlan, type ApplyOptions, type ApplyResult } from "../changes/apply.ts";
import { collectPlan, type CollectOptions } from "../changes/collect.ts";
import { createKit } from "../changes/kit.ts";
import { toPlanJson, type Plan, type PlanJson } from "../changes/plan.ts";
import {
  addImportsTo,
  insertAtHandlerStartIn,
  isRefusal,
  tsEdit,
  unchanged,
  type Edit,
  type HandlerStatementSpec,
  type Refusal,
} from "../edit/index.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import type { FunctionKind, RegisteredFunction } from "../analysis/facts.ts";
import { findUnchecked, type BackendResolver, type UncheckedFunction } from "../analysis/resolver.ts";
import { analyzeProject, scaffoldProvider } from "./analysis.ts";
import { PROFILES } from "../providers/profiles.ts";

export interface ProtectRequest {
  cwd: string;
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

/** The check protect inserts, per provider (house style; fitted to each file). */
export function guardFor(provider: ProviderId): Omit<HandlerStatementSpec, "exportName"> {
  if (provider === "convex-auth") {
    return {
      statement:
        'const userId = await getAuthUserId(ctx);\nif (userId === null) {\n  throw new Error("Not authenticated");\n}',
      imports: [{ from: PROFILES["convex-auth"].exports.getAuthUserId!, named: ["getAuthUserId"] }],
    };
  }
  return {
    statement:
      'const identity = await ctx.auth.getUserIdentity();\nif (identity === null) {\n  throw new Error("Not authenticated");\n}',
  };
}

/**
 * One edit per file: the check at the start of each named handler, the imports once. With
 * `refusals`, a handler that can't take it is recorded there and the others still get it (the
 * trial pass); without, the first refusal refuses the file (the engine's pass, after the trial).
 */
function guardEdit(
  names: string[],
  guard: Omit<HandlerStatementSpec, "exportName">,
  refusals?: Map<string, Refusal>,
): Edit {
  return tsEdit(`check identity first in ${names.join(", ")}`, (ctx) => {
    let changed = false;
    for (const exportName of names) {
      const outcome = insertAtHandlerStartIn(ctx, { exportName, ...guard });
      if (outcome === undefined) changed = true;
      else if (isRefusal(outcome)) {
        if (!refusals) return outcome;
        refusals.set(exportName, outcome);
      }
    }
    if (!changed) return unchanged;
    for (const imports of guard.imports ?? []) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    return undefined;
  });
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
  if (order === "none") return "touches no data";
  return "calls code authwire can't follow before touching data (counted as checked)";
}

function protectReason(target: UncheckedFunction): string {
  return `${target.writes ? "writes" : "reads"} data (line ${target.firstData.line}) before any identity check`;
}

/** Plans `authwire protect` for the app in `cwd`. Writes nothing. */
export async function planProtect(request: ProtectRequest): Promise<ProtectPlan> {
  const facts = await detectProject(request.cwd, { files: request.files, env: request.env ?? process.env });
  const provider = scaffoldProvider(facts, "protect");
  const doctor = await analyzeProject(facts);
  const resolver = doctor.resolver();
  const guard = guardFor(provider);
  const targets = new Map(findUnchecked(resolver).map((target) => [target.fn, target]));
  const kit = createKit("protect");
  const functions: FunctionDecision[] = [];
  const decide = (fn: RegisteredFunction, action: FunctionDecision["action"], reason: string) =>
    functions.push({ file: fn.file, name: fn.name, kind: fn.kind, line: fn.line, action, reason });

  // Which handlers of each file can take the check: one trial pass per file (an edit refuses only
  // the handler it can't change), then one edit per file for the engine with the ones that can.
  const byFile = new Map<string, { fn: RegisteredFunction; target: UncheckedFunction }[]>();
  for (const fn of resolver.functions()) {
    // Other calls the analysis keeps as registrations (defineSchema, cronJobs…) are not functions clients call.
    if (fn.custom && (fn.name === "default" || /^(?:define[A-Z]\w*|cronJobs|httpRouter|convexAuth)$/.test(fn.builder)))
      continue;
    const target = targets.get(fn);
    if (!target) decide(fn, "skip", whySkipped(fn, resolver));
    else if (fn.name === "default")
      decide(fn, "skip", `${protectReason(target)}, but it is a default export; add the check by hand`);
    else if (fn.handlerRef)
      decide(
        fn,
        "skip",
        `${protectReason(target)}, but its handler is the function ${fn.handlerRef}; add the check there by hand`,
      );
    else byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), { fn, target }]);
  }
  for (const [file, candidates] of byFile) {
    const refusals = new Map<string, Refusal>();
    const trial = guardEdit(
      candidates.map(({ fn }) => fn.name),
      guard,
      refusals,
    )(await facts.files.read(file), { path: file });
    const protectable: string[] = [];
    for (const { fn, target } of candidates) {
      // A refusal of the whole file (it no longer parses, an import clash) holds for each of its handlers.
      const refusal = isRefusal(trial) ? trial : refusals.get(fn.name);
      if (refusal) decide(fn, "skip", `${protectReason(target)}, but ${refusal.reason.replace(/^[^:]+:\d+: /, "")}`);
      else {
        protectable.push(fn.name);
        decide(fn, "protect", protectReason(target));
      }
    }
    if (protectable.length > 0)
      kit.file(file, guardEdit(protectable, guard), { reason: `check identity first in ${protectable.join(", ")}` });
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
