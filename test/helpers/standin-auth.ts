/**
 * A rule for the deployment stand-in's user tokens that plays a deployment whose pushed
 * auth.config holds one OIDC provider `{domain: issuer, applicationID}`: route by `iss`/`aud`
 * (else NoAuthProvider, in the backend's wording), then discovery from the token's `iss`, its
 * JWKS, and a signature/exp check with jose (else Unauthenticated). A stand-in, not the backend:
 * tests use it to give the page a real answer to compare authwire's verdict with.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import type { UserAuthRule } from "./convex-deployment-standin.ts";

const trim = (value: string) => value.replace(/\/+$/, "");

export function pushedOidcProvider({ issuer, applicationID }: { issuer: string; applicationID: string }): UserAuthRule {
  return async (token) => {
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(token);
    } catch {
      return {
        ok: false,
        code: "InvalidAuthHeader",
        message:
          "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
      };
    }
    const audiences = typeof claims.aud === "string" ? [claims.aud] : (claims.aud ?? []);
    if (typeof claims.iss !== "string" || trim(claims.iss) !== trim(issuer) || !audiences.includes(applicationID)) {
      return { ok: false, code: "NoAuthProvider", message: "No auth provider found matching the given token" };
    }
    try {
      const discovery = (await (await fetch(`${trim(claims.iss)}/.well-known/openid-configuration`)).json()) as {
        jwks_uri: string;
      };
      await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
        issuer: claims.iss,
        audience: applicationID,
        clockTolerance: 0,
      });
      return { ok: true };
    } catch {
      return {
        ok: false,
        code: "Unauthenticated",
        message:
          "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
      };
    }
  };
}

/** Accepts every token: a deployment whose pushed config matches whatever the page sends. */
export const acceptAll: UserAuthRule = () => ({ ok: true });
