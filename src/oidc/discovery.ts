/**
 * OIDC discovery as the backend does it (openidconnect, Convex fork): the document is fetched
 * from the **token's** `iss`, its `issuer` must equal `iss` exactly, then the JWKS comes from
 * `jwks_uri`. Failures carry the backend's AuthProviderDiscoveryFailed error.
 */
import { CONVEX_ERRORS, type ConvexError } from "./convex-errors.ts";
import { isTransportFailure, type Fetcher } from "./http.ts";
import { parseJsonCached, parseUrlCached, type Json } from "./encoding.ts";
import { parseContentType, readOidcKeySet, type Jwk } from "./jwks.ts";

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
    return fail("discovery-fetch", doc.error, undefined, { transportFailure: isTransportFailure(doc.failure) });
  if (doc.status !== 200)
    return fail("discovery-status", `${url} answered HTTP ${doc.status}`, { status: doc.status, body: doc.body });
  const type = parseContentType(doc.contentType);
  if (doc.contentType !== null && type?.essence !== "application/json") {
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
    });
  if (jwks.status !== 200)
    return fail(
      "jwks-status",
      `${jwksUri} answered HTTP ${jwks.status}`,
      { status: jwks.status, body: jwks.body },
      { issuer, jwksUri },
    );
  const jwksType = parseContentType(jwks.contentType);
  if (
    jwks.contentType !== null &&
    jwksType?.essence !== "application/json" &&
    jwksType?.essence !== "application/jwk-set+json"
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
