import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APPS } from "../../../test/helpers/edits.ts";
import { applyRefused, applyThenReplan, planOn, planned, summary } from "../../../test/helpers/add-recipe.ts";
import { clerkPublishableKey } from "../../../test/helpers/projects.ts";

const KEY = clerkPublishableKey("happy-otter-1.clerk.accounts.dev");
const ISSUER = "https://happy-otter-1.clerk.accounts.dev";
const LIVE = clerkPublishableKey("clerk.tasks.example.com", "live");
const SECRET = { CLERK_SECRET_KEY: "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b" };
const STEPS = {
  keys: "Copy the publishable key (pk_test_…) and the secret key (sk_test_…) from the API keys page of your Clerk app's development instance",
  integration: "Activate the Convex integration in the Clerk dashboard",
  signOutIn: "Sign out of the app and sign back in once the integration is active",
};

describe("add clerk: the plan per framework", () => {
  it("React + Vite: auth.config, the entry, a gated UI component, the publishable key, @clerk/react", async () => {
    const added = await planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY });
    expect(summary(added)).toEqual({
      files: {
        "convex/auth.config.ts": "create",
        "src/main.tsx": "modify",
        "src/AuthButtons.tsx": "create",
        ".env.local": "create",
      },
      env: ["CLERK_JWT_ISSUER_DOMAIN dev set", "VITE_CLERK_PUBLISHABLE_KEY local set"],
      install: ["@clerk/react@6.18.0"],
      steps: [STEPS.integration, STEPS.signOutIn],
      missing: [],
    });
    expect(added.plan.env[0]!.value?.reveal()).toBe(ISSUER);
    expect(planned(added, "convex/auth.config.ts")).toContain(
      'domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: "convex",',
    );
    expect(planned(added, "src/main.tsx")).toContain(
      "<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>\n      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>",
    );
    expect(planned(added, "src/AuthButtons.tsx")).toContain('<Unauthenticated>\n        <SignInButton mode="modal" />');
    expect(added.plan.humanSteps[0]).toEqual({
      title: STEPS.integration,
      url: "https://dashboard.clerk.com/apps/setup/convex",
      why: expect.stringContaining('aud: "convex"'),
    });
    expect(added.nextSteps[0]).toContain(`npx convex env set CLERK_JWT_ISSUER_DOMAIN ${ISSUER}`);
  });

  it("without a key: the flag to pass, the pending variables and the page to copy it from, first", async () => {
    const added = await planOn("vite-baseline", "clerk");
    expect(summary(added)).toMatchObject({
      env: ["CLERK_JWT_ISSUER_DOMAIN dev pending", "VITE_CLERK_PUBLISHABLE_KEY local pending"],
      steps: [STEPS.keys, STEPS.integration, STEPS.signOutIn],
      missing: ["--clerk-publishable-key"],
    });
    expect(added.plan.humanSteps[0]!.url).toBe("https://dashboard.clerk.com/~/api-keys");
  });

  it("an app still on @clerk/clerk-react keeps it (nothing installed, imports from it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authwire-clerk-react-"));
    try {
      cpSync(join(APPS, "vite-baseline"), dir, { recursive: true });
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      pkg.dependencies["@clerk/clerk-react"] = "^5.61.10";
      writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
      const added = await planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY }, { cwd: dir });
      expect(summary(added).install).toEqual([]);
      expect(planned(added, "src/main.tsx")).toContain('import { ClerkProvider, useAuth } from "@clerk/clerk-react";');
      expect(planned(added, "src/AuthButtons.tsx")).toContain('from "@clerk/clerk-react";');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Next.js App Router (16): proxy.ts, ClerkProvider in the layout around the client provider, the secret key", async () => {
    const added = await planOn("next-app-baseline", "clerk", { clerkPublishableKey: KEY }, { env: SECRET });
    expect(summary(added)).toEqual({
      files: {
        "convex/auth.config.ts": "create",
        "proxy.ts": "create",
        "app/ConvexClientProvider.tsx": "modify",
        "app/layout.tsx": "modify",
        "app/AuthButtons.tsx": "create",
        ".env.local": "create",
      },
      env: [
        "CLERK_JWT_ISSUER_DOMAIN dev set",
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY local set",
        "CLERK_SECRET_KEY local set",
      ],
      install: ["@clerk/nextjs@7.9.17"],
      steps: [STEPS.integration, STEPS.signOutIn],
      missing: [],
    });
    expect(planned(added, "proxy.ts")).toContain("export default clerkMiddleware();");
    expect(planned(added, "app/layout.tsx")).toContain(
      "<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>",
    );
    expect(planned(added, "app/ConvexClientProvider.tsx")).toContain('import { useAuth } from "@clerk/nextjs";');
    expect(planned(added, "app/AuthButtons.tsx").startsWith('"use client";\n')).toBe(true);
    expect(added.plan.env.find((e) => e.name === "CLERK_SECRET_KEY")).toMatchObject({
      secret: true,
      file: ".env.local",
    });
  });

  it("Next 15 with src/: middleware.ts in src/, and the secret key is asked for when missing", async () => {
    const added = await planOn("next-app-src", "clerk", { clerkPublishableKey: KEY });
    expect(summary(added).files).toEqual({
      "convex/auth.config.ts": "create",
      "src/middleware.ts": "create",
      "src/app/ConvexClientProvider.tsx": "modify",
      "src/app/layout.tsx": "modify",
      "src/app/AuthButtons.tsx": "create",
      ".env.local": "create",
    });
    expect(summary(added).missing).toEqual(["--clerk-secret-key-stdin (or CLERK_SECRET_KEY in the environment)"]);
    expect(summary(added).steps[0]).toBe(STEPS.keys);
  });

  it("Next.js Pages Router: ClerkProvider {...pageProps} in _app around the bridge, plus proxy.ts", async () => {
    const added = await planOn("next-pages-baseline", "clerk", { clerkPublishableKey: KEY }, { env: SECRET });
    expect(summary(added).files).toEqual({
      "convex/auth.config.ts": "create",
      "proxy.ts": "create",
      "pages/_app.tsx": "modify",
      "components/AuthButtons.tsx": "create",
      ".env.local": "create",
    });
    expect(planned(added, "pages/_app.tsx")).toContain(
      "    <ClerkProvider {...pageProps}>\n      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n        <Component {...pageProps} />",
    );
  });

  it("TanStack Start: start.ts middleware, the SSR token in beforeLoad, the providers inside <body>", async () => {
    const added = await planOn("tanstack-start-baseline", "clerk", { clerkPublishableKey: KEY }, { env: SECRET });
    expect(summary(added)).toEqual({
      files: {
        "convex/auth.config.ts": "create",
        "src/start.ts": "create",
        // Its context already holds convexClient and convexQueryClient (what the root route reads).
        "src/router.tsx": "skip",
        "src/routes/__root.tsx": "modify",
        "src/AuthButtons.tsx": "create",
        ".env.local": "create",
      },
      env: ["CLERK_JWT_ISSUER_DOMAIN dev set", "VITE_CLERK_PUBLISHABLE_KEY local set", "CLERK_SECRET_KEY local set"],
      install: ["@clerk/tanstack-react-start@1.5.15"],
      steps: [STEPS.integration, STEPS.signOutIn],
      missing: [],
    });
    const root = planned(added, "src/routes/__root.tsx");
    expect(root).toContain("if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);");
    expect(root).toContain("return { userId, token: await getToken() };");
    expect(root).toContain("<ConvexProviderWithClerk client={convexClient} useAuth={useAuth}>");
    expect(planned(added, "src/start.ts")).toContain("requestMiddleware: [csrfMiddleware, clerkMiddleware()]");
  });

  it("refuses Expo, with the reason", async () => {
    await expect(planOn("expo-baseline", "clerk", { clerkPublishableKey: KEY })).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("Clerk on Expo needs @clerk/expo"),
    });
  });
});

