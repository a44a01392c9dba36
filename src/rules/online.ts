/**
 * `doctor --online`: what each configured issuer and key set looks like from here, fetched
 * through the token judge's network layer (src/oidc/http.ts: timeouts, redirects, size cap,
 * per-run cache) and read the way the Convex backend reads them (src/oidc/discovery.ts, jwks.ts).
 * Each URL is fetched once per run, whatever the number of rules and deployments asking. The
 * rules AW113 (unreachable), AW114 (discovery issuer), AW115 (JWKS) and AW211 (a JWKS URL where
 * the issuer belongs) report from these probes.
 */
import type { EvaluatedProvider } from "../config/auth-config.ts";
import { discover, discoveryUrl } from "../oidc/discovery.ts";
import type { Fetcher } from "../oidc/http.ts";
import { parseJsonCached } from "../oidc/encoding.ts";
import { loadCustomJwtKeySet, rsaModulusBits, RSA_MAX_BITS, RSA_MIN_BITS, type Jwk } from "../oidc/jwks.ts";
import type { DoctorContext } from "./context.ts";
import type { DeploymentTarget } from "./define.ts";
import { authConfigChecks } from "./config/evaluate.ts";

/** What an OIDC provider's domain gives when Convex-style discovery runs on it. */
export type OidcProbe =
  | { kind: "ok"; url: string; issuer: string; jwksUri: string; keys: Jwk[] }
  /** The discovery document names another issuer (trailing slashes aside): tokens match no provider. */
  | { kind: "issuer-mismatch"; url: string; issuer: string }
  /** The domain itself serves a JWKS or a discovery document: it is not the issuer. */
  | { kind: "not-issuer"; url: string; serves: "a JWKS" | "an OpenID discovery document"; issuer?: string }
  | { kind: "unreachable"; url: string; detail: string }
  /** No answer for a reason that may be this machine's (DNS, refused, timeout): couldn't check. */
  | { kind: "unchecked"; url: string; detail: string }
  | { kind: "jwks-failed"; url: string; jwksUri: string; detail: string };

export type JwksProbe =
  | { kind: "ok"; source: string; keys: Jwk[] }
  | { kind: "failed"; detail: string; message: string }
  /** No answer for a reason that may be this machine's (DNS, refused, timeout): couldn't check. */
  | { kind: "unchecked"; url: string; detail: string };

const trimSlashes = (url: string) => url.replace(/\/+$/, "");

async function probeOidc(domain: string, fetcher: Fetcher): Promise<OidcProbe> {
  const url = discoveryUrl(domain);
  let result = await discover(domain, fetcher);
  // Routing compares the token's iss with the domain with trailing slashes trimmed, then discovery
  // runs on the iss (the document's issuer): a slash difference alone is fine.
  if (!result.ok && result.step === "discovery-issuer" && result.issuer !== undefined) {
    if (trimSlashes(result.issuer) !== trimSlashes(domain))
      return { kind: "issuer-mismatch", url, issuer: result.issuer };
    result = await discover(result.issuer, fetcher);
  }
  if (result.ok) return { kind: "ok", url, issuer: result.issuer, jwksUri: result.jwksUri, keys: result.keys };
  if (result.transportFailure)
    return {
      kind: "unchecked",
      url: result.step.startsWith("jwks") ? (result.jwksUri ?? url) : url,
      detail: result.detail,
    };
  if (result.step.startsWith("jwks"))
    return { kind: "jwks-failed", url, jwksUri: result.jwksUri ?? "", detail: result.detail };
  if (result.step === "discovery-issuer") return { kind: "issuer-mismatch", url, issuer: result.issuer ?? "" };
  // Discovery failed: is the configured value a JWKS or discovery URL itself?
  const itself = await fetcher.get(domain, "application/json");
  if (itself.ok && itself.status === 200) {
    const json = parseJsonCached(itself.body);
    if (typeof json === "object" && json !== null && !Array.isArray(json)) {
      if (Array.isArray(json.keys)) return { kind: "not-issuer", url: domain, serves: "a JWKS" };
      if (typeof json.issuer === "string" && typeof json.jwks_uri === "string") {
        return { kind: "not-issuer", url: domain, serves: "an OpenID discovery document", issuer: json.issuer };
      }
    }
  }
  return { kind: "unreachable", url, detail: result.detail };
}

