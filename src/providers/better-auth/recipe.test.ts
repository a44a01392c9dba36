import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyThenReplan, planOn, planned, summary } from "../../../test/helpers/add-recipe.ts";
import { memoryDeployment } from "../../../test/helpers/memory-deployment.ts";
import { AuthwireError } from "../../errors.ts";
import { detectProject } from "../../project/detect.ts";
import { readAuthConfigSource, evaluateAuthConfig } from "../../config/auth-config.ts";

const DEPLOYMENT = { CONVEX_DEPLOYMENT: "dev:happy-animal-123" };

async function refusal(promise: Promise<unknown>): Promise<AuthwireError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthwireError);
  return error as AuthwireError;
}

describe("add better-auth: the plan per framework", () => {
  it("React + Vite: the component, the instance with crossDomain, CORS routes, the SPA client", async () => {
    const added = await planOn("vite-baseline", "better-auth", {}, { env: DEPLOYMENT });
    expect(summary(added)).toEqual({
      files: {
        "convex/convex.config.ts": "create",
        "convex/auth.config.ts": "create",
        "convex/auth.ts": "create",
        "convex/http.ts": "create",
        "src/lib/auth-client.ts": "create",
        "src/main.tsx": "modify",
        "src/SignIn.tsx": "create",
        ".env.local": "create",
      },
      env: ["BETTER_AUTH_SECRET dev set", "SITE_URL dev set", "VITE_CONVEX_SITE_URL local set"],
      install: ["@convex-dev/better-auth@0.12.5", "better-auth@1.6.34"],
      steps: [],
      missing: [],
    });
    expect(planned(added, "convex/convex.config.ts")).toContain(
      'import betterAuth from "@convex-dev/better-auth/convex.config";\n\nconst app = defineApp();\napp.use(betterAuth);',
    );
    expect(planned(added, "convex/auth.config.ts")).toContain("providers: [\n    getAuthConfigProvider(),\n  ]");
    const instance = planned(added, "convex/auth.ts");
    expect(instance).toContain("plugins: [crossDomain({ siteUrl }), convex({ authConfig })]");
    expect(instance).toContain("baseURL: process.env.CONVEX_SITE_URL,\n    trustedOrigins: [siteUrl],");
    expect(instance).toContain("emailAndPassword: {\n      enabled: true,");
    expect(planned(added, "convex/http.ts")).toContain(
      "authComponent.registerRoutes(http, createAuth, { cors: true });",
    );
    expect(planned(added, "src/main.tsx")).toContain(
      "<ConvexBetterAuthProvider client={convex} authClient={providerAuthClient}>",
    );
    expect(planned(added, "src/lib/auth-client.ts")).toContain("plugins: [convexClient(), crossDomainClient()]");
    expect(added.plan.env.find((e) => e.name === "SITE_URL")!.value?.reveal()).toBe("http://localhost:5173");
    expect(added.plan.env.find((e) => e.name === "VITE_CONVEX_SITE_URL")!.value?.reveal()).toBe(
      "https://happy-animal-123.convex.site",
    );
  });

  it("SITE_URL follows the dev server's real port", async () => {
    const added = await planOn("vite-port-3001", "better-auth", {}, { env: DEPLOYMENT });
    expect(added.plan.env.find((e) => e.name === "SITE_URL")!.value?.reveal()).toBe("http://localhost:3001");
  });

  it("BETTER_AUTH_SECRET: 32 random bytes, different per plan and per deployment, kept when already set", async () => {
    const first = await planOn("vite-baseline", "better-auth", { prod: true, siteUrl: "https://tasks.example.com" });
    const second = await planOn("vite-baseline", "better-auth", {});
    const secrets = [
      ...first.plan.env.filter((e) => e.name === "BETTER_AUTH_SECRET"),
      ...second.plan.env.filter((e) => e.name === "BETTER_AUTH_SECRET"),
    ].map((e) => e.value!.reveal());
    expect(secrets).toHaveLength(3);
    expect(new Set(secrets).size).toBe(3);
    for (const secret of secrets) expect(Buffer.from(secret, "base64")).toHaveLength(32);
    expect(first.plan.env.map((e) => `${e.name} ${e.target} ${e.status}`)).toContain("SITE_URL prod set");
    expect(JSON.stringify(first.plan.env)).not.toContain(secrets[0]);

    const deployment = memoryDeployment({ dev: { BETTER_AUTH_SECRET: "already-there-and-in-use-0123456789abcdef" } });
    const kept = await planOn("vite-baseline", "better-auth", {}, { deployment });
    expect(summary(kept).env).toContain("BETTER_AUTH_SECRET dev unchanged");
  });

  it("without a deployment, the site URL waits for `npx convex dev`", async () => {
    const added = await planOn("vite-baseline", "better-auth");
    expect(summary(added).env).toContain("VITE_CONVEX_SITE_URL local pending");
    expect(added.plan.humanSteps.map((s) => s.command)).toContain("npx convex dev --once");
  });

  it("Next.js App Router: no crossDomain; the /api/auth proxy route and the server helpers", async () => {
    const added = await planOn("next-app-baseline", "better-auth", {}, { env: DEPLOYMENT });
    expect(summary(added).files).toEqual({
      "convex/convex.config.ts": "create",
      "convex/auth.config.ts": "create",
      "convex/auth.ts": "create",
      "convex/http.ts": "create",
      "lib/auth-server.ts": "create",
      "app/api/auth/[...all]/route.ts": "create",
      "lib/auth-client.ts": "create",
      "app/ConvexClientProvider.tsx": "modify",
      "components/SignIn.tsx": "create",
      ".env.local": "create",
    });
    const instance = planned(added, "convex/auth.ts");
    expect(instance).toContain("baseURL: siteUrl,");
    expect(instance).not.toContain("crossDomain");
    expect(planned(added, "convex/http.ts")).toContain("authComponent.registerRoutes(http, createAuth);");
    expect(planned(added, "app/api/auth/[...all]/route.ts")).toBe(
      'import { handler } from "../../../../lib/auth-server";\n\nexport const { GET, POST } = handler;\n',
    );
    expect(planned(added, "components/SignIn.tsx").startsWith('"use client";')).toBe(true);
    expect(summary(added).env).toContain("NEXT_PUBLIC_CONVEX_SITE_URL local set");
    expect(added.plan.env.find((e) => e.name === "SITE_URL")!.value?.reveal()).toBe("http://localhost:3000");
  });

  it("TanStack Start: vite.config bundles the component for SSR (ssr.noExternal), as the guide requires", async () => {
    const added = await planOn("tanstack-start-baseline", "better-auth", {}, { env: DEPLOYMENT });
    expect(summary(added).files["vite.config.ts"]).toBe("modify");
    expect(planned(added, "vite.config.ts")).toContain(
      '  ssr: {\n    noExternal: ["@convex-dev/better-auth"],\n  },\n});',
    );
    expect(planned(added, "src/routes/api/auth/$.ts")).toContain("handler(request)");
  });

  it("social providers as --methods: their IDs on the deployment, secrets from the environment, never argv", async () => {
    const added = await planOn(
      "vite-baseline",
      "better-auth",
      { methods: ["password", "github"], githubClientId: "Iv1.0123456789abcdef" },
      { env: { ...DEPLOYMENT, GITHUB_CLIENT_SECRET: "ghsecret_0123456789abcdef0123456789abcdef" } },
    );
    expect(summary(added).env).toEqual(
      expect.arrayContaining(["GITHUB_CLIENT_ID dev set", "GITHUB_CLIENT_SECRET dev set"]),
    );
    expect(planned(added, "convex/auth.ts")).toContain(
      "socialProviders: {\n      github: {\n        clientId: process.env.GITHUB_CLIENT_ID!,\n        clientSecret: process.env.GITHUB_CLIENT_SECRET!,",
    );
    expect(planned(added, "src/SignIn.tsx")).toContain(
      'authClient.signIn.social({ provider: "github", callbackURL: "/" })',
    );
    const secret = added.plan.env.find((e) => e.name === "GITHUB_CLIENT_SECRET")!;
    expect(secret.secret).toBe(true);

    const without = await planOn("vite-baseline", "better-auth", { methods: ["github"] }, { env: DEPLOYMENT });
    expect(summary(without).missing).toEqual([
      "--github-client-id",
      "--github-client-secret-stdin (or GITHUB_CLIENT_SECRET in the environment)",
    ]);
    expect(planned(without, "convex/auth.ts")).not.toContain("emailAndPassword");
    expect(without.plan.humanSteps[0]!.why).toContain("https://happy-animal-123.convex.site/api/auth/callback/github");
  });

  it("refuses before any write where it can't work (exit 2)", async () => {
    const pages = await refusal(planOn("next-pages-baseline", "better-auth"));
    expect(pages.code).toBe("unsupported");
    expect(pages.message).toContain("App Router");
    const other = await refusal(planOn("vite-clerk-done", "better-auth"));
    expect(other.code).toBe("unsupported");
    expect(other.message).toMatch(/already uses clerk/);
    expect(other.hint).toContain("--replace");
    const methods = await refusal(planOn("vite-baseline", "better-auth", { methods: ["magic-link"] }));
    expect(methods.code).toBe("usage");
  });

  it("--replace on a Convex Auth app: auth.config, auth.ts, http.ts and the client bridge become Better Auth's", async () => {
    const added = await planOn("vite-convex-auth-done", "better-auth", { replace: true }, { env: DEPLOYMENT });
    const config = planned(added, "convex/auth.config.ts");
    expect(config).toContain("providers: [getAuthConfigProvider()]");
    expect(config).not.toContain("CONVEX_SITE_URL");
    expect(planned(added, "convex/auth.ts")).toContain("export const createAuth");
    const http = planned(added, "convex/http.ts");
    expect(http).not.toContain("addHttpRoutes");
    expect(http).not.toContain('import { auth } from "./auth"');
    const main = planned(added, "src/main.tsx");
    expect(main).toContain("<ConvexBetterAuthProvider client={convex} authClient={providerAuthClient}>");
    expect(main).not.toContain("ConvexAuthProvider");
  });
});

