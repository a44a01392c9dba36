/**
 * Getting and reading key sets the two ways the backend does:
 * - OIDC (openidconnect): `jwks_uri` from discovery; Content-Type, if present, must be
 *   application/json or application/jwk-set+json; keys that don't parse are skipped.
 * - customJwt (biscuit): a `data:` URI (MIME ignored) or a GET whose Content-Type is **required**
 *   (json or jwk-set+json, charset absent or utf-8); every key must parse.
 * Plus the key-size rules both apply (the signature check itself is verify/signature.ts).
 */
import { CONVEX_ERRORS, type ConvexError } from "./convex-errors.ts";
import {
  decodeBase64urlLenient,
  decodeBase64urlStrict,
  parseJsonCached,
  type Json,
  type JsonObject,
} from "./encoding.ts";
import { isTransportFailure, type Fetcher } from "./http.ts";

export type Jwk = JsonObject;

const SIG_ALGS = [
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
];
const KEY_MANAGEMENT_ALGS = [
  "RSA1_5",
  "RSA-OAEP",
  "RSA-OAEP-256",
  "A128KW",
  "A192KW",
  "A256KW",
  "dir",
  "ECDH-ES",
  "ECDH-ES+A128KW",
  "ECDH-ES+A192KW",
  "ECDH-ES+A256KW",
  "A128GCMKW",
  "A192GCMKW",
  "A256GCMKW",
  "PBES2-HS256+A128KW",
  "PBES2-HS384+A192KW",
  "PBES2-HS512+A256KW",
];
const CONTENT_ENC_ALGS = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"];
const BISCUIT_ALGS = new Set([...SIG_ALGS, ...KEY_MANAGEMENT_ALGS, ...CONTENT_ENC_ALGS]);

/** `type/subtype` of a Content-Type, lower-cased, and its charset parameter. */
export function parseContentType(value: string | null): { essence: string; charset: string | undefined } | null {
  if (value === null) return null;
  const [essence = "", ...params] = value.split(";");
  const type = essence.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return null;
  let charset: string | undefined;
  for (const param of params) {
    const [name, raw] = param.split("=", 2);
    if (name?.trim().toLowerCase() === "charset" && raw !== undefined) charset = raw.trim().replace(/^"|"$/g, "");
  }
  return { essence: type, charset };
}

const JWKS_TYPES = ["application/json", "application/jwk-set+json"];

export type KeySetResult =
  | { ok: true; keys: Jwk[]; skipped: number; source: string }
  | {
      ok: false;
      error: ConvexError;
      detail: string;
      /** No answer for a reason that may be this machine's network (DNS, refused, timeout). */
      transportFailure?: boolean;
      /** No answer within the fetcher's timeout (the backend sets none and would keep waiting). */
      timedOut?: boolean;
    };

// ----- OIDC ----------------------------------------------------------------------------------

/** JWE content-encryption algorithms: a JWK or header `alg` openidconnect parses (not a signing one). */
const JWE_CONTENT_ALGS = new Set(CONTENT_ENC_ALGS);
const OIDC_JWS_ALGS = new Set([...SIG_ALGS, "EdDSA"]);
const OIDC_MATERIAL = ["n", "e", "x", "y", "d", "k"];

/**
 * openidconnect's JWK parse (CoreJsonWebKey): the key as it reads it, or null when it skips the
 * key. `kty` must be RSA, EC, OKP or oct; `kid` a string; `use` any string; `alg` a JWS or JWE
 * content-encryption algorithm (or "none"); null means absent. Key material (`n`, `e`, `x`, `y`,
 * `d`, `k`) and `crv` that don't parse are dropped, not the key: such a key still counts when
 * keys are selected, and fails at the signature check.
 */
export function readOidcJwk(key: Json): Jwk | null {
  if (typeof key !== "object" || key === null || Array.isArray(key)) return null;
  if (typeof key.kty !== "string" || !["RSA", "EC", "oct", "OKP"].includes(key.kty)) return null;
  for (const field of ["use", "kid"]) {
    if (key[field] !== undefined && key[field] !== null && typeof key[field] !== "string") return null;
  }
  const alg = key.alg;
  if (
    alg !== undefined &&
    alg !== null &&
    !(typeof alg === "string" && (OIDC_JWS_ALGS.has(alg) || JWE_CONTENT_ALGS.has(alg)))
  )
    return null;
  let read: Jwk | null = null;
  const drop = (field: string) => {
    read ??= { ...key };
    delete read[field];
  };
  for (const field of OIDC_MATERIAL) {
    const value = key[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || !decodeBase64urlLenient(value)) drop(field);
  }
  if (
    key.crv !== undefined &&
    !(typeof key.crv === "string" && ["P-256", "P-384", "P-521", "Ed25519"].includes(key.crv))
  )
    drop("crv");
  return read ?? key;
}

