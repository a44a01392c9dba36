/**
 * `add workos` plans on the fixture apps (read from disk, nothing written), then apply → plan
 * again on temp copies. The deployment is a recording in-memory stand-in (no Convex here).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isNoop, type Plan, type PlanItem } from "../../changes/plan.ts";
import { parseDotenv } from "../../config/dotenv.ts";
import { applyAdd, needsHuman, planAdd, toAddJson, type AddPlan } from "../add.ts";
import { runDoctor } from "../../rules/run.ts";
import { WORKOS_DEV_KEYS } from "./options.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const APPS = join(ROOT, "test/fixtures/apps");
const BIN = join(ROOT, "dist/cli/main.js");
const SCHEMA = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve("convex/package.json")), "schemas/convex.schema.json"),
  "utf8",
);
const RUN_CONVEX_DEV = "Run `npx convex dev` in a terminal once";
const CLIENT = "client_01JTESTDEVCLIENT0000000000";
const PROD_CLIENT = "client_01JTESTPRODCLIENT000000000";
const API_KEY = "sk_test_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of a fixture app, optionally with extra files. */
function copy(fixture: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "authwire-workos-"));
  temps.push(dir);
  const app = join(dir, fixture);
  cpSync(join(APPS, fixture), app, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), content);
  }
  return app;
}

function plan(
  cwd: string,
  options: Record<string, unknown> = {},
  deployment: Record<string, string> | undefined = undefined,
): Promise<AddPlan> {
  return planAdd({
    cwd: existsSync(cwd) ? cwd : join(APPS, cwd),
    provider: "workos",
    options,
    env: {},
    git: false,
    ...(deployment ? { readDeployment: async () => deployment } : { offline: true }),
  });
}

const item = (p: Plan, path: string): PlanItem | undefined => p.items.find((i) => i.path === path);
const after = (p: Plan, path: string): string => {
  const found = item(p, path);
  if (!found || found.action === "skip") throw new Error(`${path} is not created or modified: ${found?.reason}`);
  return found.after;
};
const actions = (p: Plan) => Object.fromEntries(p.items.map((i) => [i.path, i.action]));
const envOf = (p: Plan) => p.env.map(({ name, target, secret, status }) => ({ name, target, secret, status }));

