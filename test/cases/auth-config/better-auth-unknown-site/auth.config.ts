import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";

export default { providers: [getAuthConfigProvider({ jwks: process.env.JWKS })] };
