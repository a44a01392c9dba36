/**
 * `add convex-auth` plans on the fixture apps (by path and action, env statuses, packages), the
 * apply → plan-again round trip (only skips, keys unchanged), the methods, --prod, and refusals.
 * The deployment's env comes from the `readDeployment` seam; apply uses an in-memory deployment
 * (the CLI-backed deployment layer is tested against the stand-in in src/deployment and keys.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isNoop, toPlanJson } from "../../changes/plan.ts";
import { checkKeyPair } from "../../config/convex-auth-keys.ts";
import { memoryDeployment } from "../../../test/helpers/memory-deployment.ts";
import { copyFixture, tempDir, writeFiles } from "../../../test/helpers/project.ts";
import { applyAdd, needsHuman, planAdd, toAddJson, type AddRequest } from "../add.ts";
import { generateConvexAuthKeys } from "./key-material.ts";

const temp = tempDir("authwire-convex-auth-");
afterAll(() => temp.cleanup());
let copies = 0;
/**
 * A copy of a fixture that is already on Convex Auth v1 (`npm install @convex-dev/auth@0.0.95` ran):
 * `add convex-auth` keeps such an app on v1. Apps without it get v2 (v2/recipe.test.ts).
 */
function app(fixture: string): string {
  const into = copyFixture(`apps/${fixture}`, join(temp.dir, String((copies += 1))));
  const pkg = JSON.parse(readFileSync(join(into, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  pkg.dependencies["@convex-dev/auth"] ??= "^0.0.95";
  writeFiles(into, { "package.json": JSON.stringify(pkg, null, 2) });
  return into;
}

type Env = Record<string, string>;
function plan(
  cwd: string,
  options: Record<string, unknown> = {},
  deployment: { dev?: Env; prod?: Env } = {},
  extra: Partial<AddRequest> = {},
) {
  return planAdd({
    cwd,
    provider: "convex-auth",
    options,
    git: false,
    env: {},
    readDeployment: async (target) => deployment[target] ?? {},
    ...extra,
  });
}

const actions = (added: Awaited<ReturnType<typeof plan>>) =>
  added.plan.items.map((item) => `${item.action} ${item.path}`);
const envRows = (added: Awaited<ReturnType<typeof plan>>) =>
  added.plan.env.map((c) => `${c.target} ${c.name} ${c.status}`);
const after = (added: Awaited<ReturnType<typeof plan>>, path: string) => {
  const item = added.plan.items.find((i) => i.path === path);
  if (!item || item.action === "skip") throw new Error(`${path} is not changed by the plan`);
  return item.after;
};

describe("add convex-auth on the fixture apps", () => {
  it("vite-baseline: backend files, ConvexAuthProvider, a sign-in component, SITE_URL + a fresh key pair on dev", async () => {
    const added = await plan(app("vite-baseline"), { methods: ["password"] });
    expect(actions(added)).toEqual([
      "skip convex/tsconfig.json",
      "create convex/auth.config.ts",
      "create convex/auth.ts",
      "create convex/http.ts",
      "modify convex/schema.ts",
      "modify src/main.tsx",
      "create src/SignIn.tsx",
    ]);
    expect(envRows(added)).toEqual(["dev SITE_URL set", "dev JWT_PRIVATE_KEY set", "dev JWKS set"]);
    const siteUrl = added.plan.env.find((c) => c.name === "SITE_URL")!;
    expect(siteUrl.value!.reveal()).toBe("http://localhost:5173");
    const key = added.plan.env.find((c) => c.name === "JWT_PRIVATE_KEY")!;
    const jwks = added.plan.env.find((c) => c.name === "JWKS")!;
    expect(key.secret).toBe(true);
    expect(checkKeyPair({ JWT_PRIVATE_KEY: key.value!.reveal(), JWKS: jwks.value!.reveal() }).status).toBe("valid");
    expect(added.plan.install.map((p) => `${p.name}@${p.version} ${p.status}`)).toEqual([
      "@convex-dev/auth@0.0.95 unchanged",
      "@auth/core@0.41.1 install",
    ]);
    expect(added.missing).toEqual([]);
    expect(needsHuman(added)).toBe(false);

    const main = after(added, "src/main.tsx");
    expect(main).toContain('import { ConvexAuthProvider } from "@convex-dev/auth/react";');
    expect(main).toContain("<ConvexAuthProvider client={convex}>");
    expect(main).toContain('import { ConvexReactClient } from "convex/react";');
    expect(after(added, "convex/auth.ts")).toMatch(
      /import \{ Password \} from "@convex-dev\/auth\/providers\/Password";[\s\S]*providers: \[\n    Password,\n  \]/,
    );
    expect(after(added, "convex/http.ts")).toContain("auth.addHttpRoutes(http);");
    expect(after(added, "convex/schema.ts")).toContain("...authTables,");
    expect(after(added, "convex/auth.config.ts")).toContain("domain: process.env.CONVEX_SITE_URL!,");
    const signIn = after(added, "src/SignIn.tsx");
    expect(signIn).not.toContain('"use client"');
    expect(signIn).toContain("<Unauthenticated>");
    expect(signIn).toContain('signIn("password", formData)');
    // No secret in the JSON shape.
    expect(JSON.stringify(toAddJson(added, { applied: false }))).not.toContain(key.value!.reveal().slice(40, 80));
  });

  it("applies, then plans again: only skips, the keys and SITE_URL unchanged, packages satisfied", async () => {
    const cwd = app("vite-baseline");
    const first = await plan(cwd, { methods: ["password", "anonymous"] });
    const deployment = memoryDeployment();
    const result = await applyAdd(first, { install: false, io: { deployment } });
    expect(result.envSet).toEqual(["dev:SITE_URL", "dev:JWT_PRIVATE_KEY", "dev:JWKS"]);
    expect(checkKeyPair(deployment.values.dev).status).toBe("valid");
    // The install is left to the user (install: false); pretend it ran, as package.json would say.
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    pkg.dependencies["@convex-dev/auth"] = "0.0.95";
    pkg.dependencies["@auth/core"] = "0.41.1";
    writeFiles(cwd, { "package.json": JSON.stringify(pkg, null, 2) });

    const again = await plan(cwd, { methods: ["password", "anonymous"] }, { dev: deployment.values.dev });
    expect(again.plan.items.every((item) => item.action === "skip")).toBe(true);
    expect(envRows(again)).toEqual(["dev SITE_URL unchanged", "dev JWT_PRIVATE_KEY unchanged", "dev JWKS unchanged"]);
    expect(again.plan.env[1]!.reason).toBe("already set on the dev deployment (with JWKS); kept as it is");
    expect(isNoop(again.plan)).toBe(true);
    expect(needsHuman(again)).toBe(false);
  });

  it("next-app-baseline (Next 16): server provider around <html>, ConvexAuthNextjsProvider in the client provider, proxy.ts", async () => {
    const added = await plan(app("next-app-baseline"));
    expect(actions(added)).toEqual([
      "skip convex/tsconfig.json",
      "create convex/auth.config.ts",
      "create convex/auth.ts",
      "create convex/http.ts",
      "modify convex/schema.ts",
      "modify app/ConvexClientProvider.tsx",
      "modify app/layout.tsx",
      "create proxy.ts",
      "create components/SignIn.tsx",
    ]);
    expect(added.plan.env.find((c) => c.name === "SITE_URL")!.value!.reveal()).toBe("http://localhost:3000");
    const layout = after(added, "app/layout.tsx");
    expect(layout).toContain('import { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";');
    expect(layout).toMatch(
      /<ConvexAuthNextjsServerProvider>\n\s+<html lang="en">[\s\S]*<\/html>\n\s+<\/ConvexAuthNextjsServerProvider>/,
    );
    const provider = after(added, "app/ConvexClientProvider.tsx");
    expect(provider).toContain("<ConvexAuthNextjsProvider client={convex}>{children}</ConvexAuthNextjsProvider>");
    expect(provider).not.toContain("ConvexProvider,");
    const proxy = after(added, "proxy.ts");
    expect(proxy).toContain("export default convexAuthNextjsMiddleware();");
    expect(proxy).toContain('"/((?!.*\\\\..*|_next).*)"');
    expect(after(added, "components/SignIn.tsx").startsWith('"use client";\n')).toBe(true);
  });

  it("next-app-src (Next 15, src/app, port 3005): middleware.ts in src/, SITE_URL on port 3005", async () => {
    const added = await plan(
      app("next-app-src"),
      { methods: ["github"] },
      {},
      { env: { CONVEX_DEPLOYMENT: "dev:happy-otter-123" } },
    );
    expect(actions(added)).toEqual([
      "skip convex/tsconfig.json",
      "create convex/auth.config.ts",
      "create convex/auth.ts",
      "create convex/http.ts",
      "modify convex/schema.ts",
      "modify src/app/ConvexClientProvider.tsx",
      "modify src/app/layout.tsx",
      "create src/middleware.ts",
      "create src/components/SignIn.tsx",
    ]);
    expect(added.plan.env.find((c) => c.name === "SITE_URL")!.value!.reveal()).toBe("http://localhost:3005");
    // The OAuth app step has the exact callback on the dev deployment and the homepage URL.
    expect(added.plan.humanSteps).toEqual([
      expect.objectContaining({
        url: "https://github.com/settings/applications/new",
        why: expect.stringContaining(
          "Homepage URL: http://localhost:3005. Authorization callback URL: https://happy-otter-123.convex.site/api/auth/callback/github.",
        ),
      }),
    ]);
    expect(envRows(added)).toEqual([
      "dev SITE_URL set",
      "dev JWT_PRIVATE_KEY set",
      "dev JWKS set",
      "dev AUTH_GITHUB_ID pending",
      "dev AUTH_GITHUB_SECRET pending",
    ]);
    expect(added.missing.map((m) => m.flag)).toEqual([
      "--github-client-id",
      "--github-client-secret-stdin (or AUTH_GITHUB_SECRET in the environment)",
    ]);
    expect(needsHuman(added)).toBe(true);
    expect(added.nextSteps).toContain(
      "GitHub OAuth callback URL: https://happy-otter-123.convex.site/api/auth/callback/github (homepage / origin: http://localhost:3005).",
    );
  });

  it("next-pages-baseline: client-only ConvexAuthProvider in pages/_app, no middleware", async () => {
    const added = await plan(app("next-pages-baseline"));
    expect(actions(added)).toEqual([
      "skip convex/tsconfig.json",
      "create convex/auth.config.ts",
      "create convex/auth.ts",
      "create convex/http.ts",
      "modify convex/schema.ts",
      "modify pages/_app.tsx",
      "create components/SignIn.tsx",
    ]);
    const appFile = after(added, "pages/_app.tsx");
    expect(appFile).toContain("<ConvexAuthProvider client={convex}>");
    expect(appFile).toContain('import { ConvexAuthProvider } from "@convex-dev/auth/react";');
    expect(after(added, "components/SignIn.tsx")).not.toContain('"use client"');
  });

  it("tanstack-start-baseline is refused with the reason (not documented by Convex)", async () => {
    await expect(plan(app("tanstack-start-baseline"))).rejects.toMatchObject({
      code: "unsupported",
      exitCode: 2,
      message: expect.stringContaining("Convex Auth on TanStack Start is not documented by Convex"),
    });
  });
});

describe("add convex-auth: methods and values", () => {
  it("every method: providers and imports in auth.ts, the OTP provider file, and each method's env", async () => {
    const added = await plan(app("vite-baseline"), {
      methods: ["anonymous", "magic-link", "resend-otp", "google", "github", "password"],
    });
    const auth = after(added, "convex/auth.ts");
    for (const line of [
      'import { Password } from "@convex-dev/auth/providers/Password";',
      'import GitHub from "@auth/core/providers/github";',
      'import Google from "@auth/core/providers/google";',
      'import { ResendOTP } from "./ResendOTP";',
      'import Resend from "@auth/core/providers/resend";',
      'import { Anonymous } from "@convex-dev/auth/providers/Anonymous";',
    ]) {
      expect(auth).toContain(line);
    }
    expect(auth).toContain(
      '  providers: [\n    Password,\n    GitHub,\n    Google,\n    ResendOTP,\n    Resend({ from: "My App <onboarding@resend.dev>" }),\n    Anonymous,\n  ],',
    );
    expect(after(added, "convex/ResendOTP.ts")).toContain('id: "resend-otp"');
    expect(envRows(added).slice(3)).toEqual([
      "dev AUTH_GITHUB_ID pending",
      "dev AUTH_GITHUB_SECRET pending",
      "dev AUTH_GOOGLE_ID pending",
      "dev AUTH_GOOGLE_SECRET pending",
      "dev AUTH_RESEND_KEY pending",
    ]);
    const signIn = after(added, "src/SignIn.tsx");
    for (const piece of [
      "<PasswordSignIn />",
      '<OAuthSignIn provider="github" label="GitHub" />',
      "<EmailCodeSignIn />",
      "<MagicLinkSignIn />",
      "<GuestSignIn />",
    ]) {
      expect(signIn).toContain(piece);
    }
    expect(added.plan.humanSteps.map((s) => s.url)).toEqual([
      "https://github.com/settings/applications/new",
      "https://console.cloud.google.com/apis/credentials",
      "https://resend.com/api-keys",
    ]);
  });

  it("given values are set; a secret comes from its environment variable (never a flag value)", async () => {
    const added = await plan(
      app("vite-baseline"),
      { methods: ["github", "resend-otp"], githubClientId: "Iv1.0123456789abcdef" },
      {},
      { env: { AUTH_GITHUB_SECRET: "gh-secret-0123456789", AUTH_RESEND_KEY: "re_0123456789" } },
    );
    expect(envRows(added).slice(3)).toEqual([
      "dev AUTH_GITHUB_ID set",
      "dev AUTH_GITHUB_SECRET set",
      "dev AUTH_RESEND_KEY set",
    ]);
    expect(added.plan.env.find((c) => c.name === "AUTH_GITHUB_SECRET")).toMatchObject({ secret: true });
    expect(added.missing).toEqual([]);
    expect(JSON.stringify(toPlanJson(added.plan, { applied: false }))).not.toContain("gh-secret-0123456789");
  });

  it("an existing auth.ts gains only the missing providers; another provider in auth.config.ts is kept", async () => {
    const cwd = app("vite-clerk-done");
    writeFiles(cwd, {
      "convex/auth.ts": `import { convexAuth } from "@convex-dev/auth/server";\nimport { Password as Pw } from "@convex-dev/auth/providers/Password";\n\nexport const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({ providers: [Pw] });\n`,
    });
    const added = await plan(cwd, { methods: ["password", "anonymous"] });
    expect(after(added, "convex/auth.ts")).toContain("convexAuth({ providers: [Pw, Anonymous] })");
    const config = after(added, "convex/auth.config.ts");
    expect(config).toContain("process.env.CLERK_JWT_ISSUER_DOMAIN");
    expect(config).toContain("process.env.CONVEX_SITE_URL");
    // The client already feeds Convex from Clerk: refused with the reason, nothing half-done.
    const main = added.plan.items.find((i) => i.path === "src/main.tsx")!;
    expect(main).toMatchObject({ action: "skip", reason: expect.stringContaining("another provider's Convex bridge") });
  });

  it("a pair and SITE_URL the deployment already has are unchanged (not regenerated); half a pair is replaced", async () => {
    const existing = await generateConvexAuthKeys();
    const kept = await plan(
      app("vite-baseline"),
      {},
      { dev: { ...existing, SITE_URL: "https://my-tunnel.example.com" } },
    );
    expect(envRows(kept)).toEqual(["dev SITE_URL unchanged", "dev JWT_PRIVATE_KEY unchanged", "dev JWKS unchanged"]);
    expect(kept.plan.env.every((c) => c.value === undefined)).toBe(true);

    const half = await plan(app("vite-baseline"), {}, { dev: { JWKS: existing.JWKS } });
    expect(envRows(half)).toEqual(["dev SITE_URL set", "dev JWT_PRIVATE_KEY set", "dev JWKS set"]);
  });

  it("--prod: its own fresh keys (never the dev ones), SITE_URL pending with --site-url until given", async () => {
    const cwd = app("vite-baseline");
    const pending = await plan(cwd, { prod: true });
    expect(envRows(pending)).toEqual([
      "dev SITE_URL set",
      "dev JWT_PRIVATE_KEY set",
      "dev JWKS set",
      "prod SITE_URL pending",
      "prod JWT_PRIVATE_KEY set",
      "prod JWKS set",
    ]);
    expect(pending.missing.map((m) => m.flag)).toEqual(["--site-url"]);
    const keyOf = (target: string) =>
      pending.plan.env.find((c) => c.name === "JWT_PRIVATE_KEY" && c.target === target)!.value!.reveal();
    expect(keyOf("prod")).not.toBe(keyOf("dev"));

    const given = await plan(cwd, { prod: true, siteUrl: "https://app.example.com/" });
    expect(given.plan.env.find((c) => c.name === "SITE_URL" && c.target === "prod")).toMatchObject({ status: "set" });
    expect(given.plan.env.find((c) => c.name === "SITE_URL" && c.target === "prod")!.value!.reveal()).toBe(
      "https://app.example.com",
    );
    expect(given.missing).toEqual([]);

    // A prod SITE_URL already set is kept when none is given.
    const keptProd = await plan(cwd, { prod: true }, { prod: { SITE_URL: "https://app.example.com" } });
    expect(keptProd.plan.env.find((c) => c.name === "SITE_URL" && c.target === "prod")!.status).toBe("unchanged");
    expect(keptProd.missing).toEqual([]);
  });

  it("usage errors: an unknown method, localhost as the production SITE_URL, prod or method values without their switch", async () => {
    const cwd = app("vite-baseline");
    await expect(plan(cwd, { methods: ["password", "twitter"] })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("twitter"),
    });
    await expect(plan(cwd, { prod: true, siteUrl: "http://localhost:5173" })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("local address"),
    });
    await expect(plan(cwd, { siteUrl: "https://app.example.com" })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("add --prod"),
    });
    await expect(plan(cwd, { githubClientId: "Iv1.x" })).rejects.toMatchObject({
      code: "usage",
      message: "--github-client-id is for the github sign-in method; add github to --methods.",
    });
    await expect(plan(cwd, { methods: ["github"], prodGithubClientSecret: "s" })).rejects.toMatchObject({
      code: "usage",
      message: "--prod-github-client-secret-stdin sets up production; add --prod.",
    });
  });
});
