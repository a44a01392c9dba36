import { describe, expect, it } from "vitest";
import { memoryFiles } from "../project/files.ts";
import type { FetchLike } from "../oidc/http.ts";
import { jwks, makeKey, signToken } from "./testing/token-factory.ts";
import type { EnvSource } from "../config/env-source.ts";
import { verifyToken } from "./verify-token.ts";

const NOW = 1_750_000_000;
const SITE = "https://happy-animal-123.convex.site";

/** A Convex Auth app: auth.config reads the built-in CONVEX_SITE_URL; .env.local names the dev deployment. */
const convexAuthApp = () =>
  memoryFiles({
    "package.json": JSON.stringify({ dependencies: { convex: "^1.48.0", "@convex-dev/auth": "^0.0.95" } }),
    ".env.local":
      "CONVEX_DEPLOYMENT=dev:happy-animal-123 # team: acme, project: app\nVITE_CONVEX_URL=https://happy-animal-123.convex.cloud\n",
    "convex/auth.config.ts":
      'export default { providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }] };\n',
  });

describe("verifyToken (library entry)", () => {
  it("derives CONVEX_SITE_URL from CONVEX_DEPLOYMENT and judges a Convex Auth token (deployment site served by an in-memory stand-in)", async () => {
    const key = await makeKey("RS256", "unused", { publish: { kid: false, alg: false } });
    // Convex Auth's own routes: discovery and the JWKS env var, with its cache headers.
    const headers = {
      "content-type": "application/json",
      "cache-control": "public, max-age=15, stale-while-revalidate=15, stale-if-error=86400",
    };
    const requested: string[] = [];
    const fetch: FetchLike = async (url) => {
      requested.push(url);
      if (url === `${SITE}/.well-known/openid-configuration`)
        return new Response(JSON.stringify({ issuer: SITE, jwks_uri: `${SITE}/.well-known/jwks.json` }), { headers });
      if (url === `${SITE}/.well-known/jwks.json`) return new Response(JSON.stringify(jwks(key)), { headers });
      return new Response("no", { status: 404 });
    };
    const token = await signToken(key, {
      header: { kid: null },
      claims: { iss: SITE, sub: "user123|session456", aud: "convex", iat: NOW - 1, exp: NOW + 3600 },
    });
    const envSource: EnvSource = {
      read: async (target) => ({
        ok: true,
        snapshot: { target, values: { SITE_URL: "http://localhost:5173", JWKS: "{}" }, source: "stub" },
      }),
    };
    const result = await verifyToken({
      cwd: "/virtual",
      files: convexAuthApp(),
      token: `Bearer ${token}`,
      envSource,
      fetch,
      now: NOW,
    });
    expect(result.builtins).toEqual({
      CONVEX_CLOUD_URL: "https://happy-animal-123.convex.cloud",
      CONVEX_SITE_URL: SITE,
    });
    expect(result.env).toEqual({ label: "the dev deployment (stub)", names: ["JWKS", "SITE_URL"], known: true });
    expect(result.verdict.outcome).toBe("accepted");
    expect(result.verdict.identity).toMatchObject({
      tokenIdentifier: `${SITE}|user123|session456`,
      subject: "user123|session456",
    });
    expect(requested).toEqual([`${SITE}/.well-known/openid-configuration`, `${SITE}/.well-known/jwks.json`]);
    expect(result.verdict.checks.find((check) => check.id === "advice.kid")).toMatchObject({
      ok: false,
      severity: "warning",
    });
  });

  it("--env overrides the file values and the live source is skipped offline", async () => {
    let asked = false;
    const envSource: EnvSource = {
      read: async () => {
        asked = true;
        return { ok: false, reason: "not asked" };
      },
    };
    const key = await makeKey("RS256", "k");
    const token = await signToken(key, {
      claims: { iss: "https://other.example.com", sub: "u", aud: "convex", iat: NOW, exp: NOW + 60 },
    });
    const result = await verifyToken({
      cwd: "/virtual",
      files: convexAuthApp(),
      token,
      envSource,
      offline: true,
      env: { CONVEX_SITE_URL: "https://custom.example.com" },
      now: NOW,
    });
    expect(asked).toBe(false);
    expect(result.config.providers[0]?.issuer).toBe("https://custom.example.com");
    expect(result.verdict.error?.code).toBe("NoAuthProvider");
    expect(result.verdict.explanation).toContain("CONVEX_SITE_URL on --env");
  });

  it("says why the live env could not be read", async () => {
    const key = await makeKey("RS256", "k");
    const token = await signToken(key, { claims: { iss: SITE, sub: "u", aud: "convex", iat: NOW, exp: NOW + 60 } });
    const result = await verifyToken({
      cwd: "/virtual",
      files: convexAuthApp(),
      token,
      now: NOW,
      offline: false,
      fetch: async () => new Response("", { status: 404 }),
      envSource: { read: async () => ({ ok: false, reason: "no deployment configured (CONVEX_DEPLOYMENT)" }) },
    });
    // The source's reason, as one sentence, and no second "no env supplied" note.
    expect(result.notes).toEqual(["No deployment configured (CONVEX_DEPLOYMENT)."]);
    expect(result.env.known).toBe(false);
  });

  it("refuses an empty token as a usage error", async () => {
    await expect(verifyToken({ cwd: "/virtual", files: convexAuthApp(), token: "  " })).rejects.toMatchObject({
      code: "usage",
    });
  });
});
