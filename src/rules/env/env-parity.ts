/**
 * AW205: dev/prod parity. A variable the functions (or the auth library) read is set on the dev
 * deployment but not on production, or production reuses dev's private key.
 */
import { defineRule } from "../define.ts";
import { backendEnvReads, libraryEnvNames } from "../helpers.ts";
import { PROFILES } from "../../providers/profiles.ts";

export default defineRule({
  meta: {
    code: "AW205",
    name: "env-parity",
    category: "env",
    severity: "warning",
    fixable: false,
    description: "A variable set on the dev deployment is missing on production (or prod reuses dev's key).",
    docs: "docs/rules/env-parity.md",
    messages: {
      missingOnProd:
        "{{name}} is set on dev but not on production; {{reader}} reads it, so it works locally and breaks after deploy.",
      sameKey: "{{name}} is identical on dev and production: a leaked dev key signs production sessions.",
    },
    fixes: {
      missingOnProd: "Set it on production: `npx convex env set --prod {{name}}` (value on stdin).",
      sameKey:
        "Generate a separate key for production (authwire keys --rotate --prod) and set JWT_PRIVATE_KEY and JWKS together.",
    },
  },
  async check({ doctor, report }) {
    const [dev, prod] = await Promise.all([doctor.env("dev"), doctor.env("prod")]);
    if (!dev || !prod) return;
    const { functions } = backendEnvReads(doctor);
    const readers = new Map<string, { reader: string; file: string | null; line?: number }>();
    for (const [name, site] of functions)
      readers.set(name, { reader: `${site.file}:${site.line}`, file: site.file, line: site.line });
    for (const name of libraryEnvNames(doctor))
      if (!readers.has(name)) readers.set(name, { reader: PROFILES["convex-auth"].packages.sdk[0]!, file: null });
    for (const [name, { reader, file, line }] of readers) {
      if (name in dev.values && !(name in prod.values)) {
        report({ messageId: "missingOnProd", data: { name, reader }, file, line, target: "prod" });
      }
    }
    const devKey = dev.values.JWT_PRIVATE_KEY?.trim();
    if (devKey && devKey === prod.values.JWT_PRIVATE_KEY?.trim()) {
      report({ messageId: "sameKey", data: { name: "JWT_PRIVATE_KEY" }, target: "prod" });
    }
  },
});