describe("add better-auth: apply, then detect, evaluate and plan again", () => {
  it("Vite: applied once, the second plan only skips; detect says better-auth; auth.config evaluates", async () => {
    const run = await applyThenReplan("vite-baseline", "better-auth", {}, DEPLOYMENT);
    try {
      expect(run.result.envSet).toEqual(["dev:BETTER_AUTH_SECRET", "dev:SITE_URL"]);
      expect(run.deployment.values.dev.SITE_URL).toBe("http://localhost:5173");
      expect(run.second.plan.items.filter((item) => item.action !== "skip")).toEqual([]);
      expect(summary(run.second).env).toContain("BETTER_AUTH_SECRET dev unchanged");
      expect(summary(run.second).env).toContain("SITE_URL dev unchanged");
      const facts = await detectProject(run.root, { env: {} });
      expect(facts.providers.map((p) => p.name)).toEqual(["better-auth"]);
      expect(facts.providers[0]!.evidence).toEqual(
        expect.arrayContaining([
          "convex/auth.config.ts: getAuthConfigProvider",
          "convex/convex.config.ts: app.use(betterAuth)",
        ]),
      );
      const source = readFileSync(join(run.root, "convex/auth.config.ts"), "utf8");
      const evaluated = evaluateAuthConfig(
        readAuthConfigSource("convex/auth.config.ts", source),
        {},
        { CONVEX_SITE_URL: "https://happy-animal-123.convex.site" },
      );
      expect(evaluated.pushError).toBeNull();
      expect(evaluated.providers[0]).toMatchObject({
        kind: "customJwt",
        issuer: "https://happy-animal-123.convex.site",
        applicationID: "convex",
        algorithm: "RS256",
        jwks: "https://happy-animal-123.convex.site/api/auth/convex/jwks",
      });
    } finally {
      run.cleanup();
    }
  });
});
