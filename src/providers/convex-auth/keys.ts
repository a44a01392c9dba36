/**
 * `authwire keys [--rotate] [--prod]`: Convex Auth's key material on a deployment, through the
 * change engine. The deployment's current pair is read and checked first (PKCS#8 RSA key whose
 * public half is JWKS's only key):
 *
 * | current pair      | without --rotate              | with --rotate                          |
 * |-------------------|-------------------------------|----------------------------------------|
 * | valid             | left alone (unchanged)        | replaced; everyone is signed out       |
 * | missing           | a fresh pair is set           | a fresh pair is set                    |
 * | partial / invalid | reported, nothing changes     | replaced; everyone is signed out       |
 *
 * Replacing signs everyone out: Convex Auth's tokens carry no `kid` and its JWKS holds one key, so
 * tokens signed with the old key fail verification at once. Values reach the deployment on the
 * convex CLI's stdin (src/deployment) and are masked in every output.
 */
import { applyPlan, type ApplyOptions, type ApplyResult } from "../../changes/apply.ts";
import { collectPlan } from "../../changes/collect.ts";
import { createKit } from "../../changes/kit.ts";
import { toPlanJson, type Plan, type PlanJson } from "../../changes/plan.ts";
import { checkKeyPair, describeKeyProblem, type KeyPairCheck } from "../../config/convex-auth-keys.ts";
import type { EnvValues } from "../../config/dotenv.ts";
import { listDeploymentEnv, readDeploymentEnv } from "../../deployment/env.ts";
import { HumanStepRequired, type HumanStep } from "../../errors.ts";
import { detectProject } from "../../project/detect.ts";
import type { ProjectFiles } from "../../project/files.ts";
import { generateConvexAuthKeys } from "./key-material.ts";

export type KeysAction = "keep" | "set" | "rotate" | "refused";

export interface KeysRequest {
  cwd: string;
  /** Replace the pair even when it is valid (and replace a broken one). */
  rotate?: boolean;
  /** The production deployment instead of dev. */
  prod?: boolean;
  /** The process env (CONVEX_DEPLOYMENT, CONVEX_SELF_HOSTED_*, CONVEX_DEPLOY_KEY). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the convex CLI. */
  timeoutMs?: number;
  /** @internal Seams for tests: virtual files, the deployment's env. */
  files?: ProjectFiles;
  readDeployment?: (target: "dev" | "prod") => Promise<EnvValues>;
}

export interface KeysPlan {
  root: string;
  target: "dev" | "prod";
  /** The pair on the deployment before any change. */
  before: KeyPairCheck;
  action: KeysAction;
  /** What is wrong with the current pair, one sentence each. */
  problems: string[];
  /** Said before applying: what the change costs (everyone signed out). */
  warnings: string[];
  /** The env changes (JWT_PRIVATE_KEY and JWKS; none when refused). */
  plan: Plan;
}

export interface KeysJson extends Pick<PlanJson, "env" | "humanSteps"> {
  version: 1;
  target: "dev" | "prod";
  status: KeyPairCheck["status"];
  problems: { id: string; message: string }[];
  action: KeysAction;
  warnings: string[];
  applied: boolean;
  /** After applying: the pair read back from the deployment matches (null when nothing was applied). */
  verified: boolean | null;
}

const PAIR = ["JWT_PRIVATE_KEY", "JWKS"];

export const SIGN_OUT_WARNING =
  "Replacing the keys signs everyone out: Convex Auth's tokens carry no `kid` and JWKS holds one key, so sessions signed with the old key stop verifying at once.";

async function readTarget(request: KeysRequest, root: string, target: "dev" | "prod"): Promise<EnvValues> {
  if (request.readDeployment) return request.readDeployment(target);
  const reading = await readDeploymentEnv({ root, target, env: request.env, timeoutMs: request.timeoutMs });
  if (reading.source === "none") {
    throw new HumanStepRequired(`The ${target} deployment's env can't be read: ${reading.reason}.`, {
      steps: reading.steps,
    });
  }
  return reading.values;
}

function decide(before: KeyPairCheck, rotate: boolean): KeysAction {
  if (before.status === "missing") return "set";
  if (rotate) return "rotate";
  return before.status === "valid" ? "keep" : "refused";
}

/** Reads and checks the deployment's pair and plans what to do. Writes nothing. */
export async function planKeys(request: KeysRequest): Promise<KeysPlan> {
  const facts = await detectProject(request.cwd, { files: request.files, env: request.env });
  const target = request.prod ? "prod" : "dev";
  const current = await readTarget(request, facts.root, target);
  const before = checkKeyPair(current);
  const action = decide(before, Boolean(request.rotate));
  const kit = createKit("keys");
  if (action !== "refused") {
    // keep: nothing is generated; the placeholders are never set (keepExisting makes them unchanged).
    const keys = action === "keep" ? { JWT_PRIVATE_KEY: "", JWKS: "" } : await generateConvexAuthKeys();
    // keep: unchanged; set: kept if someone sets a pair before apply; rotate: replaced whatever is there.
    const keepExisting = action === "rotate" ? undefined : PAIR;
    const reason =
      action === "rotate" ? "a fresh RS256 pair replaces the current one" : "a fresh RS256 pair (PKCS#8 + JWKS)";
    kit.env("JWT_PRIVATE_KEY", { target, secret: true, value: keys.JWT_PRIVATE_KEY, keepExisting, reason });
    kit.env("JWKS", { target, value: keys.JWKS, keepExisting, reason });
  }
  const plan = await collectPlan(kit, {
    files: facts.files,
    packageManager: facts.packageManager,
    git: false,
    readDeployment: async () => current,
  });
  const replacing = action === "rotate" && before.status !== "missing";
  return {
    root: facts.root,
    target,
    before,
    action,
    problems: before.problems.map((problem) => describeKeyProblem(problem, target)),
    warnings: replacing ? [SIGN_OUT_WARNING] : [],
    plan,
  };
}

export interface KeysApplied {
  result: ApplyResult;
  /** The pair read back from the deployment after setting it is valid. */
  verified: boolean;
}

/** Sets the planned pair (all or nothing), then reads it back and checks it. */
export async function applyKeys(keys: KeysPlan, options: ApplyOptions = {}): Promise<KeysApplied> {
  const result = await applyPlan(keys.plan, options);
  if (result.envSet.length === 0) return { result, verified: keys.before.status === "valid" };
  const list =
    options.io?.deployment?.list ?? ((target) => listDeploymentEnv({ ...options.deployment, root: keys.root, target }));
  const after = checkKeyPair(await list(keys.target));
  return { result, verified: after.status === "valid" };
}

export function toKeysJson(keys: KeysPlan, applied?: KeysApplied): KeysJson {
  const json = toPlanJson(keys.plan, { applied: applied !== undefined });
  const humanSteps: HumanStep[] =
    keys.action === "refused"
      ? [
          {
            title: `Run \`authwire keys --rotate${keys.target === "prod" ? " --prod" : ""}\``,
            why: "It replaces the broken pair with a fresh one (everyone signed in is signed out).",
          },
        ]
      : json.humanSteps;
  return {
    version: 1,
    target: keys.target,
    status: keys.before.status,
    problems: keys.before.problems.map((problem) => ({
      id: problem.messageId,
      message: describeKeyProblem(problem, keys.target),
    })),
    action: keys.action,
    env: json.env,
    humanSteps,
    warnings: keys.warnings,
    applied: applied !== undefined && applied.result.envSet.length > 0,
    verified: applied ? applied.verified : null,
  };
}