describe("add workos, managed team: convex.json authKit on the detected port", () => {
  it.each([
    [
      "vite-baseline",
      5173,
      {
        VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
      },
    ],
    [
      "vite-port-3001",
      3001,
      {
        VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        VITE_WORKOS_REDIRECT_URI: "http://localhost:3001/callback",
      },
    ],
    [
      "next-app-baseline",
      3000,
      {
        WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        WORKOS_API_KEY: "${authEnv.WORKOS_API_KEY}",
        NEXT_PUBLIC_WORKOS_REDIRECT_URI: "http://localhost:3000/callback",
      },
    ],
    [
      "next-app-src",
      3005,
      {
        WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        WORKOS_API_KEY: "${authEnv.WORKOS_API_KEY}",
        NEXT_PUBLIC_WORKOS_REDIRECT_URI: "http://localhost:3005/callback",
      },
    ],
    [
      "tanstack-start-baseline",
      3000,
      {
        WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        WORKOS_API_KEY: "${authEnv.WORKOS_API_KEY}",
        WORKOS_REDIRECT_URI: "http://localhost:3000/callback",
      },
    ],
  ] as const)("%s → port %i everywhere", async (app, port, localEnvVars) => {
    const added = await plan(app);
    const origin = `http://localhost:${port}`;
    expect(JSON.parse(after(added.plan, "convex.json"))).toEqual({
      $schema: "./node_modules/convex/schemas/convex.schema.json",
      authKit: {
        dev: {
          configure: { redirectUris: [`${origin}/callback`], appHomepageUrl: origin, corsOrigins: [origin] },
          localEnvVars,
        },
      },
    });
    const redirectVar = Object.keys(localEnvVars).find((name) => name.endsWith("REDIRECT_URI"))!;
    const redirect = added.plan.env.find((change) => change.name === redirectVar)!;
    expect(redirect).toMatchObject({ target: "local", file: ".env.local", secret: false, status: "set" });
    expect(redirect.value!.reveal()).toBe(`${origin}/callback`);
    expect(added.plan.humanSteps).toEqual([
      expect.objectContaining({
        title: RUN_CONVEX_DEV,
        url: "https://docs.convex.dev/auth/authkit/auto-provision",
        command: "npx convex dev --once",
      }),
    ]);
    expect(added.plan.humanSteps[0]!.why).toContain(`${origin}/callback`);
    expect(added.missing).toEqual([]);
    expect(needsHuman(added)).toBe(true);
    // Nothing for a deployment: the managed team's first `npx convex dev` sets WORKOS_* itself.
    expect(added.plan.env.filter((change) => change.target !== "local")).toEqual([]);
  });

  it("vite: the providers, the auth.config entries, the packages", async () => {
    const added = await plan("vite-baseline");
    expect(actions(added.plan)).toEqual({
      "convex/auth.config.ts": "create",
      "convex.json": "create",
      "src/main.tsx": "modify",
      ".env.local": "create",
    });
    const main = after(added.plan, "src/main.tsx");
    expect(main).toContain('import { AuthKitProvider, useAuth } from "@workos-inc/authkit-react";');
    expect(main).toContain('import { ConvexProviderWithAuthKit } from "@convex-dev/workos";');
    expect(main).toContain(
      "<AuthKitProvider clientId={import.meta.env.VITE_WORKOS_CLIENT_ID} redirectUri={import.meta.env.VITE_WORKOS_REDIRECT_URI}>\n      <ConvexProviderWithAuthKit client={convex} useAuth={useAuth}>",
    );
    expect(main).toContain('import { ConvexReactClient } from "convex/react";');
    const config = after(added.plan, "convex/auth.config.ts");
    expect(config).toContain('issuer: "https://api.workos.com/",');
    expect(config).toContain("applicationID: process.env.WORKOS_CLIENT_ID!,");
    expect(config).toContain("issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,");
    expect(
      config.match(/jwks: `https:\/\/api\.workos\.com\/sso\/jwks\/\$\{process\.env\.WORKOS_CLIENT_ID\}`/g),
    ).toHaveLength(2);
    // The user-management entry has no applicationID: AuthKit access tokens carry no audience.
    expect(config.split("user_management")[1]).not.toContain("applicationID");
    expect(added.plan.install.map(({ name, version, status }) => `${name}@${version} ${status}`)).toEqual([
      "@workos-inc/authkit-react@0.16.2 install",
      "@convex-dev/workos@0.0.3 install",
    ]);
  });

  it("next (App Router): routes, a generated cookie password kept out of git", async () => {
    const added = await plan("next-app-baseline");
    expect(actions(added.plan)).toMatchObject({
      "app/callback/route.ts": "create",
      "app/sign-in/route.ts": "create",
      "app/sign-up/route.ts": "create",
    });
    expect(after(added.plan, "app/callback/route.ts")).toContain("export const GET = handleAuth();");
    expect(after(added.plan, "app/sign-in/route.ts")).toContain("redirect(await getSignInUrl());");
    expect(after(added.plan, "app/sign-up/route.ts")).toContain("redirect(await getSignUpUrl());");
    const cookie = added.plan.env.find((change) => change.name === "WORKOS_COOKIE_PASSWORD")!;
    expect(cookie).toMatchObject({ target: "local", secret: true, status: "set" });
    expect(cookie.value!.reveal().length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(toAddJson(added, { applied: false }))).not.toContain(cookie.value!.reveal());
    // .env.local is already in the fixture's .gitignore: no .gitignore edit.
    expect(item(added.plan, ".gitignore")).toBeUndefined();
    expect(added.plan.install.map((p) => p.name)).toEqual(["@workos-inc/authkit-nextjs"]);
  });

  it("next: AuthKitProvider around ConvexProviderWithAuth fed by useAuthFromAuthKit; proxy.ts on Next 16", async () => {
    const added = await plan("next-app-baseline");
    const provider = after(added.plan, "app/ConvexClientProvider.tsx");
    expect(provider).toContain(
      'import { AuthKitProvider, useAccessToken, useAuth } from "@workos-inc/authkit-nextjs/components";',
    );
    expect(provider).toContain(
      "<AuthKitProvider><ConvexProviderWithAuth client={convex} useAuth={useAuthFromAuthKit}>{children}</ConvexProviderWithAuth></AuthKitProvider>",
    );
    expect(provider).toContain("function useAuthFromAuthKit() {");
    expect(provider).toContain("(forceRefreshToken ? await refresh() : await getAccessToken()) ?? null");
    expect(provider).not.toMatch(/\bConvexProvider\b/);
    expect(item(added.plan, "app/layout.tsx")).toBeUndefined();
    expect(after(added.plan, "proxy.ts")).toContain(
      'import { authkitProxy } from "@workos-inc/authkit-nextjs";\n\nexport default authkitProxy();',
    );
    expect(item(added.plan, "middleware.ts")).toBeUndefined();
  });

  it("next 15 with src/app: middleware.ts in src/, routes under src/app", async () => {
    const added = await plan("next-app-src");
    expect(actions(added.plan)).toMatchObject({
      "src/middleware.ts": "create",
      "src/app/ConvexClientProvider.tsx": "modify",
      "src/app/callback/route.ts": "create",
      "src/app/sign-in/route.ts": "create",
    });
    expect(JSON.parse(after(added.plan, "convex.json")).authKit.dev.configure.redirectUris).toEqual([
      "http://localhost:3005/callback",
    ]);
  });

  it("next: an existing proxy.ts from the WorkOS template counts as done; another provider's is refused", async () => {
    const template = copy("next-app-baseline", {
      "proxy.ts":
        'import { authkitMiddleware } from "@workos-inc/authkit-nextjs";\n\nexport default authkitMiddleware({ eagerAuth: true });\n',
    });
    expect(item((await plan(template)).plan, "proxy.ts")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("already done"),
    });
    const clerk = copy("next-app-baseline", {
      "proxy.ts": 'import { clerkMiddleware } from "@clerk/nextjs/server";\n\nexport default clerkMiddleware();\n',
    });
    expect(item((await plan(clerk)).plan, "proxy.ts")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("call authkitProxy(…) inside it by hand"),
    });
  });

  it("tanstack start: server routes beside __root", async () => {
    const added = await plan("tanstack-start-baseline");
    expect(actions(added.plan)).toMatchObject({
      "src/routes/callback.tsx": "create",
      "src/routes/sign-in.tsx": "create",
      "src/routes/sign-up.tsx": "create",
    });
    expect(after(added.plan, "src/routes/callback.tsx")).toContain('createFileRoute("/callback")');
    expect(after(added.plan, "src/routes/callback.tsx")).toContain("GET: handleCallbackRoute(),");
    expect(after(added.plan, "src/start.ts")).toContain("requestMiddleware: [csrfMiddleware, authkitMiddleware()],");
    const router = after(added.plan, "src/router.tsx");
    expect(router).toContain(
      "InnerWrap: ({ children }) => <AuthKitProvider><ConvexProviderWithAuth client={convexQueryClient.convexClient} useAuth={useAuthFromWorkOS}>{children}</ConvexProviderWithAuth></AuthKitProvider>,",
    );
    expect(router).not.toContain("Wrap: ({ children }) => <ConvexProvider ");
    expect(router).toContain('from "@workos/authkit-tanstack-react-start/client";');
    const root = after(added.plan, "src/routes/__root.tsx");
    expect(root).toContain('import { getAuth } from "@workos/authkit-tanstack-react-start";');
    expect(root).toContain("if (auth.user) ctx.context.convexQueryClient.serverHttpClient?.setAuth(auth.accessToken);");
    expect(added.plan.install.map((p) => p.name)).toEqual(["@workos/authkit-tanstack-react-start"]);
  });

  it("keeps convex.json's comments and settings, adds $schema first", async () => {
    const app = copy("vite-port-3001", {
      "convex.json":
        '{\n  // functions live in convex/\n  "functions": "convex/", /* keep me */\n  "node": { "externalPackages": [] }\n}\n',
      "node_modules/convex/schemas/convex.schema.json": SCHEMA,
    });
    const text = after((await plan(app)).plan, "convex.json");
    expect(text).toMatch(
      /^\{\n {2}"\$schema": "\.\/node_modules\/convex\/schemas\/convex\.schema\.json",\n {2}\/\/ functions live in convex\/\n/,
    );
    expect(text).toContain('"functions": "convex/", /* keep me */');
    expect(text).toContain('"redirectUris": [\n          "http://localhost:3001/callback"\n        ]');
  });

  it("replaces a dev redirect on another port, and adds to the user's own entries", async () => {
    const existing = {
      authKit: {
        dev: {
          configure: {
            redirectUris: ["http://localhost:5173/callback", "https://tunnel.example.dev/callback"],
            appHomepageUrl: "http://localhost:5173",
            corsOrigins: ["http://localhost:5173"],
          },
          localEnvVars: {
            VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
            VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
          },
        },
      },
    };
    const app = copy("vite-port-3001", { "convex.json": `${JSON.stringify(existing, null, 2)}\n` });
    const written = JSON.parse(after((await plan(app)).plan, "convex.json")) as typeof existing;
    expect(written.authKit.dev).toEqual({
      configure: {
        redirectUris: ["http://localhost:3001/callback", "https://tunnel.example.dev/callback"],
        appHomepageUrl: "http://localhost:3001",
        corsOrigins: ["http://localhost:3001"],
      },
      localEnvVars: {
        VITE_WORKOS_CLIENT_ID: "${authEnv.WORKOS_CLIENT_ID}",
        VITE_WORKOS_REDIRECT_URI: "http://localhost:3001/callback",
      },
    });
  });

  it("reports a convex.json the Convex schema would reject, and leaves it alone", async () => {
    const app = copy("vite-baseline", {
      "convex.json": '{ "functions": 42 }\n',
      "node_modules/convex/schemas/convex.schema.json": SCHEMA,
    });
    const added = await plan(app);
    expect(item(added.plan, "convex.json")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining(
        "convex.json would not pass node_modules/convex/schemas/convex.schema.json: functions must be string",
      ),
    });
    expect(added.plan.warnings).toContainEqual(expect.objectContaining({ code: "edit_refused", file: "convex.json" }));
  });

  it("respects configure: false", async () => {
    const app = copy("vite-baseline", {
      "convex.json": '{\n  "authKit": {\n    "dev": {\n      "configure": false\n    }\n  }\n}\n',
    });
    const written = JSON.parse(after((await plan(app)).plan, "convex.json")) as {
      authKit: { dev: Record<string, unknown> };
    };
    expect(written.authKit.dev.configure).toBe(false);
    expect(written.authKit.dev.localEnvVars).toBeDefined();
  });

  it("--prod: preview and prod from Vercel's build variables, or prod from --prod-url", async () => {
    const vercel = JSON.parse(after((await plan("next-app-baseline", { prod: true })).plan, "convex.json")) as {
      authKit: Record<string, unknown>;
    };
    expect(vercel.authKit.prod).toEqual({
      environmentType: "production",
      configure: {
        redirectUris: ["https://${buildEnv.VERCEL_PROJECT_PRODUCTION_URL}/callback"],
        appHomepageUrl: "https://${buildEnv.VERCEL_PROJECT_PRODUCTION_URL}",
        corsOrigins: ["https://${buildEnv.VERCEL_PROJECT_PRODUCTION_URL}"],
      },
    });
    expect(vercel.authKit.preview).toMatchObject({
      configure: { redirectUris: ["https://${buildEnv.VERCEL_BRANCH_URL}/callback"] },
    });

    const added = await plan("vite-baseline", { prod: true, prodUrl: "https://app.example.com/" });
    const own = JSON.parse(after(added.plan, "convex.json")) as { authKit: Record<string, unknown> };
    expect(own.authKit.preview).toBeUndefined();
    expect(own.authKit.prod).toEqual({
      environmentType: "production",
      configure: {
        redirectUris: ["https://app.example.com/callback"],
        appHomepageUrl: "https://app.example.com",
        corsOrigins: ["https://app.example.com"],
      },
    });
    expect(added.plan.humanSteps.map((step) => step.title)).toEqual([
      RUN_CONVEX_DEV,
      expect.stringContaining("Create the production AuthKit environment in the Convex dashboard"),
      expect.stringContaining("VITE_WORKOS_REDIRECT_URI=https://app.example.com/callback"),
    ]);
  });

  it("an app wired like Convex's AuthKit template (a clientId const in auth.config) is already done", async () => {
    const added = await plan("vite-workos-done");
    expect(added.plan.items.map((i) => `${i.action} ${i.path}`)).toEqual([
      "skip convex/auth.config.ts",
      "skip convex.json",
      "skip src/main.tsx",
      "skip .env.local",
    ]);
    expect(isNoop(added.plan)).toBe(true);
    expect(needsHuman(added)).toBe(false);
  });

  it("drops the convex dev step once .env.local has the provisioned client ID", async () => {
    const app = copy("vite-port-3001", { ".env.local": `VITE_WORKOS_CLIENT_ID=${CLIENT}\n` });
    expect((await plan(app)).plan.humanSteps).toEqual([]);
  });
});

