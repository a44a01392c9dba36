/**
 * OIDC discovery as the backend does it (openidconnect, Convex fork): the document is fetched
 * from the **token's** `iss`, its `issuer` must equal `iss` exactly, then the JWKS comes from
 * `jwks_uri`. Failures carry the backend's AuthProviderDiscoveryFailed error.
 */
import { CONVEX_ERRORS, type ConvexError } from "./convex-errors.ts";
import { isTransportFailure, type Fetcher } from "./http.ts";
import { parseJsonCached, parseUrlCached, type Json } from "./encoding.ts";
import { readOidcKeySet, type Jwk } from "./jwks.ts";

export function discoveryUrl(iss: string): string {
  return iss.endsWith("/") ? `${iss}.well-known/openid-configuration` : `${iss}/.well-known/openid-configuration`;
}

/** Which step failed, for authwire's explanation (the backend's message is the same for several). */
export type DiscoveryStep =
  | "discovery-fetch"
  | "discovery-status"
  | "discovery-content-type"
  | "discovery-body"
  | "discovery-issuer"
  | "jwks-fetch"
  | "jwks-status"
  | "jwks-content-type"
  | "jwks-body";

export type DiscoveryResult =
  | { ok: true; url: string; issuer: string; jwksUri: string; keys: Jwk[]; skippedKeys: number }
  | {
      ok: false;
      url: string;
      step: DiscoveryStep;
      detail: string;
      error: ConvexError;
      issuer?: string;
      jwksUri?: string;
      /** No answer for a reason that may be this machine's network (DNS, refused, timeout). */
      transportFailure?: boolean;
      /** No answer within the fetcher's timeout (the backend sets none and would keep waiting). */
      timedOut?: boolean;
    };

export async function discover(iss: string, fetcher: Fetcher): Promise<DiscoveryResult> {
  const url = discoveryUrl(iss);
  const fail = (
    step: DiscoveryStep,
    detail: string,
    response?: { status: number; body: string },
    extra: Partial<DiscoveryResult> = {},
  ) =>
    ({
      ok: false,
      url,
      step,
      detail,
      error: CONVEX_ERRORS.discoveryFailed(iss, response),
      ...extra,
    }) as DiscoveryResult;

  const doc = await fetcher.get(url, "application/json");
  if (!doc.ok)
    return fail("discovery-fetch", doc.error, undefined, {
      transportFailure: isTransportFailure(doc.failure),
      timedOut: doc.failure === "timeout",
    });
  if (doc.status !== 200)
    return fail("discovery-status", `${url} answered HTTP ${doc.status}`, { status: doc.status, body: doc.body });
  if (doc.contentType !== null && !oidcEssenceIs(doc.contentType, "application/json")) {
    return fail("discovery-content-type", `${url} is served as ${doc.contentType}, not application/json`, {
      status: doc.status,
      body: doc.body,
    });
  }
  const metadata: Json | undefined = parseJsonCached(doc.body);
  if (metadata === undefined) return fail("discovery-body", `${url} is not JSON`);
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
    return fail("discovery-body", `${url} is not a JSON object`);
  const issuer = metadata.issuer;
  const jwksUri = metadata.jwks_uri;
  if (typeof issuer !== "string") return fail("discovery-body", `${url} has no "issuer"`);
  if (typeof jwksUri !== "string") return fail("discovery-body", `${url} has no "jwks_uri"`, undefined, { issuer });
  if (!isUrl(issuer) || !isUrl(jwksUri))
    return fail("discovery-body", `"issuer" or "jwks_uri" in ${url} is not a URL`, undefined, { issuer, jwksUri });
  const metadataProblem = providerMetadataProblem(metadata);
  if (metadataProblem) return fail("discovery-body", `${url}: ${metadataProblem}`, undefined, { issuer, jwksUri });
  if (issuer !== iss) {
    return fail(
      "discovery-issuer",
      `the discovery document's issuer is ${issuer} but the token's iss is ${iss}`,
      undefined,
      { issuer, jwksUri },
    );
  }

  const jwks = await fetcher.get(jwksUri, "application/json");
  if (!jwks.ok)
    return fail("jwks-fetch", jwks.error, undefined, {
      issuer,
      jwksUri,
      transportFailure: isTransportFailure(jwks.failure),
      timedOut: jwks.failure === "timeout",
    });
  if (jwks.status !== 200)
    return fail(
      "jwks-status",
      `${jwksUri} answered HTTP ${jwks.status}`,
      { status: jwks.status, body: jwks.body },
      { issuer, jwksUri },
    );
  if (
    jwks.contentType !== null &&
    !oidcEssenceIs(jwks.contentType, "application/json") &&
    !oidcEssenceIs(jwks.contentType, "application/jwk-set+json")
  ) {
    return fail(
      "jwks-content-type",
      `${jwksUri} is served as ${jwks.contentType}`,
      { status: jwks.status, body: jwks.body },
      { issuer, jwksUri },
    );
  }
  const keySet = readOidcKeySet(jwks.body);
  if (!keySet) return fail("jwks-body", `${jwksUri} is not a JWKS ({"keys": [...]})`, undefined, { issuer, jwksUri });
  return { ok: true, url, issuer, jwksUri, keys: keySet.keys, skippedKeys: keySet.skipped };
}

