/**
 * Real keys and real signed tokens for verifier tests and the benchmark (compiled to dist so
 * bench/verify.bench.mjs can use it). Normal tokens are signed with jose; the
 * attack shapes jose refuses to produce (alg none, 1024-bit RSA, HS256 keyed with an RSA public
 * key, forged signatures) are assembled by hand with node:crypto.
 */
import { createHmac, generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";
import { CompactSign, exportJWK, type JWK } from "jose";

export interface TestKey {
  kid: string;
  alg: "RS256" | "ES256" | "EdDSA" | "ES384";
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public JWK as an issuer would publish it (kid, alg and use set unless told otherwise). */
  jwk: JWK;
}

export async function makeKey(
  alg: TestKey["alg"],
  kid: string,
  options: { bits?: number; publish?: { alg?: boolean; use?: string | false; kid?: boolean } } = {},
): Promise<TestKey> {
  const pair =
    alg === "RS256"
      ? generateKeyPairSync("rsa", { modulusLength: options.bits ?? 2048 })
      : alg === "ES256"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : alg === "ES384"
          ? generateKeyPairSync("ec", { namedCurve: "P-384" })
          : generateKeyPairSync("ed25519");
  const publish = options.publish ?? {};
  const base = await exportJWK(pair.publicKey);
  const jwk: JWK = { ...base };
  if (publish.kid !== false) jwk.kid = kid;
  if (publish.alg !== false) jwk.alg = alg;
  if (publish.use !== false) jwk.use = publish.use ?? "sig";
  return { kid, alg, privateKey: pair.privateKey, publicKey: pair.publicKey, jwk };
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

export interface SignOptions {
  /** Header fields; `alg` defaults to the key's, `kid` to the key's unless `kid: null`. */
  header?: Record<string, unknown> & { kid?: string | null };
  claims: Record<string, unknown>;
}

/** A token signed by `key` (jose for what jose signs; node:crypto for 1024-bit RSA). */
export async function signToken(key: TestKey, { header = {}, claims }: SignOptions): Promise<string> {
  const { kid = key.kid, ...rest } = header;
  const protectedHeader: Record<string, unknown> = { alg: key.alg, ...(kid === null ? {} : { kid }), ...rest };
  const payload = Buffer.from(JSON.stringify(claims));
  const bits = key.privateKey.asymmetricKeyDetails?.modulusLength;
  if (key.alg === "RS256" && bits !== undefined && bits < 2048) {
    const input = `${b64(protectedHeader)}.${payload.toString("base64url")}`;
    return `${input}.${cryptoSign("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`;
  }
  return new CompactSign(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(key.privateKey);
}

/** A token with any header at all (crit, cty, odd typ), signed by hand with node:crypto. */
export function signRaw(key: TestKey, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const data = Buffer.from(input);
  const signature =
    key.alg === "RS256"
      ? cryptoSign("sha256", data, key.privateKey)
      : key.alg === "EdDSA"
        ? cryptoSign(null, data, key.privateKey)
        : cryptoSign(key.alg === "ES384" ? "sha384" : "sha256", data, {
            key: key.privateKey,
            dsaEncoding: "ieee-p1363",
          });
  return `${input}.${signature.toString("base64url")}`;
}

/** `alg: none` with an empty signature. */
export function unsignedToken(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "none" },
): string {
  return `${b64(header)}.${b64(claims)}.`;
}

/** The classic confusion attack: HS256 keyed with the issuer's RSA public key (PEM). */
export function hs256WithPublicKey(
  key: TestKey,
  claims: Record<string, unknown>,
  kid: string | null = key.kid,
): string {
  const header = { alg: "HS256", ...(kid === null ? {} : { kid }), typ: "JWT" };
  const input = `${b64(header)}.${b64(claims)}`;
  const secret = key.publicKey.export({ type: "spki", format: "pem" });
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

/** Same header and claims, signature bytes flipped. */
export function forgeSignature(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const bytes = Buffer.from(signature, "base64url");
  bytes[0] = bytes[0]! ^ 0xff;
  return `${header}.${payload}.${bytes.toString("base64url")}`;
}

/** Claims swapped after signing (the signature no longer matches). */
export function tamperClaims(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split(".") as [string, string, string];
  return `${header}.${b64(claims)}.${signature}`;
}

export function jwks(...keys: Array<TestKey | JWK>): { keys: JWK[] } {
  return { keys: keys.map((key) => ("jwk" in key ? key.jwk : key)) };
}