describe("add workos, existing team", () => {
  it("sets the client ID and API key on the deployment and lists the dashboard settings on the real port", async () => {
    const added = await plan("vite-port-3001", {
      workosTeam: "existing",
      workosClientId: CLIENT,
      workosApiKey: API_KEY,
    });
    expect(item(added.plan, "convex.json")).toBeUndefined();
    expect(envOf(added.plan)).toEqual([
      { name: "WORKOS_CLIENT_ID", target: "dev", secret: false, status: "set" },
      { name: "WORKOS_API_KEY", target: "dev", secret: true, status: "set" },
      { name: "VITE_WORKOS_REDIRECT_URI", target: "local", secret: false, status: "set" },
      { name: "VITE_WORKOS_CLIENT_ID", target: "local", secret: false, status: "set" },
    ]);
    expect(added.plan.humanSteps.map((step) => step.title)).toEqual([
      "WorkOS dashboard (staging environment) → Redirects: add the redirect URI http://localhost:3001/callback",
      "WorkOS dashboard (staging environment) → Authentication → Sessions → CORS: add http://localhost:3001",
      "WorkOS dashboard (staging environment) → Redirects: set the app homepage URL http://localhost:3001, and the sign-out redirect http://localhost:3001",
    ]);
    expect(added.plan.humanSteps[0]!.why).toContain("vite.config.ts: server.port");
    expect(added.missing).toEqual([]);
  });

  it("next: the sign-in endpoint too, and the API key in the gitignored .env.local", async () => {
    const added = await plan("next-app-baseline", { workosClientId: CLIENT, workosApiKey: API_KEY });
    expect(added.plan.humanSteps.at(-1)!.title).toBe(
      "WorkOS dashboard (staging environment) → Redirects: set the app homepage URL http://localhost:3000, the sign-out redirect http://localhost:3000 and the sign-in endpoint http://localhost:3000/sign-in",
    );
    expect(envOf(added.plan)).toContainEqual({ name: "WORKOS_API_KEY", target: "local", secret: true, status: "set" });
  });

  it("without the values: pending, with the flags that supply them and where to get them", async () => {
    const added = await plan("vite-baseline", { workosTeam: "existing" });
    expect(added.missing).toEqual([
      { name: "workosClientId", flag: "--workos-client-id", why: expect.any(String), obtainedBy: WORKOS_DEV_KEYS },
      {
        name: "workosApiKey",
        flag: "--workos-api-key-stdin (or WORKOS_API_KEY in the environment)",
        why: expect.any(String),
        obtainedBy: WORKOS_DEV_KEYS,
      },
    ]);
    expect(added.plan.humanSteps).toContainEqual(WORKOS_DEV_KEYS);
  });

  it("takes the API key from WORKOS_API_KEY in the process env", async () => {
    const added = await planAdd({
      cwd: join(APPS, "vite-baseline"),
      provider: "workos",
      options: { workosClientId: CLIENT },
      env: { WORKOS_API_KEY: API_KEY },
      offline: true,
      git: false,
    });
    expect(added.plan.env.find((change) => change.name === "WORKOS_API_KEY")!.value!.reveal()).toBe(API_KEY);
  });

  it("--prod: a separate client on the prod deployment, its dashboard settings and host variables", async () => {
    const added = await plan("next-app-baseline", {
      workosClientId: CLIENT,
      workosApiKey: API_KEY,
      prod: true,
      prodWorkosClientId: PROD_CLIENT,
      prodWorkosApiKey: "sk_live_f0e1d2c3b4a5968778695a4b3c2d1e0f",
      prodUrl: "https://app.example.com",
    });
    expect(envOf(added.plan).filter((change) => change.target === "prod")).toEqual([
      { name: "WORKOS_CLIENT_ID", target: "prod", secret: false, status: "set" },
      { name: "WORKOS_API_KEY", target: "prod", secret: true, status: "set" },
    ]);
    const titles = added.plan.humanSteps.map((step) => step.title);
    expect(titles).toContain(
      "WorkOS dashboard (production environment) → Redirects: add the redirect URI https://app.example.com/callback",
    );
    expect(titles.at(-1)).toContain("NEXT_PUBLIC_WORKOS_REDIRECT_URI=https://app.example.com/callback");
  });

  it("refuses the dev client or key for prod, and a localhost prod URL", async () => {
    await expect(
      plan("vite-baseline", { workosClientId: CLIENT, prod: true, prodWorkosClientId: CLIENT }),
    ).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("is the staging client"),
    });
    const app = copy("vite-baseline", { ".env.local": `VITE_WORKOS_CLIENT_ID=${CLIENT}\n` });
    await expect(plan(app, { workosTeam: "existing", prod: true, prodWorkosClientId: CLIENT })).rejects.toMatchObject({
      code: "usage",
    });
    await expect(
      plan("vite-baseline", { workosClientId: CLIENT, workosApiKey: API_KEY, prod: true, prodWorkosApiKey: API_KEY }),
    ).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("is the staging one"),
    });
    await expect(plan("vite-baseline", { prod: true, prodUrl: "http://localhost:5173" })).rejects.toMatchObject({
      code: "usage",
    });
    await expect(plan("vite-baseline", { prodUrl: "https://app.example.com" })).rejects.toMatchObject({
      message: "--prod-url needs --prod.",
    });
    await expect(plan("vite-baseline", { workosTeam: "managed", workosClientId: CLIENT })).rejects.toMatchObject({
      code: "usage",
    });
    await expect(plan("vite-baseline", { workosTeam: "mine" })).rejects.toMatchObject({ code: "usage" });
  });
});

