/**
 * A virtual Better Auth app (what `authwire add better-auth` writes on the Vite baseline: the
 * component mounted, convex/auth.ts with crossDomain + convex(), CORS routes, getAuthConfigProvider(),
 * the SPA auth client) with the deployment env it needs, for the AW7xx rule tests. Each test
 * breaks one thing.
 */
import { viteBaseline, type VirtualApp } from "./projects.ts";

export const BA_CONVEX_CONFIG = `import { defineApp } from "convex/server";
import betterAuth from "@convex-dev/better-auth/convex.config";

const app = defineApp();
app.use(betterAuth);

export default app;
`;

export const BA_AUTH_CONFIG = `import type { AuthConfig } from "convex/server";
import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";

export default {
  providers: [
    getAuthConfigProvider(),
  ],
} satisfies AuthConfig;
`;

export const BA_AUTH_TS = `import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { betterAuth } from "better-auth/minimal";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";

const siteUrl = process.env.SITE_URL!;

export const authComponent = createClient<DataModel>(components.betterAuth);

export const createAuth = (ctx: GenericCtx<DataModel>) =>
  betterAuth({
    baseURL: process.env.CONVEX_SITE_URL,
    trustedOrigins: [siteUrl],
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: false,
    },
    plugins: [crossDomain({ siteUrl }), convex({ authConfig })],
  });
`;

export const BA_HTTP = `import { httpRouter } from "convex/server";
import { authComponent, createAuth } from "./auth";

const http = httpRouter();

authComponent.registerRoutes(http, createAuth, { cors: true });

export default http;
`;

export const BA_AUTH_CLIENT = `import { convexClient, crossDomainClient } from "@convex-dev/better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({
  baseURL: import.meta.env.VITE_CONVEX_SITE_URL as string,
  plugins: [convexClient(), crossDomainClient()],
});
`;

export const BA_MAIN = `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexReactClient } from "convex/react";
import { ConvexBetterAuthProvider } from "@convex-dev/better-auth/react";
import { authClient } from "./lib/auth-client";
import App from "./App.tsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConvexBetterAuthProvider client={convex} authClient={authClient}>
      <App />
    </ConvexBetterAuthProvider>
  </StrictMode>,
);
`;

export function viteBetterAuth(): VirtualApp {
  const base = viteBaseline();
  const pkg = JSON.parse(base.files["package.json"]!) as { dependencies: Record<string, string> };
  pkg.dependencies["@convex-dev/better-auth"] = "0.12.5";
  pkg.dependencies["better-auth"] = "1.6.34";
  return {
    files: {
      ...base.files,
      "package.json": JSON.stringify(pkg, null, 2),
      ".env.local": `${base.files[".env.local"]}VITE_CONVEX_SITE_URL=https://happy-animal-123.convex.site\n`,
      "convex/convex.config.ts": BA_CONVEX_CONFIG,
      "convex/auth.config.ts": BA_AUTH_CONFIG,
      "convex/auth.ts": BA_AUTH_TS,
      "convex/http.ts": BA_HTTP,
      "src/lib/auth-client.ts": BA_AUTH_CLIENT,
      "src/main.tsx": BA_MAIN,
    },
    env: {
      dev: { BETTER_AUTH_SECRET: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", SITE_URL: "http://localhost:5173" },
    },
  };
}

/** The same app with one file replaced (or removed with null). */
export function withFiles(app: VirtualApp, files: Record<string, string | null>): Record<string, string> {
  const result = { ...app.files };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) delete result[path];
    else result[path] = content;
  }
  return result;
}
