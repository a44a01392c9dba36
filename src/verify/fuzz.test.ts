/**
 * Fuzz: 10,000 random and mutated tokens against random configs (seeded, so a failure replays),
 * through the real parser, config evaluation and judge, with an in-memory fetch standing in for
 * the issuers. Properties: nothing throws, every run ends in a well-formed verdict, nothing the
 * judge catches internally, and no token whose signed bytes were altered is ever accepted.
 */
import { describe, expect, it } from "vitest";
import { evaluateAuthConfig, readAuthConfigSource, type EvaluatedAuthConfig } from "../config/auth-config.ts";
import { createFetcher, type FetchLike } from "../oidc/http.ts";
import { judge } from "./judge.ts";
import { jwks, makeKey, signToken, type TestKey } from "./testing/token-factory.ts";

const SEED = 0x5eed_2026;
const ITERATIONS = 10_000;
const NOW = 1_750_000_000;
const ISS = "https://fuzz.example.com";
const CJ = "https://cj.fuzz.example.com";

function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  "",
  " ",
  "convex",
  "true",
  "https://fuzz.example.com",
  "https://fuzz.example.com/",
  "fuzz.example.com",
  "\u0000",
  "ü",
  "💥",
  [],
  ["convex"],
  ["convex", "x"],
  [1, 2],
  {},
  { formatted: "x" },
  { a: { b: 1 } },
  NOW,
  NOW - 10,
  NOW + 10,
  NOW - 4,
  NOW + 4,
  "2030-01-01T00:00:00Z",
  "x".repeat(300),
];
const CLAIM_NAMES = [
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "email_verified",
  "address",
  "updated_at",
  "name",
  "name#ja",
  "amr",
  "auth_time",
  "fva",
  "tokenIdentifier",
  "azp",
  "sid",
  "nested",
];
const HEADER_VARIANTS: Array<Record<string, unknown>> = [
  { alg: "RS256", kid: "rsa" },
  { alg: "RS256" },
  { alg: "none" },
  { alg: "HS256", kid: "rsa" },
  { alg: "ES256", kid: "ec" },
  { alg: "EdDSA", kid: "ed" },
  { alg: "RS256", kid: "rsa", typ: "at+jwt" },
  { alg: "RS256", kid: "rsa", crit: ["x"] },
  { alg: 5 },
  { kid: "rsa" },
  { alg: "RS256", kid: ["rsa"] },
  { alg: "RS256", kid: "rsa", cty: "JWT" },
  { alg: "RS256", kid: "nope" },
];

function b64(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : (JSON.stringify(value) ?? "null")).toString("base64url");
}

