/**
 * The customJwt path (docs/internals/convex-auth.md#customjwt): the JWKS (data: URI or a strict GET), biscuit's decode (kid
 * required, first key with that kid, the configured algorithm), then the time checks with 5 s
 * leeway and the required sub/exp.
 */
import type { EvaluatedProvider } from "../../config/auth-config.ts";
import { BISCUIT_TIME, CONVEX_ERRORS, type ConvexError } from "../../oidc/convex-errors.ts";
import { loadCustomJwtKeySet, rsaModulusBits, RSA_MAX_BITS, RSA_MIN_BITS, type Jwk } from "../../oidc/jwks.ts";
import { signatureValid } from "../signature.ts";
import { audiencesOf, issuerWithScheme, secondsOf, trimTrailingSlashes, type JsonObject } from "../token.ts";
import { addCheck, fieldSource, PASS, skip, type JudgeContext, type StageResult } from "./context.ts";

export const CUSTOM_JWT_LEEWAY_SECONDS = 5;

export async function checkCustomJwt(context: JudgeContext, provider: EvaluatedProvider): Promise<StageResult> {
  const payload = context.payload;
  // biscuit reads the header strictly (its own algorithm list, string members); a header it can't
  // read gives no kid to the message either.
  const compactProblem = context.decoded.compactError ?? biscuitHeaderProblem(context.header);
  const header = context.header;
  const biscuitHeader =
    context.decoded.strictHeader && biscuitHeaderProblem(context.header) === null ? context.header : null;
  const kid = typeof biscuitHeader?.kid === "string" ? biscuitHeader.kid : undefined;
  const decodeError = (): ConvexError => CONVEX_ERRORS.customJwtDecode(kid, context.redact);
  const results: StageResult[] = [];
  const configured = provider.algorithm;

  // 1. The key set.
  let keys: Jwk[] | null = null;
  if (provider.jwks === null) {
    skip(context, "jwt.jwks", `jwks of provider ${provider.index} is not known statically`);
  } else {
    const loaded = await loadCustomJwtKeySet(provider.jwks, context.fetcher);
    if (loaded.ok === "skipped") {
      skip(context, "jwt.jwks", loaded.reason);
    } else if (!loaded.ok && loaded.timedOut) {
      // The backend's HTTP client has no timeout: it would keep waiting, so there is no verdict here.
      skip(context, "jwt.jwks", `${loaded.detail}; Convex sets no client timeout and would keep waiting`);
    } else if (loaded.ok) {
      keys = loaded.keys;
      addCheck(context, "jwt.jwks", true, {
        expected: "a JWKS (data: URI, or 200 with Content-Type application/json or application/jwk-set+json)",
        actual: `${loaded.keys.length} key(s)`,
        message: `The JWKS (${loaded.source}) has ${loaded.keys.length} key(s).`,
      });
    } else {
      const source = fieldSource(provider, "jwks", context.envLabel);
      const fix = loaded.error.message.startsWith("Invalid Content-Type")
        ? `Serve the JWKS with Content-Type application/json (customJwt requires the header; OIDC discovery does not), or inline it as a data: URI in ${source}.`
        : `Check ${source}: it must be a reachable JWKS URL or a data:application/json;base64,… URI.`;
      addCheck(context, "jwt.jwks", false, {
        expected: "a JWKS (data: URI, or 200 with Content-Type application/json or application/jwk-set+json)",
        actual: loaded.detail,
        message: `The provider's JWKS can't be used: ${loaded.detail}.`,
        fix,
      });
      results.push({ error: loaded.error, explanation: `The provider's JWKS can't be used: ${loaded.detail}.`, fix });
    }
  }

  // 2. biscuit's decode_with_jwks: parts, header, kid, key, algorithm, signature. Every failure is
  // the "kid" error.
  const decodeFailures: Array<{ explanation: string; fix?: string }> = [];
  if (compactProblem !== null) {
    const explanation = `biscuit can't decode the token: ${compactProblem}.`;
    addCheck(context, "jwt.compact", false, {
      expected: "three strict base64url parts; a header with a known JWS alg and string typ/kid/cty",
      actual: compactProblem,
      message: explanation,
      fix: "Issue a compact JWS signed with RS256 or ES256 (strict base64url, no padding).",
    });
    results.push({ error: decodeError(), explanation, fix: "Issue a standard compact JWS (RS256 or ES256)." });
  }
  const kidOk = addCheck(context, "jwt.kid", kid !== undefined, {
    expected: "a kid header",
    actual: biscuitHeader?.kid ?? null,
    message:
      kid !== undefined
        ? `The header names key ${JSON.stringify(kid)}.`
        : "The token has no kid header; customJwt providers look keys up by kid only.",
    fix: 'Issue tokens with a kid header matching a key in the JWKS. (Convex Auth tokens have no kid and are meant for the OIDC provider `{ domain: CONVEX_SITE_URL, applicationID: "convex" }`.)',
  });
  if (!kidOk)
    decodeFailures.push({
      explanation: "The token has no kid header; customJwt providers look keys up by kid only.",
      fix: "Issue tokens with a kid that matches a key in the JWKS.",
    });
  const alg = typeof header?.alg === "string" ? header.alg : null;
  if (keys && kid !== undefined && compactProblem === null) {
    const key = keys.find((candidate) => candidate.kid === kid) ?? null;
    const keyOk = addCheck(context, "jwt.key", key !== null, {
      expected: `a key with kid ${JSON.stringify(kid)}`,
      actual: keys.map((candidate) => candidate.kid ?? null),
      message: key
        ? `Key ${JSON.stringify(kid)} is in the JWKS.`
        : `No key in the JWKS has kid ${JSON.stringify(kid)}.`,
      fix: "The token was signed by a key the JWKS doesn't publish (rotated, or another environment's); check the provider's jwks URL.",
    });
    if (!keyOk)
      decodeFailures.push({
        explanation: `No key in the JWKS has kid ${JSON.stringify(kid)}.`,
        fix: "Check that the provider's jwks points at the key set of the issuer that signed the token.",
      });
    if (key && configured === null) {
      skip(context, "jwt.alg", `algorithm of provider ${provider.index} is not known statically`);
    } else if (key) {
      const keyAlg = typeof key.alg === "string" ? key.alg : null;
      const algOk = alg !== null && alg === configured && (keyAlg === null || keyAlg === alg);
      const expectedAlg =
        keyAlg !== null ? `${keyAlg} (the key's alg) = ${configured} (configured)` : `${configured} (configured)`;
      if (
        !addCheck(context, "jwt.alg", algOk, {
          expected: expectedAlg,
          actual: alg,
          message: algOk
            ? `alg ${alg} matches the configured algorithm.`
            : `The token is signed with ${JSON.stringify(alg)} but the provider says algorithm ${JSON.stringify(configured)}${keyAlg && keyAlg !== configured ? ` and the key says ${keyAlg}` : ""}; Convex reports this as a kid problem.`,
          fix: `Make \`algorithm\` in auth.config equal the token's alg (${alg}), if it is RS256 or ES256.`,
        })
      )
        decodeFailures.push({
          explanation: `The token's alg ${JSON.stringify(alg)} doesn't match the configured algorithm ${JSON.stringify(configured)} (Convex's message blames the kid).`,
          fix: `Set algorithm: ${JSON.stringify(alg)} in auth.config if the issuer really signs with it.`,
        });
      else {
        const strength = keyFits(key, alg as string);
        if (
          !addCheck(context, "jwt.key-strength", strength.ok, {
            expected: alg === "RS256" ? `RSA ${RSA_MIN_BITS}-${RSA_MAX_BITS} bits` : "EC P-256",
            actual: strength.actual,
            message: strength.message,
            fix: alg === "RS256" ? "Use an RSA key of 2048 to 8192 bits." : "Use a P-256 EC key for ES256.",
          })
        )
          decodeFailures.push({
            explanation: strength.message,
            fix: "Use an RSA key of 2048 to 8192 bits (or P-256 for ES256).",
          });
        else {
          const valid = await signatureValid(context.decoded, key, alg as string);
          if (
            !addCheck(context, "jwt.signature", valid, {
              expected: "a valid signature",
              actual: valid ? "valid" : "invalid",
              message: valid
                ? `The signature verifies with key ${JSON.stringify(kid)}.`
                : `The signature does not verify with key ${JSON.stringify(kid)}.`,
              fix: "The token was altered, or signed by a different key with the same kid.",
            })
          )
            decodeFailures.push({
              explanation: `The signature does not verify with key ${JSON.stringify(kid)}.`,
              fix: "The token was altered, or signed by another key with the same kid.",
            });
        }
      }
    }
  } else if (kid !== undefined && !keys) {
    skip(context, "jwt.signature", "the JWKS is needed");
  }
  if (decodeFailures.length > 0)
    results.push({ error: decodeError(), explanation: decodeFailures[0]!.explanation, fix: decodeFailures[0]!.fix });

  // 3. Claims after the signature: iss/aud again (routing already made sure), the time window, sub/exp.
  const iss = payload.iss as string;
  const issOk = trimTrailingSlashes(issuerWithScheme(iss)) === trimTrailingSlashes(provider.issuer ?? "");
  addCheck(context, "jwt.issuer", issOk, {
    expected: provider.issuer,
    actual: iss,
    message: issOk ? "iss equals the configured issuer." : "iss differs from the configured issuer.",
  });
  if (!issOk) results.push({ error: CONVEX_ERRORS.customJwtInvalidIssuer(iss, provider.issuer ?? "") });
  if (provider.applicationID !== null) {
    const audiences = audiencesOf(payload);
    const audOk = audiences.includes(provider.applicationID);
    addCheck(context, "jwt.audience", audOk, {
      expected: provider.applicationID,
      actual: payload.aud ?? null,
      message: audOk ? `aud includes ${provider.applicationID}.` : `aud does not include ${provider.applicationID}.`,
    });
    if (!audOk) {
      results.push({
        error:
          payload.aud === undefined
            ? CONVEX_ERRORS.customJwtMissingAudience()
            : CONVEX_ERRORS.customJwtInvalidAudience(provider.applicationID, audiences),
      });
    }
  }
  const timeError = timeChecks(context);
  if (timeError) results.push(timeError);
  const missing = (["sub", "exp"] as const).filter((claim) => payload[claim] === undefined || payload[claim] === null);
  const claimsOk = addCheck(context, "jwt.required-claims", missing.length === 0, {
    expected: ["sub", "exp"],
    actual: missing.length ? `missing ${missing.join(", ")}` : "present",
    message: missing.length
      ? `The token lacks ${missing.join(" and ")}, which Convex requires to build the identity.`
      : "sub and exp are present.",
    fix: `Issue tokens with ${missing.join(" and ")}.`,
  });
  if (!claimsOk)
    results.push({
      error: CONVEX_ERRORS.customJwtClaims(),
      explanation: `The token lacks ${missing.join(" and ")}, which Convex requires.`,
      fix: `Issue tokens with ${missing.join(" and ")}.`,
    });
  return results.find((result) => result.error !== null) ?? PASS;
}

