/**
 * authwire's library API. The CLI and the MCP server are thin shells over these functions.
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

// The change engine: recipes record edits through a kit, collectPlan turns them into a Plan
// (writes nothing), applyPlan writes it all or nothing, recoverInterruptedApply undoes a killed apply.
export { createKit } from "./changes/kit.ts";
export type { EnvRequest, Kit, Recording } from "./changes/kit.ts";
export { collectPlan } from "./changes/collect.ts";
export type { CollectOptions } from "./changes/collect.ts";
export { applyPlan } from "./changes/apply.ts";
export type { ApplyOptions, ApplyResult } from "./changes/apply.ts";
export { recoverInterruptedApply } from "./changes/journal.ts";
export type { RecoverOptions, RecoveryResult } from "./changes/journal.ts";
export { HiddenValue, fileChanges, isNoop, toPlanJson } from "./changes/plan.ts";
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
export { installCommands, runInstall } from "./changes/install.ts";
export type { InstallCommand, PackageSpec } from "./changes/install.ts";
export * as edit from "./edit/index.ts";

// Recipes.
export { defineRecipe, humanStep, planRecipe } from "./providers/define.ts";
export type { OptionValues, Recipe, RecipeOption, RecipeOptions, Support } from "./providers/define.ts";

// Convex Auth key material (`authwire keys`): check, generate, set on the deployment.
export { applyKeys, planKeys, toKeysJson, SIGN_OUT_WARNING } from "./providers/convex-auth/keys.ts";
export type { KeysAction, KeysApplied, KeysJson, KeysPlan, KeysRequest } from "./providers/convex-auth/keys.ts";
export { generateConvexAuthKeys } from "./providers/convex-auth/key-material.ts";
export type { ConvexAuthKeys } from "./providers/convex-auth/key-material.ts";
export { checkKeyPair, checkKeys, describeKeyProblem } from "./config/convex-auth-keys.ts";
export type { KeyPairCheck, KeyPairProblem, KeyPairStatus, KeyProblem } from "./config/convex-auth-keys.ts";

// The deployment's env through the real convex CLI.
export {
  deploymentReader,
  getDeploymentEnv,
  listDeploymentEnv,
  readDeploymentEnv,
  removeDeploymentEnv,
  setDeploymentEnv,
} from "./deployment/env.ts";
export type { DeploymentEnvReading, ReadDeploymentEnvOptions } from "./deployment/env.ts";
export type { ConvexCliOptions } from "./deployment/convex-cli.ts";

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
export { liveEnvSource } from "./deployment/live-env-source.ts";
export type { LiveEnvSourceOptions } from "./deployment/live-env-source.ts";
export { selectDeployment, targetReadable } from "./deployment/selection.ts";
export type { DeploymentSelection } from "./deployment/selection.ts";
export type { EnvSource, EnvSnapshot, EnvRead as DeploymentEnvRead, DeploymentTarget } from "./config/env-source.ts";
// verify: the Convex-faithful token judge.
export { verifyToken } from "./verify/verify-token.ts";
export type { VerifyTokenOptions, VerifyTokenResult } from "./verify/verify-token.ts";
export { judge } from "./verify/judge.ts";
export type { JudgeOptions } from "./verify/judge.ts";
export type { Verdict, Check, CheckSeverity, VerdictProvider } from "./verify/verdict.ts";
export { createFetcher } from "./oidc/http.ts";
export type { Fetcher, FetcherOptions, FetchLike, FetchRecord, HttpResult } from "./oidc/http.ts";
export { CONVEX_ERRORS } from "./oidc/convex-errors.ts";
export type { ConvexError } from "./oidc/convex-errors.ts";
export { decodeToken } from "./verify/token.ts";
export type { DecodedToken } from "./verify/token.ts";
export { recogniseClerk } from "./verify/clerk.ts";
export { warmKeys } from "./oidc/warm.ts";
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
export type { WarmResult } from "./oidc/warm.ts";
