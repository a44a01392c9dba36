/**
 * AW704: a single-page app (React + Vite) talks to Better Auth on the deployment's `.convex.site`
 * URL, another origin: the instance needs the crossDomain({ siteUrl }) plugin, its routes need
 * `registerRoutes(…, { cors: true })`, and the client needs crossDomainClient(). Without them the
 * session cookie never reaches the deployment, CORS preflights fail, and social sign-in loops.
 */
import { defineRule } from "../define.ts";
import { COMPONENT_PACKAGE, readBetterAuthApp, usesBetterAuth } from "./instance.ts";

export default defineRule({
  meta: {
    code: "AW704",
    name: "better-auth-cross-domain-missing",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description:
      "A Vite single-page app lacks Better Auth's cross-domain setup (crossDomain, CORS, crossDomainClient).",
    docs: "docs/rules/better-auth-cross-domain-missing.md",
    messages: {
      plugin:
        "This Vite app calls Better Auth on the deployment's .convex.site URL (another origin), but the instance has no crossDomain({ siteUrl }) plugin: the session cookie is never sent and sign-in doesn't stick.",
      cors: "registerRoutes has no `cors: true`: the browser's preflight to the .convex.site URL is rejected, so every Better Auth call from the SPA fails with a CORS error.",
      client:
        "The Better Auth client has no crossDomainClient() plugin: it can't carry the session across origins (Better-Auth-Cookie), so the app stays signed out.",
    },
    fixes: {
      plugin: `Add crossDomain({ siteUrl }) from ${COMPONENT_PACKAGE}/plugins before convex({ authConfig }).`,
      cors: "Register the routes with CORS: authComponent.registerRoutes(http, createAuth, { cors: true }).",
      client: `Add crossDomainClient() from ${COMPONENT_PACKAGE}/client/plugins beside convexClient().`,
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor) || doctor.facts.framework.name !== "vite") return;
    const app = await readBetterAuthApp(doctor);
    const instance = app.instances[0];
    if (instance?.plugins && !instance.plugins.some((plugin) => plugin.name === "crossDomain"))
      report({ messageId: "plugin", file: instance.file, line: instance.line, column: instance.column });
    for (const routes of app.routes)
      if (routes.cors === null || routes.cors === false)
        report({ messageId: "cors", file: routes.file, line: routes.line, column: routes.column });
    for (const client of app.authClients)
      if (client.plugins && !client.plugins.includes("crossDomainClient"))
        report({ messageId: "client", file: client.file, line: client.line, column: client.column });
  },
});
