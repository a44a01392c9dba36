/**
 * Convex Auth v2 tokens judged as Convex does: `convexAuthProvider()` in auth.config evaluates to a
 * customJwt entry (ES256, the deployment's JWKS at `${CONVEX_CLOUD_URL}/.well-known/jwks.json`, iss
 * `${CONVEX_CLOUD_URL}/components/auth`, aud "convex-auth"). A local stand-in on 127.0.0.1 serves the
 * deployment's JWKS; tokens are signed with jose like the deployment's `ctx.auth.signJwt`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryFiles } from "../project/files.ts";
import { startLocalIssuer, type LocalIssuer } from "./testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "./testing/token-factory.ts";
import { verifyToken } from "./verify-token.ts";

const NOW = 1_750_000_000;
let deployment: LocalIssuer;
let key: TestKey;
let otherKey: TestKey;

const app = () =>
  memoryFiles({
    "package.json": JSON.stringify({ dependencies: { convex: "1.48.0", "@convex-dev/auth": "2.0.0" } }),
    "convex/auth.config.ts":
      'import type { AuthConfig } from "convex/server";\nimport { convexAuthProvider } from "@convex-dev/auth/server";\n\nexport default { providers: [convexAuthProvider()] } satisfies AuthConfig;\n',
  });

/** What the core component mints: sub = the session id, aud "convex-auth", 60 s. */
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: `${deployment.url}/components/auth`,
  sub: "k97abc123session",
  aud: "convex-auth",
  iat: NOW - 5,
  exp: NOW + 55,
  jti: "j1",
  ...extra,
});

const judge = (token: string) =>
  verifyToken({
    cwd: "/virtual",
    files: app(),
    token,
    env: { CONVEX_CLOUD_URL: deployment.url },
    now: NOW,
  });

beforeAll(async () => {
  key = await makeKey("ES256", "deployment-key-1");
  otherKey = await makeKey("ES256", "deployment-key-1");
  deployment = await startLocalIssuer();
  deployment.route("/.well-known/jwks.json", { body: jwks(key) });
});
afterAll(() => deployment.close());

describe("verify token on a Convex Auth v2 app (local deployment JWKS on 127.0.0.1)", () => {
  it("accepts a token the deployment signed for the auth component; the identity's subject is the session id", async () => {
    const result = await judge(await signToken(key, { claims: claims() }));
    expect(result.config.providers[0]).toMatchObject({
      kind: "customJwt",
      issuer: `${deployment.url}/components/auth`,
      jwks: `${deployment.url}/.well-known/jwks.json`,
      applicationID: "convex-auth",
      algorithm: "ES256",
    });
    expect(result.verdict.outcome, JSON.stringify(result.verdict.error)).toBe("accepted");
    expect(result.verdict.identity).toMatchObject({
      subject: "k97abc123session",
      issuer: `${deployment.url}/components/auth`,
      tokenIdentifier: `${deployment.url}/components/auth|k97abc123session`,
    });
    expect(deployment.requests).toContain("/.well-known/jwks.json");
  });

  it("rejects a token another component of the same deployment signed (same JWKS, other iss)", async () => {
    const result = await judge(await signToken(key, { claims: claims({ iss: `${deployment.url}/components/other` }) }));
    expect(result.verdict.outcome).toBe("rejected");
    expect(result.verdict.error?.code).toBe("NoAuthProvider");
  });

  it("rejects the app's own signJwt token (iss = CONVEX_CLOUD_URL) and a wrong audience", async () => {
    const own = await judge(await signToken(key, { claims: claims({ iss: deployment.url }) }));
    expect(own.verdict.error?.code).toBe("NoAuthProvider");
    const aud = await judge(await signToken(key, { claims: claims({ aud: "convex" }) }));
    expect(aud.verdict.error?.code).toBe("NoAuthProvider");
  });

  it("rejects a v1 token (RS256, iss CONVEX_SITE_URL, aud convex) and a token signed with a key not in the JWKS", async () => {
    const rsa = await makeKey("RS256", "v1");
    const v1 = await judge(
      await signToken(rsa, {
        claims: claims({ iss: "https://happy-animal-123.convex.site", aud: "convex", sub: "u|s" }),
      }),
    );
    expect(v1.verdict.error?.code).toBe("NoAuthProvider");
    const forged = await judge(await signToken(otherKey, { claims: claims() }));
    expect(forged.verdict.error?.code).toBe("InvalidAuthHeader");
  });

  it("rejects an expired token (the default lifetime is 60 s)", async () => {
    const result = await judge(await signToken(key, { claims: claims({ iat: NOW - 120, exp: NOW - 60 }) }));
    expect(result.verdict.error).toMatchObject({
      code: "InvalidAuthHeader",
      message: expect.stringContaining("Token expired"),
    });
  });
});
