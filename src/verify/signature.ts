/**
 * The signature check itself: jose imports the JWK (Convex's key rules are applied first by the
 * caller), node:crypto verifies synchronously on the imported key.
 */
import { KeyObject, verify as cryptoVerify } from "node:crypto";
import type { JWK } from "jose";
import type { Jwk } from "../oidc/jwks.ts";

const importedKeys = new WeakMap<Jwk, Map<string, Promise<KeyObject | null>>>();

/** jose validates and imports the JWK; the result is kept as a node KeyObject per (key, alg). */
function importCached(jwk: Jwk, alg: string): Promise<KeyObject | null> {
  let byAlg = importedKeys.get(jwk);
  if (!byAlg) {
    byAlg = new Map();
    importedKeys.set(jwk, byAlg);
  }
  let key = byAlg.get(alg);
  if (!key) {
    // `use`/`key_ops`/`alg` are Convex's business (checked before), so jose sees only the material.
    const { use: _use, key_ops: _ops, alg: _alg, ext: _ext, ...material } = jwk;
    // jose loads on the first signature check, not with this module (doctor reads key sets without it).
    key = import("jose")
      .then(({ importJWK }) => importJWK(material as JWK, alg))
      .then(
        (imported) => (imported instanceof Uint8Array ? null : KeyObject.from(imported)),
        () => null,
      );
    byAlg.set(alg, key);
  }
  return key;
}

/**
 * True when the token's signature is a valid `alg` signature by `jwk` over `header.payload`.
 * RS256 = RSASSA-PKCS1-v1_5 SHA-256, ES256 = ECDSA P-256 SHA-256 with a raw r||s signature,
 * EdDSA = Ed25519. Never throws. (Key size and curve rules are checked by the caller first.)
 */
export async function signatureValid(
  token: { signingInput: string; signature: Buffer },
  jwk: Jwk,
  alg: string,
): Promise<boolean> {
  const key = await importCached(jwk, alg);
  if (!key) return false;
  const data = Buffer.from(token.signingInput, "latin1");
  try {
    switch (alg) {
      case "RS256":
        return key.asymmetricKeyType === "rsa" && cryptoVerify("sha256", data, key, token.signature);
      case "ES256":
        return (
          token.signature.length === 64 &&
          key.asymmetricKeyType === "ec" &&
          cryptoVerify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, token.signature)
        );
      case "EdDSA":
        return key.asymmetricKeyType === "ed25519" && cryptoVerify(null, data, key, token.signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
