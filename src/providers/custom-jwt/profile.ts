/** Any other issuer (a customJwt or plain OIDC entry), as data (see ../profile.ts). */
import { defineProfile } from "../profile.ts";

export default defineProfile({
  id: "custom-jwt",
  title: "custom JWT",
  packages: { sdk: [], byFramework: {}, modules: [], peers: {}, versions: {}, backend: [] },
  components: [],
  exports: {},
  client: {
    bridge: { name: "ConvexProviderWithAuth", module: "convex/react" },
    provider: null,
    useAuthFrom: [],
    stateHooks: [],
    stateComponents: [],
    markers: [],
    nextMiddleware: [],
  },
  backend: { markers: [] },
  env: {
    client: [],
    deployment: ["CUSTOM_JWT_ISSUER", "CUSTOM_JWT_JWKS_URL", "CUSTOM_JWT_APPLICATION_ID"],
  },
  devValues: [],
  urls: {},
  authConfig: {
    marker: /customJwt/,
    type: "customJwt",
    domainEnv: "CUSTOM_JWT_ISSUER",
    applicationID: { env: "CUSTOM_JWT_APPLICATION_ID" },
  },
});