/** biscuit `validate` with epsilon 5 s: exp, then nbf, then iat (issued in the future). */
function timeChecks(context: JudgeContext): StageResult | null {
  const now = context.now;
  const exp = secondsOf(context.payload.exp);
  const nbf = secondsOf(context.payload.nbf);
  const iat = secondsOf(context.payload.iat);
  let first: StageResult | null = null;
  const record = (
    id: string,
    ok: boolean,
    expected: string,
    actual: number,
    reason: string,
    explanation: string,
    fix: string,
  ) => {
    addCheck(context, id, ok, { expected, actual, message: ok ? explanation : `${explanation} (${reason})`, fix });
    if (!ok && !first) first = { error: CONVEX_ERRORS.customJwtTime(reason), explanation, fix };
  };
  if (exp !== undefined) {
    const ok = now - exp <= CUSTOM_JWT_LEEWAY_SECONDS;
    record(
      "jwt.exp",
      ok,
      `now - exp <= ${CUSTOM_JWT_LEEWAY_SECONDS} s`,
      exp,
      BISCUIT_TIME.expired(now - exp),
      ok
        ? exp > now
          ? `The token expires in ${exp - now} s.`
          : `The token expired ${now - exp} s ago, within the 5 s leeway.`
        : `The token expired ${now - exp} s ago (customJwt allows 5 s).`,
      "Get a fresh token; check the clocks if new tokens fail too.",
    );
  }
  if (nbf !== undefined) {
    const ok = nbf - now <= CUSTOM_JWT_LEEWAY_SECONDS;
    record(
      "jwt.nbf",
      ok,
      `nbf - now <= ${CUSTOM_JWT_LEEWAY_SECONDS} s`,
      nbf,
      BISCUIT_TIME.notYetValid(nbf - now),
      ok ? "nbf has passed (or is within 5 s)." : `The token is not valid for another ${nbf - now} s (nbf).`,
      "The issuer's clock is ahead of Convex's; fix the clock or stop setting nbf in the future.",
    );
  }
  if (iat !== undefined) {
    const ok = iat - now <= CUSTOM_JWT_LEEWAY_SECONDS;
    record(
      "jwt.iat",
      ok,
      `iat - now <= ${CUSTOM_JWT_LEEWAY_SECONDS} s`,
      iat,
      BISCUIT_TIME.notYetValid(iat - now),
      ok ? "iat is not in the future." : `The token says it was issued ${iat - now} s in the future.`,
      "The issuer's clock is ahead; fix it.",
    );
  }
  return first;
}

