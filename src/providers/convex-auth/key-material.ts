/**
 * Fresh Convex Auth key material, in the format `npx @convex-dev/auth` sets: an RS256 pair with a
 * 2048-bit modulus; `JWT_PRIVATE_KEY` is the PKCS#8 PEM with its newlines turned into spaces (so it
 * survives one-line env values), `JWKS` a key set holding only the public half, marked `use: "sig"`,
 * with no `kid` (Convex Auth's tokens carry none, docs/internals/convex-auth.md#convex-auth-v1-keys).
 */
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

/** A type (not an interface) so it passes as an env record. */
export type ConvexAuthKeys = {
  JWT_PRIVATE_KEY: string;
  JWKS: string;
};

export async function generateConvexAuthKeys(): Promise<ConvexAuthKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const pem = await exportPKCS8(privateKey);
  const { kty, n, e } = await exportJWK(publicKey);
  return {
    JWT_PRIVATE_KEY: pem.trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", kty, n, e }] }),
  };
}
