/**
 * The small decoding helpers the network layer and the judge share: JSON values, strict
 * base64url (as the backend's decoders read it), and memoised URL and JSON parses.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function decodeBase64urlStrict(part: string): Buffer | null {
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
