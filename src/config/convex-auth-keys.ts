/**
 * Convex Auth's key material on a deployment: `JWT_PRIVATE_KEY` (a PKCS#8 RSA PEM; Convex Auth's
 * setup CLI stores it with its newlines turned into spaces) and `JWKS` (a key set holding
 * exactly its public half: tokens carry no `kid`). Read-only checks, shared by doctor (AW207) and
 * `authwire keys`.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";

/** Rebuilds a PEM whose newlines were turned into spaces (as Convex Auth's setup CLI stores it). */
export function normalizePem(value: string): { label: string; pem: string } | null {
  const text = value
    .trim()
    .replace(/^(["'])([\s\S]*)\1$/, "$2")
    .replace(/\\n/g, "\n");
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return null;
  const body = match[2]!.replace(/\s+/g, "");
  const lines = body.match(/.{1,64}/g) ?? [];
  return { label: match[1]!, pem: `-----BEGIN ${match[1]}-----\n${lines.join("\n")}\n-----END ${match[1]}-----\n` };
}

export type KeyProblemId = "notPkcs8" | "unreadableKey" | "badJwks" | "keyCount" | "mismatch";

export interface KeyProblem {
  messageId: KeyProblemId;
  data: Record<string, string>;
}

/** What is wrong with a key and a JWKS (each checked when given); an empty list when they match. */
export function checkKeys(privateKey: string | undefined, jwks: string | undefined): KeyProblem[] {
  const problems: KeyProblem[] = [];
  let publicJwk: { n?: string; e?: string } | null = null;
  if (privateKey !== undefined) {
    const pem = normalizePem(privateKey);
    if (!pem) problems.push({ messageId: "unreadableKey", data: { why: "no PEM block" } });
    else if (pem.label !== "PRIVATE KEY") problems.push({ messageId: "notPkcs8", data: { label: pem.label } });
    else {
      try {
        const key = createPrivateKey(pem.pem);
        if (key.asymmetricKeyType !== "rsa")
          problems.push({ messageId: "unreadableKey", data: { why: `a ${key.asymmetricKeyType} key, not RSA` } });
        else publicJwk = createPublicKey(key).export({ format: "jwk" });
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

/** valid: a matching pair; missing: neither set; partial: one of the two; invalid: both set but wrong. */
export type KeyPairStatus = "valid" | "missing" | "partial" | "invalid";

/** A problem with the pair: one of `checkKeys`'s, or half of the pair missing. */
export interface KeyPairProblem {
  messageId: KeyProblemId | "missingHalf";
  data: Record<string, string>;
}

export interface KeyPairCheck {
  status: KeyPairStatus;
  problems: KeyPairProblem[];
}

/** The state of the key pair in a deployment's env. */
export function checkKeyPair(env: Record<string, string | undefined>): KeyPairCheck {
  const key = env.JWT_PRIVATE_KEY;
  const jwks = env.JWKS;
  if (key === undefined && jwks === undefined) return { status: "missing", problems: [] };
  const problems: KeyPairProblem[] = checkKeys(key, jwks);
  if (key === undefined || jwks === undefined) {
    const [present, missing] = key === undefined ? ["JWKS", "JWT_PRIVATE_KEY"] : ["JWT_PRIVATE_KEY", "JWKS"];
    return { status: "partial", problems: [{ messageId: "missingHalf", data: { present, missing } }, ...problems] };
  }
  return { status: problems.length === 0 ? "valid" : "invalid", problems };
}

/** One sentence per problem, for a deployment named by `target`. */
export function describeKeyProblem(problem: KeyPairProblem, target: string): string {
  switch (problem.messageId) {
    case "missingHalf":
      return `The ${target} deployment has ${problem.data.present} but no ${problem.data.missing}: Convex Auth needs both halves of one pair.`;
    case "notPkcs8":
      return `JWT_PRIVATE_KEY on the ${target} deployment is a "${problem.data.label}" PEM; Convex Auth needs PKCS#8 (BEGIN PRIVATE KEY), so every sign-in fails.`;
    case "unreadableKey":
      return `JWT_PRIVATE_KEY on the ${target} deployment can't be read as an RSA private key (${problem.data.why}).`;
    case "badJwks":
      return `JWKS on the ${target} deployment is not a JSON Web Key Set ({"keys": [...]}).`;
    case "keyCount":
      return `JWKS on the ${target} deployment has ${problem.data.count} keys; Convex Auth tokens carry no \`kid\`, so exactly one key must be there.`;
    case "mismatch":
      return `JWKS on the ${target} deployment doesn't hold the public half of JWT_PRIVATE_KEY: tokens Convex Auth signs fail verification.`;
  }
}