describe("add workos: unsupported and idempotent", () => {
  it("refuses the Next Pages Router and says why", async () => {
    await expect(plan("next-pages-baseline")).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("@workos-inc/authkit-nextjs works with the Next.js App Router only"),
    });
  });

  it.each(["vite-port-3001", "next-app-baseline", "tanstack-start-baseline"])(
    "%s: apply, then planning again only skips",
    async (fixture) => {
      const app = copy(fixture);
      const deployment: Record<string, string> = {};
      const io = {
        deployment: {
          list: async () => ({ ...deployment }),
          set: async (_target: unknown, name: string, value: string) => void (deployment[name] = value),
          remove: async (_target: unknown, name: string) => void delete deployment[name],
        },
      };
      const options = { workosClientId: CLIENT, workosApiKey: API_KEY };
      const first = await plan(app, options, deployment);
      await applyAdd(first, { install: false, io });
      expect(deployment).toEqual({ WORKOS_CLIENT_ID: CLIENT, WORKOS_API_KEY: API_KEY });
      const local = parseDotenv(readFileSync(join(app, ".env.local"), "utf8"));
      const cookie = local.WORKOS_COOKIE_PASSWORD;

      expect(first.plan.humanSteps.length).toBe(3);
      const again = await plan(app, options, deployment);
      expect(again.plan.items.filter((i) => i.action !== "skip")).toEqual([]);
      expect(again.plan.env.every((change) => change.status === "unchanged")).toBe(true);
      // The dashboard steps were listed with the first apply; a settled re-run has nothing left.
      expect(again.plan.humanSteps).toEqual([]);
      // The cookie password is generated once, never rotated by a re-run.
      expect(parseDotenv(readFileSync(join(app, ".env.local"), "utf8")).WORKOS_COOKIE_PASSWORD).toBe(cookie);

      // doctor agrees: no errors or warnings on the wired app with that deployment env.
      const devEnv = join(app, "..", "dev.env");
      writeFileSync(
        devEnv,
        Object.entries(deployment)
          .map(([name, value]) => `${name}=${value}\n`)
          .join(""),
      );
      const doctor = await runDoctor({ cwd: app, devEnv, offline: true, processEnv: {} });
      expect(doctor.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
      const checklist = Object.fromEntries(doctor.checklist.items.map((entry) => [entry.id, entry.status]));
      expect(checklist).toMatchObject({
        "auth-config": "pass",
        "env-dev": "pass",
        secrets: "pass",
        client: "pass",
        callbacks: "pass",
      });
      expect(Object.values(checklist).filter((status) => status === "fail")).toEqual([]);
    },
  );

  it("managed: apply, then planning again only skips (the convex dev step remains until it has run)", async () => {
    const app = copy("vite-port-3001");
    await applyAdd(await plan(app), { install: false });
    const again = await plan(app);
    expect(again.plan.items.every((i) => i.action === "skip")).toBe(true);
    expect(again.plan.humanSteps.map((step) => step.title)).toEqual([RUN_CONVEX_DEV]);
  });
});