describe("add clerk: production", () => {
  it("sets the production instance's issuer on prod, from --prod-clerk-publishable-key, with its steps", async () => {
    const added = await planOn("vite-baseline", "clerk", {
      clerkPublishableKey: KEY,
      prod: true,
      prodClerkPublishableKey: LIVE,
    });
    expect(summary(added).env).toEqual([
      "CLERK_JWT_ISSUER_DOMAIN dev set",
      "CLERK_JWT_ISSUER_DOMAIN prod set",
      "VITE_CLERK_PUBLISHABLE_KEY local set",
    ]);
    expect(added.plan.env[1]!.value?.reveal()).toBe("https://clerk.tasks.example.com");
    expect(summary(added).steps.slice(2)).toEqual([
      expect.stringMatching(/^Open your Clerk production instance: activate the Convex integration there too/),
      "Set VITE_CLERK_PUBLISHABLE_KEY=pk_live_… (the production instance's keys) where your production frontend is built and served",
    ]);
    expect(added.nextSteps.at(-1)).toMatch(/npx convex deploy/);
  });

  it("--prod without production values: the prod flag is missing, never the dev value reused", async () => {
    const added = await planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY, prod: true });
    expect(summary(added).env).toContain("CLERK_JWT_ISSUER_DOMAIN prod pending");
    expect(summary(added).missing).toEqual(["--prod-clerk-publishable-key"]);
  });

  it("refuses a pk_test_ key for production (exit 2, naming the fix)", async () => {
    await expect(
      planOn("vite-baseline", "clerk", { clerkPublishableKey: KEY, prod: true, prodClerkPublishableKey: KEY }),
    ).rejects.toMatchObject({
      code: "dev_instance_on_prod",
      exitCode: 2,
      hint: expect.stringContaining("pk_live_"),
    });
  });
});

