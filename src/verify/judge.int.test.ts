/**
 * The verifier's vector table: real tokens signed with real keys, judged against a local issuer on
 * 127.0.0.1 (a stand-in for Clerk/Auth0/WorkOS/Convex Auth issuers) over real HTTP. Each vector
 * states the verdict and the backend's error code (and message where it is exact).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAuthConfig, readAuthConfigSource } from "../config/auth-config.ts";
import { startLocalIssuer, type LocalIssuer } from "./testing/local-issuer.ts";
import {
  forgeSignature,
  hs256WithPublicKey,
  jwks,
  makeKey,
  signRaw,
  signToken,
  tamperClaims,
  unsignedToken,
  type TestKey,
} from "./testing/token-factory.ts";
import { createFetcher } from "../oidc/http.ts";
import { judge } from "./judge.ts";
import type { Verdict } from "./verdict.ts";

const NOW = 1_750_000_000;
const CJ_ISS = "https://cj.example.com";

interface Keys {
  rsa: TestKey;
  rsa2: TestKey;
  rsaNoKid: TestKey;
  rsaNoKid2: TestKey;
  rsa1024: TestKey;
  ec: TestKey;
  ec384: TestKey;
  ed: TestKey;
}

let keys: Keys;
let issuer: LocalIssuer;
let url: string;

beforeAll(async () => {
  keys = {
    rsa: await makeKey("RS256", "rsa-a"),
    rsa2: await makeKey("RS256", "rsa-b"),
    rsaNoKid: await makeKey("RS256", "none", { publish: { kid: false, alg: false } }),
    rsaNoKid2: await makeKey("RS256", "none2", { publish: { kid: false, alg: false } }),
    rsa1024: await makeKey("RS256", "weak", { bits: 1024 }),
    ec: await makeKey("ES256", "ec-e"),
    ec384: await makeKey("ES384", "ec-384"),
    ed: await makeKey("EdDSA", "ed-1"),
  };
  issuer = await startLocalIssuer();
  url = issuer.url;
  issuer.oidc({ path: "/oidc", jwks: jwks(keys.rsa, keys.rsa2, keys.ec) });
  issuer.oidc({ path: "/oidc-ed", jwks: jwks(keys.ed) });
  issuer.oidc({
    path: "/oidc-nokid",
    jwks: jwks(keys.rsaNoKid),
    jwksRoute: { headers: { "cache-control": "public, max-age=15, stale-while-revalidate=15, stale-if-error=86400" } },
  });
  issuer.oidc({ path: "/oidc-twokeys", jwks: jwks(keys.rsaNoKid, keys.rsaNoKid2) });
  issuer.oidc({ path: "/oidc-1024", jwks: jwks(keys.rsa1024) });
  issuer.oidc({ path: "/oidc-textplain", jwks: jwks(keys.rsa), jwksRoute: { contentType: "text/plain" } });
  issuer.oidc({ path: "/oidc-noct", jwks: jwks(keys.rsa), jwksRoute: { contentType: null } });
  issuer.oidc({ path: "/oidc-skip", jwks: { keys: [{ kty: "XYZ" }, { kty: "RSA", n: "not base64!" }, keys.rsa.jwk] } });
  issuer.oidc({ path: "/oidc-wrong-issuer", issuer: `${url}/oidc-wrong-issuer/`, jwks: jwks(keys.rsa) });
  issuer.route("/oidc-404/.well-known/openid-configuration", {
    status: 404,
    contentType: "text/plain",
    body: "not found",
  });
  issuer.route("/oidc-500/.well-known/openid-configuration", { status: 500, contentType: "text/plain", body: "boom" });
  issuer.route("/oidc-html/.well-known/openid-configuration", { contentType: "text/html", body: "<html></html>" });
  issuer.oidc({ path: "/oidc-slow", jwks: jwks(keys.rsa), discovery: { delayMs: 400 } });
  issuer.route("/oidc-redirect/.well-known/openid-configuration", {
    status: 302,
    headers: { location: "/moved/openid-configuration" },
  });
  issuer.route("/moved/openid-configuration", {
    body: { issuer: `${url}/oidc-redirect`, jwks_uri: `${url}/oidc/jwks.json` },
  });
  for (let hop = 0; hop < 12; hop += 1) {
    issuer.route(hop === 0 ? "/oidc-loop/.well-known/openid-configuration" : `/loop/${hop}`, {
      status: 302,
      headers: { location: `/loop/${hop + 1}` },
    });
  }
  issuer.route("/oidc-big/.well-known/openid-configuration", {
    body: { issuer: `${url}/oidc-big`, jwks_uri: `${url}/oidc/jwks.json`, padding: "x".repeat(1_200_000) },
  });
  issuer.oidc({ path: "/oidc-slash/", jwks: jwks(keys.rsa) });
  issuer.route("/cj/jwks.json", { body: jwks(keys.rsa, keys.ec, keys.rsa1024) });
  issuer.route("/cj-ec/jwks.json", { body: jwks(keys.ec, keys.ec384) });
  issuer.route("/cj-textplain/jwks.json", { contentType: "text/plain", body: jwks(keys.rsa) });
  issuer.route("/cj-noct/jwks.json", { contentType: null, body: jwks(keys.rsa) });
  issuer.route("/cj-latin1/jwks.json", { contentType: "application/json; charset=iso-8859-1", body: jwks(keys.rsa) });
  issuer.route("/cj-jwkset/jwks.json", {
    contentType: "application/jwk-set+json; charset=UTF-8",
    body: jwks(keys.rsa),
  });
  issuer.route("/cj-badkey/jwks.json", { body: { keys: [keys.rsa.jwk, { kty: "XYZ", kid: "odd" }] } });
});

afterAll(async () => {
  await issuer?.close();
});

/** auth.config sources; ISSUER_URL is the local issuer. */
const CONFIGS = {
  oidc: `export default { providers: [{ domain: process.env.ISSUER_URL + "/oidc", applicationID: "convex" }] };`,
  oidcSlash: `export default { providers: [{ domain: process.env.ISSUER_URL + "/oidc/", applicationID: "convex" }] };`,
  oidcAt: (path: string) =>
    `export default { providers: [{ domain: process.env.ISSUER_URL + "${path}", applicationID: "convex" }] };`,
  schemeless: `export default { providers: [{ domain: "https://schemeless.example.com", applicationID: "convex" }] };`,
  clerk: `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };`,
  customJwt: (jwksPath = "/cj/jwks.json", algorithm = "RS256", applicationID: string | null = "app") =>
    `export default { providers: [{ type: "customJwt", issuer: "${CJ_ISS}", jwks: process.env.ISSUER_URL + "${jwksPath}", algorithm: "${algorithm}"${
      applicationID === null ? "" : `, applicationID: "${applicationID}"`
    } }] };`,
  customJwtData: (jwksJson: string) =>
    `export default { providers: [{ type: "customJwt", issuer: "${CJ_ISS}", jwks: "data:application/json;base64,${Buffer.from(jwksJson).toString("base64")}", algorithm: "RS256" }] };`,
  workos: `const clientId = process.env.WORKOS_CLIENT_ID;
export default { providers: [
  { type: "customJwt", issuer: "https://api.workos.example/", algorithm: "RS256", applicationID: clientId, jwks: process.env.ISSUER_URL + "/cj/jwks.json" },
  { type: "customJwt", issuer: \`https://api.workos.example/user_management/\${clientId}\`, algorithm: "RS256", jwks: process.env.ISSUER_URL + "/cj/jwks.json" },
] };`,
  firstMatch: `export default { providers: [
  { type: "customJwt", issuer: process.env.ISSUER_URL + "/oidc", jwks: process.env.ISSUER_URL + "/cj-ec/jwks.json", algorithm: "ES256" },
  { domain: process.env.ISSUER_URL + "/oidc", applicationID: "convex" },
] };`,
  dynamicFirst: `import { issuerFor } from "./lib";
export default { providers: [
  { domain: issuerFor("clerk"), applicationID: "convex" },
  { domain: process.env.ISSUER_URL + "/oidc", applicationID: "convex" },
] };`,
  missingEnv: `export default { providers: [{ domain: process.env.NOT_SET_ANYWHERE, applicationID: "convex" }] };`,
  empty: `export default { providers: [] };`,
};

