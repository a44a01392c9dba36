/**
 * authwire's library API. The CLI and the MCP server are thin shells over these functions.
 */
import { detectProject, type DetectOptions } from "./project/detect.ts";
import { toDetectJson, type DetectJson, type ProjectFacts } from "./project/facts.ts";

export { AuthwireError, HumanStepRequired, ExitCode, ERROR_CODES, isAuthwireError } from "./errors.ts";
export type { ErrorCode, HumanStep, MissingInput } from "./errors.ts";
export { detectProject } from "./project/detect.ts";
export { diskFiles, memoryFiles } from "./project/files.ts";
export type { ProjectFiles } from "./project/files.ts";
export type * from "./project/facts.ts";

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

// verify: the Convex-faithful token judge.
export { verifyToken } from "./verify/verify-token.ts";
export type { VerifyTokenOptions, VerifyTokenResult, VerifyEnvSource } from "./verify/verify-token.ts";
export { judge } from "./verify/judge.ts";
export type { JudgeOptions } from "./verify/judge.ts";
export type { Verdict, Check, CheckSeverity, VerdictProvider } from "./verify/verdict.ts";
export { createFetcher } from "./verify/http.ts";
export type { Fetcher, FetcherOptions, FetchLike, FetchRecord, HttpResult } from "./verify/http.ts";
export { CONVEX_ERRORS } from "./verify/convex-errors.ts";
export type { ConvexError } from "./verify/convex-errors.ts";
export { decodeToken } from "./verify/token.ts";
export type { DecodedToken } from "./verify/token.ts";
export { recogniseClerk } from "./verify/clerk.ts";
export { warmKeys } from "./verify/warm.ts";
export type { WarmResult } from "./verify/warm.ts";
