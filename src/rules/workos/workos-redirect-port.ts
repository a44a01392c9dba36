/**
 * AW402: a WorkOS redirect URI on localhost uses another port than the dev server, so the hosted
 * sign-in sends users back to a port nothing listens on (Vite drifting off 5173 is the classic).
 */
import { defineRule } from "../define.ts";
import { isLocalHost, parseUrl, urlPort } from "../helpers.ts";
import { workosRedirects } from "./redirects.ts";

export default defineRule({
  meta: {
    code: "AW402",
    name: "workos-redirect-port",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "A WorkOS redirect URI's port differs from the dev server's.",
    docs: "docs/rules/workos-redirect-port.md",
    messages: {
      port: "{{what}} {{uri}} uses port {{uriPort}}, but the dev server runs on {{devPort}} ({{source}}): WorkOS redirects after sign-in to a port nothing serves.",
    },
    fixes: {
      port: "Use http://localhost:{{devPort}}{{path}} in convex.json's authKit.dev and the redirect env var, then rerun `npx convex dev` (or pin the dev server's port).",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("workos")) return;
    const devPort = doctor.facts.devServer.port;
    if (devPort === null) return;
    const { sites } = await workosRedirects(doctor);
    for (const site of sites) {
      const url = parseUrl(site.value.trim());
      if (!url || !isLocalHost(url.hostname) || urlPort(url) === devPort) continue;
      report({
        messageId: "port",
        data: {
          what: site.name ?? "redirect URI",
          uri: site.value,
          uriPort: urlPort(url),
          devPort,
          source: doctor.facts.devServer.source,
          path: url.pathname,
        },
        file: site.file,
        line: site.line,
        column: 1,
        target: "dev",
      });
    }
  },
});
