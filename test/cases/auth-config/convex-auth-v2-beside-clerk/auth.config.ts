import { convexAuthProvider } from "@convex-dev/auth/server";

export default {
  providers: [
    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" },
    convexAuthProvider(),
  ],
};