const oidcClaims = (path = "/oidc", extra: Record<string, unknown> = {}) => ({
  iss: `${url}${path}`,
  sub: "user_1",
  aud: "convex",
  iat: NOW - 60,
  exp: NOW + 3600,
  ...extra,
});
const cjClaims = (extra: Record<string, unknown> = {}) => ({
  iss: CJ_ISS,
  sub: "user_2",
  aud: "app",
  iat: NOW - 60,
  exp: NOW + 3600,
  ...extra,
});

interface Vector {
  name: string;
  config: string | (() => string);
  env?: Record<string, string>;
  token: () => Promise<string> | string;
  offline?: boolean;
  redact?: boolean;
  timeoutMs?: number;
  expect: {
    outcome: Verdict["outcome"];
    code?: string | null;
    message?: string | RegExp;
    httpStatus?: number;
    failed?: string[];
    warnings?: string[];
    skipped?: string[];
    explanation?: RegExp;
    identity?: Record<string, unknown>;
    provider?: number;
  };
}

const OIDC_UNVERIFIED =
  "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.";
const NOT_OIDC = "Could not parse as OIDC ID token. Token might not be an OIDC-compliant JWT.";

const VECTORS: Vector[] = [
  // ---- OIDC: accepted shapes ----
  {
    name: "OIDC RS256 with kid: accepted",
    config: CONFIGS.oidc,
    token: () =>
      signToken(keys.rsa, {
        claims: oidcClaims("/oidc", { name: "Ada", email_verified: true, org: { id: "o1" }, jti: "j", nbf: NOW - 60 }),
      }),
    expect: {
      outcome: "accepted",
      code: null,
      provider: 0,
      warnings: ["advice.reachable"],
      identity: {
        tokenIdentifier: `__URL__/oidc|user_1`,
        subject: "user_1",
        name: "Ada",
        emailVerified: true,
        org: { id: "o1" },
      },
    },
  },
  {
    name: "configured domain with a trailing slash still routes",
    config: CONFIGS.oidcSlash,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: { outcome: "accepted" },
  },
  {
    name: "explicit typ JWT passes",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { header: { typ: "JWT" }, claims: oidcClaims() }),
    expect: { outcome: "accepted" },
  },
  {
    name: "OIDC ignores nbf in the future",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { nbf: NOW + 3600 }) }),
    expect: { outcome: "accepted" },
  },
  {
    name: "EdDSA (Ed25519) is allowed on OIDC",
    config: CONFIGS.oidcAt("/oidc-ed"),
    token: () => signToken(keys.ed, { claims: oidcClaims("/oidc-ed") }),
    expect: { outcome: "accepted" },
  },
  {
    name: "Convex Auth style: no kid, one key without kid/alg",
    config: CONFIGS.oidcAt("/oidc-nokid"),
    token: () => signToken(keys.rsaNoKid, { header: { kid: null }, claims: oidcClaims("/oidc-nokid", { sub: "u|s" }) }),
    expect: { outcome: "accepted", warnings: ["advice.kid"], identity: { tokenIdentifier: "__URL__/oidc-nokid|u|s" } },
  },
  {
    name: "OIDC JWKS without a Content-Type is fine",
    config: CONFIGS.oidcAt("/oidc-noct"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-noct") }),
    expect: { outcome: "accepted" },
  },
  {
    name: "OIDC skips unparsable keys in the JWKS",
    config: CONFIGS.oidcAt("/oidc-skip"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-skip") }),
    expect: { outcome: "accepted" },
  },
  {
    name: "discovery redirect is followed",
    config: CONFIGS.oidcAt("/oidc-redirect"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-redirect") }),
    expect: { outcome: "accepted" },
  },
  {
    name: "Auth0 style iss with trailing slash, config without",
    config: CONFIGS.oidcAt("/oidc-slash"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-slash/") }),
    expect: { outcome: "accepted", identity: { tokenIdentifier: "__URL__/oidc-slash/|user_1" } },
  },
  {
    name: "oversized token: Convex accepts, authwire warns",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { roles: "r".repeat(9000) }) }),
    expect: { outcome: "accepted", warnings: ["advice.size"] },
  },
  {
    name: "token without iat... is rejected on OIDC (iat required)",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: { ...oidcClaims(), iat: undefined } }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: NOT_OIDC,
      failed: ["oidc.id-token"],
      warnings: ["advice.iat"],
    },
  },
  // ---- OIDC: attacks and mistakes ----
  {
    name: "alg none",
    config: CONFIGS.oidc,
    token: () => unsignedToken(oidcClaims()),
    expect: { outcome: "rejected", code: "Unauthenticated", message: OIDC_UNVERIFIED, failed: ["oidc.alg"] },
  },
  {
    name: "HS256 signed with the RSA public key",
    config: CONFIGS.oidc,
    token: () => hs256WithPublicKey(keys.rsa, oidcClaims()),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.alg"] },
  },
  {
    name: "kid not in the JWKS",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { header: { kid: "rotated-away" }, claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.key"] },
  },
  {
    name: "forged signature",
    config: CONFIGS.oidc,
    token: async () => forgeSignature(await signToken(keys.rsa, { claims: oidcClaims() })),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.signature"] },
  },
  {
    name: "claims swapped after signing",
    config: CONFIGS.oidc,
    token: async () =>
      tamperClaims(await signToken(keys.rsa, { claims: oidcClaims() }), oidcClaims("/oidc", { sub: "admin" })),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.signature"] },
  },
  {
    name: "signed by another issuer's key with a known kid",
    config: CONFIGS.oidc,
    token: async () => signToken(await makeKey("RS256", "rsa-a"), { claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.signature"] },
  },
  {
    name: "OIDC expired by 1 s (no leeway)",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { exp: NOW - 1 }) }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.exp"] },
  },
  {
    name: "OIDC expired by 4 s",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { exp: NOW - 4 }) }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.exp"] },
  },
  {
    name: "OIDC exp == now is expired",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { exp: NOW }) }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.exp"] },
  },
  {
    name: "multi-audience rejected on OIDC",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { aud: ["convex", "https://api.example.com"] }) }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.audience"] },
  },
  {
    name: "typ at+jwt (an access token) rejected",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { header: { typ: "at+jwt" }, claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.typ"] },
  },
  {
    name: "crit header rejected",
    config: CONFIGS.oidc,
    token: () => signRaw(keys.rsa, { alg: "RS256", kid: "rsa-a", crit: ["exp"], exp: 1 }, oidcClaims()),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.header"] },
  },
  {
    name: "cty header rejected",
    config: CONFIGS.oidc,
    token: () => signRaw(keys.rsa, { alg: "RS256", kid: "rsa-a", cty: "JWT" }, oidcClaims()),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.header"] },
  },
  {
    name: '"email_verified": "true" fails the ID-token parse',
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { email_verified: "true" }) }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: NOT_OIDC,
      failed: ["oidc.id-token"],
      explanation: /not a JSON boolean/,
    },
  },
  {
    name: "missing sub fails the ID-token parse",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: { ...oidcClaims(), sub: undefined } }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["oidc.id-token"] },
  },
  {
    name: "ES256 on the OIDC path is rejected",
    config: CONFIGS.oidc,
    token: () => signToken(keys.ec, { claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.alg"] },
  },
  {
    name: "1024-bit RSA key rejected",
    config: CONFIGS.oidcAt("/oidc-1024"),
    token: () => signToken(keys.rsa1024, { claims: oidcClaims("/oidc-1024") }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.key-strength"] },
  },
  {
    name: "two keys, token without kid: ambiguous",
    config: CONFIGS.oidcAt("/oidc-twokeys"),
    token: () => signToken(keys.rsaNoKid, { header: { kid: null }, claims: oidcClaims("/oidc-twokeys") }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.key"], explanation: /ambiguous/ },
  },
  {
    name: "OIDC JWKS served as text/plain",
    config: CONFIGS.oidcAt("/oidc-textplain"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-textplain") }),
    expect: {
      outcome: "rejected",
      code: "AuthProviderDiscoveryFailed",
      message: /^Auth provider discovery of http:\/\/127\.0\.0\.1:\d+\/oidc-textplain failed: 200 OK \{"keys"/,
      httpStatus: 400,
      failed: ["oidc.jwks"],
    },
  },
  {
    name: "discovery 404",
    config: CONFIGS.oidcAt("/oidc-404"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-404") }),
    expect: {
      outcome: "rejected",
      code: "AuthProviderDiscoveryFailed",
      message: /failed: 404 Not Found not found$/,
      httpStatus: 404,
      failed: ["oidc.discovery"],
    },
  },
  {
    name: "discovery 500 maps to 503",
    config: CONFIGS.oidcAt("/oidc-500"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-500") }),
    expect: { outcome: "rejected", code: "AuthProviderDiscoveryFailed", httpStatus: 503 },
  },
  {
    name: "discovery served as text/html",
    config: CONFIGS.oidcAt("/oidc-html"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-html") }),
    expect: { outcome: "rejected", code: "AuthProviderDiscoveryFailed", httpStatus: 400, failed: ["oidc.discovery"] },
  },
  {
    name: "discovery issuer differs (trailing slash) from iss",
    config: CONFIGS.oidcAt("/oidc-wrong-issuer"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-wrong-issuer") }),
    expect: {
      outcome: "rejected",
      code: "AuthProviderDiscoveryFailed",
      message: /^Auth provider discovery of \S+ failed$/,
      failed: ["oidc.discovery-issuer"],
    },
  },
  {
    name: "token iss with a trailing slash the issuer doesn't use",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc/") }),
    expect: { outcome: "rejected", code: "AuthProviderDiscoveryFailed", failed: ["oidc.discovery-issuer"] },
  },
  {
    // B13: the backend's HTTP client has no timeout, so it would keep waiting: no verdict.
    name: "discovery timeout: undetermined (Convex sets no client timeout)",
    config: CONFIGS.oidcAt("/oidc-slow"),
    timeoutMs: 100,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-slow") }),
    expect: { outcome: "undetermined", explanation: /timed out.*no client timeout/ },
  },
  {
    name: "redirect loop stops after 10",
    config: CONFIGS.oidcAt("/oidc-loop"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-loop") }),
    expect: { outcome: "rejected", code: "AuthProviderDiscoveryFailed", explanation: /too many redirects/ },
  },
  {
    name: "oversized discovery document is cut off",
    config: CONFIGS.oidcAt("/oidc-big"),
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc-big") }),
    expect: { outcome: "rejected", code: "AuthProviderDiscoveryFailed", explanation: /larger than/ },
  },
  {
    name: "iss without scheme routes but can't be discovered",
    config: CONFIGS.schemeless,
    token: () => signToken(keys.rsa, { claims: oidcClaims("", { iss: "schemeless.example.com" }) }),
    expect: { outcome: "rejected", code: "InternalServerError", failed: ["oidc.iss-url"] },
  },
  // ---- routing ----
  {
    name: "aud is not the applicationID",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { aud: "other" }) }),
    expect: {
      outcome: "rejected",
      code: "NoAuthProvider",
      message:
        /^No auth provider found matching the given token\. Check that your JWT's issuer and audience match one of your configured providers: \[OIDC\(domain=http:\/\/127\.0\.0\.1:\d+\/oidc, app_id=convex\)\]$/,
      failed: ["route.provider"],
    },
  },
  {
    name: "NoAuthProvider is redacted like production",
    config: CONFIGS.oidc,
    redact: true,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { aud: "other" }) }),
    expect: { outcome: "rejected", code: "NoAuthProvider", message: "No auth provider found matching the given token" },
  },
  {
    name: "iss with a different scheme (https vs http) doesn't route",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("", { iss: `${url.replace("http:", "https:")}/oidc` }) }),
    expect: { outcome: "rejected", code: "NoAuthProvider", explanation: /scheme/ },
  },
  {
    name: "Clerk session token without aud convex (integration not activated)",
    config: CONFIGS.clerk,
    env: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev" },
    token: () =>
      signToken(keys.rsa, {
        claims: {
          iss: "https://happy-otter-1.clerk.accounts.dev",
          sub: "user_2x",
          azp: "http://localhost:5173",
          sid: "sess_1",
          v: 2,
          iat: NOW - 5,
          exp: NOW + 55,
        },
      }),
    expect: {
      outcome: "rejected",
      code: "NoAuthProvider",
      explanation: /Clerk session token without aud "convex"/,
      warnings: ["advice.clerk"],
    },
  },
  {
    name: "Clerk token from another instance names the env var and deployment",
    config: CONFIGS.clerk,
    env: { CLERK_JWT_ISSUER_DOMAIN: "https://b-b-2.clerk.accounts.dev" },
    token: () =>
      signToken(keys.rsa, {
        claims: {
          iss: "https://a-a-1.clerk.accounts.dev",
          sub: "u",
          aud: "convex",
          azp: "x",
          sid: "s",
          iat: NOW,
          exp: NOW + 60,
        },
      }),
    expect: {
      outcome: "rejected",
      code: "NoAuthProvider",
      explanation:
        /token's iss is https:\/\/a-a-1\.clerk\.accounts\.dev; CLERK_JWT_ISSUER_DOMAIN on the dev deployment is "https:\/\/b-b-2\.clerk\.accounts\.dev"/,
    },
  },
  {
    name: "no providers configured",
    config: CONFIGS.empty,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: {
      outcome: "rejected",
      code: "NoAuthProvider",
      message:
        "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
    },
  },
  {
    name: "first match wins, no fallback to a later provider",
    config: CONFIGS.firstMatch,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", provider: 0, failed: ["jwt.key"] },
  },
  {
    name: "a provider authwire can't evaluate comes first: undetermined, not a guess",
    config: CONFIGS.dynamicFirst,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: { outcome: "undetermined", code: null, skipped: ["route.provider"] },
  },
  {
    name: "issuer env value with a trailing newline never matches",
    config: CONFIGS.clerk,
    env: { CLERK_JWT_ISSUER_DOMAIN: "https://happy-otter-1.clerk.accounts.dev\n" },
    token: () =>
      signToken(keys.rsa, {
        claims: { iss: "https://happy-otter-1.clerk.accounts.dev", sub: "u", aud: "convex", iat: NOW, exp: NOW + 60 },
      }),
    expect: { outcome: "rejected", code: "NoAuthProvider", explanation: /whitespace/ },
  },
  // ---- token format ----
  {
    name: "not a JWT",
    config: CONFIGS.oidc,
    token: () => "not-a-token",
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
      failed: ["token.format"],
    },
  },
  {
    name: "exp as a string fails the first parse (even for OIDC)",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { exp: "2030-01-01T00:00:00Z" }) }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["token.claims"] },
  },
  {
    name: "no iss",
    config: CONFIGS.oidc,
    token: () => signToken(keys.rsa, { claims: { sub: "x", aud: "convex", iat: NOW, exp: NOW + 60 } }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: /^Missing issuer claim \('iss'\)/,
      failed: ["token.iss"],
    },
  },
  {
    name: "a config that can't be pushed",
    config: CONFIGS.missingEnv,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: { outcome: "rejected", code: "AuthConfigMissingEnvironmentVariable", failed: ["config.push"] },
  },
  // ---- customJwt ----
  {
    name: "customJwt RS256 with kid: accepted, claims flattened",
    config: CONFIGS.customJwt(),
    token: () =>
      signToken(keys.rsa, {
        claims: cjClaims({
          properties: { id: "1", nested: { deep: true } },
          picture: "p",
          email_verified: "true",
          fva: [1, 2],
        }),
      }),
    expect: {
      outcome: "accepted",
      identity: {
        tokenIdentifier: `${CJ_ISS}|user_2`,
        "properties.id": "1",
        "properties.nested.deep": true,
        picture: "p",
        email_verified: "true",
      },
    },
  },
  {
    name: "customJwt without kid",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { header: { kid: null }, claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: "Could not decode token. JWT may be missing a 'kid' (key ID) header.",
      failed: ["jwt.kid"],
    },
  },
  {
    name: "customJwt without kid, redacted: the message passes through unredacted (the backend's check misses it)",
    config: CONFIGS.customJwt(),
    redact: true,
    token: () => signToken(keys.rsa, { header: { kid: null }, claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: "Could not decode token. JWT may be missing a 'kid' (key ID) header.",
    },
  },
  {
    name: "Convex Auth token against a customJwt provider (no kid)",
    config: CONFIGS.customJwt("/cj/jwks.json", "RS256", "convex"),
    token: () => signToken(keys.rsaNoKid, { header: { kid: null }, claims: cjClaims({ aud: "convex" }) }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.kid"] },
  },
  {
    name: "customJwt unknown kid",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { header: { kid: "zzz" }, claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        "Could not decode token. The JWT's 'kid' (key ID) header is 'zzz', does this key match any key in the provider's JWKS?",
      failed: ["jwt.key"],
    },
  },
  {
    name: "customJwt unknown kid, redacted",
    config: CONFIGS.customJwt(),
    redact: true,
    token: () => signToken(keys.rsa, { header: { kid: "zzz" }, claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        "Could not decode token. The JWT's 'kid' (key ID) header doesn't match any key in the provider's JWKS, or the JWT signature is invalid.",
    },
  },
  {
    name: "customJwt forged signature",
    config: CONFIGS.customJwt(),
    token: async () => forgeSignature(await signToken(keys.rsa, { claims: cjClaims() })),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.signature"] },
  },
  {
    name: "customJwt alg none",
    config: CONFIGS.customJwt(),
    token: () => unsignedToken(cjClaims(), { alg: "none", kid: "rsa-a" }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.alg"] },
  },
  {
    name: "customJwt HS256 with the RSA public key",
    config: CONFIGS.customJwt(),
    token: () => hs256WithPublicKey(keys.rsa, cjClaims()),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.alg"] },
  },
  {
    name: "customJwt 1024-bit RSA key",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa1024, { claims: cjClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.key-strength"] },
  },
  {
    name: "customJwt expired by 1 s: within leeway",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ exp: NOW - 1 }) }),
    expect: { outcome: "accepted", warnings: ["advice.grace"] },
  },
  {
    name: "customJwt expired by 4 s: within leeway",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ exp: NOW - 4 }) }),
    expect: { outcome: "accepted", warnings: ["advice.grace"] },
  },
  {
    name: "customJwt expired by 6 s",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ exp: NOW - 6 }) }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: "Could not validate token: Token expired 6 seconds ago",
      failed: ["jwt.exp"],
    },
  },
  {
    name: "customJwt nbf 10 s in the future",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ nbf: NOW + 10 }) }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: "Could not validate token: Token will be valid in 10 seconds",
      failed: ["jwt.nbf"],
    },
  },
  {
    name: "customJwt nbf 3 s in the future: within leeway",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ nbf: NOW + 3 }) }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt iat 30 s in the future",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ iat: NOW + 30 }) }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: "Could not validate token: Token will be valid in 30 seconds",
      failed: ["jwt.iat"],
    },
  },
  {
    name: "customJwt without exp",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: { ...cjClaims(), exp: undefined } }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        "Could not verify token claim. Check that the JWT contains valid claims and matches your auth provider configuration.",
      failed: ["jwt.required-claims"],
    },
  },
  {
    name: "customJwt without iat: accepted, but the client can't refresh",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: { ...cjClaims(), iat: undefined } }),
    expect: { outcome: "accepted", warnings: ["advice.iat"] },
  },
  {
    name: "customJwt ES256 token while RS256 is configured",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.ec, { claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message: /'kid' \(key ID\) header is 'ec-e'/,
      failed: ["jwt.alg"],
    },
  },
  {
    name: "customJwt ES256 configured and signed",
    config: CONFIGS.customJwt("/cj-ec/jwks.json", "ES256"),
    token: () => signToken(keys.ec, { claims: cjClaims() }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt ES256 with a P-384 key is rejected",
    config: CONFIGS.customJwt("/cj-ec/jwks.json", "ES256"),
    token: () => signRaw({ ...keys.ec384, alg: "ES384" }, { alg: "ES256", kid: "ec-384" }, cjClaims()),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.alg"] },
  },
  {
    name: "customJwt JWKS served as text/plain",
    config: CONFIGS.customJwt("/cj-textplain/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        /^Invalid Content-Type 'text\/plain' when fetching JWKS from 'http:\/\/127\.0\.0\.1:\d+\/cj-textplain\/jwks\.json'\. Expected 'application\/json' or 'application\/jwk-set\+json'\.$/,
      failed: ["jwt.jwks"],
    },
  },
  {
    name: "customJwt JWKS without Content-Type",
    config: CONFIGS.customJwt("/cj-noct/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", message: /^Invalid Content-Type 'unknown'/ },
  },
  {
    name: "customJwt JWKS with charset iso-8859-1",
    config: CONFIGS.customJwt("/cj-latin1/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", failed: ["jwt.jwks"] },
  },
  {
    name: "customJwt JWKS as jwk-set+json; charset=UTF-8",
    config: CONFIGS.customJwt("/cj-jwkset/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt JWKS with one unparsable key",
    config: CONFIGS.customJwt("/cj-badkey/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", message: /^Invalid JWKS response body from '/ },
  },
  {
    name: "customJwt JWKS 404",
    config: CONFIGS.customJwt("/cj-missing/jwks.json"),
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: {
      outcome: "rejected",
      code: "InvalidAuthHeader",
      message:
        /^Could not fetch JWKS from URL '\S+': HTTP 404 Not Found\. Check that the URL is correct and accessible\.$/,
    },
  },
  {
    name: "customJwt data: URI JWKS",
    config: () => CONFIGS.customJwtData(JSON.stringify(jwks(keys.rsa))),
    token: () => signToken(keys.rsa, { claims: cjClaims({ aud: undefined }) }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt broken data: URI",
    config: `export default { providers: [{ type: "customJwt", issuer: "${CJ_ISS}", jwks: "data:application/json;base64,%%%not-base64", algorithm: "RS256" }] };`,
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "rejected", code: "InvalidAuthHeader", message: /^Invalid JWKS data URL\./ },
  },
  {
    name: "customJwt without applicationID ignores aud",
    config: CONFIGS.customJwt("/cj/jwks.json", "RS256", null),
    token: () => signToken(keys.rsa, { claims: cjClaims({ aud: ["x", "y"] }) }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt with applicationID allows extra audiences",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ aud: ["app", "other"] }) }),
    expect: { outcome: "accepted" },
  },
  {
    name: "customJwt iss without scheme matches https issuer",
    config: CONFIGS.customJwt(),
    token: () => signToken(keys.rsa, { claims: cjClaims({ iss: "cj.example.com" }) }),
    expect: { outcome: "accepted", identity: { tokenIdentifier: "cj.example.com|user_2", issuer: "cj.example.com" } },
  },
  {
    name: "WorkOS: token without aud matches the second provider",
    config: CONFIGS.workos,
    env: { WORKOS_CLIENT_ID: "client_123" },
    token: () =>
      signToken(keys.rsa, {
        claims: {
          iss: "https://api.workos.example/user_management/client_123",
          sub: "user_w",
          sid: "s",
          iat: NOW,
          exp: NOW + 300,
        },
      }),
    expect: { outcome: "accepted", provider: 1 },
  },
  // ---- offline ----
  {
    name: "offline: OIDC that needs discovery is undetermined",
    config: CONFIGS.oidc,
    offline: true,
    token: () => signToken(keys.rsa, { claims: oidcClaims() }),
    expect: { outcome: "undetermined", code: null, skipped: ["oidc.discovery", "oidc.signature"] },
  },
  {
    name: "offline: an expired OIDC token is still rejected",
    config: CONFIGS.oidc,
    offline: true,
    token: () => signToken(keys.rsa, { claims: oidcClaims("/oidc", { exp: NOW - 10 }) }),
    expect: { outcome: "rejected", code: "Unauthenticated", failed: ["oidc.exp"] },
  },
  {
    name: "offline: a data: URI JWKS needs no fetch",
    config: () => CONFIGS.customJwtData(JSON.stringify(jwks(keys.rsa))),
    offline: true,
    token: () => signToken(keys.rsa, { claims: cjClaims() }),
    expect: { outcome: "accepted" },
  },
];

function configFor(vector: Vector) {
  const source = typeof vector.config === "function" ? vector.config() : vector.config;
  const raw = readAuthConfigSource("convex/auth.config.ts", source);
  return evaluateAuthConfig(raw, { ISSUER_URL: url, ...vector.env });
}

function withUrl(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("__URL__", url);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUrl(v)]));
  return value;
}

