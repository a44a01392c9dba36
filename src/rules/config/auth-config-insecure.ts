/**
 * AW106: a provider that accepts tokens meant for other apps. Convex refuses WorkOS's shared
 * issuer (https://api.workos.com/) without applicationID (InsecureConfiguration); any customJwt
 * entry without applicationID skips the audience check (info, unless its issuer is per-app like
 * WorkOS's user_management/<clientId>).
 */
import { lineText } from "../../code/location.ts";
import { defineRule } from "../define.ts";
import { at, authConfigChecks } from "./evaluate.ts";

export default defineRule({
  meta: {
    code: "AW106",
    name: "auth-config-insecure",
    category: "config",
    severity: "error",
    fixable: false,
    description: "A provider shares an issuer without applicationID, so other apps' tokens pass.",
    docs: "docs/rules/auth-config-insecure.md",
    messages: {
      shared: "{{message}}",
      noAudience:
        "Provider {{index}} (customJwt) has no applicationID, so Convex never checks `aud`: a token the same issuer minted for another app is accepted.",
    },
    fixes: {
      shared: "{{hint}}",
      noAudience:
        "Add applicationID with the audience your tokens carry, unless this issuer only ever mints tokens for this app.",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    for (const problem of checks.static.problems) {
      if (problem.code !== "InsecureConfiguration") continue;
      report({
        messageId: "shared",
        data: { message: problem.message, hint: problem.hint ?? "Add applicationID." },
        ...at(problem, checks.raw.file),
      });
    }
    for (const provider of checks.raw.providers ?? []) {
      const type = provider.fields.type?.value;
      if (type?.kind !== "string" || type.value !== "customJwt" || provider.fields.applicationID) continue;
      const issuer = provider.fields.issuer;
      const text = issuer ? lineText((await doctor.read(provider.location.file)) ?? "", issuer.keyLocation.line) : "";
      if (/user_management\//.test(text)) continue;
      if (/api\.workos\.com\/?["'`]/.test(text)) continue; // the backend's own InsecureConfiguration covers it
      report({
        messageId: "noAudience",
        data: { index: provider.index },
        file: provider.location.file,
        line: provider.location.line,
        column: provider.location.column,
        severity: "info",
      });
    }
  },
});
