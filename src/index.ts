/**
 * authwire's library API: the operations (detect, doctor, verify, add, users, protect, keys,
 * explain) and the types of what they return. The CLI and the MCP server are thin shells over
 * these functions. Lower-level parts are subpaths: `authwire/changes` (the change engine),
 * `authwire/edit` (format-preserving edits), `authwire/recipes` (defineRecipe), `authwire/oidc`
 * (the network layer), `authwire/deployment` (the deployment's env through the convex CLI),
 * `authwire/operations` (the operations' input schemas).
 */
import { detectProject, type DetectOptions } from "./project/detect.ts";
import { toDetectJson, type DetectJson, type ProjectFacts } from "./project/facts.ts";

export { AuthwireError, HumanStepRequired, ExitCode, ERROR_CODES, isAuthwireError } from "./errors.ts";
export type { ErrorCode, HumanStep, MissingInput } from "./errors.ts";
export { nonInteractiveIo } from "./io.ts";
export type { Io, Question } from "./io.ts";
export { detectProject } from "./project/detect.ts";
export { diskFiles, memoryFiles } from "./project/files.ts";
export type { ProjectFiles } from "./project/files.ts";
export type * from "./project/facts.ts";

// Convex Auth key material (`authwire keys`): check, generate, set on the deployment.
export { applyKeys, planKeys, toKeysJson, SIGN_OUT_WARNING } from "./providers/convex-auth/keys.ts";
export type { KeysAction, KeysApplied, KeysJson, KeysPlan, KeysRequest } from "./providers/convex-auth/keys.ts";
export { generateConvexAuthKeys } from "./providers/convex-auth/key-material.ts";
export type { ConvexAuthKeys } from "./providers/convex-auth/key-material.ts";
export { checkKeyPair, checkKeys, describeKeyProblem } from "./config/convex-auth-keys.ts";
export type { KeyPairCheck, KeyPairProblem, KeyPairStatus, KeyProblem } from "./config/convex-auth-keys.ts";

// The plan every writing operation returns (its engine: authwire/changes).
export type {
  EnvChange,
  EnvStatus,
  EnvTarget,
  PackageInstall,
  Plan,
  PlanItem,
  PlanJson,
  PlanWarning,
  RecipeId,
} from "./changes/plan.ts";
export type { ApplyOptions, ApplyResult } from "./changes/apply.ts";
export { toPlanJson } from "./changes/plan.ts";

// `authwire add <provider>`: plan (writes nothing), ask for what's missing, apply all or nothing.
export {
  appliedAnything,
  applyAdd,
  askMissing,
  isKnownProvider,
  needsHuman,
  planAdd,
  toAddJson,
} from "./providers/add.ts";
export type { AddJson, AddPlan, AddRequest, FrameworkChoice } from "./providers/add.ts";
export type { RecipeOption, RecipeOptions } from "./providers/define.ts";
export { RECIPE_OPTIONS, COMMON_OPTIONS } from "./providers/index.ts";

/** `authwire detect`: the project facts in the stable JSON shape, plus notes on fallbacks. */
export async function detect(
  options: { cwd: string } & DetectOptions,
): Promise<{ json: DetectJson; notes: string[]; facts: ProjectFacts }> {
  const facts = await detectProject(options.cwd, options);
  return { json: toDetectJson(facts), notes: facts.notes, facts };
}

// auth.config: the static config model (stage 1: raw, stage 2: evaluated against one deployment's env).
export {
  readAuthConfig,
  readAuthConfigSource,
  evaluateAuthConfig,
  loadAuthConfig,
  describeStaticValue,
  BUILTIN_ENV_NAMES,
} from "./config/auth-config.ts";
export type {
  RawAuthConfig,
  RawProvider,
  RawField,
  EvaluatedAuthConfig,
  EvaluatedProvider,
  ConfigProblem,
  ConfigProblemCode,
  BuiltinEnv,
  EvaluateOptions,
  EnvUse,
  EnvRead,
  EnvSourceSyntax,
  ProviderKind,
  CustomJwtAlgorithm,
  SourceLocation,
  StaticValue,
  StaticEntry,
} from "./config/auth-config.ts";
export { checkIssuerUrl, endsWithTld } from "./config/issuer-url.ts";
export { KNOWN_PROVIDER_FIELDS } from "./config/auth-config.ts";
export type { IssuerUrlResult } from "./config/issuer-url.ts";
export { deploymentUrls } from "./config/deployment-urls.ts";
export type { DeploymentUrls } from "./config/deployment-urls.ts";

// Scaffolding: `authwire users [--rbac]` and `authwire protect`, planned and applied through the change engine.
export { applyUsers, planUsers, toUsersJson } from "./scaffold/users.ts";
export type { UsersJson, UsersPlan, UsersRequest } from "./scaffold/users.ts";
export { applyProtect, guardFor, planProtect, toProtectJson } from "./scaffold/protect.ts";
export type { FunctionDecision, ProtectJson, ProtectPlan, ProtectRequest } from "./scaffold/protect.ts";

// doctor: rules over the project facts, the deployment env and the code.
export { runDoctor, selectRules, summarize, toFindingJson } from "./rules/run.ts";
export type { DoctorOptions, DoctorResult, DoctorJson } from "./rules/run.ts";
export { applyDoctorFix, planDoctorFix, toFixJson } from "./rules/fix.ts";
export type { FixJson, FixOptions, FixOutcome, FixPlan } from "./rules/fix.ts";
export { RULES, findRule } from "./rules/index.ts";
export { explainRule } from "./rules/explain.ts";
export type { RuleExplanation } from "./rules/explain.ts";
export { defineRule } from "./rules/define.ts";
export type { Finding, FileEdit, Rule, RuleMeta, Severity, RuleCategory } from "./rules/define.ts";
export type { Checklist, ChecklistItem, ChecklistStatus } from "./rules/checklist.ts";
export { toSarif } from "./rules/sarif.ts";
export { fileEnvSource, staticEnvSource, noEnvSource } from "./config/env-source.ts";
export type { EnvSource, EnvSnapshot, EnvRead as DeploymentEnvRead, DeploymentTarget } from "./config/env-source.ts";
// verify: the Convex-faithful token judge.
export { verifyToken } from "./verify/verify-token.ts";
export type { VerifyTokenOptions, VerifyTokenResult } from "./verify/verify-token.ts";
export { judge } from "./verify/judge.ts";
export type { JudgeOptions } from "./verify/judge.ts";
export type { Verdict, Check, CheckSeverity, VerdictProvider } from "./verify/verdict.ts";
export { CONVEX_ERRORS } from "./oidc/convex-errors.ts";
export type { ConvexError } from "./oidc/convex-errors.ts";
export { decodeToken } from "./verify/token.ts";
export type { DecodedToken } from "./verify/token.ts";
export { recogniseClerk } from "./verify/clerk.ts";
// verify login: the token the app's Convex client really sends, and Convex's real answer.
export { verifyLogin } from "./verify/login/verify-login.ts";
export type {
  VerifyLoginOptions,
  VerifyLoginResult,
  VerifyLoginJson,
  CapturedToken,
} from "./verify/login/verify-login.ts";
export type { AttemptJson, ConvexReply } from "./verify/login/capture.ts";
export type { Disagreement, LikelyCause } from "./verify/login/compare.ts";
