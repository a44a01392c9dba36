/**
 * AW208: Convex Auth's SITE_URL (where sign-in redirects go) uses a different port than the dev
 * server, or points at localhost on production.
 */
import { defineRule } from "../define.ts";
import { isLocalHost, parseUrl, urlPort, isConvexAuthV1 } from "../helpers.ts";

export default defineRule({
  meta: {
    code: "AW208",
    name: "site-url-mismatch",
    category: "env",
    severity: "warning",
    fixable: false,
    description: "SITE_URL's port differs from the dev server's, or SITE_URL is localhost on production.",
    docs: "docs/rules/site-url-mismatch.md",
    messages: {
      port: 'SITE_URL on the dev deployment uses port {{sitePort}}, but the dev server runs on {{devPort}} ({{portSource}}): OAuth and magic-link sign-ins redirect to the wrong origin ("Invalid redirectTo URI").',
      localhostOnProd:
        "SITE_URL on the production deployment is a localhost URL: sign-in links and OAuth redirects send production users to their own machine.",
      notUrl: "SITE_URL on the {{target}} deployment is not a URL; Convex Auth fails on every redirect.",
    },
    fixes: {
      port: "Set it to the real origin: `npx convex env set SITE_URL http://localhost:{{devPort}}`.",
      localhostOnProd: "Set the production origin: `npx convex env set --prod SITE_URL https://your-app.example`.",
      notUrl: "Set SITE_URL to the app's origin, e.g. http://localhost:{{devPort}} on dev.",
    },
  },
  async check({ doctor, report }) {
    if (!isConvexAuthV1(doctor) || doctor.facts.framework.name === "expo") return;
    const devPort = doctor.facts.devServer.port;
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      const value = env?.values.SITE_URL;
      if (value === undefined) continue;
      const url = parseUrl(value.trim());
      if (!url || !/^https?:$/.test(url.protocol)) {
        report({ messageId: "notUrl", data: { target, devPort: devPort ?? "PORT" }, target, severity: "error" });
        continue;
      }
      if (target === "prod" && isLocalHost(url.hostname)) {
        report({ messageId: "localhostOnProd", target, severity: "error" });
      }
      if (target === "dev" && isLocalHost(url.hostname) && devPort !== null && urlPort(url) !== devPort) {
        report({
          messageId: "port",
          data: { sitePort: urlPort(url), devPort, portSource: doctor.facts.devServer.source },
          target,
        });
      }
    }
  },
});
