/**
 * AW705: the Better Auth instance has no convex({ authConfig }) plugin. It is the part that mints
 * the JWT Convex accepts (/api/auth/convex/token, the JWKS at /api/auth/convex/jwks): without it
 * the Convex client never gets a token and every function sees a signed-out user.
 * The client's convexClient() carries only types (the component's 0.12: `{ id, version,
 * $InferServerPlugin }`); Better Auth's client proxy turns `authClient.convex.token()` into
 * GET /convex/token with or without it. A client without it is an info: the types of
 * ConvexBetterAuthProvider's `authClient` expect it, the token still flows.
 */
import { defineRule } from "../define.ts";
import { COMPONENT_PACKAGE, readBetterAuthApp, usesBetterAuth } from "./instance.ts";

export default defineRule({
  meta: {
    code: "AW705",
    name: "better-auth-convex-plugin-missing",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description:
      "The Better Auth instance lacks the convex({ authConfig }) plugin (or the client lacks convexClient()).",
    docs: "docs/rules/better-auth-convex-plugin-missing.md",
    messages: {
      server: `The Better Auth instance has no convex({ authConfig }) plugin from ${COMPONENT_PACKAGE}/plugins: nothing serves /api/auth/convex/token or the JWKS auth.config points at, so Convex never gets a token.`,
      client:
        "The Better Auth client has no convexClient() plugin: the token route is still reached by path, but ConvexBetterAuthProvider's authClient type expects the plugin's `convex.token()`.",
    },
    fixes: {
      server: `Add convex({ authConfig }) (import { convex } from "${COMPONENT_PACKAGE}/plugins"; authConfig from "./auth.config") to plugins.`,
      client: `Add convexClient() from "${COMPONENT_PACKAGE}/client/plugins" to the client's plugins.`,
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor)) return;
    const app = await readBetterAuthApp(doctor);
    for (const instance of app.instances)
      if (instance.plugins && !instance.plugins.some((plugin) => plugin.name === "convex"))
        report({ messageId: "server", file: instance.file, line: instance.line, column: instance.column });
    for (const client of app.authClients)
      if (client.plugins && !client.plugins.includes("convexClient"))
        report({ messageId: "client", file: client.file, line: client.line, column: client.column, severity: "info" });
  },
});
