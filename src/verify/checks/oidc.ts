/**
 * The OIDC path (docs/internals/convex-auth.md#oidc): discovery from the token's iss, the ID-token parse, then the
 * verifier's checks in its order (typ/cty/crit, audience, algorithm, key, signature, exp). Every
 * check is reported; the error is the backend's for the first failure in its order.
 */
import type { EvaluatedProvider } from "../../config/auth-config.ts";
import { CONVEX_ERRORS } from "../../oidc/convex-errors.ts";
import { discover, discoveryUrl, type DiscoveryResult } from "../../oidc/discovery.ts";
import { isRfc3339, LOCALIZED_CLAIMS } from "../identity.ts";
import { rsaModulusBits, RSA_MAX_BITS, RSA_MIN_BITS, type Jwk } from "../../oidc/jwks.ts";
import { signatureValid } from "../signature.ts";
import { parseUrlCached, type DecodedToken, type Json, type JsonObject } from "../token.ts";
import { addCheck, PASS, skip, type JudgeContext, type StageResult } from "./context.ts";

const OIDC_ALGS = ["RS256", "EdDSA"];
/** JwsSigningAlgorithm values the OIDC library can parse (others fail the ID-token parse). */
const KNOWN_JWS_ALGS = new Set([
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
  "EdDSA",
  "none",
  // JWE content-encryption algorithms parse too (the verifier then rejects them).
  "A128CBC-HS256",
  "A192CBC-HS384",
  "A256CBC-HS512",
  "A128GCM",
  "A192GCM",
  "A256GCM",
]);
/** Header members openidconnect reads (JsonWebTokenHeader): a duplicate fails the parse. */
const HEADER_FIELDS = new Set(["alg", "crit", "cty", "kid", "typ"]);
/** Payload members IdTokenClaims and StandardClaims read: a duplicate fails the parse. */
const ID_TOKEN_FIELDS = new Set([
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "acr",
  "amr",
  "azp",
  "at_hash",
  "c_hash",
  "sub",
  "preferred_username",
  "email",
  "email_verified",
  "gender",
  "birthday",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
]);
/** StandardClaims members that take no language tag (`email#work` fails the parse). */
const UNLOCALIZED = new Set([
  "sub",
  "preferred_username",
  "email",
  "email_verified",
  "gender",
  "birthday",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
]);
const ADDRESS_FIELDS = ["formatted", "street_address", "locality", "region", "postal_code", "country"];
const STRING_CLAIMS = [
  "preferred_username",
  "email",
  "gender",
  "birthday",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "nonce",
  "acr",
  "azp",
  "at_hash",
  "c_hash",
];
const BOOLEAN_CLAIMS = ["email_verified", "phone_number_verified"];

