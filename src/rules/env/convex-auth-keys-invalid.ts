/**
 * AW207: Convex Auth's JWT_PRIVATE_KEY is not a PKCS#8 RSA key, or the JWKS doesn't hold exactly
 * the matching public key. Convex Auth signs tokens without a `kid`, so the JWKS must have one key.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { defineRule } from "../define.ts";

/** Rebuilds a PEM whose newlines were turned into spaces (as `npx @convex-dev/auth` stores it). */
export function normalizePem(value: string): { label: string; pem: string } | null {
  const text = value.trim().replace(/^(["'])([\s\S]*)\1$/, "$2").replace(/\\n/g, "\n");
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return null;
  const body = match[2]!.replace(/\s+/g, "");
  const lines = body.match(/.{1,64}/g) ?? [];
  return { label: match[1]!, pem: `-----BEGIN ${match[1]}-----\n${lines.join("\n")}\n-----END ${match[1]}-----\n` };
}

type Problem = { messageId: "notPkcs8" | "unreadableKey" | "badJwks" | "keyCount" | "mismatch"; data: Record<string, string> };

export function checkKeys(privateKey: string | undefined, jwks: string | undefined): Problem[] {
  const problems: Problem[] = [];
  let publicJwk: { n?: string; e?: string } | null = null;
  if (privateKey !== undefined) {
    const pem = normalizePem(privateKey);
    if (!pem) problems.push({ messageId: "unreadableKey", data: { why: "no PEM block" } });
    else if (pem.label !== "PRIVATE KEY") problems.push({ messageId: "notPkcs8", data: { label: pem.label } });
    else {
      try {
        const key = createPrivateKey(pem.pem);
        if (key.asymmetricKeyType !== "rsa") problems.push({ messageId: "unreadableKey", data: { why: `a ${key.asymmetricKeyType} key, not RSA` } });
        else publicJwk = createPublicKey(key).export({ format: "jwk" }) as { n?: string; e?: string };
      } catch (error) {
        problems.push({ messageId: "unreadableKey", data: { why: (error as Error).message.split("\n")[0]! } });
      }
    }
  }
  if (jwks !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(jwks.trim().replace(/^(['])([\s\S]*)\1$/, "$2"));
    } catch {
      parsed = undefined;
    }
    const keys = (parsed as { keys?: unknown } | undefined)?.keys;
    if (!Array.isArray(keys)) problems.push({ messageId: "badJwks", data: {} });
    else if (keys.length !== 1) problems.push({ messageId: "keyCount", data: { count: String(keys.length) } });
    else if (publicJwk) {
      const [only] = keys as { n?: string; e?: string }[];
      if (only?.n !== publicJwk.n || only?.e !== publicJwk.e) problems.push({ messageId: "mismatch", data: {} });
    }
  }
  return problems;
}

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
      notPkcs8: "JWT_PRIVATE_KEY on the {{target}} deployment is a \"{{label}}\" PEM; Convex Auth needs PKCS#8 (BEGIN PRIVATE KEY), so every sign-in fails.",
      unreadableKey: "JWT_PRIVATE_KEY on the {{target}} deployment can't be read as an RSA private key ({{why}}).",
      badJwks: "JWKS on the {{target}} deployment is not a JSON Web Key Set ({\"keys\": [...]}).",
      keyCount: "JWKS on the {{target}} deployment has {{count}} keys; Convex Auth tokens carry no `kid`, so exactly one key must be there.",
      mismatch: "JWKS on the {{target}} deployment doesn't hold the public half of JWT_PRIVATE_KEY: tokens Convex Auth signs fail verification.",
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
    if (!doctor.providers.has("convex-auth")) return;
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      for (const problem of checkKeys(env.values.JWT_PRIVATE_KEY, env.values.JWKS)) {
        report({ messageId: problem.messageId, data: { ...problem.data, target }, target });
      }
    }
  },
});
