/** Small facts the rules share: secret-looking names and values, client-exposed prefixes, URLs. */
import type { Edit } from "../edit/edit.ts";
import type { DoctorContext, LocalEnvFile } from "./context.ts";
import type { FileEdit } from "./define.ts";

/** Prefixes that bundlers inline into client code and secret-looking names (owned by src/project/client-env.ts). */
import { clientExposedPrefix as clientPrefix, isSecretName } from "../project/client-env.ts";
export { CLIENT_EXPOSED_PREFIXES as CLIENT_PREFIXES } from "../project/client-env.ts";
export { clientPrefix, isSecretName };

/** What kind of secret a value is, judged by its well-known shape; null for anything else. */
export function secretValueKind(value: string): string | null {
  const trimmed = value.trim();
  // `sk_live_xxxxxxxxxxxxx`, `whsec_0000000000`, `whsec_yourWebhookSecret`: a documented prefix and a placeholder body.
  const body = trimmed.replace(/^(?:sk_(?:test|live)_|whsec_|re_)/, "");
  if (body !== trimmed && (/^(.)\1+$/.test(body) || /x{6,}|\*{3,}/i.test(body) || isPlaceholderValue("", body)))
    return null;
  if (/^sk_(?:test|live)_[A-Za-z0-9]{10,}/.test(trimmed)) return "a secret key (sk_…)";
  if (/^whsec_[A-Za-z0-9+/=]{10,}/.test(trimmed)) return "a webhook signing secret (whsec_…)";
  if (/-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(trimmed)) return "a private key";
  if (/^(?:prod|dev|preview|project):[a-z0-9-]+\|[A-Za-z0-9+/=_-]{20,}/.test(trimmed)) return "a Convex deploy key";
  if (/^re_[A-Za-z0-9]{8,}_[A-Za-z0-9]{8,}/.test(trimmed)) return "a Resend API key";
  return null;
}

/** A variable holds a secret when its name says so and it has a value, or its value looks like one. */
export function holdsSecret(name: string, value: string): string | null {
  const byValue = secretValueKind(value);
  if (byValue) return byValue;
  if (isSecretName(name) && value.trim().length >= 8) return `a secret (by its name)`;
  return null;
}

export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function isLocalHost(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.endsWith(".localhost");
}

/** The port a URL uses (explicit, or the scheme's default). */
export function urlPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** Where a name is set among the root's dotenv files (first file wins). */
export function findLocal(files: LocalEnvFile[], name: string): { file: LocalEnvFile; value: string } | null {
  for (const file of files) {
    if (name in file.values) return { file, value: file.values[name]! };
  }
  return null;
}

/** Dotenv files whose values end up on the developer's machine only (never a deployment). */
export function isLocalOnlyEnvFile(path: string): boolean {
  return /^\.env(?:\.[\w-]+)?\.local$/.test(path) || path === ".env.local";
}

/** `.env.example`-style files hold placeholders, not values (also `.env.template.local`, `.env.example.dev`). */
export function isTemplateEnvFile(path: string): boolean {
  const name = path.split("/").pop() ?? path;
  return /\.(?:example|sample|template|defaults?|dist)(?:\.|$)/.test(name);
}

/**
 * A value that stands in for a secret rather than being one: `your-key-here`, `your convex deploy
 * key here`, `<secret>`, `xxxx`, `changeme`, `foobarbaz`, `test_secret`, a reference resolved
 * elsewhere (`pass("app/KEY")`), or the variable's own name (`clerk_secret_key`).
 */
export function isPlaceholderValue(name: string, value: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === "" || text === name.toLowerCase()) return true;
  if (/^<.*>$|^\[.*\]$|^\{\{.*\}\}$|^\$\{.*\}$/.test(text)) return true;
  if (/^(?:x+|\*+|\.+|-+|0+|1234\w*)$/.test(text)) return true;
  // A reference resolved elsewhere (varlock's `pass("app/KEY")`, `op("vault/item")`): no value here.
  if (/^[a-z][\w.]*\(.*\)$/.test(text)) return true;
  if (
    /\b(?:your|my)(?:[-_ ]?\w+){0,3}?[-_ ]?(?:key|secret|token|password|id|here)\b|replace[-_ ]?me|change[-_ ]?me|placeholder|dummy|fake|redacted/.test(
      text,
    )
  )
    return true;
  if (
    /^(?:foo|bar|baz|qux|test|example|sample|secret|password|todo|none|null|undefined)(?:[-_]?(?:foo|bar|baz|qux|test|example|sample|secret|key|value|password|token))*$/.test(
      text,
    )
  )
    return true;
  // `clerk_secret_key` for CLERK_SECRET_KEY, `open_ai_key` for OPENAI_API_KEY: the name, lowercased.
  const words = (s: string) => s.replace(/[^a-z0-9]/g, "");
  const bare = words(text);
  return bare.length > 0 && /^[a-z_]+$/.test(text) && words(name.toLowerCase()).includes(bare.replace(/key$/, ""));
}

