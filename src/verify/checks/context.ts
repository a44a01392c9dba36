/** What every check stage reads and writes while one token is judged. */
import type { EvaluatedProvider } from "../../config/auth-config.ts";
import type { ConvexError } from "../../oidc/convex-errors.ts";
import type { Fetcher } from "../../oidc/http.ts";
import type { DecodedToken, JsonObject } from "../token.ts";
import type { Check, CheckSeverity } from "../verdict.ts";

export interface JudgeContext {
  decoded: DecodedToken;
  /** Why the Authorization header (a `bearer` prefix given) is refused, or null. */
  headerError: string | null;
  header: JsonObject | null;
  payload: JsonObject;
  /** The request time in whole seconds, as the backend uses it. */
  now: number;
  /** Null when offline: checks that need the network are skipped. */
  fetcher: Fetcher | null;
  redact: boolean;
  /** Where env values came from, for fixes: "the dev deployment", "--env", ".env.convex". */
  envLabel: string;
  checks: Check[];
  skipped: Array<{ id: string; reason: string }>;
}

/** A stage's outcome: the backend's error for the first failure in its order, with authwire's words. */
export interface StageResult {
  error: ConvexError | null;
  explanation?: string;
  fix?: string;
}

export const PASS: StageResult = { error: null };

export function addCheck(
  context: JudgeContext,
  id: string,
  ok: boolean,
  details: { expected: unknown; actual: unknown; message: string; fix?: string; severity?: CheckSeverity },
): boolean {
  context.checks.push({
    id,
    ok,
    expected: details.expected,
    actual: details.actual,
    message: details.message,
    severity: details.severity ?? "error",
    ...(details.fix && !ok ? { fix: details.fix } : {}),
  });
  return ok;
}

export function skip(context: JudgeContext, id: string, reason: string): void {
  context.skipped.push({ id, reason });
}

/** "CLERK_JWT_ISSUER_DOMAIN on the dev deployment" or "domain in convex/auth.config.ts:6:15". */
export function fieldSource(provider: EvaluatedProvider, field: string, envLabel: string): string {
  const names = provider.envVars[field];
  if (names && names.length > 0) return `${names.join(" + ")} on ${envLabel}`;
  const at = provider.fieldLocations[field];
  return at ? `\`${field}\` in ${at.file}:${at.line}:${at.column}` : `\`${field}\` of provider ${provider.index}`;
}

export function locationOf(provider: EvaluatedProvider): string {
  return `${provider.location.file}:${provider.location.line}:${provider.location.column}`;
}