function keyFits(key: Jwk, alg: string): { ok: boolean; actual: string; message: string } {
  if (alg === "ES256") {
    const ok = key.kty === "EC" && key.crv === "P-256";
    return {
      ok,
      actual: `${key.kty} ${key.crv ?? ""}`.trim(),
      message: ok ? "The key is EC P-256." : `ES256 needs an EC P-256 key, not ${key.kty} ${key.crv ?? ""}.`,
    };
  }
  if (key.kty !== "RSA")
    return { ok: false, actual: String(key.kty), message: `RS256 needs an RSA key, not ${key.kty}.` };
  const bits = rsaModulusBits(key);
  const ok = bits !== null && bits >= RSA_MIN_BITS && bits <= RSA_MAX_BITS;
  return {
    ok,
    actual: `${bits} bits`,
    message: ok ? `The RSA key has ${bits} bits.` : `The RSA key has ${bits} bits; Convex accepts 2048 to 8192.`,
  };
}

/** biscuit's SignatureAlgorithm (no EdDSA). */
const BISCUIT_SIGNATURE_ALGS = new Set([
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "ES256",
  "ES384",
  "ES512",
  "PS256",
  "PS384",
  "PS512",
  "none",
]);

/** Why biscuit's `Header<Empty>` parse fails on this header, or null. */
export function biscuitHeaderProblem(header: JsonObject | null): string | null {
  if (!header) return "the header is not a JSON object";
  if (typeof header.alg !== "string" || !BISCUIT_SIGNATURE_ALGS.has(header.alg))
    return `header alg ${JSON.stringify(header.alg ?? null)} is not one biscuit reads (no EdDSA)`;
  for (const name of ["typ", "cty", "jku", "kid", "x5u", "x5t"]) {
    const value = header[name];
    if (value !== undefined && value !== null && typeof value !== "string") return `header ${name} is not a string`;
  }
  const chain = header.x5c;
  if (chain !== undefined && chain !== null && !(Array.isArray(chain) && chain.every((c) => typeof c === "string")))
    return "header x5c is not a list of strings";
  return null;
}