export async function checkOidc(context: JudgeContext, provider: EvaluatedProvider): Promise<StageResult> {
  const iss = context.payload.iss as string;
  const header = context.header;
  const results: StageResult[] = [];

  // 1. Discovery is built from the token's iss, which must be an absolute URL.
  const issIsUrl = parseUrlCached(iss) !== null;
  addCheck(context, "oidc.iss-url", issIsUrl, {
    expected: "an absolute URL",
    actual: iss,
    message: issIsUrl
      ? "The token's iss is a URL, so discovery can start."
      : `The token's iss ${iss} has no scheme: routing accepted it (https:// is added for matching) but OIDC discovery needs a URL, and the backend fails with an internal error.`,
    fix: "Have the identity provider issue a full https:// issuer, or configure it as a customJwt provider.",
  });
  if (!issIsUrl)
    results.push({
      error: CONVEX_ERRORS.internal(),
      explanation: `The token's iss ${iss} is not a URL, so OIDC discovery can't start.`,
    });

  let discovery: DiscoveryResult | null = null;
  if (issIsUrl) {
    if (!context.fetcher) {
      skip(context, "oidc.discovery", `fetching ${discoveryUrl(iss)} (offline)`);
      skip(context, "oidc.key", "the JWKS is needed (offline)");
      skip(context, "oidc.signature", "the JWKS is needed (offline)");
    } else {
      discovery = await discover(iss, context.fetcher);
      results.push(discoveryChecks(context, discovery, iss));
    }
  }

  // 2. The ID-token parse.
  const parseProblems = idTokenProblems(header, context.payload, context.decoded);
  const parsed = addCheck(context, "oidc.id-token", parseProblems.length === 0, {
    expected: "an OIDC ID token: sub, iat and exp present, standard claims with their standard types",
    actual: parseProblems.length === 0 ? "ok" : parseProblems,
    message:
      parseProblems.length === 0
        ? "The token parses as an OIDC ID token."
        : `The token is not an OIDC ID token Convex accepts: ${parseProblems.join("; ")}.`,
    fix: fixForParse(parseProblems),
  });
  if (!parsed)
    results.push({
      error: CONVEX_ERRORS.notOidcToken(),
      explanation: `The token is not an OIDC ID token Convex accepts: ${parseProblems.join("; ")}.`,
      fix: fixForParse(parseProblems),
    });

  // 3. The verifier.
  const verifyFailures: Array<{ explanation: string; fix?: string }> = [];
  const fail = (explanation: string, fix?: string) => verifyFailures.push({ explanation, fix });
  const typ = header?.typ;
  const normalizedTyp =
    typeof typ === "string"
      ? typ.toLowerCase().includes("/")
        ? typ.toLowerCase()
        : `application/${typ.toLowerCase()}`
      : null;
  const typOk =
    typ === undefined || typ === null || normalizedTyp === "application/jwt" || normalizedTyp === "application/jose";
  if (
    !addCheck(context, "oidc.typ", typOk, {
      expected: "absent, JWT or JOSE",
      actual: typ ?? null,
      message: typOk
        ? "The header typ is acceptable."
        : `The header typ ${JSON.stringify(typ)} is not an ID token's (JWT/JOSE); access tokens (at+jwt) are rejected on the OIDC path.`,
      fix: "Send the ID token, not an access token (Auth0: getIdTokenClaims().__raw / the id_token), or configure the issuer as a customJwt provider.",
    })
  )
    fail(`The header typ ${JSON.stringify(typ)} is not an ID token's.`, "Send the ID token, not an access token.");
  // Null is absent; other members (enc…) are not read at all.
  const extraHeaders = ["crit", "cty"].filter((name) => header?.[name] !== undefined && header?.[name] !== null);
  if (
    !addCheck(context, "oidc.header", extraHeaders.length === 0, {
      expected: "no crit or cty header",
      actual: extraHeaders.length ? extraHeaders : "none",
      message:
        extraHeaders.length === 0
          ? "No crit/cty header."
          : `The header carries ${extraHeaders.join(", ")}, which the OIDC verifier rejects.`,
    })
  )
    fail(`The header carries ${extraHeaders.join(", ")}, which the OIDC verifier rejects.`);

  const aud = context.payload.aud;
  const audList = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
  // The other audiences must be trusted (none are): entries equal to the client id are fine.
  const audOk = audList.includes(provider.applicationID ?? "") && audList.every((a) => a === provider.applicationID);
  if (
    !addCheck(context, "oidc.audience", audOk, {
      expected: [provider.applicationID],
      actual: aud ?? null,
      message: audOk
        ? `aud is ${JSON.stringify(provider.applicationID)}.`
        : audList.includes(provider.applicationID ?? "")
          ? `aud has other entries than ${JSON.stringify(provider.applicationID)}; the OIDC verifier treats every other audience as untrusted and rejects the token.`
          : `aud does not include ${JSON.stringify(provider.applicationID)}.`,
      fix: "Request a token for this application only (an ID token), or configure the issuer as a customJwt provider, whose audience check allows extra audiences.",
    })
  )
    fail(
      `The token's audiences (${audList.join(", ")}) are not only ${JSON.stringify(provider.applicationID)}; the OIDC path accepts no other audience.`,
      "Request a token whose aud is only the application ID, or use a customJwt provider.",
    );

  const alg = header?.alg;
  const algOk = typeof alg === "string" && OIDC_ALGS.includes(alg);
  if (
    !addCheck(context, "oidc.alg", algOk, {
      expected: OIDC_ALGS,
      actual: alg ?? null,
      message: algOk
        ? `alg ${alg} is allowed.`
        : `alg ${JSON.stringify(alg ?? null)} is not allowed on the OIDC path (RS256 and EdDSA only).`,
      fix: "Sign ID tokens with RS256 (or EdDSA/Ed25519); for ES256 use a customJwt provider.",
    })
  )
    fail(
      `The token is signed with ${JSON.stringify(alg ?? null)}; Convex's OIDC path accepts RS256 and EdDSA only.`,
      "Sign with RS256, or use a customJwt provider for ES256.",
    );

  if (discovery?.ok && algOk) {
    const selection = selectOidcKey(discovery.keys, header ?? {}, alg);
    const keyOk = addCheck(context, "oidc.key", selection.key !== null, {
      expected: "exactly one compatible key (kid, use sig, kty, alg)",
      actual: selection.summary,
      message: selection.message,
      fix: selection.fix,
    });
    if (!keyOk) fail(selection.message, selection.fix);
    if (selection.key) {
      const strength = keyStrength(selection.key, alg);
      const strengthOk = addCheck(context, "oidc.key-strength", strength.ok, {
        expected: alg === "RS256" ? `RSA ${RSA_MIN_BITS}-${RSA_MAX_BITS} bits` : "Ed25519",
        actual: strength.actual,
        message: strength.message,
        fix: "Use an RSA key of 2048 to 8192 bits (or an Ed25519 key for EdDSA).",
      });
      if (!strengthOk) fail(strength.message, "Use an RSA key of 2048 to 8192 bits.");
      else {
        const valid = await signatureValid(context.decoded, selection.key, alg);
        if (
          !addCheck(context, "oidc.signature", valid, {
            expected: "a valid signature",
            actual: valid ? "valid" : "invalid",
            message: valid
              ? `The signature verifies with key ${JSON.stringify(selection.key.kid ?? "(no kid)")} from ${discovery.jwksUri}.`
              : `The signature does not verify with the key from ${discovery.jwksUri}.`,
            fix: "The token was altered or signed by a different key than the issuer publishes.",
          })
        )
          fail(
            `The signature does not verify with the key from ${discovery.jwksUri}.`,
            "The token was altered, or signed by a key the issuer doesn't publish.",
          );
      }
    }
  }

  // Fractional seconds are kept (the request time is whole seconds): valid while now < exp.
  const rawExp = context.payload.exp;
  const exp = typeof rawExp === "number" && Number.isFinite(rawExp) ? rawExp : undefined;
  if (exp !== undefined) {
    const expOk = context.now < exp;
    if (
      !addCheck(context, "oidc.exp", expOk, {
        expected: `exp > now (${context.now}); no leeway`,
        actual: exp,
        message: expOk
          ? `The token expires in ${round3(exp - context.now)} s.`
          : `The token expired ${round3(context.now - exp)} s ago (OIDC has no leeway).`,
        fix: "Get a fresh token (the client refreshes it before exp); check the clock if this happens with new tokens.",
      })
    )
      fail(
        `The token expired ${round3(context.now - exp)} s ago; the OIDC path allows no leeway.`,
        "Get a fresh token; check the machine's clock if new tokens fail too.",
      );
  }
  if (verifyFailures.length > 0) {
    results.push({
      error: CONVEX_ERRORS.oidcClaimUnverified(),
      explanation: verifyFailures[0]!.explanation,
      fix: verifyFailures[0]!.fix,
    });
  }
  return results.find((result) => result.error !== null) ?? PASS;
}

