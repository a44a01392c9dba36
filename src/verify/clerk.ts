/**
 * Recognising Clerk tokens, to explain the most common Convex failure: a Clerk session token
 * without `aud: "convex"` (the Convex integration not activated, or the `convex` JWT template
 * missing). Facts: docs/internals/provider-setup.md#clerk.
 */
import { parseUrlCached, type JsonObject } from "./token.ts";
import { PROFILES } from "../providers/profiles.ts";

export interface ClerkFacts {
  isClerk: boolean;
  /** "development" for *.clerk.accounts.dev, "production" for clerk.<domain>. */
  instance: "development" | "production" | null;
  /** Why authwire thinks so. */
  evidence: string[];
  /** The token carries aud "convex" (the integration or the template is in use). */
  hasConvexAudience: boolean;
}

const clerk = PROFILES.clerk;

export const CLERK_CONVEX_SETUP_URL = clerk.urls.convexIntegration!;

export function recogniseClerk(payload: JsonObject | null): ClerkFacts {
  const facts: ClerkFacts = { isClerk: false, instance: null, evidence: [], hasConvexAudience: false };
  if (!payload) return facts;
  const iss = typeof payload.iss === "string" ? payload.iss : "";
  const host = parseUrlCached(iss.includes("://") ? iss : `https://${iss}`)?.hostname ?? "";
  if (clerk.devValues.some((marker) => marker.host?.test(host))) {
    facts.instance = "development";
    facts.evidence.push(`iss host ${host} is a Clerk development instance`);
  } else if (/^clerk\./.test(host)) {
    facts.instance = "production";
    facts.evidence.push(`iss host ${host} looks like a Clerk production Frontend API`);
  }
  const clerkClaims = ["azp", "sid", "fva", "sts", "v"].filter((claim) => payload[claim] !== undefined);
  if (
    clerkClaims.includes("sid") &&
    (clerkClaims.includes("azp") || clerkClaims.includes("fva") || clerkClaims.includes("v"))
  ) {
    facts.evidence.push(`claims ${clerkClaims.join(", ")} are Clerk session-token claims`);
  }
  facts.isClerk = facts.instance !== null || facts.evidence.length > 0;
  const aud = payload.aud;
  facts.hasConvexAudience = aud === "convex" || (Array.isArray(aud) && aud.includes("convex"));
  return facts;
}
