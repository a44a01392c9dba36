/** Auth0, as data (see ../profile.ts). Facts: docs/internals/provider-setup.md. */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "auth0",
  title: "Auth0",
  packages: {
    sdk: ["@auth0/auth0-react", "@auth0/nextjs-auth0"],
    byFramework: { vite: "@auth0/auth0-react", "next-app": "@auth0/auth0-react", "next-pages": "@auth0/auth0-react" },
    modules: ["@auth0/"],
    peers: {},
    versions: { "@auth0/auth0-react": "2.27.0" },
    backend: [],
  },
  components: [],
  exports: {},
  client: {
    bridge: { name: "ConvexProviderWithAuth0", module: "convex/react-auth0" },
    provider: "Auth0Provider",
    useAuthFrom: [],
    stateHooks: ["useAuth0"],
    stateComponents: [],
    markers: [],
    nextMiddleware: [],
  },
  backend: { markers: [] },
  env: {
    client: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID"],
    deployment: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID"],
  },
  devValues: [
    {
      what: "an Auth0 development tenant (dev-….auth0.com)",
      severity: "warning",
      host: /^dev-[a-z0-9]+\.(?:[a-z]{2}\.)?auth0\.com$/,
    },
  ],
  urls: {},
  authConfig: {
    marker: /AUTH0_[A-Z_]*|auth0\.com/,
    type: "oidc",
    domainEnv: "AUTH0_DOMAIN",
    applicationID: { env: "AUTH0_CLIENT_ID" },
  },
});