function discoveryChecks(context: JudgeContext, discovery: DiscoveryResult, iss: string): StageResult {
  if (!discovery.ok && discovery.timedOut) {
    // The backend's HTTP client has no timeout: it would keep waiting, so there is no verdict here.
    skip(
      context,
      discovery.step.startsWith("jwks") ? "oidc.jwks" : "oidc.discovery",
      `${discovery.detail}; Convex sets no client timeout and would keep waiting for ${discovery.step.startsWith("jwks") ? discovery.jwksUri : discovery.url}`,
    );
    return PASS;
  }
  if (discovery.ok) {
    addCheck(context, "oidc.discovery", true, {
      expected: `200 application/json at ${discovery.url}`,
      actual: "ok",
      message: `Discovery at ${discovery.url} answered.`,
    });
    addCheck(context, "oidc.discovery-issuer", true, {
      expected: iss,
      actual: discovery.issuer,
      message: "The discovery document's issuer equals the token's iss.",
    });
    addCheck(context, "oidc.jwks", true, {
      expected: `a JWKS at ${discovery.jwksUri}`,
      actual: `${discovery.keys.length} key(s)${discovery.skippedKeys ? `, ${discovery.skippedKeys} skipped (unparsable)` : ""}`,
      message: `The JWKS at ${discovery.jwksUri} has ${discovery.keys.length} usable key(s).`,
    });
    return PASS;
  }
  const step = discovery.step;
  const id = step.startsWith("jwks")
    ? "oidc.jwks"
    : step === "discovery-issuer"
      ? "oidc.discovery-issuer"
      : "oidc.discovery";
  if (id !== "oidc.discovery")
    addCheck(context, "oidc.discovery", true, {
      expected: `200 application/json at ${discovery.url}`,
      actual: "ok",
      message: `Discovery at ${discovery.url} answered.`,
    });
  if (id === "oidc.jwks")
    addCheck(context, "oidc.discovery-issuer", true, {
      expected: iss,
      actual: discovery.issuer,
      message: "The discovery document's issuer equals the token's iss.",
    });
  const fixes: Record<string, string> = {
    "discovery-fetch": `Check that ${discovery.url} is reachable from the internet (Convex Cloud can't reach private or loopback addresses).`,
    "discovery-status": `${discovery.url} must answer 200 with the OpenID configuration; check that the token's iss is the issuer URL.`,
    "discovery-content-type": `Serve ${discovery.url} as application/json.`,
    "discovery-body": `${discovery.url} must be an OpenID configuration with "issuer" and "jwks_uri".`,
    "discovery-issuer": `The issuer must publish a discovery document whose "issuer" is exactly the token's iss (${iss}); a trailing slash or case difference counts.`,
    "jwks-fetch": `Check that ${discovery.jwksUri} is reachable.`,
    "jwks-status": `${discovery.jwksUri} must answer 200 with the key set.`,
    "jwks-content-type": `Serve ${discovery.jwksUri} as application/json or application/jwk-set+json.`,
    "jwks-body": `${discovery.jwksUri} must be a JWKS: {"keys": [...]}.`,
  };
  const message = `OIDC discovery failed: ${discovery.detail}.`;
  addCheck(context, id, false, {
    expected:
      id === "oidc.discovery-issuer"
        ? iss
        : id === "oidc.jwks"
          ? `a JWKS at ${discovery.jwksUri}`
          : `200 application/json at ${discovery.url}`,
    actual: id === "oidc.discovery-issuer" ? discovery.issuer : discovery.detail,
    message,
    fix: fixes[step],
  });
  return { error: discovery.error, explanation: message, fix: fixes[step] };
}

