/** Better Auth through the Convex component, as data (see ../profile.ts). Facts: docs/internals/better-auth.md. */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "better-auth",
  title: "Better Auth",
  packages: {
    sdk: ["@convex-dev/better-auth", "better-auth"],
    byFramework: {
      vite: "@convex-dev/better-auth",
      "next-app": "@convex-dev/better-auth",
      "tanstack-start": "@convex-dev/better-auth",
    },
    modules: ["@convex-dev/better-auth", "better-auth"],
    // The component's peer range (0.12.5); npm's newest better-auth (1.7.x) is outside it.
    peers: { "better-auth": ">=1.6.11 <1.7.0" },
    versions: { "@convex-dev/better-auth": "0.12.5", "better-auth": "1.6.34" },
    backend: ["@convex-dev/better-auth", "better-auth"],
  },
  components: ["@convex-dev/better-auth"],
  exports: { getAuthConfigProvider: "@convex-dev/better-auth/auth-config" },
  client: {
    bridge: { name: "ConvexBetterAuthProvider", module: "@convex-dev/better-auth/react" },
    provider: null,
    useAuthFrom: [],
    stateHooks: [],
    stateComponents: [],
    markers: [],
    nextMiddleware: [],
  },
  backend: {
    markers: ["createClient"],
    // `app.use(betterAuth)` from the package's definition, or a local component folder's.
    componentMount:
      /^@convex-dev\/better-auth\/convex\.config(?:\.js)?$|(?:^|\/)betterAuth\/convex\.config(?:\.[jt]s)?$/,
  },
  env: {
    client: ["CONVEX_SITE_URL"],
    deployment: ["BETTER_AUTH_SECRET", "SITE_URL"],
  },
  devValues: [],
  urls: {},
  authConfig: {
    marker: /\bgetAuthConfigProvider\b/,
    type: "customJwt",
    domainEnv: "CONVEX_SITE_URL",
    applicationID: { literal: "convex" },
  },
});
