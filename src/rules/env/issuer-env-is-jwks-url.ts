/**
 * AW211: a variable meant to hold an issuer/domain holds the JWKS or discovery URL instead
 * (`…/.well-known/jwks.json`). Convex compares the token's `iss` with the domain exactly, so
 * nothing matches. By the URL's shape; with `--online` also a provider domain whose URL doesn't
 * look like one but serves a JWKS or a discovery document itself.
 */
import { defineRule } from "../define.ts";
import { isTemplateEnvFile } from "../helpers.ts";
import { describeSource, fieldAt, oidcProvidersProbed, singleTarget } from "../online.ts";

const ISSUER_NAME = /(?:ISSUER|DOMAIN|FRONTEND_API)(?:_URL)?$/;
const NOT_ISSUER = /\/\.well-known\/(?:jwks\.json|openid-configuration)\/?$|\/jwks(?:\.json)?\/?$/;

export default defineRule({
  meta: {
    code: "AW211",
    name: "issuer-env-is-jwks-url",
    category: "env",
    severity: "error",
    fixable: false,
    description: "An issuer/domain variable holds a JWKS or discovery URL.",
    docs: "docs/rules/issuer-env-is-jwks-url.md",
    messages: {
      jwksUrl:
        "{{name}} ({{where}}) holds a JWKS/discovery URL, but it names an issuer: tokens' `iss` never equals it.",
      servesKeys:
        "Provider {{index}}'s domain {{domain}} ({{source}}) serves {{serves}}, not an issuer: tokens' `iss` never equals it.",
    },
    fixes: {
      jwksUrl:
        "Set {{name}} to the issuer itself (the URL before /.well-known/…, e.g. https://your-instance.clerk.accounts.dev).",
      servesKeys: "Set {{source}} to the issuer itself{{issuer}}.",
    },
  },
  async check({ doctor, report }) {
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      for (const [name, value] of Object.entries(env.values)) {
        if (ISSUER_NAME.test(name) && NOT_ISSUER.test(value.trim()))
          report({ messageId: "jwksUrl", data: { name, where: `${target} deployment` }, target });
      }
    }
    for (const file of await doctor.localEnv()) {
      if (isTemplateEnvFile(file.path)) continue;
      for (const [name, value] of Object.entries(file.values)) {
        if (ISSUER_NAME.test(name) && NOT_ISSUER.test(value.trim())) {
          report({
            messageId: "jwksUrl",
            data: { name, where: file.path },
            file: file.path,
            line: file.lineOf(name) ?? 1,
            column: 1,
          });
        }
      }
    }
    for (const { provider, targets, probe } of await oidcProvidersProbed(doctor, "not-issuer")) {
      // Reported above already: an issuer-named variable with a JWKS/discovery-shaped value.
      if (NOT_ISSUER.test(provider.issuer!) && (provider.envVars.domain ?? []).some((name) => ISSUER_NAME.test(name)))
        continue;
      const source = describeSource(provider, "domain", targets);
      report({
        messageId: "servesKeys",
        data: {
          index: provider.index,
          domain: provider.issuer!,
          source,
          serves: probe.serves,
          issuer: probe.issuer ? ` (the document says ${probe.issuer})` : "",
        },
        ...fieldAt(provider, "domain"),
        target: singleTarget(targets),
      });
    }
  },
});
