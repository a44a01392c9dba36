export default {
  providers: [
    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN ?? "", applicationID: "convex" },
    { domain: process.env.EMPTY || "https://fallback.example.com", applicationID: "x" },
  ],
};
