import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyRefused, applyThenReplan, planOn, planned, summary } from "../../../test/helpers/add-recipe.ts";

const DEV = {
  issuer: "https://auth.acme.com",
  jwks: "https://auth.acme.com/.well-known/jwks.json",
  applicationId: "tasks-app",
};
const dir = mkdtempSync(join(tmpdir(), "authwire-custom-jwt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const jwksFile = join(dir, "jwks.json");
writeFileSync(
  jwksFile,
  JSON.stringify({
    keys: [{ ...generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" }), kid: "e1" }],
  }),
);

describe("add custom-jwt: the plan per framework", () => {
  it("React + Vite: a customJwt entry read from the deployment, ConvexProviderWithAuth and the generated hook", async () => {
    const added = await planOn("vite-baseline", "custom-jwt", DEV);
    expect(summary(added)).toEqual({
      files: { "convex/auth.config.ts": "create", "src/main.tsx": "modify", "src/useAuthFromAcme.ts": "create" },
      env: ["CUSTOM_JWT_ISSUER dev set", "CUSTOM_JWT_JWKS_URL dev set", "CUSTOM_JWT_APPLICATION_ID dev set"],
      install: [],
      steps: [expect.stringMatching(/^Connect useAuthFromAcme to your identity provider: make useAcmeSession/)],
      missing: [],
    });
    expect(planned(added, "convex/auth.config.ts")).toContain(`    {
      type: "customJwt",
      issuer: process.env.CUSTOM_JWT_ISSUER!,
      jwks: process.env.CUSTOM_JWT_JWKS_URL!,
      algorithm: "RS256",
      applicationID: process.env.CUSTOM_JWT_APPLICATION_ID!,
    },`);
    expect(planned(added, "src/main.tsx")).toContain(
      "<ConvexProviderWithAuth client={convex} useAuth={useAuthFromAcme}>",
    );
    expect(planned(added, "src/main.tsx")).toContain('import { useAuthFromAcme } from "./useAuthFromAcme";');
  });

  it("--jwks-file inlines the keys as a data: URI and takes ES256 from them; --idp-name names the hook", async () => {
    const added = await planOn("vite-baseline", "custom-jwt", {
      issuer: DEV.issuer,
      jwksFile,
      applicationId: "tasks-app",
      idpName: "acme-sso",
    });
    expect(added.plan.env[1]!.value?.reveal()).toMatch(/^data:text\/plain;charset=utf-8;base64,/);
    expect(planned(added, "convex/auth.config.ts")).toContain('algorithm: "ES256",');
    expect(summary(added).files).toHaveProperty(["src/useAuthFromAcmeSso.ts"], "create");
  });

  it("--oidc: an OIDC entry (domain + applicationID), no key variables", async () => {
    const added = await planOn("vite-baseline", "custom-jwt", {
      issuer: DEV.issuer,
      applicationId: "tasks-app",
      oidc: true,
    });
    expect(summary(added).env).toEqual(["CUSTOM_JWT_ISSUER dev set", "CUSTOM_JWT_APPLICATION_ID dev set"]);
    expect(planned(added, "convex/auth.config.ts")).toContain(
      "domain: process.env.CUSTOM_JWT_ISSUER!,\n      applicationID: process.env.CUSTOM_JWT_APPLICATION_ID!,",
    );
    await expect(planOn("vite-baseline", "custom-jwt", { ...DEV, oidc: true })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("drop --jwks"),
    });
  });

  it("without values: exactly the flags to pass", async () => {
    const added = await planOn("vite-baseline", "custom-jwt");
    expect(summary(added).missing).toEqual(["--issuer", "--jwks", "--application-id"]);
    expect(summary(added).steps[0]).toMatch(/^Look up your identity provider's issuer/);
  });

  it("Next.js App Router, Pages Router and TanStack Start put the bridge and the hook in their places", async () => {
    const app = await planOn("next-app-baseline", "custom-jwt", DEV);
    expect(summary(app).files).toEqual({
      "convex/auth.config.ts": "create",
      "app/ConvexClientProvider.tsx": "modify",
      "app/useAuthFromAcme.ts": "create",
    });
    const pages = await planOn("next-pages-baseline", "custom-jwt", DEV);
    expect(summary(pages).files).toEqual({
      "convex/auth.config.ts": "create",
      "pages/_app.tsx": "modify",
      "lib/useAuthFromAcme.ts": "create",
    });
    expect(planned(pages, "pages/_app.tsx")).toContain('import { useAuthFromAcme } from "../lib/useAuthFromAcme";');
    const start = await planOn("tanstack-start-baseline", "custom-jwt", DEV);
    expect(summary(start).files).toEqual({
      "convex/auth.config.ts": "create",
      "src/router.tsx": "modify",
      "src/useAuthFromAcme.ts": "create",
    });
    expect(planned(start, "src/router.tsx")).toContain(
      "InnerWrap: ({ children }) => <ConvexProviderWithAuth client={convexQueryClient.convexClient} useAuth={useAuthFromAcme}>{children}</ConvexProviderWithAuth>,",
    );
    expect(start.nextSteps.join("\n")).toContain("serverHttpClient?.setAuth(token)");
  });

  it("refuses to rewire an app whose ConvexProviderWithAuth another hook feeds", async () => {
    const added = await planOn("vite-custom-jwt-done", "custom-jwt", DEV);
    expect(added.plan.items.find((item) => item.path === "src/main.tsx")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("already renders <ConvexProviderWithAuth useAuth={useAuthFromSessionToken}>"),
    });
  });
});

describe("add custom-jwt: production", () => {
  it("prod values from the prod flags only; without them, the prod flags are missing", async () => {
    const added = await planOn("vite-baseline", "custom-jwt", {
      ...DEV,
      prod: true,
      prodIssuer: "https://login.acme.com",
      prodJwks: "https://login.acme.com/jwks",
      prodApplicationId: "tasks",
    });
    expect(summary(added).env).toEqual([
      "CUSTOM_JWT_ISSUER dev set",
      "CUSTOM_JWT_JWKS_URL dev set",
      "CUSTOM_JWT_APPLICATION_ID dev set",
      "CUSTOM_JWT_ISSUER prod set",
      "CUSTOM_JWT_JWKS_URL prod set",
      "CUSTOM_JWT_APPLICATION_ID prod set",
    ]);
    const missing = await planOn("vite-baseline", "custom-jwt", { ...DEV, prod: true });
    expect(summary(missing).missing).toEqual(["--prod-issuer", "--prod-jwks", "--prod-application-id"]);
    await expect(
      planOn("vite-baseline", "custom-jwt", { ...DEV, prodIssuer: "https://login.acme.com" }),
    ).rejects.toMatchObject({
      message: "--prod-issuer only apply with --prod.",
    });
  });
});

describe("add custom-jwt: apply, then plan again", () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));

  it.each(["vite-baseline", "next-app-baseline", "tanstack-start-baseline"])(
    "%s: the second plan only skips",
    async (app) => {
      const run = await applyThenReplan(app, "custom-jwt", DEV);
      cleanups.push(run.cleanup);
      expect(run.deployment.values.dev).toEqual({
        CUSTOM_JWT_ISSUER: DEV.issuer,
        CUSTOM_JWT_JWKS_URL: DEV.jwks,
        CUSTOM_JWT_APPLICATION_ID: "tasks-app",
      });
      expect(run.second.plan.items.every((item) => item.action === "skip")).toBe(true);
    },
  );

  it("beside another provider's Convex bridge: the refused client edit stops the whole apply, nothing written", async () => {
    const run = await applyRefused("vite-clerk-done", "custom-jwt", DEV);
    expect(run.plan.plan.items.find((item) => item.path === "src/main.tsx")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("renders <ConvexProviderWithClerk>, another provider's Convex bridge"),
    });
    expect(run.error).toMatchObject({ code: "edit_refused" });
    expect(run.unchanged).toBe(true);
    expect(run.deployment.values.dev).toEqual({});
  });
});
