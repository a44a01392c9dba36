/**
 * JWKS for a customJwt entry: a URL, or a file inlined as a `data:` URI (Convex then needs no
 * network fetch). A file must hold public keys Convex can use: RSA for RS256, EC P-256 for ES256,
 * each with a `kid` (the token header's kid picks the key), and never private key material.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { importJWK, type JWK } from "jose";
import { AuthwireError } from "../../errors.ts";

export type Algorithm = "RS256" | "ES256";

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
/** Convex's env values are limited to 8 KiB; a larger JWKS should be served from a URL. */
const MAX_DATA_URI = 8192;

export function parseAlgorithm(value: string | undefined): Algorithm | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  if (upper !== "RS256" && upper !== "ES256") {
    throw new AuthwireError(
      "usage",
      `--algorithm takes RS256 or ES256 (the only algorithms Convex accepts for customJwt); got ${value}.`,
    );
  }
  return upper;
}

/** An http(s) URL (http only on localhost); a usage error naming the flag otherwise. */
export function parseUrl(value: string, flag: string, what: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  const local = url && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && local))) {
    throw new AuthwireError("usage", `${flag} should be ${what} (https://…, or http://localhost…); got ${value}.`);
  }
  return value.trim();
}

export interface InlinedJwks {
  dataUri: string;
  /** The algorithm the keys are for. */
  algorithm: Algorithm;
  keys: number;
}

function keyAlgorithm(jwk: JWK): Algorithm | undefined {
  if (jwk.kty === "RSA") return "RS256";
  if (jwk.kty === "EC" && jwk.crv === "P-256") return "ES256";
  return undefined;
}

/** Reads, checks and inlines a JWKS file (relative to `root`) as Convex's `data:text/plain;charset=utf-8;base64,…`. */
export async function inlineJwksFile(
  path: string,
  root: string,
  flag: string,
  wanted: Algorithm | undefined,
): Promise<InlinedJwks> {
  const full = isAbsolute(path) ? path : resolve(root, path);
  const fail = (message: string) => new AuthwireError("usage", `${flag} ${path}: ${message}`, { file: path });
  let text: string;
  try {
    text = await readFile(full, "utf8");
  } catch (error) {
    throw fail(`can't be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(text) as { keys?: unknown };
  } catch (error) {
    throw fail(`is not JSON (${(error as Error).message}).`);
  }
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0)
    throw fail('is not a JWKS: it needs a non-empty "keys" array.');
  const keys = jwks.keys as JWK[];
  const algorithms = new Set<Algorithm>();
  for (const [index, jwk] of keys.entries()) {
    const where = `key ${index + 1}${jwk.kid ? ` (kid ${jwk.kid})` : ""}`;
    const secret = PRIVATE_MEMBERS.filter((member) => member in jwk);
    if (secret.length > 0) {
      throw fail(
        `${where} holds private key material (${secret.join(", ")}); pass the public JWKS only. Never publish or inline a private key.`,
      );
    }
    if (!jwk.kid)
      throw fail(`${where} has no "kid"; Convex picks the key by the token header's kid, so every key needs one.`);
    const algorithm = keyAlgorithm(jwk);
    if (!algorithm)
      throw fail(
        `${where} is ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ""}; Convex accepts RSA keys (RS256) and EC P-256 keys (ES256).`,
      );
    if (jwk.alg && jwk.alg !== algorithm) throw fail(`${where} says alg ${jwk.alg} but is a key for ${algorithm}.`);
    if (jwk.use && jwk.use !== "sig")
      throw fail(`${where} is for use "${jwk.use}"; Convex only verifies with signing keys (use absent or "sig").`);
    if (algorithm === "RS256") {
      const bits =
        Buffer.from(jwk.n ?? "", "base64url")
          .toString("hex")
          .replace(/^(?:00)+/, "").length * 4;
      if (bits < 2048 || bits > 8192)
        throw fail(`${where} is a ${bits}-bit RSA key; Convex verifies RS256 with 2048 to 8192-bit keys.`);
    }
    try {
      await importJWK(jwk, algorithm);
    } catch (error) {
      throw fail(`${where} is not a usable ${algorithm} public key (${(error as Error).message}).`);
    }
    algorithms.add(algorithm);
  }
  if (algorithms.size > 1 && !wanted)
    throw fail("mixes RSA and EC keys; pass --algorithm RS256 or ES256 for the tokens Convex should accept.");
  const algorithm = wanted ?? [...algorithms][0]!;
  if (!algorithms.has(algorithm))
    throw fail(`has no key for ${algorithm} (--algorithm); its keys are for ${[...algorithms].join(", ")}.`);
  const dataUri = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify({ keys })).toString("base64")}`;
  if (dataUri.length > MAX_DATA_URI) {
    throw fail(
      `is too large to inline (${dataUri.length} characters as a data: URI, over ${MAX_DATA_URI}); serve it from a URL and pass --jwks.`,
    );
  }
  return { dataUri, algorithm, keys: keys.length };
}
