import type { AuthConfig } from "convex/server";

export default {
  providers: [
    {
      // The Frontend API URL of your Clerk instance (Convex integration activated in Clerk).
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: "convex",
    },
  ],
} satisfies AuthConfig;
