/**
 * Decoding a compact JWT without verifying it, the way the backend's first pass does (biscuit
 * `RegisteredClaims`): three strict base64url parts without padding, a JSON object payload, and
 * typed registered claims. Never throws.
 */
import { decodeBase64urlStrict, type Json, type JsonObject } from "../oidc/encoding.ts";

export type { Json, JsonObject } from "../oidc/encoding.ts";
export { decodeBase64urlStrict, parseUrlCached } from "../oidc/encoding.ts";

export interface DecodedToken {
  /** The token as judged (surrounding whitespace trimmed, as the backend does). */
  compact: string;
  /** Size in bytes of the compact token. */
  bytes: number;
  header: JsonObject | null;
  payload: JsonObject | null;
  /** `<header>.<payload>` as sent, for signature checks. */
  signingInput: string;
  /** The decoded signature bytes (empty when the token doesn't decode). */
  signature: Buffer;
  /** Why the token is not a decodable JWS, or null. */
  formatError: string | null;
  /** Why the payload fails the backend's registered-claims parse (wrong types), or null. */
  claimsError: string | null;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function parseJsonObject(bytes: Buffer): JsonObject | null {
  try {
    const text = UTF8.decode(bytes);
    const value = JSON.parse(text) as Json;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function decodeToken(token: string): DecodedToken {
  const compact = token.trim();
  const decoded: DecodedToken = {
    compact,
    bytes: Buffer.byteLength(compact),
    header: null,
    payload: null,
    signingInput: "",
    signature: Buffer.alloc(0),
    formatError: null,
    claimsError: null,
  };
  const parts = compact.split(".");
  if (parts.length !== 3) {
    decoded.formatError = `Expected 3 parts in Compact JSON representation but got ${parts.length}`;
    return decoded;
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  decoded.signingInput = `${headerPart}.${payloadPart}`;
  const headerBytes = decodeBase64urlStrict(headerPart);
  const payloadBytes = decodeBase64urlStrict(payloadPart);
  const signature = decodeBase64urlStrict(signaturePart);
  if (!headerBytes || !payloadBytes || !signature) {
    decoded.formatError = "a part is not base64url without padding";
    return decoded;
  }
  decoded.signature = signature;
  decoded.header = parseJsonObject(headerBytes);
  decoded.payload = parseJsonObject(payloadBytes);
  if (!decoded.payload) {
    decoded.formatError = "the payload is not a JSON object";
    return decoded;
  }
  decoded.claimsError = registeredClaimsError(decoded.payload);
  return decoded;
}

/** biscuit's RegisteredClaims types: the reason the payload fails them, or null. */
export function registeredClaimsError(payload: JsonObject): string | null {
  for (const name of ["iss", "sub", "jti"] as const) {
    const value = payload[name];
    if (value !== undefined && value !== null && typeof value !== "string") return `'${name}' is not a string`;
  }
  const aud = payload.aud;
  if (
    aud !== undefined &&
    aud !== null &&
    typeof aud !== "string" &&
    !(Array.isArray(aud) && aud.every((a) => typeof a === "string"))
  ) {
    return "'aud' is neither a string nor an array of strings";
  }
  for (const name of ["exp", "nbf", "iat"] as const) {
    const value = payload[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) return `'${name}' is not a number`;
    if (value < 0) return `'${name}' is negative`;
  }
  return null;
}

/** The audiences as the backend lists them: `[aud]`, the array, or `[]`. */
export function audiencesOf(payload: JsonObject): string[] {
  const aud = payload.aud;
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === "string");
  return [];
}

/** A timestamp claim as whole seconds (fractional values are rounded, as the backend's fork does). */
export function secondsOf(value: Json | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value) : undefined;
}

/** The routing issuer: `https://` prepended when `iss` has no http(s) scheme. */
export function issuerWithScheme(iss: string): string {
  return iss.startsWith("https://") || iss.startsWith("http://") ? iss : `https://${iss}`;
}

export function trimTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 47) end -= 1;
  return value.slice(0, end);
}
