/**
 * AW204: the production deployment carries development identity-provider values: a Clerk
 * development instance (`*.clerk.accounts.dev`, `pk_test_`/`sk_test_`), a WorkOS staging key,
 * an Auth0 `dev-` tenant. Production users then sign in against the dev instance (or can't).
 */
import { defineRule } from "../define.ts";
import { issuerHost } from "../helpers.ts";

function devKind(value: string): { kind: string; severity: "error" | "warning" } | null {
  const trimmed = value.trim();
  if (/^pk_test_/.test(trimmed)) return { kind: "a development publishable key (pk_test_…)", severity: "error" };
  if (/^sk_test_/.test(trimmed)) return { kind: "a test/staging secret key (sk_test_…)", severity: "error" };
  const host = /^(?:https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(?:[/:]|$)/i.test(trimmed) ? issuerHost(trimmed) : null;
  if (host?.endsWith(".clerk.accounts.dev"))
    return { kind: "a Clerk development instance (*.clerk.accounts.dev)", severity: "error" };
  if (host && /^dev-[a-z0-9]+\.(?:[a-z]{2}\.)?auth0\.com$/.test(host))
    return { kind: "an Auth0 development tenant (dev-….auth0.com)", severity: "warning" };
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
