/**
 * AW115 (`--online`): a provider's key set can't check its tokens. OIDC: the JWKS named by the
 * discovery document can't be fetched or read, or has no key Convex verifies ID tokens with
 * (RS256 on RSA 2048–8192 bits, or EdDSA on Ed25519). customJwt: the `jwks` URL (or data: URI)
 * fails the backend's strict reading (Content-Type required, every key must parse), or no key
 * has a kid and fits the configured algorithm. A data: URI is checked without --online.
 */
import { defineRule } from "../define.ts";
import {
  configuredProviders,
  customJwtKeysProblem,
  describeSource,
  fieldAt,
  oidcKeysProblem,
  onlineProbes,
  singleTarget,
} from "../online.ts";
import { loadCustomJwtKeySet } from "../../oidc/jwks.ts";

export default defineRule({
  meta: {
    code: "AW115",
    name: "jwks-unusable",
    category: "config",
    severity: "error",
    fixable: false,
    description: "A provider's JWKS can't be fetched or has no key its tokens can be checked against (--online).",
    docs: "docs/rules/jwks-unusable.md",
    messages: {
      oidcFetch:
        "Provider {{index}}'s JWKS {{jwks}} (from {{domain}}'s discovery document) can't be read: {{detail}}. Convex fails every token from it with AuthProviderDiscoveryFailed.",
      oidcKeys: "Provider {{index}}'s JWKS {{jwks}} (from {{domain}}) can't check its ID tokens: {{problem}}.",
      customFetch: "Provider {{index}}'s jwks ({{source}}) can't be read the way Convex reads it: {{detail}}.",
      customKeys: "Provider {{index}}'s jwks ({{source}}) can't check its tokens: {{problem}}.",
    },
    fixes: {
      oidcFetch:
        "Make {{jwks}} answer 200 with a JWKS (Content-Type application/json or application/jwk-set+json, or none).",
      oidcKeys:
        'Publish an RS256 signing key (RSA, 2048–8192 bits) or an Ed25519 key; for ES256 tokens configure the issuer as a customJwt provider with algorithm "ES256".',
      customFetch:
        "Serve the JWKS with Content-Type application/json (customJwt requires it) and keys Convex can parse, or inline it as a data:application/json;base64,… URI.",
      customKeys:
        "Publish keys with a kid of the configured algorithm ({{algorithm}}), or set `algorithm` to what the issuer signs with.",
    },
  },
  async check({ doctor, report }) {
    const probes = onlineProbes(doctor);
    for (const { provider, targets } of await configuredProviders(doctor)) {
      const target = singleTarget(targets);
      if (provider.kind === "oidc") {
        if (!probes) continue;
        const probe = await probes.oidc(provider.issuer!);
        const base = { index: provider.index, domain: provider.issuer! };
        if (probe.kind === "jwks-failed") {
          report({
            messageId: "oidcFetch",
            data: { ...base, jwks: probe.jwksUri, detail: probe.detail },
            ...fieldAt(provider, "domain"),
            target,
          });
        } else if (probe.kind === "ok") {
          const problem = oidcKeysProblem(probe.keys);
          if (problem)
            report({
              messageId: "oidcKeys",
              data: { ...base, jwks: probe.jwksUri, problem },
              ...fieldAt(provider, "domain"),
              target,
            });
        }
        continue;
      }
      if (provider.jwks === null || provider.algorithm === null) continue;
      // A data: URI needs no network; a URL only with --online.
      const isData = /^\s*data:/i.test(provider.jwks);
      if (!isData && !probes) continue;
      const loaded = probes
        ? await probes.jwks(provider.jwks)
        : await loadCustomJwtKeySet(provider.jwks, null).then((result) =>
            result.ok === true
              ? { kind: "ok" as const, source: result.source, keys: result.keys }
              : result.ok === false
                ? { kind: "failed" as const, detail: result.detail, message: result.error.message }
                : null,
          );
      // No answer for a reason that may be this machine's network: couldn't check (the checklist says so).
      if (!loaded || loaded.kind === "unchecked") continue;
      const source = describeSource(provider, "jwks", targets);
      if (loaded.kind === "failed") {
        report({
          messageId: "customFetch",
          data: { index: provider.index, source, detail: loaded.detail },
          ...fieldAt(provider, "jwks"),
          target,
        });
        continue;
      }
      const problem = customJwtKeysProblem(loaded.keys, provider.algorithm);
      if (problem)
        report({
          messageId: "customKeys",
          data: { index: provider.index, source, problem, algorithm: provider.algorithm },
          ...fieldAt(provider, "jwks"),
          target,
        });
    }
  },
});