export function usesProvider(
  doctor: DoctorContext,
  id: "convex-auth" | "clerk" | "workos" | "auth0" | "custom-jwt",
): boolean {
  return doctor.providers.has(id);
}

/**
 * Convex Auth's line in this app: 1 (0.0.x: convexAuth, authTables, keys) or 2 (2.x: components,
 * convexAuthProvider, keys held by the deployment); null when the app doesn't use Convex Auth.
 * v1 rules run only on 1 (also when the version can't be told, as before v2 existed).
 */
export function convexAuthLine(doctor: DoctorContext): 1 | 2 | null {
  if (doctor.facts.convexAuth?.major === 2) return 2;
  return doctor.providers.has("convex-auth") ? 1 : null;
}

export const isConvexAuthV1 = (doctor: DoctorContext): boolean => convexAuthLine(doctor) === 1;

/** Decodes a Clerk publishable key to its Frontend API host (`pk_test_<base64(host$)>`). */
export function clerkKeyHost(key: string): { instance: "development" | "production"; host: string } | null {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key.trim());
  if (!match) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(match[2]!.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  } catch {
    return null;
  }
  if (!decoded.endsWith("$")) return null;
  const host = decoded.slice(0, -1);
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host)) return null;
  return { instance: match[1] === "test" ? "development" : "production", host: host.toLowerCase() };
}

/** The host of an issuer/domain value (`https://x.clerk.accounts.dev/` → `x.clerk.accounts.dev`). */
export function issuerHost(value: string): string | null {
  const trimmed = value.trim();
  const url = parseUrl(/^\w+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
  return url ? url.hostname.toLowerCase() : null;
}

/** The Next.js major version (null when not Next or unknown). */
export function nextMajor(doctor: DoctorContext): number | null {
  const name = doctor.facts.framework.name;
  if (name !== "next-app" && name !== "next-pages") return null;
  return doctor.facts.framework.major;
}

export function functionsFile(doctor: DoctorContext, stem: string): Promise<string | null> {
  return (async () => {
    for (const extension of ["ts", "js", "tsx", "jsx", "mts", "mjs"]) {
      const path = `${doctor.convexDir}/${stem}.${extension}`;
      if ((await doctor.read(path)) !== undefined) return path;
    }
    return null;
  })();
}

export interface EnvReadSite {
  file: string;
  line: number;
  column: number;
}

const OAUTH_PROVIDERS = new Set([
  "GitHub",
  "Google",
  "Apple",
  "Discord",
  "Twitter",
  "Facebook",
  "LinkedIn",
  "Twitch",
  "Spotify",
  "Slack",
  "Gitlab",
  "Auth0",
  "Okta",
]);

const BUILT_IN_ENV = new Set(["CONVEX_SITE_URL", "CONVEX_CLOUD_URL", "NODE_ENV"]);

/** `process.env.X` reads in the functions folder: the auth config's, and everyone else's. */
export function backendEnvReads(doctor: DoctorContext): {
  config: Map<string, EnvReadSite>;
  functions: Map<string, EnvReadSite>;
} {
  const config = new Map<string, EnvReadSite>();
  const functions = new Map<string, EnvReadSite>();
  for (const module of doctor.backend.modules.values()) {
    const isConfig = /(^|\/)auth\.config\.[cm]?[jt]s$/.test(module.file);
    const target = isConfig ? config : functions;
    for (const read of module.envReads) {
      if (BUILT_IN_ENV.has(read.name)) continue;
      if (!target.has(read.name)) target.set(read.name, { file: module.file, line: read.line, column: read.column });
    }
  }
  return { config, functions };
}

/** Variables a provider's backend library reads on the deployment, beyond the app's own code. */
export function libraryEnvNames(doctor: DoctorContext): string[] {
  const names: string[] = [];
  if (isConvexAuthV1(doctor)) {
    names.push("JWT_PRIVATE_KEY", "JWKS");
    const providers =
      [...doctor.backend.modules.values()].find((module) => module.convexAuth)?.convexAuth?.providers ?? [];
    if (providers.some((name) => !/^(?:Password|Anonymous|ConvexCredentials)$/.test(name))) names.push("SITE_URL");
    for (const name of providers) {
      if (OAUTH_PROVIDERS.has(name)) names.push(`AUTH_${name.toUpperCase()}_ID`, `AUTH_${name.toUpperCase()}_SECRET`);
      if (name === "Resend") names.push("AUTH_RESEND_KEY");
    }
  }
  return names;
}

/**
 * The FileEdit a fixable rule reports: runs `edit` on the file's current content. No fix is
 * offered (undefined) when the edit refuses (the file's shape is unexpected) or has nothing to do.
 */
export function fileEdit(
  path: string,
  before: string | undefined,
  edit: Edit,
  reason: string,
  extra: { ignores?: string } = {},
): FileEdit[] | undefined {
  const result = edit(before, { path });
  if (typeof result !== "string") return undefined;
  return [{ path, before: before ?? null, after: result, reason, edit, ...extra }];
}
