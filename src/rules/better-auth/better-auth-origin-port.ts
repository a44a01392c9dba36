/**
 * AW703: the origins the Better Auth instance trusts (trustedOrigins, crossDomain's siteUrl,
 * baseURL — usually SITE_URL) don't include the dev server's real origin, or production trusts a
 * localhost URL. Better Auth rejects every sign-in from an untrusted origin with "Invalid origin".
 */
import { defineRule } from "../define.ts";
import { isLocalHost, parseUrl, urlPort } from "../helpers.ts";
import { readBetterAuthApp, usesBetterAuth, type OriginValue } from "./instance.ts";

export default defineRule({
  meta: {
    code: "AW703",
    name: "better-auth-origin-port",
    category: "better-auth",
    severity: "warning",
    fixable: false,
    description: "Better Auth trusts no origin on the dev server's port, or trusts localhost on production.",
    docs: "docs/rules/better-auth-origin-port.md",
    messages: {
      port: 'Better Auth trusts {{origins}} on the dev deployment, but the dev server runs on port {{devPort}} ({{portSource}}): sign-in from http://localhost:{{devPort}} fails with "Invalid origin".',
      localhostOnProd:
        "The production deployment's {{name}} is {{value}}, a localhost URL: Better Auth on production trusts the developer's machine and rejects the real site (\"Invalid origin\").",
    },
    fixes: {
      port: "Set the dev origin: `npx convex env set SITE_URL http://localhost:{{devPort}}` (or fix the trustedOrigins entry).",
      localhostOnProd: "Set the production origin: `npx convex env set --prod {{name}} https://your-app.example`.",
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor) || doctor.facts.framework.name === "expo") return;
    const app = await readBetterAuthApp(doctor);
    const instance = app.instances[0];
    if (!instance || instance.trustedOrigins === "unknown") return;
    const server = doctor.facts.framework.name !== "vite";
    // The origins Better Auth trusts: trustedOrigins, crossDomain's siteUrl, and (for the proxied
    // frameworks, where requests come from the app) baseURL.
    const values: OriginValue[] = [...(instance.trustedOrigins ?? [])];
    for (const plugin of instance.plugins ?? []) if (plugin.siteUrl) values.push(plugin.siteUrl);
    if (server && instance.baseURL) values.push(instance.baseURL);
    if (values.length === 0 || values.some((value) => value.kind === "unknown")) return;
    const devPort = doctor.facts.devServer.port;
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      const resolved: { text: string; name: string | null }[] = [];
      let unknown = false;
      for (const value of values) {
        if (value.kind === "literal") resolved.push({ text: value.value, name: null });
        else if (value.kind === "env") {
          if (value.name === "CONVEX_SITE_URL") continue; // the deployment's own URL, never the app's
          const text = env?.values[value.name] ?? (env ? value.fallback : null);
          if (text === null || text === undefined) unknown = true;
          else resolved.push({ text, name: value.name });
        }
      }
      if (unknown || resolved.length === 0) continue;
      const urls = resolved.map((entry) => ({ ...entry, url: parseUrl(entry.text.trim()) }));
      if (urls.some((entry) => !entry.url || entry.text.includes("*"))) continue;
      if (target === "prod") {
        const local = urls.find((entry) => entry.name && isLocalHost(entry.url!.hostname));
        if (local && urls.every((entry) => isLocalHost(entry.url!.hostname)))
          report({
            messageId: "localhostOnProd",
            data: { name: local.name!, value: local.text },
            file: instance.file,
            line: instance.line,
            column: instance.column,
            target,
            severity: "error",
          });
        continue;
      }
      if (devPort === null) continue;
      const locals = urls.filter((entry) => isLocalHost(entry.url!.hostname));
      if (locals.length === 0 || locals.some((entry) => urlPort(entry.url!) === devPort)) continue;
      report({
        messageId: "port",
        data: {
          origins: locals.map((entry) => (entry.name ? `${entry.name}=${entry.text}` : entry.text)).join(", "),
          devPort,
          portSource: doctor.facts.devServer.source,
        },
        file: instance.file,
        line: instance.line,
        column: instance.column,
        target,
      });
    }
  },
});