const oidcKeySets = new WeakMap<object, { skipped: number; keys: Jwk[] }>();

export function readOidcKeySet(body: string): { skipped: number; keys: Jwk[] } | null {
  const parsed = parseJsonCached(body);
  if (parsed === undefined) return null;
  if (typeof parsed === "object" && parsed !== null) {
    const known = oidcKeySets.get(parsed);
    if (known) return known;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Array.isArray(parsed.keys))
    return null;
  const keys = parsed.keys.map(readOidcJwk).filter((key): key is Jwk => key !== null);
  const result = { keys, skipped: parsed.keys.length - keys.length };
  oidcKeySets.set(parsed, result);
  return result;
}

// ----- customJwt -----------------------------------------------------------------------------

/**
 * biscuit's strict JWK parse: null when it parses, else why not. `use` and `key_ops` take any
 * string, `kid` and `alg` may be null (absent); `crv` is one of biscuit's curves (no X25519/X448,
 * for EC and OKP alike); key material is strict base64url.
 */
export function customJwkProblem(key: Json): string | null {
  if (typeof key !== "object" || key === null || Array.isArray(key)) return "a key is not an object";
  const present = (field: string) => key[field] !== undefined && key[field] !== null;
  const str = (field: string) => typeof key[field] === "string";
  const b64 = (field: string) => str(field) && decodeBase64urlStrict(key[field] as string) !== null;
  if (present("alg") && (typeof key.alg !== "string" || !BISCUIT_ALGS.has(key.alg)))
    return `unknown alg ${JSON.stringify(key.alg)}`;
  if (present("use") && !str("use")) return "use is not a string";
  if (present("kid") && !str("kid")) return "kid is not a string";
  if (present("key_ops") && !(Array.isArray(key.key_ops) && key.key_ops.every((op) => typeof op === "string")))
    return "key_ops is not a list of strings";
  switch (key.kty) {
    case "RSA":
      return b64("n") && b64("e") ? null : "an RSA key needs base64url n and e";
    case "EC":
    case "OKP":
      if (!BISCUIT_CURVES.includes(key.crv as string))
        return `biscuit has no curve ${JSON.stringify(key.crv ?? null)} (it reads P-256, P-384, P-521, Ed25519, Ed448)`;
      if (key.kty === "EC") return b64("x") && b64("y") ? null : "an EC key needs base64url x and y";
      return b64("x") ? null : "an OKP key needs base64url x";
    case "oct":
      return b64("k") ? null : "an oct key needs base64url k";
    default:
      return `unknown kty ${JSON.stringify(key.kty)}`;
  }
}

const BISCUIT_CURVES = ["P-256", "P-384", "P-521", "Ed25519", "Ed448"];

const customKeySetProblems = new WeakMap<object, string | null>();

