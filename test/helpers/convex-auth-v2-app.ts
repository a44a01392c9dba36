/**
 * A virtual Convex Auth v2 app (what `authwire add convex-auth --methods password,github` writes on
 * the Vite baseline), for the AW51x rule tests: @convex-dev/auth 2.0.0, convex 1.48.0, the core and
 * method components mounted, convexAuthProvider() in auth.config, the deployment env it needs.
 */
import { viteBaseline, type VirtualApp } from "./projects.ts";

export const V2_CONVEX_CONFIG = `import { defineApp } from "convex/server";
import { v } from "convex/values";
import auth from "@convex-dev/auth/convex.config.js";
import authUsername from "@convex-dev/auth/components/username/convex.config.js";
import authPassword from "@convex-dev/auth/components/password/convex.config.js";
import authGithub from "@convex-dev/auth/components/github/convex.config.js";

const app = defineApp({
  env: {
    AUTH_GITHUB_CLIENT_ID: v.string(),
    AUTH_GITHUB_CLIENT_SECRET: v.string(),
    SITE_URL: v.optional(v.string()),
  },
});

app.use(auth);
app.use(authUsername);
app.use(authPassword);
app.use(authGithub, {
  httpPrefix: "/oauth/github",
  env: { CLIENT_ID: app.env.AUTH_GITHUB_CLIENT_ID, CLIENT_SECRET: app.env.AUTH_GITHUB_CLIENT_SECRET },
});

export default app;
`;

export const V2_AUTH_CONFIG = `import type { AuthConfig } from "convex/server";
import { convexAuthProvider } from "@convex-dev/auth/server";

export default { providers: [convexAuthProvider()] } satisfies AuthConfig;
`;

export const V2_AUTH_TS = `import { setupConvexAuth } from "@convex-dev/auth/server";
import { setupUsernamePassword } from "@convex-dev/auth/methods/username-password/server";
import { setupGithub } from "@convex-dev/auth/methods/github/server";
import { components, internal } from "./_generated/api";
import { env } from "./_generated/server";

const siteUrl = env.SITE_URL ?? "http://localhost:5173";
const auth = setupConvexAuth({ component: components.auth });
export const { signOut, refreshSession, isAuthenticated } = auth;
export const { signUpWithUsernamePassword, signInWithUsernamePassword, changePassword } = setupUsernamePassword(auth, {
  component: components.authPassword,
  usernameComponent: components.authUsername,
}).attachUserCallbacks({ createUser: internal.users.createUserPassword });
export const { startSignInWithGithub, completeSignInWithGithub } = setupGithub(auth, {
  component: components.authGithub,
  allowedRedirectOrigins: [siteUrl],
}).attachUserCallbacks({ createUser: internal.users.createUserGithub });
`;

export const V2_TASKS = `import { getAuthUserId } from "@convex-dev/auth/server";
import { query } from "./_generated/server";

export const me = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getAuthUserId(ctx);
    return userId === null ? null : await ctx.db.get(userId);
  },
});
`;

export function viteConvexAuthV2(): VirtualApp {
  const base = viteBaseline();
  const pkg = JSON.parse(base.files["package.json"]!) as { dependencies: Record<string, string> };
  pkg.dependencies = { ...pkg.dependencies, convex: "1.48.0", "@convex-dev/auth": "2.0.0" };
  return {
    files: {
      ...base.files,
      "package.json": `${JSON.stringify(pkg, null, 2)}\n`,
      "convex/convex.config.ts": V2_CONVEX_CONFIG,
      "convex/auth.config.ts": V2_AUTH_CONFIG,
      "convex/auth.ts": V2_AUTH_TS,
      "convex/me.ts": V2_TASKS,
    },
    env: {
      dev: { SITE_URL: "http://localhost:5173", AUTH_GITHUB_CLIENT_ID: "Iv1.dev", AUTH_GITHUB_CLIENT_SECRET: "s" },
    },
  };
}
