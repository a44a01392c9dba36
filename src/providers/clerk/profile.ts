/** Clerk, as data (see ../profile.ts). Facts: docs/internals/provider-setup.md#clerk. */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "clerk",
  title: "Clerk",
  packages: {
    sdk: [
      "@clerk/react",
      "@clerk/nextjs",
      "@clerk/tanstack-react-start",
      // Before Clerk Core 3, and other platforms: still Clerk.
      "@clerk/clerk-react",
      "@clerk/expo",
      "@clerk/clerk-expo",
      // The framework-free browser SDK (`new Clerk(publishableKey)`), wired through ConvexProviderWithAuth or setAuth.
      "@clerk/clerk-js",
    ],
    byFramework: {
      vite: "@clerk/react",
      "next-app": "@clerk/nextjs",
      "next-pages": "@clerk/nextjs",
      "tanstack-start": "@clerk/tanstack-react-start",
      expo: "@clerk/expo",
    },
    modules: ["@clerk/"],
    peers: {},
    versions: {
      "@clerk/react": "6.18.0",
      "@clerk/nextjs": "7.9.17",
      "@clerk/tanstack-react-start": "1.5.15",
    },
    backend: [],
  },
  components: [],
  exports: {},
  client: {
    bridge: { name: "ConvexProviderWithClerk", module: "convex/react-clerk" },
    provider: "ClerkProvider",
    useAuthFrom: ["@clerk/"],
    // `@clerk/nextjs` 7 is built on `@clerk/react`, 6 on `@clerk/clerk-react` (npm, 2026-12-07).
    reactSdk: ["@clerk/react", "@clerk/clerk-react"],
    stateHooks: ["useAuth", "useUser", "useSession"],
    stateComponents: ["SignedIn", "SignedOut", "Show"],
    // `new Clerk(…)` of @clerk/clerk-js
    markers: ["Clerk"],
    nextMiddleware: ["clerkMiddleware"],
    withoutMiddleware: " (auth() throws)",
  },
  backend: { markers: [] },
  env: {
    client: ["CLERK_PUBLISHABLE_KEY"],
    deployment: ["CLERK_JWT_ISSUER_DOMAIN"],
  },
  devValues: [
    { what: "a development publishable key (pk_test_…)", severity: "error", prefix: "pk_test_" },
    { what: "a test/staging secret key (sk_test_…)", severity: "error", prefix: "sk_test_" },
    {
      what: "a Clerk development instance (*.clerk.accounts.dev)",
      severity: "error",
      host: /\.clerk\.accounts\.(?:dev|lclclerk\.com)$/,
    },
  ],
  urls: { convexIntegration: "https://dashboard.clerk.com/apps/setup/convex" },
  authConfig: {
    marker: /CLERK_[A-Z_]*|clerk\.accounts\.dev|\bclerk\./,
    type: "oidc",
    domainEnv: "CLERK_JWT_ISSUER_DOMAIN",
    applicationID: { literal: "convex" },
  },
});
