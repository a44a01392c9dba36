/**
 * AW513: on a Convex Auth v2 app, auth.config must list `convexAuthProvider()` (customJwt, ES256,
 * issuer `${CONVEX_CLOUD_URL}/components/auth`, aud "convex-auth"); v1's entry (domain
 * CONVEX_SITE_URL, applicationID "convex") accepts none of v2's tokens.
 */
import { readAuthConfig } from "../../config/auth-config.ts";
import { defineRule } from "../define.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

export default defineRule({
  meta: {
    code: "AW513",
    name: "convex-auth-v2-provider-missing",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "auth.config lacks Convex Auth v2's provider, or still has v1's CONVEX_SITE_URL entry.",
    docs: "docs/rules/convex-auth-v2-provider-missing.md",
    messages: {
      missing:
        "{{file}} has no convexAuthProvider() entry: Convex rejects every Convex Auth v2 token (No auth provider found matching the given token).",
      v1Entry:
        'Provider {{index}} is Convex Auth v1\'s entry (domain CONVEX_SITE_URL, applicationID "convex"); this app is on v2, whose tokens it never matches.',
    },
    fixes: {
      missing: `Add \`convexAuthProvider()\` (from "${CONVEX_AUTH_PACKAGE}/server") to \`providers\`.`,
      v1Entry: "Replace it with `convexAuthProvider()`.",
    },
  },
  async check({ doctor, report }) {
    if (doctor.facts.convexAuth?.major !== 2) return;
    const raw = await readAuthConfig(doctor.files, doctor.convexDir);
    if (!raw.file || !raw.providers) {
      if (!raw.file) report({ messageId: "missing", data: { file: `${doctor.convexDir}/auth.config.ts` }, file: null });
      return;
    }
    let found = false;
    for (const provider of raw.providers) {
      const fields = provider.fields;
      const literal = (name: string) => {
        const value = fields[name]?.value;
        return value?.kind === "string" ? value.value : undefined;
      };
      if (literal("applicationID") === "convex-auth" && literal("type") === "customJwt") found = true;
      if (fields.domain?.envVars.includes("CONVEX_SITE_URL") && literal("applicationID") === "convex") {
        report({
          messageId: "v1Entry",
          data: { index: String(provider.index) },
          file: raw.file,
          line: provider.location.line,
          column: provider.location.column,
        });
      }
    }
    const dynamic = raw.providers.some((provider) => provider.value.kind === "dynamic");
    if (!found && !dynamic)
      report({ messageId: "missing", data: { file: raw.file }, file: raw.file, line: raw.providersLocation?.line });
  },
});
