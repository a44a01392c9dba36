/**
 * judge(token, config, options) → Verdict: one token judged exactly as the Convex backend would,
 * against an evaluated auth.config. It takes its network (a Fetcher) and clock from the caller,
 * returns the verdict as data and never throws. Stages, in the backend's order:
 * config → token format → routing → OIDC or customJwt → identity; then advice.
 */
import type { EvaluatedAuthConfig, EvaluatedProvider } from "../config/auth-config.ts";
import { adviseOn } from "./checks/advice.ts";
import { addCheck, locationOf, type JudgeContext, type StageResult } from "./checks/context.ts";
import { checkCustomJwt } from "./checks/custom-jwt.ts";
import { checkOidc } from "./checks/oidc.ts";
import { routeToken } from "./checks/routing.ts";
import { checkTokenFormat } from "./checks/token-format.ts";
import type { Fetcher } from "../oidc/http.ts";
import { customJwtIdentity, oidcIdentity } from "./identity.ts";
import { decodeToken } from "./token.ts";
import type { Verdict } from "./verdict.ts";

export interface JudgeOptions {
  /** Network access; null or absent means offline (checks that need a fetch are skipped). */
  fetcher?: Fetcher | null;
  /** The request time, in unix seconds (fractions are floored, as the backend does). Default: now. */
  now?: number;
  /** Answer as a deployment that redacts errors (presumably production). Default false. */
  redact?: boolean;
  /** Where the env values came from, for fixes ("the dev deployment", "--env"). */
  envLabel?: string;
}

export async function judge(token: string, config: EvaluatedAuthConfig, options: JudgeOptions = {}): Promise<Verdict> {
  const { jwt, headerError } = readBearer(typeof token === "string" ? token : "");
  const decoded = decodeToken(jwt);
  const context: JudgeContext = {
    decoded,
    headerError,
    header: decoded.header,
    payload: decoded.payload ?? {},
    now: Math.floor(options.now ?? Date.now() / 1000),
    fetcher: options.fetcher ?? null,
    redact: options.redact ?? false,
    envLabel: options.envLabel ?? "the deployment",
    checks: [],
    skipped: [],
  };
  const verdict: Verdict = {
    version: 1,
    accepted: false,
    outcome: "rejected",
    provider: null,
    checks: context.checks,
    error: null,
    explanation: null,
    fix: null,
    identity: null,
    skipped: context.skipped,
    token: { header: decoded.header, claims: decoded.payload, bytes: decoded.bytes },
    fetches: [],
    redacted: context.redact,
  };
  const requestsBefore = context.fetcher?.requestCount ?? 0;
  try {
    await runStages(context, config, verdict);
  } catch (error) {
    addCheck(context, "judge.internal", false, {
      expected: "no internal error",
      actual: error instanceof Error ? error.message : String(error),
      message: `authwire failed while judging: ${error instanceof Error ? error.message : String(error)}. This is a bug in authwire.`,
    });
    verdict.outcome = "undetermined";
    verdict.accepted = false;
  }
  if (context.fetcher) {
    // This run's requests (a shared fetcher's log spans many runs).
    const made = context.fetcher.requestCount - requestsBefore;
    verdict.fetches = made > 0 ? context.fetcher.log.slice(-made) : [];
  }
  return verdict;
}

async function runStages(context: JudgeContext, config: EvaluatedAuthConfig, verdict: Verdict): Promise<void> {
  const settle = (stage: StageResult): boolean => {
    if (!stage.error) return false;
    verdict.error = { code: stage.error.code, message: stage.error.message, httpStatus: stage.error.httpStatus };
    verdict.explanation = stage.explanation ?? stage.error.message;
    verdict.fix = stage.fix ?? null;
    verdict.outcome = "rejected";
    return true;
  };
  // The config must push before any token meets it.
  const pushError = config.pushError;
  addCheck(context, "config.push", pushError === null, {
    expected: "auth.config pushes",
    actual: pushError ? `${pushError.code}: ${pushError.message}` : "ok",
    message: pushError
      ? `Convex refuses to push this auth.config (${pushError.location ? `${pushError.location.file}:${pushError.location.line}:${pushError.location.column}: ` : ""}${pushError.message}); the deployment keeps its previous providers.`
      : "auth.config passes Convex's push-time checks.",
    fix: pushError?.hint,
  });
  if (pushError) {
    const reported = pushError.reported ?? { code: pushError.code, message: pushError.message };
    settle({
      error: { code: reported.code, message: reported.message, httpStatus: 400 },
      explanation: `Convex refuses to push this auth.config: ${pushError.message}`,
      fix: pushError.hint,
    });
  }

  const formatStage = checkTokenFormat(context);
  if (formatStage.error) {
    if (!verdict.error) settle(formatStage);
    adviseOn(context, null, config, { payloadRead: false });
    return;
  }
  const routed = routeToken(context, config);
  const provider: EvaluatedProvider | null = routed.provider;
  if (routed.error && !verdict.error) settle(routed);
  if (provider) verdict.provider = describeProvider(provider);
  if (provider) {
    const stage =
      provider.kind === "oidc" ? await checkOidc(context, provider) : await checkCustomJwt(context, provider);
    if (stage.error && !verdict.error) settle(stage);
  }
  adviseOn(context, provider, config);
  const failed = context.checks.some((check) => check.severity === "error" && !check.ok);
  if (failed || verdict.error) {
    verdict.outcome = "rejected";
    return;
  }
  if (context.skipped.length > 0 || !provider) {
    verdict.outcome = "undetermined";
    verdict.explanation = `Nothing failed, but ${context.skipped.length} check(s) could not run: ${context.skipped.map((s) => `${s.id} (${s.reason})`).join("; ")}.`;
    const fixes: string[] = [];
    if (context.skipped.some((s) => s.reason.includes("(offline)")))
      fixes.push("run without --offline so the keys can be fetched");
    if (context.skipped.some((s) => s.id === "route.provider" || s.reason.includes("not known"))) {
      fixes.push(
        "supply the deployment's env (--dev-env/--prod-env FILE from `npx convex env list --include-values`, or --env NAME=VALUE), or make the provider's values static",
      );
    }
    verdict.fix = fixes.length ? `${fixes.join("; ")}.`.replace(/^./, (c) => c.toUpperCase()) : null;
    return;
  }
  verdict.outcome = "accepted";
  verdict.accepted = true;
  verdict.identity = provider.kind === "oidc" ? oidcIdentity(context.payload) : customJwtIdentity(context.payload);
}

/**
 * A token given with a `bearer` prefix is read as the backend reads the Authorization header:
 * exactly `bearer ` (any case, one space), then the rest trimmed. A JWT never starts with
 * "bearer" followed by whitespace, so the prefix can't be mistaken for a token.
 */
function readBearer(input: string): { jwt: string; headerError: string | null } {
  const trimmed = input.trim();
  if (!/^bearer\s/i.test(trimmed)) return { jwt: trimmed, headerError: null };
  if (trimmed.charCodeAt(6) === 32 && trimmed.length > 7) return { jwt: trimmed.slice(7).trim(), headerError: null };
  const sep = JSON.stringify(trimmed.charAt(6));
  return { jwt: trimmed.slice(7).trim(), headerError: `\`bearer\` is followed by ${sep}, not a space` };
}

function describeProvider(provider: EvaluatedProvider): Verdict["provider"] {
  return {
    index: provider.index,
    type: provider.kind,
    issuer: provider.issuer,
    applicationID: provider.applicationID,
    location: locationOf(provider),
  };
}