/** Reads a customJwt `jwks` value: a `data:` URI, or a URL fetched with the strict rules. */
export async function loadCustomJwtKeySet(
  jwks: string,
  fetcher: Fetcher | null,
): Promise<KeySetResult | { ok: "skipped"; reason: string }> {
  let body: string;
  const data = decodeDataUrl(jwks);
  if (data !== undefined) {
    if (data === null)
      return { ok: false, error: CONVEX_ERRORS.jwksDataUrlInvalid(), detail: "the data: URI does not decode" };
    body = data;
  } else {
    if (!httpUriBuilds(jwks)) {
      // http::Request::builder() fails before any request, with no error metadata: a 500.
      return {
        ok: false,
        error: CONVEX_ERRORS.internal(),
        detail: `${JSON.stringify(jwks)} is not a URI the backend's HTTP request builder accepts (a path with no scheme, or a character URIs can't hold)`,
      };
    }
    if (!fetcher) return { ok: "skipped", reason: `fetching ${jwks} (offline)` };
    const response = await fetcher.get(jwks, "application/json");
    if (!response.ok)
      return {
        ok: false,
        error: CONVEX_ERRORS.jwksFetchFailed(jwks, response.error),
        detail: response.error,
        transportFailure: isTransportFailure(response.failure),
        timedOut: response.failure === "timeout",
      };
    if (response.status !== 200) {
      return {
        ok: false,
        error: CONVEX_ERRORS.jwksHttpStatus(jwks, response.status),
        detail: `HTTP ${response.status}`,
      };
    }
    // The mime crate refuses whitespace between the type and its parameters.
    const type = /^[^;]*\s;/.test(response.contentType ?? "") ? null : parseContentType(response.contentType);
    const charsetOk = type?.charset === undefined || type.charset.toLowerCase() === "utf-8";
    if (!type || !JWKS_TYPES.includes(type.essence) || !charsetOk) {
      return {
        ok: false,
        error: CONVEX_ERRORS.jwksContentType(jwks, response.contentType),
        detail:
          response.contentType === null
            ? "the response has no Content-Type header"
            : `Content-Type is ${response.contentType}`,
      };
    }
    body = response.body;
  }
  const parsed = parseJsonCached(body);
  if (parsed === undefined) return { ok: false, error: CONVEX_ERRORS.jwksBody(jwks), detail: "the body is not JSON" };
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Array.isArray(parsed.keys)) {
    return { ok: false, error: CONVEX_ERRORS.jwksBody(jwks), detail: 'the body has no "keys" array' };
  }
  let problem = customKeySetProblems.get(parsed);
  if (problem === undefined) {
    problem = null;
    for (const key of parsed.keys) {
      problem = customJwkProblem(key);
      if (problem) break;
    }
    customKeySetProblems.set(parsed, problem);
  }
  if (problem) return { ok: false, error: CONVEX_ERRORS.jwksBody(jwks), detail: problem };
  return { ok: true, keys: parsed.keys as Jwk[], skipped: 0, source: jwks.startsWith("data:") ? "data: URI" : jwks };
}

/**
 * Whether `http::Request::builder().uri(value)` accepts the value: an absolute URI
 * (`scheme://…`), a path (`/…`) or a bare authority (`host[:port]`), in URI characters only.
 * A scheme-less `host/path` is neither, and fails.
 */
export function httpUriBuilds(value: string): boolean {
  if (value.length === 0 || /[\u0000-\u0020"<>\\^`{|}\u007f-\uffff]/.test(value)) return false;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) || value.startsWith("/")) return true;
  return !/[/?#]/.test(value);
}

/**
 * WHATWG data-URL processing, enough for JWKS: undefined when `value` is not a data: URL,
 * null when it is one that doesn't decode, else the decoded text.
 */
export function decodeDataUrl(value: string): string | null | undefined {
  const input = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (!/^data:/i.test(input)) return undefined;
  const comma = input.indexOf(",");
  if (comma === -1) return undefined;
  const meta = input.slice(5, comma);
  const rest = input.slice(comma + 1);
  let bytes: Buffer;
  try {
    const percentDecoded = Buffer.from(decodeURIComponentBytes(rest));
    if (/;\s*base64\s*$/i.test(meta)) {
      const text = percentDecoded.toString("latin1").replace(/[\t\n\f\r ]/g, "");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) return null;
      bytes = Buffer.from(text, "base64");
    } else {
      bytes = percentDecoded;
    }
  } catch {
    return null;
  }
  return bytes.toString("utf8");
}

function decodeURIComponentBytes(text: string): number[] {
  const out: number[] = [];
  const raw = Buffer.from(text, "utf8");
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length) {
      const hex = String.fromCharCode(raw[i + 1]!, raw[i + 2]!);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    out.push(byte);
  }
  return out;
}

// ----- keys and signatures -------------------------------------------------------------------

const modulusBits = new WeakMap<Jwk, number | null>();

/** Bits of an RSA modulus, leading zero bytes trimmed (as aws-lc/ring do). */
export function rsaModulusBits(jwk: Jwk): number | null {
  let bits = modulusBits.get(jwk);
  if (bits === undefined) {
    bits = computeModulusBits(jwk);
    modulusBits.set(jwk, bits);
  }
  return bits;
}

function computeModulusBits(jwk: Jwk): number | null {
  if (typeof jwk.n !== "string") return null;
  const bytes = decodeBase64urlLenient(jwk.n);
  if (!bytes) return null;
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start += 1;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(bytes[start]!));
}

export const RSA_MIN_BITS = 2048;
export const RSA_MAX_BITS = 8192;