/** What makes `CoreIdTokenWithCustomClaims::from_str` fail. */
export function idTokenProblems(
  header: JsonObject | null,
  payload: JsonObject,
  decoded?: Pick<DecodedToken, "oidcFormatError" | "duplicates">,
): string[] {
  const problems: string[] = [];
  if (decoded?.oidcFormatError) return [decoded.oidcFormatError];
  if (!header) return ["the header is not a JSON object"];
  for (const name of decoded?.duplicates.header ?? [])
    if (HEADER_FIELDS.has(name)) problems.push(`duplicate header field ${name}`);
  for (const name of decoded?.duplicates.payload ?? [])
    if (ID_TOKEN_FIELDS.has(name)) problems.push(`duplicate claim ${name}`);
  for (const name of Object.keys(payload)) {
    const hash = name.indexOf("#");
    if (hash > 0 && hash < name.length - 1 && UNLOCALIZED.has(name.slice(0, hash)))
      problems.push(`${name}: ${name.slice(0, hash)} takes no language tag`);
  }
  if (typeof header.alg !== "string" || !KNOWN_JWS_ALGS.has(header.alg))
    problems.push(`header alg ${JSON.stringify(header.alg ?? null)} is not a JWS algorithm`);
  for (const name of ["typ", "kid", "cty"]) {
    if (header[name] !== undefined && header[name] !== null && typeof header[name] !== "string")
      problems.push(`header ${name} is not a string`);
  }
  if (
    header.crit !== undefined &&
    header.crit !== null &&
    !(Array.isArray(header.crit) && header.crit.every((entry) => typeof entry === "string"))
  )
    problems.push("header crit is not a list of strings");
  if (typeof payload.iss !== "string" || parseUrlCached(payload.iss) === null) problems.push("iss is not a URL");
  if (typeof payload.sub !== "string") problems.push("sub is missing");
  for (const name of ["exp", "iat"]) {
    const value = payload[name];
    if (value === undefined || value === null) problems.push(`${name} is missing`);
    else if (!isTimestamp(value)) problems.push(`${name} is not a timestamp`);
  }
  const authTime = payload.auth_time;
  if (authTime !== undefined && authTime !== null && !isTimestamp(authTime))
    problems.push("auth_time is not a timestamp");
  for (const [name, value] of Object.entries(payload)) {
    const base = name.includes("#") ? name.slice(0, name.indexOf("#")) : name;
    if (LOCALIZED_CLAIMS.has(base) && value !== null && typeof value !== "string")
      problems.push(`${name} is not a string`);
  }
  for (const name of STRING_CLAIMS) {
    const value = payload[name];
    if (value !== undefined && value !== null && typeof value !== "string") problems.push(`${name} is not a string`);
  }
  for (const name of BOOLEAN_CLAIMS) {
    const value = payload[name];
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      problems.push(`${name} is ${JSON.stringify(value)}, not a JSON boolean`);
    }
  }
  const amr = payload.amr;
  if (amr !== undefined && amr !== null && !(Array.isArray(amr) && amr.every((entry) => typeof entry === "string")))
    problems.push("amr is not a list of strings");
  const address = payload.address;
  if (address !== undefined && address !== null) {
    if (typeof address !== "object" || Array.isArray(address)) problems.push("address is not an object");
    else if (
      ADDRESS_FIELDS.some(
        (field) => address[field] !== undefined && address[field] !== null && typeof address[field] !== "string",
      )
    )
      problems.push("address has a non-string field");
  }
  const updatedAt = payload.updated_at;
  if (updatedAt !== undefined && updatedAt !== null && !isTimestamp(updatedAt))
    problems.push("updated_at is not a timestamp");
  return problems;
}

