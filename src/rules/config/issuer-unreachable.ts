/**
 * AW113 (`--online`): an OIDC provider's discovery document can't be read from its domain. Convex
 * fetches `<iss>/.well-known/openid-configuration` on every new token and fails with
 * AuthProviderDiscoveryFailed when it can't: a wrong domain, a typo, an issuer that is down or
 * not public. A domain that serves a JWKS or discovery document itself is AW211's finding, not this.
 */
import { defineRule } from "../define.ts";
import { describeSource, fieldAt, oidcProvidersProbed, singleTarget } from "../online.ts";

export default defineRule({
  meta: {
    code: "AW113",
    name: "issuer-unreachable",
    category: "config",
    severity: "error",
    fixable: false,
    description: "An OIDC provider's discovery document can't be fetched from its domain (--online).",
    docs: "docs/rules/issuer-unreachable.md",
    messages: {
      unreachable:
        "Provider {{index}}'s domain {{domain}} ({{source}}) has no readable discovery document: {{detail}}. Convex fails every token from it with AuthProviderDiscoveryFailed.",
    },
    fixes: {
      unreachable:
        "Check {{source}}: it must be the issuer URL whose {{url}} answers 200 with JSON (reachable from the internet, as Convex fetches it).",
    },
  },
  async check({ doctor, report }) {
    for (const { provider, targets, probe } of await oidcProvidersProbed(doctor, "unreachable")) {
      const source = describeSource(provider, "domain", targets);
      report({
        messageId: "unreachable",
        data: { index: provider.index, domain: provider.issuer!, source, detail: probe.detail, url: probe.url },
        ...fieldAt(provider, "domain"),
        target: singleTarget(targets),
      });
    }
  },
});
