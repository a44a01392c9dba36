import type { AuthConfig } from "convex/server";

const common = { applicationID: "convex" } as const;
const ISSUER = "https://clerk.example.com";
const base = [{ ...common, domain: ISSUER }];

export default {
  providers: [
    ...base,
    { ...common, applicationID: "override", domain: `${process.env.AUTH0_DOMAIN}/` },
  ],
} as AuthConfig;
