import { getAuthConfigProvider as betterAuthProvider } from "@convex-dev/better-auth/auth-config";
import type { AuthConfig } from "convex/server";

const basePath = "/auth";

export default {
  providers: [betterAuthProvider({ basePath }), { domain: "https://clerk.acme.dev", applicationID: "convex" }],
} satisfies AuthConfig;