function isTimestamp(value: Json): boolean {
  return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && isRfc3339(value));
}

function fixForParse(problems: string[]): string {
  if (problems.some((p) => p.includes("not a JSON boolean"))) {
    return 'Issue email_verified / phone_number_verified as JSON booleans (true), not strings ("true"); Convex does not accept string booleans.';
  }
  if (problems.some((p) => p.startsWith("iat") || p.startsWith("sub") || p.startsWith("exp"))) {
    return "An OIDC ID token needs sub, iat and exp. If this issuer's tokens lack them, configure it as a customJwt provider.";
  }
  return "Send an OIDC ID token, or configure the issuer as a customJwt provider.";
}

interface KeySelection {
  key: Jwk | null;
  summary: unknown;
  message: string;
  fix?: string;
}

/** openidconnect's key selection: kid filter, compatibility filter, exactly one left. */
export function selectOidcKey(keys: readonly Jwk[], header: JsonObject, alg: string): KeySelection {
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  const byKid = kid === undefined ? keys : keys.filter((key) => key.kid === kid);
  const kty = alg === "EdDSA" ? "OKP" : "RSA";
  const compatible = byKid.filter(
    (key) =>
      (key.use === undefined || key.use === null || key.use === "sig") &&
      key.kty === kty &&
      (key.alg === undefined || key.alg === null || key.alg === alg),
  );
  const summary = { kid: kid ?? null, keys: keys.length, matchingKid: byKid.length, compatible: compatible.length };
  if (compatible.length === 1) {
    return {
      key: compatible[0]!,
      summary,
      message: `Key ${JSON.stringify(compatible[0]!.kid ?? "(no kid)")} is the one compatible ${kty} key${kid ? ` with kid ${kid}` : ""}.`,
    };
  }
  if (compatible.length === 0) {
    if (kid !== undefined && byKid.length === 0) {
      return {
        key: null,
        summary,
        message: `No key in the JWKS has kid ${JSON.stringify(kid)} (${keys.length} key(s) published). Convex never refetches on an unknown kid: after a rotation, tokens fail until the cached JWKS expires.`,
        fix: "The token was signed by a key the issuer doesn't publish (rotated, or another environment's). Get a fresh token from the right issuer.",
      };
    }
    return {
      key: null,
      summary,
      message: `No ${kty} key usable for ${alg} (use "sig" or absent, alg absent or ${alg}) among ${byKid.length} candidate(s).`,
      fix: `Publish a ${kty} signing key for ${alg}.`,
    };
  }
  return {
    key: null,
    summary,
    message: `${compatible.length} keys fit the token${kid === undefined ? ", which has no kid" : ` with kid ${JSON.stringify(kid)}`}: the key is ambiguous.`,
    fix:
      kid === undefined
        ? "Tokens without a kid work only while the JWKS has exactly one key (Convex Auth: keep one key in JWKS, or add kid to new keys)."
        : "Give each key in the JWKS a distinct kid.",
  };
}

function keyStrength(key: Jwk, alg: string): { ok: boolean; actual: string; message: string } {
  if (alg === "EdDSA") {
    const ok = key.crv === "Ed25519";
    return {
      ok,
      actual: String(key.crv ?? "none"),
      message: ok ? "The key is Ed25519." : `EdDSA needs an Ed25519 key, not ${JSON.stringify(key.crv ?? null)}.`,
    };
  }
  const bits = rsaModulusBits(key);
  const ok = bits !== null && bits >= RSA_MIN_BITS && bits <= RSA_MAX_BITS;
  return {
    ok,
    actual: bits === null ? "unreadable modulus" : `${bits} bits`,
    message: ok
      ? `The RSA key has ${bits} bits.`
      : `The RSA key has ${bits ?? "an unreadable"} bits; Convex accepts 2048 to 8192.`,
  };
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