async function probeJwks(jwks: string, fetcher: Fetcher): Promise<JwksProbe> {
  const loaded = await loadCustomJwtKeySet(jwks, fetcher);
  if (loaded.ok === "skipped") return { kind: "failed", detail: loaded.reason, message: loaded.reason };
  if (!loaded.ok && loaded.transportFailure) return { kind: "unchecked", url: jwks, detail: loaded.detail };
  if (!loaded.ok) return { kind: "failed", detail: loaded.detail, message: loaded.error.message };
  return { kind: "ok", source: loaded.source, keys: loaded.keys };
}

export interface OnlineProbes {
  oidc(domain: string): Promise<OidcProbe>;
  jwks(jwks: string): Promise<JwksProbe>;
}

const probes = new WeakMap<DoctorContext, OnlineProbes>();

/** The run's probes (memoized per URL), or null without --online. */
export function onlineProbes(doctor: DoctorContext): OnlineProbes | null {
  if (!doctor.online) return null;
  let found = probes.get(doctor);
  if (!found) {
    const fetcher = doctor.online.fetcher;
    const oidc = new Map<string, Promise<OidcProbe>>();
    const jwks = new Map<string, Promise<JwksProbe>>();
    found = {
      oidc(domain) {
        let probe = oidc.get(domain);
        if (!probe) oidc.set(domain, (probe = probeOidc(domain, fetcher)));
        return probe;
      },
      jwks(value) {
        let probe = jwks.get(value);
        if (!probe) jwks.set(value, (probe = probeJwks(value, fetcher)));
        return probe;
      },
    };
    probes.set(doctor, found);
  }
  return found;
}

/** One provider entry as configured for one or more deployments (grouped by its resolved values). */
export interface ConfiguredProvider {
  provider: EvaluatedProvider;
  /** Deployments whose env gives these values; empty when the values are literals (no env needed). */
  targets: DeploymentTarget[];
}

/**
 * Every provider entry with a known issuer, per deployment whose env is known (or once, from the
 * literals, when it reads no env), grouped so that the same values are checked and reported once.
 */
export async function configuredProviders(doctor: DoctorContext): Promise<ConfiguredProvider[]> {
  const checks = await authConfigChecks(doctor);
  if (!checks) return [];
  const groups = new Map<string, ConfiguredProvider>();
  const add = (provider: EvaluatedProvider, target: DeploymentTarget | null) => {
    if (provider.issuer === null || !provider.valid) return;
    const key = JSON.stringify([provider.index, provider.kind, provider.issuer, provider.jwks, provider.algorithm]);
    const group = groups.get(key);
    if (!group) groups.set(key, { provider, targets: target ? [target] : [] });
    else if (target && group.targets.length > 0) group.targets.push(target);
  };
  for (const provider of checks.static.providers)
    if (provider.unresolved.length === 0 && Object.keys(provider.envVars).length === 0) add(provider, null);
  for (const target of ["dev", "prod"] as const)
    for (const provider of checks.targets[target]?.providers ?? []) add(provider, target);
  return [...groups.values()];
}

/** With --online: each configured OIDC provider whose discovery probe came back as `kind`. */
export async function oidcProvidersProbed<K extends OidcProbe["kind"]>(
  doctor: DoctorContext,
  kind: K,
): Promise<(ConfiguredProvider & { probe: Extract<OidcProbe, { kind: K }> })[]> {
  const probes = onlineProbes(doctor);
  if (!probes) return [];
  const found: (ConfiguredProvider & { probe: Extract<OidcProbe, { kind: K }> })[] = [];
  for (const configured of await configuredProviders(doctor)) {
    if (configured.provider.kind !== "oidc") continue;
    const probe = await probes.oidc(configured.provider.issuer!);
    if (probe.kind === kind) found.push({ ...configured, probe: probe as Extract<OidcProbe, { kind: K }> });
  }
  return found;
}

/**
 * With --online: the issuers and key sets that gave no answer for a reason that may be this
 * machine's network (DNS, refused, timeout): "couldn't check", never a broken issuer.
 */
export async function uncheckedProbes(doctor: DoctorContext): Promise<{ url: string; detail: string }[]> {
  const probes = onlineProbes(doctor);
  if (!probes) return [];
  const found = new Map<string, string>();
  for (const { provider } of await configuredProviders(doctor)) {
    const probe =
      provider.kind === "oidc"
        ? await probes.oidc(provider.issuer!)
        : provider.jwks !== null && !/^\s*data:/i.test(provider.jwks)
          ? await probes.jwks(provider.jwks)
          : null;
    if (probe?.kind === "unchecked") found.set(probe.url, probe.detail);
  }
  return [...found].map(([url, detail]) => ({ url, detail }));
}

