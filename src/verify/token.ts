/**
 * Decoding a compact JWT without verifying it, the way the backend reads it, in three readings:
 * - the first pass for routing (biscuit `unverified_payload`): only the second part, strict
 *   base64url (data-encoding), serde_json, typed registered claims;
 * - customJwt (biscuit `decode_with_jwks`): three parts, header and signature strict too;
 * - OIDC (openidconnect): three parts, base64url with trailing bits allowed.
 * Never throws.
 */
import {
  decodeBase64urlLenient,
  decodeBase64urlStrict,
  duplicateTopLevelKeys,
  parseJsonBytes,
  type Json,
  type JsonObject,
} from "../oidc/encoding.ts";

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
  /** Why the first pass (routing) can't read the payload, or null. */
  formatError: string | null;
  /** Why the payload fails the backend's registered-claims parse (wrong types), or null. */
  claimsError: string | null;
  /** Why biscuit's customJwt decode can't split and decode the token (before any key), or null. */
  compactError: string | null;
  /** Whether the first part is strict base64url of a JSON object (biscuit's `unverified_header`). */
  strictHeader: boolean;
  /** Why openidconnect can't split and decode the token as a JWT, or null. */
  oidcFormatError: string | null;
  /** Member names repeated at the top level of the header and of the payload. */
  duplicates: { header: string[]; payload: string[] };
  /** The backend panics reading this payload (a timestamp past chrono's range), or null. */
  panic: string | null;
}

function parseJsonObject(bytes: Buffer | null): JsonObject | null {
  if (!bytes) return null;
  const value = parseJsonBytes(bytes);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}

function duplicatesIn(bytes: Buffer | null, parsed: JsonObject | null): string[] {
  if (!bytes || !parsed) return [];
  const keys = Object.keys(parsed).length;
  // Fast path: a member count of 0/1 can't repeat; otherwise scan the text.
  return keys === 0 ? [] : duplicateTopLevelKeys(bytes.toString("utf8"));
}

const NO_DUPLICATES = { header: [], payload: [] };

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
    compactError: null,
    strictHeader: false,
    oidcFormatError: null,
    duplicates: NO_DUPLICATES,
    panic: null,
  };
  const parts = compact.split(".");
  const [headerPart = "", payloadPart, signaturePart = ""] = parts;
  if (payloadPart === undefined) {
    decoded.formatError = "there is no second (payload) part";
    return decoded;
  }
  decoded.signingInput = `${headerPart}.${payloadPart}`;
  const payloadBytes = decodeBase64urlStrict(payloadPart);
  if (!payloadBytes) {
    decoded.formatError =
      decodeBase64urlLenient(payloadPart) === null
        ? "the payload part is not base64url without padding"
        : "the payload part's last character has non-zero unused bits (strict base64url rejects it)";
    return decoded;
  }
  decoded.payload = parseJsonObject(payloadBytes);
  if (!decoded.payload) {
    decoded.formatError = "the payload is not a JSON object serde_json reads (UTF-8, no BOM, no lone surrogate)";
    return decoded;
  }
  const headerBytes = decodeBase64urlLenient(headerPart);
  decoded.header = parseJsonObject(headerBytes);
  const payloadDuplicates = duplicatesIn(payloadBytes, decoded.payload);
  const headerDuplicates = duplicatesIn(headerBytes, decoded.header);
  if (payloadDuplicates.length > 0 || headerDuplicates.length > 0)
    decoded.duplicates = { header: headerDuplicates, payload: payloadDuplicates };
  const signature = decodeBase64urlLenient(signaturePart);
  if (signature) decoded.signature = signature;

  decoded.strictHeader = decoded.header !== null && decodeBase64urlStrict(headerPart) !== null;
  if (parts.length !== 3) {
    decoded.compactError = `Expected 3 parts in Compact JSON representation but got ${parts.length}`;
    decoded.oidcFormatError = `Invalid JSON web token: found ${parts.length} parts (expected 3)`;
  } else {
    if (!decoded.strictHeader) decoded.compactError = "the header part is not strict base64url of a JSON object";
    else if (!decodeBase64urlStrict(signaturePart))
      decoded.compactError = "the signature part is not strict base64url without padding";
    if (!headerBytes || !decoded.header) decoded.oidcFormatError = "the header is not base64url of a JSON object";
    else if (!signature) decoded.oidcFormatError = "the signature is not base64url without padding";
  }
  const registered = payloadDuplicates.filter((name) => REGISTERED.has(name));
  decoded.claimsError =
    registered.length > 0 ? `duplicate field \`${registered[0]}\`` : registeredClaimsError(decoded.payload);
  if (!decoded.claimsError) decoded.panic = timestampPanic(decoded.payload);
  return decoded;
}

const REGISTERED = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

/** chrono's last second (+262142-12-31T23:59:59): biscuit unwraps `from_timestamp_opt` past it. */
export const CHRONO_MAX_SECONDS = 8_210_298_412_799;

function timestampPanic(payload: JsonObject): string | null {
  for (const name of ["exp", "nbf", "iat"] as const) {
    const value = payload[name];
    if (typeof value === "number" && Math.round(value) > CHRONO_MAX_SECONDS)
      return `'${name}' (${value}) is past the last second chrono can represent`;
  }
  return null;
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
