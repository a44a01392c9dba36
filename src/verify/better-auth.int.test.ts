/**
 * Better Auth tokens judged as Convex does: `getAuthConfigProvider()` in auth.config evaluates to a
 * customJwt entry (RS256, iss `${CONVEX_SITE_URL}`, aud "convex", JWKS at
 * `${CONVEX_SITE_URL}/api/auth/convex/jwks`, the component's route; @convex-dev/better-auth 0.12.5
 * src/auth-config.ts). A local stand-in on 127.0.0.1 plays the deployment's site URL and serves that
 * JWKS; tokens are signed with jose as the component's convex() plugin signs them (kid = the JWKS
 * row id, sub = the component user id, sessionId claim, 15 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryFiles } from "../project/files.ts";
import { startLocalIssuer, type LocalIssuer } from "./testing/local-issuer.ts";
import { jwks, makeKey, signToken, type TestKey } from "./testing/token-factory.ts";
import { verifyToken } from "./verify-token.ts";

const NOW = 1_750_000_000;
let site: LocalIssuer;
let key: TestKey;
let otherKey: TestKey;

const app = (config = "getAuthConfigProvider()") =>
  memoryFiles({
    "package.json": JSON.stringify({
      dependencies: { convex: "1.48.0", "@convex-dev/better-auth": "0.12.5", "better-auth": "1.6.34" },
    }),
    "convex/auth.config.ts": `import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";\nimport type { AuthConfig } from "convex/server";\n\nexport default { providers: [${config}] } satisfies AuthConfig;\n`,
  });

/** What the convex() plugin mints: the user's fields minus id/image, sessionId, 15 minutes. */
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: site.url,
  sub: "k17user0000000000000000000000",
  aud: "convex",
  iat: NOW - 5,
  exp: NOW + 15 * 60 - 5,
  email: "ada@example.com",
  name: "Ada",
  emailVerified: false,
  sessionId: "k27session000000000000000000",
  ...extra,
});

const judge = (token: string, config?: string) =>
  verifyToken({ cwd: "/virtual", files: app(config), token, env: { CONVEX_SITE_URL: site.url }, now: NOW });

beforeAll(async () => {
  key = await makeKey("RS256", "jwks-row-1");
  otherKey = await makeKey("RS256", "jwks-row-1");
  site = await startLocalIssuer();
  site.route("/api/auth/convex/jwks", { body: jwks(key) });
  site.route("/custom/auth/convex/jwks", { body: jwks(key) });
});
afterAll(() => site.close());

describe("verify token on a Better Auth app (the component's JWKS route on 127.0.0.1)", () => {
  it("accepts a token the convex() plugin signed; identity = component user id + sessionId", async () => {
    const result = await judge(await signToken(key, { claims: claims() }));
    expect(result.config.providers[0]).toMatchObject({
      kind: "customJwt",
      issuer: site.url,
      jwks: `${site.url}/api/auth/convex/jwks`,
      applicationID: "convex",
      algorithm: "RS256",
    });
    expect(result.verdict.outcome, JSON.stringify(result.verdict.error)).toBe("accepted");
    expect(result.verdict.identity).toMatchObject({
      subject: "k17user0000000000000000000000",
      issuer: site.url,
      tokenIdentifier: `${site.url}|k17user0000000000000000000000`,
      email: "ada@example.com",
    });
    expect(site.requests).toContain("/api/auth/convex/jwks");
  });

  it("follows getAuthConfigProvider({ basePath }) to the JWKS under that path", async () => {
    const result = await judge(
      await signToken(key, { claims: claims() }),
      'getAuthConfigProvider({ basePath: "/custom/auth" })',
    );
    expect(result.verdict.outcome, JSON.stringify(result.verdict.error)).toBe("accepted");
    expect(site.requests).toContain("/custom/auth/convex/jwks");
  });

  it("rejects a wrong issuer (the .convex.cloud URL, or Better Auth's baseURL) with NoAuthProvider", async () => {
    for (const iss of ["https://happy-animal-123.convex.cloud", "http://localhost:3000"]) {
      const result = await judge(await signToken(key, { claims: claims({ iss }) }));
      expect(result.verdict.outcome, iss).toBe("rejected");
      expect(result.verdict.error?.code, iss).toBe("NoAuthProvider");
    }
  });

  it("rejects a wrong audience", async () => {
    const result = await judge(await signToken(key, { claims: claims({ aud: "better-auth" }) }));
    expect(result.verdict.outcome).toBe("rejected");
    expect(result.verdict.error?.code).toBe("NoAuthProvider");
  });

  it("rejects a token signed with a key not in the JWKS, and an EdDSA token (pre-0.10 keys)", async () => {
    const forged = await judge(await signToken(otherKey, { claims: claims() }));
    expect(forged.verdict.error?.code).toBe("InvalidAuthHeader");
    const ed = await makeKey("EdDSA", "jwks-row-1");
    const eddsa = await judge(await signToken(ed, { claims: claims() }));
    expect(eddsa.verdict.outcome).toBe("rejected");
  });

  it("rejects an expired token (the plugin's default lifetime is 15 minutes)", async () => {
    const result = await judge(await signToken(key, { claims: claims({ iat: NOW - 20 * 60, exp: NOW - 5 * 60 }) }));
    expect(result.verdict.error).toMatchObject({
      code: "InvalidAuthHeader",
      message: expect.stringContaining("Token expired"),
    });
  });
});