describe("add clerk: apply, then plan again", () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));

  it.each([
    ["vite-baseline", {}],
    ["next-app-baseline", SECRET],
    ["next-app-nested-provider", SECRET],
    ["tanstack-start-baseline", SECRET],
  ])("%s: the second plan only skips, and the deployment got the issuer", async (app, env) => {
    const run = await applyThenReplan(app, "clerk", { clerkPublishableKey: KEY }, env);
    cleanups.push(run.cleanup);
    expect(run.deployment.values.dev).toEqual({ CLERK_JWT_ISSUER_DOMAIN: ISSUER });
    expect(run.second.plan.items.map((item) => item.action)).toEqual(run.second.plan.items.map(() => "skip"));
    expect(run.second.plan.env.every((change) => change.status === "unchanged")).toBe(true);
  });

  it("beside Convex Auth's bridge: the refused client edit stops the whole apply, nothing written", async () => {
    const run = await applyRefused("vite-convex-auth-done", "clerk", { clerkPublishableKey: KEY });
    expect(run.plan.plan.items.find((item) => item.path === "src/main.tsx")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("renders <ConvexAuthProvider>, another provider's Convex bridge"),
    });
    expect(run.plan.plan.warnings).toContainEqual(
      expect.objectContaining({ code: "edit_refused", file: "src/main.tsx" }),
    );
    expect(run.error).toMatchObject({ code: "edit_refused" });
    expect(run.unchanged).toBe(true);
    expect(run.deployment.values.dev).toEqual({});
  });
});

describe("add clerk: TanStack Start with another provider in the router", () => {
  it("leaves the root route alone when the router's Wrap already renders another bridge", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authwire-clerk-start-"));
    try {
      cpSync(join(APPS, "tanstack-start-baseline"), dir, { recursive: true });
      const router = join(dir, "src/router.tsx");
      writeFileSync(
        router,
        readFileSync(router, "utf8")
          .replace(
            "<ConvexProvider client={convexQueryClient.convexClient}>",
            "<ConvexProviderWithAuth client={convexQueryClient.convexClient} useAuth={useAuthFromWorkOS}>",
          )
          .replace("</ConvexProvider>", "</ConvexProviderWithAuth>"),
      );
      const added = await planOn(
        "tanstack-start-baseline",
        "clerk",
        { clerkPublishableKey: KEY },
        { cwd: dir, env: SECRET },
      );
      expect(added.plan.items.find((item) => item.path === "src/routes/__root.tsx")).toMatchObject({
        action: "skip",
        reason: expect.stringContaining("renders <ConvexProviderWithAuth>, another provider's Convex bridge"),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