function isUrl(value: string): boolean {
  return parseUrlCached(value) !== null;
}

/**
 * openidconnect's Content-Type test: the text before the first `;`, lower-cased, equals the
 * type; nothing is trimmed (`application/json ; charset=utf-8` fails).
 */
export function oidcEssenceIs(contentType: string, expected: string): boolean {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).toLowerCase() === expected;
}

const URL_FIELDS = [
  "authorization_endpoint",
  "token_endpoint",
  "userinfo_endpoint",
  "registration_endpoint",
  "service_documentation",
  "op_policy_uri",
  "op_tos_uri",
];
const OPTIONAL_STRING_LISTS = [
  "scopes_supported",
  "response_modes_supported",
  "grant_types_supported",
  "acr_values_supported",
  "token_endpoint_auth_methods_supported",
  "display_values_supported",
  "claim_types_supported",
  "claims_supported",
  "claims_locales_supported",
  "ui_locales_supported",
];
/** Lists without a null default: absent is fine, null is not. */
const REQUIRED_IF_PRESENT_STRING_LISTS = ["response_types_supported", "subject_types_supported"];
/** Lists whose entries are skipped when unreadable (the list itself must be a list). */
const OPTIONAL_SKIPPING_LISTS = [
  "id_token_encryption_alg_values_supported",
  "id_token_encryption_enc_values_supported",
  "userinfo_signing_alg_values_supported",
  "userinfo_encryption_alg_values_supported",
  "userinfo_encryption_enc_values_supported",
  "request_object_signing_alg_values_supported",
  "request_object_encryption_alg_values_supported",
  "request_object_encryption_enc_values_supported",
  "token_endpoint_auth_signing_alg_values_supported",
];
const BOOLEANS = [
  "claims_parameter_supported",
  "request_parameter_supported",
  "request_uri_parameter_supported",
  "require_request_uri_registration",
];

/**
 * Why openidconnect's ProviderMetadata parse fails on this document, or null: every metadata
 * field it knows is typed (URLs, string lists, booleans), optional ones may be null.
 */
export function providerMetadataProblem(metadata: { [key: string]: Json }): string | null {
  const has = (field: string) => metadata[field] !== undefined && metadata[field] !== null;
  const stringList = (value: Json | undefined) => Array.isArray(value) && value.every((v) => typeof v === "string");
  for (const field of URL_FIELDS)
    if (has(field) && !(typeof metadata[field] === "string" && isUrl(metadata[field])))
      return `"${field}" is not a URL`;
  for (const field of OPTIONAL_STRING_LISTS)
    if (has(field) && !stringList(metadata[field])) return `"${field}" is not a list of strings`;
  for (const field of REQUIRED_IF_PRESENT_STRING_LISTS)
    if (metadata[field] !== undefined && !stringList(metadata[field])) return `"${field}" is not a list of strings`;
  if (
    metadata.id_token_signing_alg_values_supported !== undefined &&
    !Array.isArray(metadata.id_token_signing_alg_values_supported)
  )
    return '"id_token_signing_alg_values_supported" is not a list';
  for (const field of OPTIONAL_SKIPPING_LISTS)
    if (has(field) && !Array.isArray(metadata[field])) return `"${field}" is not a list`;
  for (const field of BOOLEANS)
    if (has(field) && typeof metadata[field] !== "boolean") return `"${field}" is not a JSON boolean`;
  return null;
}
