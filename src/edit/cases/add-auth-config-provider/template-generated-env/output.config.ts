import { env } from "./_generated/server";

export default {
  providers: [
    {
      domain: env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${env.WORKOS_CLIENT_ID}`,
      applicationID: env.WORKOS_CLIENT_ID,
    },
  ],
};
