/** Convex Auth, as data (see ../profile.ts). Facts: docs/internals/convex-auth.md. */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "convex-auth",
  title: "Convex Auth",
  packages: {
    sdk: ["@convex-dev/auth"],
    byFramework: { vite: "@convex-dev/auth", "next-app": "@convex-dev/auth", "next-pages": "@convex-dev/auth" },
    modules: ["@convex-dev/auth"],
    // The peer range of @convex-dev/auth 0.0.95, used when node_modules can't be read.
    peers: { "@auth/core": "^0.41.1" },
    versions: { "@convex-dev/auth": "0.0.95", "@auth/core": "0.41.1" },
    backend: ["@convex-dev/auth", "@auth/core"],
  },
  components: [],
  exports: {
    convexAuth: "@convex-dev/auth/server",
    authTables: "@convex-dev/auth/server",
    getAuthUserId: "@convex-dev/auth/server",
    getAuthSessionId: "@convex-dev/auth/server",
    ConvexAuthProvider: "@convex-dev/auth/react",
    ConvexAuthNextjsProvider: "@convex-dev/auth/nextjs",
    ConvexAuthNextjsServerProvider: "@convex-dev/auth/nextjs/server",
    convexAuthNextjsMiddleware: "@convex-dev/auth/nextjs/server",
    Password: "@convex-dev/auth/providers/Password",
  },
  client: {
    bridge: null,
    provider: null,
    useAuthFrom: [],
    stateHooks: [],
    stateComponents: [],
    markers: ["ConvexAuthProvider", "ConvexAuthNextjsProvider", "ConvexAuthNextjsServerProvider"],
    nextMiddleware: ["convexAuthNextjsMiddleware", "convexAuthNextjsProxy"],
    withoutMiddleware: " and /api/auth returns 404",
  },
  backend: {
    markers: ["convexAuth", "setupConvexAuth"],
    // The users table of authTables in @convex-dev/auth 0.0.95 (dist/server/implementation/types.js);
    // its other tables (accounts, sessions, tokens) are the library's own.
    spreadTables: {
      authTables: {
        users: {
          name: "v.optional(v.string())",
          image: "v.optional(v.string())",
          email: "v.optional(v.string())",
          emailVerificationTime: "v.optional(v.number())",
          phone: "v.optional(v.string())",
          phoneVerificationTime: "v.optional(v.number())",
          isAnonymous: "v.optional(v.boolean())",
        },
      },
    },
  },
  env: {
    client: [],
    deployment: ["JWT_PRIVATE_KEY", "JWKS", "SITE_URL"],
  },
  devValues: [],
  urls: {},
  authConfig: {
    // v1: `domain: process.env.CONVEX_SITE_URL`; v2: `convexAuthProvider()`.
    marker: /CONVEX_SITE_URL|\bconvexAuthProvider\b/,
    type: "oidc",
    domainEnv: "CONVEX_SITE_URL",
    applicationID: { literal: "convex" },
  },
});
