/**
 * AW206: the Clerk publishable key and the issuer domain name different Clerk instances. The
 * key encodes its Frontend API host (`pk_test_` + base64(host + "$")); the issuer must be that
 * host, or every token is rejected with "No auth provider found".
 */
import type { LocalEnvFile } from "../context.ts";
import { defineRule } from "../define.ts";
import { clerkKeyHost, isTemplateEnvFile, issuerHost } from "../helpers.ts";
import { PROFILES } from "../../providers/profiles.ts";

const clerk = PROFILES.clerk;
/** The publishable key under any framework prefix (VITE_CLERK_PUBLISHABLE_KEY, …). */
const KEY_NAME = new RegExp(`${clerk.env.client[0]}$`);
/** The issuer: the profile's deployment variable, or a name apps commonly give it. */
const ISSUER_NAME = new RegExp(
  `^(?:${[...clerk.env.deployment, "CLERK_FRONTEND_API_URL", "CLERK_ISSUER_URL", "CLERK_ISSUER", "CLERK_DOMAIN"].join("|")})$`,
);

export default defineRule({
  meta: {
    code: "AW206",
    name: "clerk-instance-mismatch",
    category: "env",
    severity: "error",
    fixable: false,
    description: "The Clerk publishable key and the issuer domain belong to different Clerk instances.",
    docs: "docs/rules/clerk-instance-mismatch.md",
    messages: {
      mismatch:
        "{{keyName}} belongs to the Clerk instance {{keyHost}}, but {{issuerName}} ({{issuerSource}}) points at {{issuerHost}}: tokens from the app never match auth.config.",
    },
    fixes: {
      mismatch:
        "Copy the Frontend API URL of the same Clerk instance as the publishable key (Clerk dashboard → API keys) into {{issuerName}} ({{issuerSource}}).",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("clerk")) return;
    const local = (await doctor.localEnv()).filter((file) => !isTemplateEnvFile(file.path));
    const keys: { file: LocalEnvFile; name: string; host: string; instance: string }[] = [];
    for (const file of local) {
      for (const [name, value] of Object.entries(file.values)) {
        if (!KEY_NAME.test(name)) continue;
        const decoded = clerkKeyHost(value);
        if (decoded) keys.push({ file, name, host: decoded.host, instance: decoded.instance });
      }
    }
    if (keys.length === 0) return;
    const issuers: { name: string; host: string; source: string; target: "dev" | "prod" }[] = [];
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      for (const [name, value] of Object.entries(env.values)) {
        const host = ISSUER_NAME.test(name) ? issuerHost(value) : null;
        if (host) issuers.push({ name, host, source: `${target} deployment`, target });
      }
    }
    if (!issuers.some((issuer) => issuer.target === "dev")) {
      for (const file of local) {
        for (const [name, value] of Object.entries(file.values)) {
          const host = ISSUER_NAME.test(name) ? issuerHost(value) : null;
          if (host) issuers.push({ name, host, source: file.path, target: "dev" });
        }
      }
    }
    for (const key of keys) {
      const wanted = key.instance === "development" ? "dev" : "prod";
      const issuer = issuers.find((candidate) => candidate.target === wanted);
      if (!issuer || issuer.host === key.host) continue;
      report({
        messageId: "mismatch",
        data: {
          keyName: key.name,
          keyHost: key.host,
          issuerName: issuer.name,
          issuerSource: issuer.source,
          issuerHost: issuer.host,
        },
        file: key.file.path,
        line: key.file.lineOf(key.name) ?? 1,
        column: 1,
        target: issuer.target,
      });
    }
  },
});
