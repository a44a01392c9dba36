/**
 * AW207: Convex Auth's JWT_PRIVATE_KEY is not a PKCS#8 RSA key, or the JWKS doesn't hold exactly
 * the matching public key. Convex Auth signs tokens without a `kid`, so the JWKS must have one key.
 */
import { checkKeys } from "../../config/convex-auth-keys.ts";
import { defineRule } from "../define.ts";
import { isConvexAuthV1 } from "../helpers.ts";

export { checkKeys, normalizePem } from "../../config/convex-auth-keys.ts";

export default defineRule({
  meta: {
    code: "AW207",
    name: "convex-auth-keys-invalid",
    category: "env",
    severity: "error",
    fixable: false,
    description: "JWT_PRIVATE_KEY is not PKCS#8 or doesn't match JWKS.",
    docs: "docs/rules/convex-auth-keys-invalid.md",
    messages: {
      notPkcs8:
        'JWT_PRIVATE_KEY on the {{target}} deployment is a "{{label}}" PEM; Convex Auth needs PKCS#8 (BEGIN PRIVATE KEY), so every sign-in fails.',
      unreadableKey: "JWT_PRIVATE_KEY on the {{target}} deployment can't be read as an RSA private key ({{why}}).",
      badJwks: 'JWKS on the {{target}} deployment is not a JSON Web Key Set ({"keys": [...]}).',
      keyCount:
        "JWKS on the {{target}} deployment has {{count}} keys; Convex Auth tokens carry no `kid`, so exactly one key must be there.",
      mismatch:
        "JWKS on the {{target}} deployment doesn't hold the public half of JWT_PRIVATE_KEY: tokens Convex Auth signs fail verification.",
    },
    fixes: {
      notPkcs8: "Generate a new pair (authwire keys --rotate) and set JWT_PRIVATE_KEY and JWKS together.",
      unreadableKey: "Generate a new pair (authwire keys --rotate) and set JWT_PRIVATE_KEY and JWKS together.",
      badJwks: "Set JWKS from the same pair as JWT_PRIVATE_KEY (authwire keys --rotate sets both).",
      keyCount: "Keep only the key that matches JWT_PRIVATE_KEY (authwire keys --rotate sets a single-key JWKS).",
      mismatch: "Set JWT_PRIVATE_KEY and JWKS from one pair (authwire keys --rotate sets both together).",
    },
  },
  async check({ doctor, report }) {
    if (!isConvexAuthV1(doctor)) return;
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      for (const problem of checkKeys(env.values.JWT_PRIVATE_KEY, env.values.JWKS)) {
        report({ messageId: problem.messageId, data: { ...problem.data, target }, target });
      }
    }
  },
});
