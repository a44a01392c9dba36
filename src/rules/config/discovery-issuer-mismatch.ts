/**
 * AW114 (`--online`): the discovery document at an OIDC provider's domain names another issuer.
 * Tokens carry that issuer as `iss`, Convex compares `iss` with the configured domain (trailing
 * slashes aside), and nothing matches: "No auth provider found matching the given token".
 */
import { defineRule } from "../define.ts";
import { describeSource, fieldAt, oidcProvidersProbed, singleTarget } from "../online.ts";

export default defineRule({
  meta: {
    code: "AW114",
    name: "discovery-issuer-mismatch",
    category: "config",
    severity: "error",
    fixable: false,
    description: "The discovery document at a provider's domain names a different issuer (--online).",
    docs: "docs/rules/discovery-issuer-mismatch.md",
    messages: {
      mismatch:
        "Provider {{index}}'s domain is {{domain}} ({{source}}) but its discovery document says the issuer is {{issuer}}: tokens carry iss {{issuer}} and match no provider (NoAuthProvider).",
    },
    fixes: {
      mismatch: "Set {{source}} to {{issuer}}, the issuer the provider puts in its tokens.",
    },
  },
  async check({ doctor, report }) {
    for (const { provider, targets, probe } of await oidcProvidersProbed(doctor, "issuer-mismatch")) {
      report({
        messageId: "mismatch",
        data: {
          index: provider.index,
          domain: provider.issuer!,
          source: describeSource(provider, "domain", targets),
          issuer: probe.issuer,
        },
        ...fieldAt(provider, "domain"),
        target: singleTarget(targets),
      });
    }
  },
});
