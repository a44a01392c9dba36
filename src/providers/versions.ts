/**
 * The exact package versions recipes install, in one place: convex's here, each provider's in its
 * profile (providers/<id>/profile.ts). Chosen for Node >= 20 (see docs/internals/offline.md and
 * docs/internals/provider-setup.md): newer majors that need Node 22 are avoided.
 */
import auth0 from "./auth0/profile.ts";
import betterAuth from "./better-auth/profile.ts";
import clerk from "./clerk/profile.ts";
import convexAuth from "./convex-auth/profile.ts";
import workos from "./workos/profile.ts";

export const VERSIONS = {
  convex: "1.48.0",
  ...clerk.packages.versions,
  ...auth0.packages.versions,
  ...workos.packages.versions,
  ...convexAuth.packages.versions,
  ...betterAuth.packages.versions,
} as const;

export type VersionedPackage = keyof typeof VERSIONS;
