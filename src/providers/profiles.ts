/**
 * Every provider's profile by id (the registry): the one place that lists them. Detection, rules,
 * the checklist, verify and scaffold read provider knowledge from here, never from a copy of their
 * own. To add a provider, see ./profile.ts (and CONTRIBUTING.md, "Adding a provider").
 */
import type { ProviderId } from "../project/facts.ts";
import auth0 from "./auth0/profile.ts";
import betterAuth from "./better-auth/profile.ts";
import clerk from "./clerk/profile.ts";
import convexAuth from "./convex-auth/profile.ts";
import customJwt from "./custom-jwt/profile.ts";
import type { ProviderProfile } from "./profile.ts";
import workos from "./workos/profile.ts";

export type { DevValueMarker, ProviderProfile } from "./profile.ts";
export { devValueMarker, installedSdk, isProfileModule } from "./profile.ts";

export const PROFILES: Readonly<Record<ProviderId, ProviderProfile>> = {
  "convex-auth": convexAuth,
  "better-auth": betterAuth,
  clerk,
  workos,
  auth0,
  "custom-jwt": customJwt,
};

/**
 * The profiles in detection order: the first whose auth.config marker matches names an entry, so
 * specific issuers come before generic ones and custom JWT (the catch-all) comes last.
 */
export const PROFILE_ORDER: readonly ProviderProfile[] = [workos, clerk, auth0, betterAuth, convexAuth, customJwt];

export function profileOf(id: ProviderId): ProviderProfile {
  return PROFILES[id];
}

/** The provider whose SDK or component the package is, or null. */
export function profileOfPackage(name: string): ProviderProfile | null {
  return (
    PROFILE_ORDER.find(
      (profile) =>
        profile.packages.sdk.includes(name) ||
        profile.components.includes(name) ||
        Object.keys(profile.packages.versions).includes(name),
    ) ?? null
  );
}
