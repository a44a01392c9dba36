/**
 * The small decoding helpers the network layer and the judge share: JSON values, strict
 * base64url (as the backend's decoders read it), and memoised URL and JSON parses.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * base64url without padding as data-encoding's `BASE64URL_NOPAD` reads it (biscuit: the token's
 * parts in customJwt and the first parse, customJwt JWK fields): the unused bits of the last
 * character must be zero.
 */
export function decodeBase64urlStrict(part: string): Buffer | null {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return null;
  const rest = part.length % 4;
  if (rest !== 0) {
    const last = ALPHABET.indexOf(part[part.length - 1]!);
    if ((rest === 2 && (last & 0x0f) !== 0) || (rest === 3 && (last & 0x03) !== 0)) return null;
  }
  return Buffer.from(part, "base64url");
}

/**
 * base64url without padding as openidconnect reads it (the `base64` crate, trailing bits
 * allowed): the OIDC ID token's parts and OIDC JWK fields.
 */
export function decodeBase64urlLenient(part: string): Buffer | null {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return null;
  return Buffer.from(part, "base64url");
}

/**
 * JSON.parse memoised by body text (bounded), so a warm cache hands back the very same key
 * objects and their imported CryptoKeys are reused. Callers must not mutate the result.
 */
const parsedBodies = new Map<string, Json | typeof NOT_JSON>();
const NOT_JSON = Symbol("not json");
const MAX_PARSED_BODIES = 64;

export function parseJsonCached(body: string): Json | undefined {
  let parsed = parsedBodies.get(body);
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(body) as Json;
    } catch {
      parsed = NOT_JSON;
    }
    if (parsedBodies.size >= MAX_PARSED_BODIES) parsedBodies.delete(parsedBodies.keys().next().value!);
    parsedBodies.set(body, parsed);
  }
  return parsed === NOT_JSON ? undefined : parsed;
}

const urlChecks = new Map<string, URL | null>();

/** `new URL(value)`, memoised (bounded) because the same issuer strings come back on every token. */
export function parseUrlCached(value: string): URL | null {
  let url = urlChecks.get(value);
  if (url === undefined) {
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (urlChecks.size >= 256) urlChecks.delete(urlChecks.keys().next().value!);
    urlChecks.set(value, url);
  }
  return url;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * JSON as serde_json reads bytes: UTF-8 only, no byte-order mark (TextDecoder would drop one;
 * serde_json fails on it), and no lone surrogate escape ("\ud800"), which JSON.parse accepts.
 * Undefined when serde_json would fail.
 */
export function parseJsonBytes(bytes: Uint8Array): Json | undefined {
  let text: string;
  let value: Json;
  try {
    text = UTF8.decode(bytes);
    value = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (text.includes("\\u") && hasLoneSurrogateEscape(text)) return undefined;
  return value;
}

const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|.)/g;

function hasLoneSurrogateEscape(text: string): boolean {
  ESCAPE.lastIndex = 0;
  let pendingHigh = -1;
  for (let match = ESCAPE.exec(text); match; match = ESCAPE.exec(text)) {
    const unit = match[1] === undefined ? -1 : parseInt(match[1], 16);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const isLow = unit >= 0xdc00 && unit <= 0xdfff;
    if (pendingHigh >= 0) {
      // A high surrogate escape must be followed at once by a low one.
      if (!isLow || match.index !== pendingHigh) return true;
      pendingHigh = -1;
      continue;
    }
    if (isLow) return true;
    if (isHigh) pendingHigh = match.index + match[0].length;
  }
  return pendingHigh >= 0;
}

/**
 * The member names that occur more than once in the top-level object of `text` (serde's derived
 * structs fail on a duplicate field; JSON.parse keeps the last). `text` must be valid JSON.
 */
export function duplicateTopLevelKeys(text: string): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (seen.has(key)) duplicates.push(key);
        else seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth === 1 && c === 0x7b) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x2c && depth === 1) expectKey = true;
  }
  return duplicates;
}
