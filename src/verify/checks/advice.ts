/**
 * Warnings that don't change Convex's answer but explain trouble to come: the client can't
 * refresh without iat, too-short lifetimes, oversized tokens, Clerk without the Convex audience,
 * the customJwt grace window, kid-less tokens and key rotation, claim names that shadow identity keys.
 */
import type { EvaluatedAuthConfig, EvaluatedProvider } from "../../config/auth-config.ts";
import { CLERK_CONVEX_SETUP_URL, recogniseClerk } from "../clerk.ts";
import { IDENTITY_KEYS } from "../identity.ts";
import { parseUrlCached, secondsOf } from "../token.ts";
import { addCheck, type JudgeContext } from "./context.ts";

export const MAX_TOKEN_BYTES = 8 * 1024;

export function adviseOn(
  context: JudgeContext,
  provider: EvaluatedProvider | null,
  config: EvaluatedAuthConfig,
  { payloadRead = true }: { payloadRead?: boolean } = {},
): void {
  const warn = (id: string, ok: boolean, expected: unknown, actual: unknown, message: string, fix?: string) =>
    addCheck(context, id, ok, { expected, actual, message, fix, severity: "warning" });
  const { payload } = context;
  const iat = secondsOf(payload.iat);
  const exp = secondsOf(payload.exp);

  warn(
    "advice.size",
    context.decoded.bytes <= MAX_TOKEN_BYTES,
    `<= ${MAX_TOKEN_BYTES} bytes`,
    context.decoded.bytes,
    context.decoded.bytes <= MAX_TOKEN_BYTES
      ? `The token is ${context.decoded.bytes} bytes.`
      : `The token is ${context.decoded.bytes} bytes; 8 KiB is the practical limit of an HTTP header, so requests carrying it may be refused before Convex sees them.`,
    "Move bulky claims (roles, metadata) out of the token and look them up in Convex instead.",
  );
  // A token that doesn't parse has no claims to advise on (no "no iat" for garbage).
  if (!payloadRead) return;

  warn(
    "advice.iat",
    iat !== undefined,
    "an iat claim",
    iat ?? null,
    iat !== undefined
      ? "The token has iat, so the Convex client can schedule a refresh."
      : 'The token has no iat: the Convex client can\'t schedule a refresh (it logs "Auth token does not have required fields, cannot refetch the token"), so the session drops at exp.',
    "Issue tokens with iat.",
  );

  if (iat !== undefined && exp !== undefined) {
    const lifetime = exp - iat;
    warn(
      "advice.lifetime",
      lifetime > 2,
      "exp - iat > 2 s",
      lifetime,
      lifetime > 2
        ? `The token lives ${lifetime} s.`
        : `The token lives ${lifetime} s; the Convex client refuses to schedule refreshes for tokens that live 2 s or less ("Auth token does not live long enough").`,
      "Issue tokens that live at least a minute.",
    );
  }

  const clerk = recogniseClerk(payload);
  if (clerk.isClerk) {
    warn(
      "advice.clerk",
      clerk.hasConvexAudience,
      'aud "convex"',
      payload.aud ?? null,
      clerk.hasConvexAudience
        ? `A Clerk token (${clerk.evidence.join("; ")}) with aud "convex": the Convex integration or the "convex" JWT template is in use.`
        : `A Clerk token (${clerk.evidence.join("; ")}) without aud "convex": the Clerk Convex integration is not activated (or the "convex" JWT template is missing), so Convex's applicationID "convex" can't match.`,
      `Activate the Convex integration in Clerk (${CLERK_CONVEX_SETUP_URL}), then sign out and in again; or create a JWT template named "convex".`,
    );
  }

  if (provider?.kind === "customJwt" && exp !== undefined) {
    const inGrace = context.now >= exp && context.now - exp <= 5;
    warn(
      "advice.grace",
      !inGrace,
      "now < exp",
      exp,
      inGrace
        ? `Accepted only within customJwt's 5 s leeway: a WebSocket session expires at exp (no leeway), so Convex reports "Convex token identity expired" right away.`
        : "The token is not relying on the 5 s leeway.",
      "Refresh tokens before they expire.",
    );
  }

  if (provider?.kind === "oidc" && context.header && context.header.kid === undefined) {
    warn(
      "advice.kid",
      false,
      "a kid header",
      null,
      "The token has no kid: it verifies only while the issuer's JWKS has exactly one key, so adding a key (rotation) breaks every session. (Convex Auth tokens look like this.)",
      "Keep exactly one key in the JWKS, or issue tokens with a kid.",
    );
  }

  if (provider) {
    const fetched =
      provider.kind === "oidc"
        ? typeof payload.iss === "string"
          ? payload.iss
          : null
        : provider.jwks && !provider.jwks.startsWith("data:")
          ? provider.jwks
          : null;
    const host = fetched ? (parseUrlCached(fetched)?.hostname ?? "") : "";
    if (host && isPrivateHost(host)) {
      warn(
        "advice.reachable",
        false,
        "a public issuer host",
        host,
        `Convex Cloud fetches ${provider.kind === "oidc" ? "discovery and the JWKS" : "the JWKS"} from ${host}, a private or loopback address; its requests go through an SSRF proxy and can't reach it. This works only with a local or self-hosted backend.`,
        "Use the identity provider's public URL, or a data: URI JWKS for a customJwt provider.",
      );
    }
    const typedKeys = provider.kind === "oidc" ? ["tokenIdentifier", "subject", "issuer"] : [...IDENTITY_KEYS];
    const shadowing = Object.keys(payload).filter((claim) => typedKeys.includes(claim));
    if (shadowing.length > 0) {
      warn(
        "advice.claim-names",
        false,
        "no claim named like an identity field",
        shadowing,
        `Claim(s) ${shadowing.join(", ")} share a name with identity fields; Convex adds custom claims after the typed fields, so they may overwrite them.`,
        "Rename those claims.",
      );
    }
    for (const problem of config.problems) {
      if (problem.code !== "AuthwireEnvWhitespace" || !problem.envName) continue;
      const feeds = Object.values(provider.envVars).some((names) => names?.includes(problem.envName!));
      if (feeds)
        warn(
          "advice.env-whitespace",
          false,
          "no surrounding whitespace",
          problem.envName,
          problem.message,
          problem.hint,
        );
    }
  }
}

/** localhost, loopback, private (RFC 1918), link-local and unique-local addresses. */
export function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "0.0.0.0") return true;
  if (/^(?:fc|fd)[0-9a-f]{2}:/.test(h) || h.startsWith("fe80:")) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return (
    a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  );
}