describe("authwire add workos (the built CLI, no TTY)", () => {
  it("managed: applies, then exits 3 with the convex dev step", () => {
    const app = copy("vite-port-3001");
    const result = spawnSync(
      process.execPath,
      [BIN, "add", "workos", "--json", "--yes", "--no-install", "--offline", "--cwd", app],
      {
        encoding: "utf8",
        env: { ...process.env, CONVEX_DEPLOYMENT: "", WORKOS_API_KEY: "" },
      },
    );
    expect(result.status, result.stderr).toBe(3);
    const json = JSON.parse(result.stdout) as { applied: boolean; humanSteps: { title: string; url: string }[] };
    expect(json.applied).toBe(true);
    expect(json.humanSteps).toEqual([
      expect.objectContaining({ title: RUN_CONVEX_DEV, url: "https://docs.convex.dev/auth/authkit/auto-provision" }),
    ]);
    expect(readFileSync(join(app, "convex.json"), "utf8")).toContain("http://localhost:3001/callback");
  });

  it("takes the API key on stdin, one secret per run", () => {
    const app = copy("vite-baseline");
    const run = (args: string[], input: string) =>
      spawnSync(
        process.execPath,
        [BIN, "add", "workos", "--json", "--dry-run", "--offline", "--cwd", app, "--workos-client-id", CLIENT, ...args],
        {
          encoding: "utf8",
          input,
          env: { ...process.env, CONVEX_DEPLOYMENT: "", WORKOS_API_KEY: "", PROD_WORKOS_API_KEY: "" },
        },
      );
    const piped = run(["--workos-api-key-stdin"], `${API_KEY}\n`);
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).env).toContainEqual(
      expect.objectContaining({ name: "WORKOS_API_KEY", target: "dev", status: "set" }),
    );
    expect(piped.stdout).not.toContain(API_KEY);
    const both = run(
      ["--workos-api-key-stdin", "--prod", "--prod-workos-client-id", PROD_CLIENT, "--prod-workos-api-key-stdin"],
      `${API_KEY}\n`,
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("PROD_WORKOS_API_KEY");
  });
});
