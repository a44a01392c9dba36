/**
 * Issue 17: the places where the judge used to answer differently from the Convex backend
 * (docs/internals/judge-discrepancies.md). Real tokens signed with real keys (jose, or node:crypto
 * over hand-made text), judged against a local issuer on 127.0.0.1 over real HTTP.
 */
import { createSign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompactSign } from "jose";
import { evaluateAuthConfig, readAuthConfigSource } from "../config/auth-config.ts";
import { createFetcher } from "../oidc/http.ts";
import { judge } from "./judge.ts";
import { startLocalIssuer, type LocalIssuer } from "./testing/local-issuer.ts";
import { jwks, makeKey, signRaw, signToken, type TestKey } from "./testing/token-factory.ts";
import type { Verdict } from "./verdict.ts";

const NOW = 1_750_000_000;
const CJ_ISS = "https://cj.example.com";
let issuer: LocalIssuer;
let url: string;
let rsa: TestKey;
let rsa2: TestKey;
let noKid: TestKey;

beforeAll(async () => {
  rsa = await makeKey("RS256", "k1");
  rsa2 = await makeKey("RS256", "k2");
  noKid = await makeKey("RS256", "nk", { publish: { kid: false, alg: false } });
  issuer = await startLocalIssuer();
  url = issuer.url;
  issuer.oidc({ path: "/oidc", jwks: jwks(rsa) });
  issuer.oidc({ path: "/oidc-badn", jwks: { keys: [noKid.jwk, { kty: "RSA", e: "AQAB", n: "not base64!" }] } });
  issuer.oidc({ path: "/oidc-meta-url", jwks: jwks(rsa), discovery: { body: undefined } });
  issuer.route("/oidc-meta-url/.well-known/openid-configuration", {
    body: { issuer: `${url}/oidc-meta-url`, jwks_uri: `${url}/oidc/jwks.json`, userinfo_endpoint: "not a url" },
  });
  issuer.route("/oidc-meta-bool/.well-known/openid-configuration", {
    body: { issuer: `${url}/oidc-meta-bool`, jwks_uri: `${url}/oidc/jwks.json`, claims_parameter_supported: "true" },
  });
  issuer.route("/oidc-ct-space/.well-known/openid-configuration", {
    contentType: "application/json ; charset=utf-8",
    body: { issuer: `${url}/oidc-ct-space`, jwks_uri: `${url}/oidc/jwks.json` },
  });
  issuer.route("/oidc-418/.well-known/openid-configuration", {
    status: 418,
    contentType: "text/plain",
    body: "teapot",
  });
  issuer.route("/oidc-425/.well-known/openid-configuration", { status: 425, contentType: "text/plain", body: "" });
  issuer.route("/cj/jwks.json", { body: jwks(rsa) });
  issuer.route("/cj-odd/jwks.json", {
    body: {
      keys: [
        { ...rsa.jwk, use: "signing", key_ops: ["foo"] },
        { ...rsa2.jwk, kid: null },
      ],
    },
  });
  issuer.route("/cj-x25519/jwks.json", {
    body: { keys: [rsa.jwk, { kty: "OKP", crv: "X25519", x: "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo" }] },
  });
  issuer.route("/cj-ct-space/jwks.json", { contentType: "application/json ; charset=utf-8", body: jwks(rsa) });
  issuer.route("/cj-422/jwks.json", { status: 422, body: "no" });
});
afterAll(() => issuer?.close());

const oidcConfig = (path = "/oidc") =>
  `export default { providers: [{ domain: process.env.ISSUER_URL + "${path}", applicationID: "convex" }] };`;
const cjConfig = (jwksValue: string, algorithm = "RS256") =>
  `export default { providers: [{ type: "customJwt", issuer: "${CJ_ISS}", jwks: ${jwksValue}, algorithm: "${algorithm}", applicationID: "app" }] };`;
const cjAt = (path: string) => cjConfig(`process.env.ISSUER_URL + "${path}"`);
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

