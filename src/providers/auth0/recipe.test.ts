import { afterAll, describe, expect, it } from "vitest";
import { applyRefused, applyThenReplan, planOn, planned, summary } from "../../../test/helpers/add-recipe.ts";
import { applicationSettingsUrl, parseAuth0Domain } from "./values.ts";

const DEV = { auth0Domain: "https://acme-dev.eu.auth0.com/", auth0ClientId: "AbCdEf0123456789AbCdEf0123456789" };
const PROD = {
  prod: true,
  prodAuth0Domain: "acme.us.auth0.com",
  prodAuth0ClientId: "ZyXw0123456789ZyXw0123456789ZyXw",
  prodUrl: "https://tasks.example.com",
};
const SETTINGS =
  "https://manage.auth0.com/dashboard/eu/acme-dev/applications/AbCdEf0123456789AbCdEf0123456789/settings";

describe("add auth0: the plan per framework", () => {
  it("React + Vite: env-driven auth.config entry, Auth0Provider around the bridge, the app's URLs from its port", async () => {
    const added = await planOn("vite-port-3001", "auth0", DEV);
    expect(summary(added)).toEqual({
      files: {
        "convex/auth.config.ts": "create",
        "src/main.tsx": "modify",
        "src/AuthButtons.tsx": "create",
        ".env.local": "create",
      },
      env: [
        "AUTH0_DOMAIN dev set",
        "AUTH0_CLIENT_ID dev set",
        "VITE_AUTH0_DOMAIN local set",
        "VITE_AUTH0_CLIENT_ID local set",
      ],
      install: ["@auth0/auth0-react@2.27.0"],
      steps: [
        "In the development Auth0 application's Settings, set Allowed Callback URLs, Allowed Logout URLs and Allowed Web Origins to: http://localhost:3001",
        'In the same Settings page of the development application, turn on Refresh Token Rotation ("Allow Refresh Token Rotation") and save',
      ],
      missing: [],
    });
    expect(added.plan.humanSteps.map((step) => step.url)).toEqual([SETTINGS, SETTINGS]);
    expect(added.plan.env[0]!.value?.reveal()).toBe("acme-dev.eu.auth0.com");
    expect(planned(added, "convex/auth.config.ts")).toContain(
      "domain: process.env.AUTH0_DOMAIN!,\n      applicationID: process.env.AUTH0_CLIENT_ID!,",
    );
    expect(planned(added, "src/main.tsx")).toContain(
      '<Auth0Provider domain={import.meta.env.VITE_AUTH0_DOMAIN} clientId={import.meta.env.VITE_AUTH0_CLIENT_ID} authorizationParams={{ redirect_uri: window.location.origin }} useRefreshTokens={true} cacheLocation="localstorage">\n      <ConvexProviderWithAuth0 client={convex}>',
    );
    expect(planned(added, "src/AuthButtons.tsx")).toContain("<Authenticated>");
  });

  it("without values: both flags, and creating the SPA application comes first", async () => {
    const added = await planOn("vite-baseline", "auth0");
    expect(summary(added).missing).toEqual(["--auth0-domain", "--auth0-client-id"]);
    expect(summary(added).steps[0]).toMatch(/^Create a Single Page Application in Auth0/);
    expect(summary(added).steps[1]).toContain("to: http://localhost:5173");
    expect(added.plan.humanSteps[1]!.url).toBe("https://manage.auth0.com/#/applications");
  });

  it("Next.js App Router: the client provider guards window; the layout needs nothing", async () => {
    const added = await planOn("next-app-src", "auth0", DEV);
    expect(summary(added).files).toEqual({
      "convex/auth.config.ts": "create",
      "src/app/ConvexClientProvider.tsx": "modify",
      "src/app/AuthButtons.tsx": "create",
      ".env.local": "create",
    });
    expect(planned(added, "src/app/ConvexClientProvider.tsx")).toContain(
      'authorizationParams={{ redirect_uri: typeof window === "undefined" ? undefined : window.location.origin }}',
    );
    expect(summary(added).steps[0]).toContain("to: http://localhost:3005");
    expect(summary(added).env).toContain("NEXT_PUBLIC_AUTH0_CLIENT_ID local set");
  });

  it("Next.js Pages Router: the provider pair in pages/_app.tsx", async () => {
    const added = await planOn("next-pages-baseline", "auth0", DEV);
    expect(summary(added).files).toMatchObject({ "pages/_app.tsx": "modify", "components/AuthButtons.tsx": "create" });
    expect(planned(added, "pages/_app.tsx")).toContain(
      "<ConvexProviderWithAuth0 client={convex}>\n        <Component {...pageProps} />",
    );
  });

  it("TanStack Start and Expo are unsupported, with the reason", async () => {
    await expect(planOn("tanstack-start-baseline", "auth0", DEV)).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("Auth0's React SDK is client-only"),
    });
    await expect(planOn("expo-baseline", "auth0", DEV)).rejects.toMatchObject({ code: "unsupported" });
  });

  it("an app already wired to Auth0 plans only skips", async () => {
    const added = await planOn("next-app-auth0-done", "auth0", DEV);
    expect(added.plan.items.find((item) => item.path === "app/ConvexClientProvider.tsx")?.action).toBe("skip");
  });
});