function randomClaims(rng: Rng): Record<string, unknown> {
  const claims: Record<string, unknown> = rng.chance(0.7)
    ? {
        iss: rng.pick([ISS, CJ, `${ISS}/`, "fuzz.example.com"]),
        sub: "u",
        aud: rng.pick(["convex", "app", ["convex"], undefined]),
        iat: NOW - 5,
        exp: NOW + 60,
      }
    : {};
  const edits = rng.chance(0.4) ? 0 : rng.int(4);
  for (let i = 0; i < edits; i += 1) claims[rng.pick(CLAIM_NAMES)] = rng.pick(WEIRD_VALUES);
  return claims;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \n"{}';

function mutate(rng: Rng, token: string): string {
  const chars = [...token];
  switch (rng.int(9)) {
    case 0: // flip one character
      chars[rng.int(chars.length)] = rng.pick([...ALPHABET]);
      return chars.join("");
    case 1: // truncate
      return token.slice(0, rng.int(token.length));
    case 2: // drop or add a dot
      return rng.chance(0.5) ? token.replace(".", "") : `${token}.${b64("x")}`;
    case 3: {
      // swap a part for another JSON value
      const parts = token.split(".");
      parts[rng.int(Math.min(parts.length, 2))] = b64(
        rng.pick([...WEIRD_VALUES, randomClaims(rng), rng.pick(HEADER_VARIANTS)]),
      );
      return parts.join(".");
    }
    case 4: // non-UTF-8 bytes in a part
      return `${Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url")}.${token.split(".")[1] ?? ""}.${token.split(".")[2] ?? ""}`;
    case 5: // padding and whitespace
      return rng.chance(0.5) ? `  ${token}\n` : token.replace(/\./g, "=.");
    case 6: // empty signature
      return token.replace(/\.[^.]*$/, ".");
    case 7: // random garbage
      return Array.from({ length: rng.int(200) }, () => rng.pick([...ALPHABET])).join("");
    default: // insert a character
      chars.splice(rng.int(chars.length + 1), 0, rng.pick([...ALPHABET]));
      return chars.join("");
  }
}

const PROVIDER_SHAPES = [
  () => `{ domain: "${ISS}", applicationID: "convex" }`,
  () => `{ domain: "${ISS}/", applicationID: "convex" }`,
  () => `{ type: "customJwt", issuer: "${CJ}", jwks: "${CJ}/jwks.json", algorithm: "RS256" }`,
  () => `{ type: "customJwt", issuer: "${CJ}", jwks: "${CJ}/jwks.json", algorithm: "ES256", applicationID: "app" }`,
  () => `{ type: "customJwt", issuer: "${CJ}", jwks: "${CJ}/text.json", algorithm: "RS256" }`,
  () => `{ domain: "${ISS}", applicationId: "convex" }`,
  () => `{ type: "customJwt", domain: "${ISS}", jwks: "x", algorithm: "RS256" }`,
  () => `{ domain: process.env.ISSUER, applicationID: process.env.APP_ID }`,
  () => `{ domain: \`\${process.env.ISSUER}\`, applicationID: "convex" }`,
  () => `{ domain: "token123", applicationID: "convex" }`,
  () => `{ domain: issuer(), applicationID: "convex" }`,
  () => `{ type: "oidc", domain: "${ISS}", applicationID: "convex" }`,
  () => `{ type: "customJwt", issuer: "https://api.workos.com/", jwks: "x", algorithm: "RS256" }`,
  () => `{ type: "customJwt", issuer: "${CJ}", jwks: "data:application/json;base64,e30", algorithm: "RS256" }`,
  () => `{ type: "customJwt", issuer: "${CJ}", jwks: "${CJ}/jwks.json", algorithm: "HS256" }`,
  () => `42`,
];

function randomConfig(rng: Rng): EvaluatedAuthConfig {
  const count = rng.int(4);
  const clean = rng.chance(0.6);
  const providers = Array.from({ length: clean ? count + 1 : count }, () =>
    rng.pick(clean ? PROVIDER_SHAPES.slice(0, 4) : PROVIDER_SHAPES)(),
  );
  const source = rng.chance(0.05)
    ? rng.pick(["export default null;", "export default { providers: 1 }", "export default {", ""])
    : `export default { providers: [${providers.join(", ")}] };`;
  const env: Record<string, string> = rng.chance(0.8)
    ? { ISSUER: rng.pick([ISS, `${ISS} `, '"x"', CJ]), APP_ID: rng.pick(["convex", "app", ""]) }
    : {};
  return evaluateAuthConfig(
    readAuthConfigSource("convex/auth.config.ts", source),
    env,
    {},
    { envKnown: rng.chance(0.9) },
  );
}

describe(`fuzz: ${ITERATIONS} random and mutated tokens and configs (seed ${SEED.toString(16)})`, () => {
  it("always returns a well-formed verdict, never throws, never accepts altered bytes", async () => {
    const rng = prng(SEED);
    const rsa = await makeKey("RS256", "rsa");
    const ec = await makeKey("ES256", "ec");
    const ed = await makeKey("EdDSA", "ed");
    const body = JSON.stringify(jwks(rsa, ec, ed));
    const fakeFetch: FetchLike = async (url) => {
      const headers = { "cache-control": "max-age=600", "content-type": "application/json" };
      if (url === `${ISS}/.well-known/openid-configuration`)
        return new Response(JSON.stringify({ issuer: ISS, jwks_uri: `${ISS}/jwks.json` }), { headers });
      if (url.endsWith("/jwks.json")) return new Response(body, { headers });
      if (url.endsWith("/text.json"))
        return new Response(body, { headers: { ...headers, "content-type": "text/plain" } });
      return new Response("nope", { status: 404, headers });
    };
    const fetcher = createFetcher({ fetch: fakeFetch });
    const signers: Array<[TestKey, Record<string, unknown>]> = [
      [rsa, { alg: "RS256", kid: "rsa" }],
      [ec, { alg: "ES256", kid: "ec" }],
      [ed, { alg: "EdDSA", kid: "ed" }],
    ];
    const seeds: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const [key, header] = rng.pick(signers);
      seeds.push(
        await signToken(key, {
          header: rng.chance(0.3) ? { ...header, kid: null } : header,
          claims: randomClaims(rng),
        }),
      );
    }
    // Known-good seeds, so acceptance is reachable: OIDC (RS256, EdDSA) and customJwt (RS256, ES256).
    const good = { sub: "u", iat: NOW - 5, exp: NOW + 60 };
    seeds.push(
      await signToken(rsa, { claims: { ...good, iss: ISS, aud: "convex" } }),
      await signToken(ed, { claims: { ...good, iss: ISS, aud: "convex" } }),
      await signToken(rsa, { claims: { ...good, iss: CJ } }),
      await signToken(ec, { claims: { ...good, iss: CJ, aud: "app" } }),
    );
    const signedInputs = new Set(
      seeds.map((token) => token.split(".").slice(0, 2).join(".") + "|" + token.split(".")[2]),
    );
    const configs = Array.from({ length: 300 }, () => randomConfig(rng));

    const outcomes: Record<string, number> = { accepted: 0, rejected: 0, undetermined: 0 };
    const codes = new Set<string>();
    for (let i = 0; i < ITERATIONS; i += 1) {
      const base = rng.pick(seeds);
      const token = rng.chance(0.15) ? base : mutate(rng, rng.chance(0.2) ? mutate(rng, base) : base);
      const config = rng.chance(0.9) ? rng.pick(configs) : randomConfig(rng);
      const verdict = await judge(token, config, {
        fetcher: rng.chance(0.9) ? fetcher : null,
        now: NOW + rng.pick([0, 3, 10, -100]),
        redact: rng.chance(0.3),
      });

      expect(verdict.version).toBe(1);
      expect(["accepted", "rejected", "undetermined"]).toContain(verdict.outcome);
      expect(verdict.accepted).toBe(verdict.outcome === "accepted");
      expect(
        verdict.checks.some((check) => check.id === "judge.internal"),
        `internal error for token #${i}`,
      ).toBe(false);
      if (verdict.outcome === "rejected") expect(verdict.error).not.toBeNull();
      if (verdict.outcome === "accepted") {
        expect(verdict.error).toBeNull();
        expect(verdict.identity).not.toBeNull();
        const trimmed = token.trim();
        const [header = "", payload = "", signature = ""] = trimmed.split(".");
        expect(
          signedInputs.has(`${header}.${payload}|${signature}`),
          `accepted a token whose signed bytes were altered (#${i})`,
        ).toBe(true);
      }
      outcomes[verdict.outcome]! += 1;
      if (verdict.error) codes.add(verdict.error.code);
    }
    console.log(`fuzz outcomes ${JSON.stringify(outcomes)}; codes ${[...codes].sort().join(", ")}`);
    // The fuzz reaches every outcome and the main backend errors (it is not stuck on one path).
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(ITERATIONS / 2);
    for (const code of ["InvalidAuthHeader", "NoAuthProvider", "Unauthenticated"]) expect([...codes]).toContain(code);
  }, 60_000);
});
