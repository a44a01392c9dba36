/**
 * The exact package versions recipes install, in one place. Chosen for Node >= 20 (see
 * reference/offline-facts.md and provider-setup.md §1): newer majors that need Node 22 are avoided.
 */
export const VERSIONS = {
  convex: "1.48.0",
  "@clerk/react": "6.18.0",
  "@clerk/nextjs": "7.9.17",
  "@clerk/tanstack-react-start": "1.5.15",
  "@auth0/auth0-react": "2.27.0",
  "@workos-inc/authkit-react": "0.16.2",
  "@convex-dev/workos": "0.0.3",
  // 4.x needs Node >= 22.11.
  "@workos-inc/authkit-nextjs": "3.0.1",
  "@workos/authkit-tanstack-react-start": "0.11.1",
  "@convex-dev/auth": "0.0.95",
  "@auth/core": "0.41.1",
  // Inside @convex-dev/better-auth 0.12.5's peer range (better-auth >=1.6.11 <1.7.0); npm's latest 1.7.x is outside it.
  "@convex-dev/better-auth": "0.12.5",
  "better-auth": "1.6.34",
} as const;

export type VersionedPackage = keyof typeof VERSIONS;