describe("add auth0: production", () => {
  it("prod values on prod, the production application's URLs and rotation, the hosting variables", async () => {
    const added = await planOn("vite-baseline", "auth0", { ...DEV, ...PROD });
    expect(summary(added).env.slice(0, 4)).toEqual([
      "AUTH0_DOMAIN dev set",
      "AUTH0_CLIENT_ID dev set",
      "AUTH0_DOMAIN prod set",
      "AUTH0_CLIENT_ID prod set",
    ]);
    expect(added.plan.env[3]!.value?.reveal()).toBe("ZyXw0123456789ZyXw0123456789ZyXw");
    expect(summary(added).steps.slice(2)).toEqual([
      "In the production Auth0 application's Settings, set Allowed Callback URLs, Allowed Logout URLs and Allowed Web Origins to: https://tasks.example.com",
      'In the same Settings page of the production application, turn on Refresh Token Rotation ("Allow Refresh Token Rotation") and save',
      "Set VITE_AUTH0_DOMAIN and VITE_AUTH0_CLIENT_ID to the production application's values where your production frontend is built",
    ]);
  });

  it("--prod without prod values lists the prod flags; the dev application is refused for prod", async () => {
    const missing = await planOn("vite-baseline", "auth0", { ...DEV, prod: true });
    expect(summary(missing).missing).toEqual(["--prod-auth0-domain", "--prod-auth0-client-id"]);
    await expect(
      planOn("vite-baseline", "auth0", { ...DEV, ...PROD, prodAuth0ClientId: DEV.auth0ClientId }),
    ).rejects.toMatchObject({
      code: "dev_instance_on_prod",
    });
  });

  it("rejects a domain with a path and a non-https production URL", async () => {
    await expect(
      planOn("vite-baseline", "auth0", { ...DEV, auth0Domain: "https://acme.auth0.com/authorize" }),
    ).rejects.toMatchObject({ code: "usage" });
    await expect(
      planOn("vite-baseline", "auth0", { ...DEV, ...PROD, prodUrl: "http://tasks.example.com" }),
    ).rejects.toMatchObject({ code: "usage" });
  });
});

describe("Auth0 values", () => {
  it("normalises the domain and links the application's settings page on default tenant domains", () => {
    expect(parseAuth0Domain("ACME.us.auth0.com", "--auth0-domain")).toBe("acme.us.auth0.com");
    expect(applicationSettingsUrl("acme.auth0.com", "abc")).toBe(
      "https://manage.auth0.com/dashboard/us/acme/applications/abc/settings",
    );
    expect(applicationSettingsUrl("login.acme.com", "abc")).toBe("https://manage.auth0.com/#/applications");
  });
});

describe("add auth0: apply, then plan again", () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));

  it.each(["vite-baseline", "next-app-baseline", "next-pages-baseline"])(
    "%s: the second plan only skips",
    async (app) => {
      const run = await applyThenReplan(app, "auth0", DEV);
      cleanups.push(run.cleanup);
      expect(run.deployment.values.dev).toEqual({
        AUTH0_DOMAIN: "acme-dev.eu.auth0.com",
        AUTH0_CLIENT_ID: DEV.auth0ClientId,
      });
      expect(run.second.plan.items.every((item) => item.action === "skip")).toBe(true);
    },
  );

  it("beside another provider's Convex bridge: the refused client edit stops the whole apply, nothing written", async () => {
    const run = await applyRefused("vite-custom-jwt-done", "auth0", DEV);
    expect(run.plan.plan.items.find((item) => item.path === "src/main.tsx")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("renders <ConvexProviderWithAuth>, another provider's Convex bridge"),
    });
    expect(run.error).toMatchObject({ code: "edit_refused" });
    expect(run.unchanged).toBe(true);
    expect(run.deployment.values.dev).toEqual({});
  });
});