/** Where to point a finding about a provider's field: its place in auth.config. */
export function fieldAt(provider: EvaluatedProvider, field: string): { file: string; line: number; column: number } {
  const location = provider.fieldLocations[field] ?? provider.location;
  return { file: location.file, line: location.line, column: location.column };
}

/** "CLERK_JWT_ISSUER_DOMAIN on the dev and prod deployments" / "domain in auth.config". */
export function describeSource(provider: EvaluatedProvider, field: string, targets: DeploymentTarget[]): string {
  const vars = provider.envVars[field];
  if (!vars || vars.length === 0) return `${field} in auth.config`;
  const where =
    targets.length === 0 ? "" : ` on the ${targets.join(" and ")} deployment${targets.length > 1 ? "s" : ""}`;
  return `${vars.join(" + ")}${where}`;
}

/** The one target a finding is about, when there is exactly one (the checklist sorts by it). */
export function singleTarget(targets: DeploymentTarget[]): DeploymentTarget | undefined {
  return targets.length === 1 ? targets[0] : undefined;
}

// ----- which keys a token could be checked against ----------------------------------------------

const rsaSizeOk = (key: Jwk) => {
  const bits = rsaModulusBits(key);
  return bits !== null && bits >= RSA_MIN_BITS && bits <= RSA_MAX_BITS;
};

/**
 * Why no key in an OIDC JWKS can verify an ID token Convex accepts (RS256 with an RSA key of
 * 2048–8192 bits, or EdDSA with an Ed25519 key; `use` sig or absent; `alg` absent or matching),
 * or null when one can.
 */
export function oidcKeysProblem(keys: readonly Jwk[]): string | null {
  const signing = keys.filter((key) => key.use === undefined || key.use === null || key.use === "sig");
  const rsa = signing.filter(
    (key) => key.kty === "RSA" && (key.alg === undefined || key.alg === null || key.alg === "RS256"),
  );
  const ed = signing.filter(
    (key) =>
      key.kty === "OKP" && key.crv === "Ed25519" && (key.alg === undefined || key.alg === null || key.alg === "EdDSA"),
  );
  if (rsa.some(rsaSizeOk) || ed.length > 0) return null;
  if (keys.length === 0) return "it has no keys Convex can read";
  if (signing.length === 0)
    return `its ${keys.length} key${keys.length === 1 ? " is" : "s are"} for encryption (use "enc"), not signatures`;
  if (rsa.length > 0)
    return `its RSA keys have ${rsa.map((key) => rsaModulusBits(key) ?? "?").join(", ")} bits; Convex accepts 2048 to 8192`;
  const kinds = [
    ...new Set(signing.map((key) => `${key.kty}${key.crv ? ` ${key.crv}` : ""}${key.alg ? ` (${key.alg})` : ""}`)),
  ].join(", ");
  return `it has only ${kinds} keys; Convex's OIDC path verifies RS256 (RSA) and EdDSA (Ed25519) only`;
}

/**
 * Why no key in a customJwt JWKS can verify the provider's tokens (looked up by `kid`, of the
 * configured algorithm: RS256 = RSA 2048–8192 bits, ES256 = EC P-256), or null when one can.
 */
export function customJwtKeysProblem(keys: readonly Jwk[], algorithm: string): string | null {
  const fits = (key: Jwk) =>
    (key.alg === undefined || key.alg === null || key.alg === algorithm) &&
    (algorithm === "ES256" ? key.kty === "EC" && key.crv === "P-256" : key.kty === "RSA" && rsaSizeOk(key));
  const withKid = keys.filter((key) => typeof key.kid === "string");
  if (withKid.some(fits)) return null;
  if (keys.length === 0) return "it has no keys";
  if (withKid.length === 0)
    return "none of its keys has a kid, and customJwt providers look keys up by the token's kid";
  const kinds = [
    ...new Set(
      withKid.map(
        (key) =>
          `${key.kty}${key.crv ? ` ${key.crv}` : ""}${key.alg ? ` (${key.alg})` : ""}${key.kty === "RSA" ? ` ${rsaModulusBits(key) ?? "?"} bits` : ""}`,
      ),
    ),
  ].join(", ");
  return `algorithm is ${algorithm} but its keys are ${kinds}; ${algorithm} needs ${algorithm === "ES256" ? "an EC P-256 key" : "an RSA key of 2048 to 8192 bits"}`;
}
