/**
 * AW204: the production deployment carries development identity-provider values: a Clerk
 * development instance (`*.clerk.accounts.dev`, `pk_test_`/`sk_test_`), an Auth0 `dev-` tenant.
 * Production users then sign in against the dev instance (or can't). The markers are each
 * provider's `devValues` (src/providers/<id>/profile.ts).
 */
import { defineRule } from "../define.ts";
import { issuerHost } from "../helpers.ts";
import { PROFILE_ORDER, devValueMarker } from "../../providers/profiles.ts";

function devKind(value: string): { kind: string; severity: "error" | "warning" } | null {
  const trimmed = value.trim();
  const host = /^(?:https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(?:[/:]|$)/i.test(trimmed) ? issuerHost(trimmed) : null;
  for (const profile of PROFILE_ORDER) {
    const marker = devValueMarker(profile, trimmed, host);
    if (marker) return { kind: marker.what, severity: marker.severity };
  }
  return null;
}

export default defineRule({
  meta: {
    code: "AW204",
    name: "dev-values-on-prod",
    category: "env",
    severity: "error",
    fixable: false,
    description: "The production deployment has development identity-provider values.",
    docs: "docs/rules/dev-values-on-prod.md",
    messages: {
      devValue: "{{name}} on the production deployment is {{kind}} ({{source}}).",
    },
    fixes: {
      devValue:
        "Set the production instance's value: `npx convex env set --prod {{name}}` (value on stdin), then `npx convex deploy`.",
    },
  },
  async check({ doctor, report }) {
    const prod = await doctor.env("prod");
    if (!prod) return;
    for (const [name, value] of Object.entries(prod.values)) {
      const found = devKind(value);
      if (!found) continue;
      report({
        messageId: "devValue",
        data: { name, kind: found.kind, source: prod.source },
        severity: found.severity,
        target: "prod",
      });
    }
  },
});