async function run(config: string, token: string, timeoutMs = 5_000): Promise<Verdict> {
  const evaluated = evaluateAuthConfig(readAuthConfigSource("convex/auth.config.ts", config), { ISSUER_URL: url });
  return judge(token, evaluated, { fetcher: createFetcher({ timeoutMs }), now: NOW });
}

/** jose-signed token over exactly these payload bytes (BOM, duplicate keys, escapes kept). */
function signBytes(key: TestKey, payloadText: string | Buffer): Promise<string> {
  const payload = typeof payloadText === "string" ? Buffer.from(payloadText) : payloadText;
  return new CompactSign(payload).setProtectedHeader({ alg: "RS256", kid: key.kid }).sign(key.privateKey);
}

/** An RS256 signature over exactly `header.payload` as given (any base64 text). */
function signText(key: TestKey, input: string): string {
  const signer = createSign("sha256");
  signer.update(input);
  return `${input}.${signer.sign(key.privateKey).toString("base64url")}`;
}

/** The same base64url text with the last character's unused bits set (decodes to the same bytes leniently). */
function setTrailingBits(part: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const rest = part.length % 4;
  if (rest === 0) throw new Error("no unused bits");
  const last = alphabet.indexOf(part.at(-1)!);
  return part.slice(0, -1) + alphabet[last | (rest === 2 ? 0x0f : 0x03)];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const PARSE =
  "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.";

describe("the first parse (biscuit, routing)", () => {
  it("A2: payload whose last character has non-zero unused bits is unparsable", async () => {
    let claims: Record<string, unknown> = cjClaims();
    // Pad a claim until the payload's base64 length leaves unused bits.
    while (b64(claims).length % 4 === 0) claims = { ...claims, p: `${(claims as { p?: string }).p ?? ""}x` };
    const input = `${b64({ alg: "RS256", kid: "k1" })}.${setTrailingBits(b64(claims))}`;
    const verdict = await run(cjAt("/cj/jwks.json"), signText(rsa, input));
    expect(verdict.error).toMatchObject({ code: "InvalidAuthHeader", message: PARSE });
    // Near miss: the same token with clean bits is accepted.
    const clean = await run(cjAt("/cj/jwks.json"), signText(rsa, `${b64({ alg: "RS256", kid: "k1" })}.${b64(claims)}`));
    expect(clean.outcome).toBe("accepted");
  });

  it("A3/A1b: a customJwt signature part with unused bits or padding: the kid error", async () => {
    const token = await signToken(rsa, { claims: cjClaims() });
    const [h, p, s] = token.split(".") as [string, string, string];
    for (const signature of [setTrailingBits(s), `${s}==`]) {
      const verdict = await run(cjAt("/cj/jwks.json"), `${h}.${p}.${signature}`);
      expect(verdict.error?.message).toBe(
        "Could not decode token. The JWT's 'kid' (key ID) header is 'k1', does this key match any key in the provider's JWKS?",
      );
    }
  });

  it("A1a: a two-part token whose iss matches no provider is NoAuthProvider", async () => {
    const token = await signToken(rsa, { claims: { ...cjClaims(), iss: "https://other.example.com" } });
    const verdict = await run(cjAt("/cj/jwks.json"), token.split(".").slice(0, 2).join("."));
    expect(verdict.error?.code).toBe("NoAuthProvider");
  });

  it("A4: exp = 1e13 (milliseconds): the backend panics, never an acceptance", async () => {
    const verdict = await run(cjAt("/cj/jwks.json"), await signToken(rsa, { claims: cjClaims({ exp: 1e13 }) }));
    expect(verdict.outcome).toBe("rejected");
    expect(verdict.error).toMatchObject({ code: "InternalServerError", httpStatus: 500 });
  });

  it("A5/A6/A7: duplicate iss, a BOM, a lone surrogate: unparsable (serde_json)", async () => {
    const body = JSON.stringify(cjClaims()).slice(1, -1);
    for (const text of [
      `{"iss":"https://x.example.com",${body}}`,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{${body}}`)]),
      `{${body},"nick":"\\ud800"}`,
    ]) {
      const verdict = await run(cjAt("/cj/jwks.json"), await signBytes(rsa, text));
      expect(verdict.error?.message).toBe(PARSE);
    }
    // Near miss: a well-formed surrogate pair is fine.
    const pair = await run(cjAt("/cj/jwks.json"), await signBytes(rsa, `{${body},"nick":"\\ud83d\\ude00"}`));
    expect(pair.outcome).toBe("accepted");
  });

  it("G: `Bearer<TAB>` is refused; `Bearer ` is read", async () => {
    const token = await signToken(rsa, { claims: cjClaims() });
    expect((await run(cjAt("/cj/jwks.json"), `Bearer\t${token}`)).error).toMatchObject({
      code: "InvalidAuthHeader",
      message: "Header must begin with `bearer `",
    });
    expect((await run(cjAt("/cj/jwks.json"), `bearer ${token}`)).outcome).toBe("accepted");
  });
});

describe("OIDC (openidconnect)", () => {
  it("B1: exp = now + 0.25 is still valid", async () => {
    const verdict = await run(oidcConfig(), await signToken(rsa, { claims: oidcClaims("/oidc", { exp: NOW + 0.25 }) }));
    expect(verdict.outcome).toBe("accepted");
  });

  it("B2: typ null, crit null and an extra enc header are accepted", async () => {
    for (const extra of [{ typ: null }, { crit: null }, { enc: "A256GCM" }]) {
      const token = signRaw(rsa, { alg: "RS256", kid: "k1", ...extra }, oidcClaims());
      expect((await run(oidcConfig(), token)).outcome, JSON.stringify(extra)).toBe("accepted");
    }
  });

  it('B3: aud ["convex","convex"] is accepted; ["convex","other"] is not', async () => {
    expect(
      (await run(oidcConfig(), await signToken(rsa, { claims: oidcClaims("/oidc", { aud: ["convex", "convex"] }) })))
        .outcome,
    ).toBe("accepted");
    expect(
      (await run(oidcConfig(), await signToken(rsa, { claims: oidcClaims("/oidc", { aud: ["convex", "x"] }) })))
        .outcome,
    ).toBe("rejected");
  });

  it("B4: no kid, a good key plus one with a bad n: two candidates, unverified", async () => {
    const verdict = await run(
      oidcConfig("/oidc-badn"),
      await signToken(noKid, { header: { kid: null }, claims: oidcClaims("/oidc-badn") }),
    );
    expect(verdict.error).toMatchObject({ code: "Unauthenticated" });
  });

  it("B5/B6: a mistyped optional metadata field or `application/json ;` fails discovery", async () => {
    for (const path of ["/oidc-meta-url", "/oidc-meta-bool", "/oidc-ct-space"]) {
      const verdict = await run(oidcConfig(path), await signToken(rsa, { claims: oidcClaims(path) }));
      expect(verdict.error?.code, path).toBe("AuthProviderDiscoveryFailed");
    }
  });

  it("B7: 418 and 425: the http crate's reason phrase, the body untrimmed, 425 kept", async () => {
    const teapot = await run(oidcConfig("/oidc-418"), await signToken(rsa, { claims: oidcClaims("/oidc-418") }));
    expect(teapot.error).toMatchObject({
      message: `Auth provider discovery of ${url}/oidc-418 failed: 418 I'm a teapot teapot`,
      httpStatus: 400,
    });
    const early = await run(oidcConfig("/oidc-425"), await signToken(rsa, { claims: oidcClaims("/oidc-425") }));
    expect(early.error).toMatchObject({
      message: `Auth provider discovery of ${url}/oidc-425 failed: 425 Too Early `,
      httpStatus: 425,
    });
  });

  it("B8/B9/B12: address extras ignored, birthday kept out, updated_at to the microsecond", async () => {
    const verdict = await run(
      oidcConfig(),
      await signToken(rsa, {
        claims: oidcClaims("/oidc", {
          address: { formatted: "1 Main St", geo: { lat: 1 } },
          birthday: "1990-01-01",
          birthdate: "1991-02-02",
          updated_at: "2024-01-01T00:00:00.123456Z",
        }),
      }),
    );
    expect(verdict.outcome).toBe("accepted");
    expect(verdict.identity).toMatchObject({
      address: "1 Main St",
      birthday: "1991-02-02",
      updatedAt: "2024-01-01T00:00:00.123456+00:00",
    });
    const numeric = await run(
      oidcConfig(),
      await signToken(rsa, { claims: oidcClaims("/oidc", { birthday: 19900101 }) }),
    );
    expect(numeric.error?.code).toBe("InvalidAuthHeader");
  });

  it("B10/B11: email#work fails the parse; alg A256GCM parses and fails verification", async () => {
    const tagged = await run(
      oidcConfig(),
      await signToken(rsa, { claims: oidcClaims("/oidc", { "email#work": "a@b.c" }) }),
    );
    expect(tagged.error?.message).toBe("Could not parse as OIDC ID token. Token might not be an OIDC-compliant JWT.");
    const jwe = await run(
      oidcConfig(),
      signRaw(rsa, { alg: "A256GCM", kid: "k1" }, oidcClaims()).replace(/^[^.]+/, b64({ alg: "A256GCM", kid: "k1" })),
    );
    expect(jwe.error?.code).toBe("Unauthenticated");
  });

  it("B13: discovery slower than the fetcher's timeout is undetermined (Convex has no client timeout)", async () => {
    issuer.oidc({ path: "/oidc-slow", jwks: jwks(rsa), discovery: { delayMs: 400 } });
    const verdict = await run(
      oidcConfig("/oidc-slow"),
      await signToken(rsa, { claims: oidcClaims("/oidc-slow") }),
      100,
    );
    expect(verdict.outcome).toBe("undetermined");
  });
});

describe("customJwt (biscuit)", () => {
  it("C1: use 'signing', key_ops ['foo'] and kid null are read", async () => {
    expect((await run(cjAt("/cj-odd/jwks.json"), await signToken(rsa, { claims: cjClaims() }))).outcome).toBe(
      "accepted",
    );
  });

  it("C2/C6/C4: an X25519 key, `application/json ;`, HTTP 422: the backend's JWKS errors", async () => {
    const token = await signToken(rsa, { claims: cjClaims() });
    expect((await run(cjAt("/cj-x25519/jwks.json"), token)).error?.message).toMatch(/^Invalid JWKS response body/);
    expect((await run(cjAt("/cj-ct-space/jwks.json"), token)).error?.message).toMatch(
      /^Invalid Content-Type 'application\/json ; charset=utf-8'/,
    );
    expect((await run(cjAt("/cj-422/jwks.json"), token)).error?.message).toContain("HTTP 422 Unprocessable Entity.");
  });

  it("C3: header typ 1 or alg EdDSA: 'JWT may be missing a kid'", async () => {
    const message = "Could not decode token. JWT may be missing a 'kid' (key ID) header.";
    const typ = signRaw(rsa, { alg: "RS256", kid: "k1", typ: 1 }, cjClaims());
    expect((await run(cjAt("/cj/jwks.json"), typ)).error?.message).toBe(message);
    const ed = await makeKey("EdDSA", "k1");
    expect((await run(cjAt("/cj/jwks.json"), await signToken(ed, { claims: cjClaims() }))).error?.message).toBe(
      message,
    );
  });

  it("C5: a scheme-less jwks URL is a 500, not a 401", async () => {
    const verdict = await run(
      cjConfig('"issuer.example.com/.well-known/jwks.json"'),
      await signToken(rsa, { claims: cjClaims() }),
    );
    expect(verdict.error).toMatchObject({ code: "InternalServerError", httpStatus: 500 });
  });
});
