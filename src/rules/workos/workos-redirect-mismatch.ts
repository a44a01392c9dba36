/**
 * AW403: the redirect URI the app sends (its env var) is not among convex.json's
 * authKit.dev.configure.redirectUris, so WorkOS answers "Invalid redirect URI".
 */
import { defineRule } from "../define.ts";
import { workosRedirects } from "./redirects.ts";

const same = (a: string, b: string) => a.trim().replace(/\/+$/, "") === b.trim().replace(/\/+$/, "");

export default defineRule({
  meta: {
    code: "AW403",
    name: "workos-redirect-mismatch",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "The WorkOS redirect env var is not in convex.json's redirectUris.",
    docs: "docs/rules/workos-redirect-mismatch.md",
    messages: {
      mismatch:
        "{{name}} is {{uri}}, which convex.json's authKit.dev.configure.redirectUris doesn't list ({{list}}): WorkOS rejects the sign-in with \"Invalid redirect URI\".",
    },
    fixes: {
      mismatch: "Make them the same URI (add it to redirectUris or fix {{name}}), then rerun `npx convex dev`.",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("workos")) return;
    const { sites, configured } = await workosRedirects(doctor);
    if (!configured || configured.length === 0) return;
    for (const site of sites) {
      if (site.kind === "configure" || configured.some((uri) => same(uri, site.value))) continue;
      report({
        messageId: "mismatch",
        data: { name: site.name ?? "redirect URI", uri: site.value, list: configured.join(", ") },
        file: site.file,
        line: site.line,
        column: 1,
        target: "dev",
      });
    }
  },
});
