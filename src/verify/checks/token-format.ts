/** Step 1 for every token: the unverified parse that routing needs (docs/internals/convex-auth.md#routing). */
import { CONVEX_ERRORS } from "../../oidc/convex-errors.ts";
import { CHRONO_MAX_SECONDS } from "../token.ts";
import { addCheck, PASS, type JudgeContext, type StageResult } from "./context.ts";

export function checkTokenFormat(context: JudgeContext): StageResult {
  const { decoded } = context;
  if (context.headerError) {
    addCheck(context, "token.bearer", false, {
      expected: "`Bearer ` (one space) before the token",
      actual: context.headerError,
      message: `Convex reads the Authorization header only when it begins with exactly \`bearer \` (any case, one space): ${context.headerError}.`,
      fix: "Send `Authorization: Bearer <jwt>` with a single space.",
    });
    return {
      error: CONVEX_ERRORS.bearerHeader(),
      explanation: `The Authorization header does not begin with \`bearer \`: ${context.headerError}.`,
    };
  }
  const formatOk = addCheck(context, "token.format", decoded.formatError === null, {
    expected: "three base64url parts, the payload a JSON object",
    actual: decoded.formatError ?? "ok",
    message:
      decoded.formatError === null
        ? "The token is a compact JWT."
        : `The token is not a JWT Convex can read: ${decoded.formatError}.`,
    fix: "Send the raw JWT (header.payload.signature), without quotes or a `Bearer ` prefix.",
  });
  if (!formatOk)
    return {
      error: CONVEX_ERRORS.unparsableJwt(),
      explanation: `The token is not a JWT Convex can read: ${decoded.formatError}.`,
    };
  const claimsOk = addCheck(context, "token.claims", decoded.claimsError === null, {
    expected: "iss/sub/jti strings, aud a string or string array, exp/nbf/iat non-negative numbers",
    actual: decoded.claimsError ?? "ok",
    message:
      decoded.claimsError === null
        ? "The registered claims have the types Convex expects."
        : `The payload fails Convex's first parse: ${decoded.claimsError}.`,
    fix: "Issue exp/iat/nbf as NumericDate numbers (seconds) and iss/sub as strings.",
  });
  if (!claimsOk)
    return {
      error: CONVEX_ERRORS.unparsableJwt(),
      explanation: `The payload fails Convex's first parse: ${decoded.claimsError}.`,
    };
  if (decoded.panic) {
    const explanation = `Convex's backend panics reading this token: ${decoded.panic} (biscuit unwraps chrono's from_timestamp_opt). No identity is ever made from it; the client sees an internal error.`;
    addCheck(context, "token.timestamps", false, {
      expected: `exp/nbf/iat at most ${CHRONO_MAX_SECONDS} (chrono's last second)`,
      actual: decoded.panic,
      message: explanation,
      fix: "Issue exp/iat/nbf in seconds since the epoch, not milliseconds.",
    });
    return { error: CONVEX_ERRORS.internal(), explanation, fix: "Issue exp/iat/nbf in seconds, not milliseconds." };
  }
  const iss = context.payload.iss;
  const issOk = addCheck(context, "token.iss", typeof iss === "string", {
    expected: "an iss claim",
    actual: typeof iss === "string" ? iss : null,
    message:
      typeof iss === "string"
        ? `The token's issuer is ${iss}.`
        : "The token has no iss claim, so Convex can't pick a provider.",
    fix: "Configure the identity provider to set iss (its issuer URL).",
  });
  if (!issOk)
    return {
      error: CONVEX_ERRORS.missingIssuer(),
      explanation: "The token has no iss claim, so Convex can't pick a provider.",
    };
  return PASS;
}