describe("verifier vectors (local issuer on 127.0.0.1 standing in for real identity providers)", () => {
  it("has at least 40 vectors", () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(VECTORS.map((v) => v.name)).size).toBe(VECTORS.length);
  });

  for (const vector of VECTORS) {
    it(vector.name, async () => {
      const fetcher = vector.offline ? null : createFetcher({ timeoutMs: vector.timeoutMs ?? 5_000 });
      const verdict = await judge(await vector.token(), configFor(vector), {
        fetcher,
        now: NOW,
        redact: vector.redact,
        envLabel: "the dev deployment",
      });
      const want = vector.expect;
      const failed = verdict.checks.filter((c) => c.severity === "error" && !c.ok).map((c) => c.id);
      const context = JSON.stringify(
        {
          outcome: verdict.outcome,
          error: verdict.error,
          failed,
          explanation: verdict.explanation,
          skipped: verdict.skipped,
        },
        null,
        1,
      );
      expect(verdict.outcome, context).toBe(want.outcome);
      expect(verdict.accepted).toBe(want.outcome === "accepted");
      if (want.code !== undefined) expect(verdict.error?.code ?? null, context).toBe(want.code);
      if (want.outcome === "rejected") expect(verdict.error, context).not.toBeNull();
      if (want.message instanceof RegExp) expect(verdict.error?.message).toMatch(want.message);
      else if (want.message !== undefined) expect(verdict.error?.message).toBe(want.message);
      if (want.httpStatus !== undefined) expect(verdict.error?.httpStatus).toBe(want.httpStatus);
      for (const id of want.failed ?? []) expect(failed, context).toContain(id);
      if (want.outcome === "accepted") expect(failed).toEqual([]);
      const warned = verdict.checks.filter((c) => c.severity === "warning" && !c.ok).map((c) => c.id);
      for (const id of want.warnings ?? []) expect(warned).toContain(id);
      for (const id of want.skipped ?? []) expect(verdict.skipped.map((s) => s.id)).toContain(id);
      if (want.explanation) expect(verdict.explanation, context).toMatch(want.explanation);
      if (want.identity) expect(verdict.identity).toMatchObject(withUrl(want.identity) as Record<string, unknown>);
      if (want.provider !== undefined) expect(verdict.provider?.index).toBe(want.provider);
      if (want.outcome === "rejected") expect(verdict.explanation).toBeTruthy();
      for (const check of verdict.checks) {
        expect(typeof check.id).toBe("string");
        expect(typeof check.ok).toBe("boolean");
        expect(check.message.length).toBeGreaterThan(0);
      }
      // Never the raw token in the verdict.
      expect(JSON.stringify(verdict)).not.toContain((await vector.token()).split(".")[2] || "\u0000never");
    });
  }
});
