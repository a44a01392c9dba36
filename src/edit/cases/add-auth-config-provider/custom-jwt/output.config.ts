import type { AuthConfig } from "convex/server";

export default {
  providers: [
    {
      // The Frontend API URL of your Clerk instance (Convex integration activated in Clerk).
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: "convex",
    },
    {
      type: "customJwt",
      issuer: "https://auth.example.com",
      jwks: "https://auth.example.com/.well-known/jwks.json",
      algorithm: "RS256",
      applicationID: "my-app",
    },
  ],
} satisfies AuthConfig;
