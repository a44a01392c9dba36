/** WorkOS AuthKit, as data (see ../profile.ts). Facts: docs/internals/provider-setup.md#workos. */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "workos",
  title: "WorkOS AuthKit",
  packages: {
    sdk: ["@workos-inc/authkit-react", "@workos-inc/authkit-nextjs", "@workos/authkit-tanstack-react-start"],
    byFramework: {
      vite: "@workos-inc/authkit-react",
      "next-app": "@workos-inc/authkit-nextjs",
      "tanstack-start": "@workos/authkit-tanstack-react-start",
    },
    modules: ["@workos-inc/", "@workos/"],
    peers: {},
    versions: {
      "@workos-inc/authkit-react": "0.16.2",
      "@convex-dev/workos": "0.0.3",
      // 4.x needs Node >= 22.11.
      "@workos-inc/authkit-nextjs": "3.0.1",
      "@workos/authkit-tanstack-react-start": "0.11.1",
    },
    backend: [],
  },
  components: ["@convex-dev/workos", "@convex-dev/workos-authkit"],
  exports: {
    handleAuth: "@workos-inc/authkit-nextjs",
    ConvexProviderWithAuthKit: "@convex-dev/workos",
  },
  client: {
    bridge: { name: "ConvexProviderWithAuthKit", module: "@convex-dev/workos" },
    provider: "AuthKitProvider",
    useAuthFrom: ["@workos-inc/authkit-react"],
    stateHooks: ["useAuth"],
    stateComponents: [],
    markers: [],
    nextMiddleware: ["authkitMiddleware", "authkitProxy", "authkit"],
    withoutMiddleware: " (withAuth() throws)",
  },
  backend: { markers: [] },
  env: {
    client: ["WORKOS_CLIENT_ID", "WORKOS_REDIRECT_URI"],
    deployment: ["WORKOS_CLIENT_ID", "WORKOS_API_KEY"],
  },
  devValues: [],
  urls: {},
  authConfig: {
    marker: /WORKOS_CLIENT_ID|api\.workos\.com|getAuthConfigProviders/,
    type: "customJwt",
    domainEnv: null,
    applicationID: { env: "WORKOS_CLIENT_ID" },
  },
});
