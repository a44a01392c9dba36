/**
 * `add convex-auth` on apps without Convex Auth plans v2 (@convex-dev/auth 2.x): by path and
 * action, the packages, the env per method, apply → plan again (only skips), the refusals (v1-only
 * methods, TanStack Start, Next < 16), and a v1 app kept on v1 with a word about v2.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryDeployment } from "../../../../test/helpers/memory-deployment.ts";
import { copyFixture, snapshot, tempDir, writeFiles } from "../../../../test/helpers/project.ts";
import { applyAdd, planAdd } from "../../add.ts";

const temp = tempDir("authwire-convex-auth-v2-");
afterAll(() => temp.cleanup());
let copies = 0;
const app = (fixture: string) => copyFixture(`apps/${fixture}`, join(temp.dir, String((copies += 1))));

function plan(cwd: string, options: Record<string, unknown> = {}, dev: Record<string, string> = {}) {
  return planAdd({ cwd, provider: "convex-auth", options, git: false, env: {}, readDeployment: async () => dev });
}
type Added = Awaited<ReturnType<typeof plan>>;
const actions = (added: Added) => added.plan.items.map((item) => `${item.action} ${item.path}`);
const envRows = (added: Added) => added.plan.env.map((c) => `${c.target} ${c.name} ${c.status}`);
const after = (added: Added, path: string) => {
  const item = added.plan.items.find((i) => i.path === path);
  if (!item || item.action === "skip") throw new Error(`${path} is not changed`);
  return item.after;
};

describe("add convex-auth → v2 on apps without auth", () => {
  it("vite-baseline, password: components, convexAuthProvider, users table, createUser, auth.ts, ConvexAuthProvider; no keys", async () => {
    const added = await plan(app("vite-baseline"));
    expect(actions(added)).toEqual([
      "create convex/convex.config.ts",
      "create convex/auth.config.ts",
      "modify convex/schema.ts",
      "create convex/users.ts",
      "create convex/auth.ts",
      "modify src/main.tsx",
      "create src/SignIn.tsx",
    ]);
    expect(envRows(added)).toEqual([]);
    expect(added.plan.install.map((p) => `${p.name}@${p.version}`)).toEqual([
      "@convex-dev/auth@2.0.0",
      "convex@1.48.0",
    ]);
    const config = after(added, "convex/convex.config.ts");
    expect(config).toContain("app.use(auth);");
    expect(config).not.toMatch(/app\.use\(auth, \{/);
    expect(config).toContain('import authPassword from "@convex-dev/auth/components/password/convex.config.js";');
    expect(after(added, "convex/auth.config.ts")).toContain("convexAuthProvider()");
    expect(after(added, "convex/schema.ts")).toContain("users: defineTable({");
    expect(after(added, "convex/users.ts")).toContain('name: v.literal("usernamePassword")');
    const auth = after(added, "convex/auth.ts");
    expect(auth).toContain("export const { signOut, refreshSession, isAuthenticated } = auth;");
    expect(auth).toContain("attachUserCallbacks({ createUser: internal.users.createUserPassword })");
    expect(auth).not.toContain("siteUrl");
    expect(after(added, "src/main.tsx")).toContain("<ConvexAuthProvider client={convex} api={api.auth}>");
    expect(added.nextSteps.join("\n")).toContain("needs no keys");
  });

  it("OAuth and email-password: env bound through defineApp, pending with their steps; given values are set", async () => {
    const added = await plan(app("vite-baseline"), {
      methods: ["github", "email-password"],
      githubClientId: "Iv1.abc",
      githubClientSecret: "shh",
    });
    expect(envRows(added)).toEqual([
      "dev SITE_URL set",
      "dev RESEND_API_KEY pending",
      "dev AUTH_GITHUB_CLIENT_ID set",
      "dev AUTH_GITHUB_CLIENT_SECRET set",
    ]);
    expect(added.plan.env.find((c) => c.name === "AUTH_GITHUB_CLIENT_SECRET")!.secret).toBe(true);
    expect(added.missing.map((m) => m.name)).toEqual(["resendApiKey"]);
    const config = after(added, "convex/convex.config.ts");
    expect(config).toContain("AUTH_GITHUB_CLIENT_ID: v.string(),");
    expect(config).toContain("SITE_URL: v.optional(v.string()),");
    expect(config).toContain('httpPrefix: "/oauth/github"');
    expect(config).toContain("CLIENT_SECRET: app.env.AUTH_GITHUB_CLIENT_SECRET");
    expect(config).toContain("app.use(resend);");
    expect(added.plan.install.map((p) => p.name)).toContain("@convex-dev/resend");
    expect(added.nextSteps.join("\n")).toContain("/oauth/github/callback");
  });

  it("applies, then plans again: only skips (an existing convex.config.ts gains only what is missing)", async () => {
    const cwd = app("vite-baseline");
    writeFiles(cwd, {
      "convex/convex.config.ts":
        'import { defineApp } from "convex/server";\nimport workpool from "@convex-dev/workpool/convex.config.js";\n\nconst app = defineApp();\napp.use(workpool);\n\nexport default app;\n',
    });
    const deployment = memoryDeployment();
    const first = await plan(cwd, { methods: ["password", "github"], githubClientId: "Iv1", githubClientSecret: "s" });
    expect(after(first, "convex/convex.config.ts")).toMatch(
      /app\.use\(workpool\);\n\napp\.use\(auth\);\napp\.use\(authUsername\);/,
    );
    await applyAdd(first, { install: false, io: { deployment } });
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    pkg.dependencies["@convex-dev/auth"] = "2.0.0";
    writeFiles(cwd, { "package.json": JSON.stringify(pkg, null, 2) });
    const again = await plan(cwd, { methods: ["password", "github"] }, deployment.values.dev);
    expect(again.plan.items.filter((item) => item.action !== "skip")).toEqual([]);
    expect(envRows(again)).toEqual([
      "dev SITE_URL unchanged",
      "dev AUTH_GITHUB_CLIENT_ID unchanged",
      "dev AUTH_GITHUB_CLIENT_SECRET unchanged",
    ]);
  });

  it("convex ^1.44.0 locked at 1.44.0 (the official templates' shape): installs convex 1.48.0; installed 1.48 or a newer lock: ok", async () => {
    const cwd = app("vite-baseline");
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    pkg.dependencies.convex = "^1.44.0";
    const lock = (version: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { "": pkg, "node_modules/convex": { version } } });
    writeFiles(cwd, { "package.json": JSON.stringify(pkg, null, 2), "package-lock.json": lock("1.44.0") });
    const convex = (added: Added) => added.plan.install.find((p) => p.name === "convex");
    expect(convex(await plan(cwd))).toMatchObject({ version: "1.48.0", status: "install", current: "^1.44.0" });
    writeFiles(cwd, { "node_modules/convex/package.json": '{"name":"convex","version":"1.48.0"}' });
    expect(convex(await plan(cwd))).toMatchObject({ status: "unchanged" });
    rmSync(join(cwd, "node_modules"), { recursive: true });
    writeFiles(cwd, { "package-lock.json": lock("1.49.1") });
    expect(convex(await plan(cwd))).toMatchObject({ status: "unchanged" });
  });

  it("next-app-baseline: convex-auth.ts, the three POST routes, proxy.ts, the server provider in the layout", async () => {
    const added = await plan(app("next-app-baseline"));
    expect(actions(added)).toEqual(
      expect.arrayContaining([
        "create convex-auth.ts",
        "create app/auth/signin/route.ts",
        "create app/auth/refresh/route.ts",
        "create app/auth/signout/route.ts",
        "create proxy.ts",
        "modify app/layout.tsx",
      ]),
    );
    expect(after(added, "app/auth/signin/route.ts")).toBe(
      'import { auth } from "../../../convex-auth";\n\nexport const POST = auth.convexProxyHandler;\n',
    );
    expect(after(added, "convex-auth.ts")).toContain("api.auth.signInWithUsernamePassword,");
    const layout = after(added, "app/layout.tsx");
    expect(layout).toContain("<ConvexAuthNextjsServerProvider>{children}</ConvexAuthNextjsServerProvider>");
    expect(layout).not.toContain("ConvexClientProvider");
    expect(after(added, "proxy.ts")).toContain("export default convexAuthNextjsProxy();");
  });

  it("a nested layout rendering the client provider (default import through @/): the server provider replaces it there, then only skips", async () => {
    const root = app("next-app-nested-provider");
    const added = await plan(root);
    expect(actions(added)).toContain("modify app/product/layout.tsx");
    expect(actions(added)).not.toContain("modify app/layout.tsx");
    const layout = after(added, "app/product/layout.tsx");
    expect(layout).toContain('import { ConvexAuthNextjsServerProvider } from "../../convex-auth";');
    expect(layout).toMatch(
      /<ConvexAuthNextjsServerProvider>[\s\S]*\{children\}[\s\S]*<\/ConvexAuthNextjsServerProvider>/,
    );
    expect(layout).not.toContain("ConvexClientProvider");
    await applyAdd(added, { install: false, io: { deployment: memoryDeployment() } });
    const again = await plan(root);
    expect(again.plan.items.filter((item) => item.action !== "skip").map((item) => item.path)).toEqual([]);
  });

  it("refuses before any write: v1-only methods, TanStack Start, Next 15", async () => {
    const vite = app("vite-baseline");
    const before = snapshot(vite);
    await expect(plan(vite, { methods: ["password", "magic-link"] })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("magic-link is Convex Auth v1 only"),
    });
    await expect(plan(vite, { methods: ["sms"] })).rejects.toMatchObject({ code: "usage" });
    expect(snapshot(vite)).toEqual(before);
    await expect(plan(app("tanstack-start-baseline"))).rejects.toMatchObject({
      code: "unsupported",
      exitCode: 2,
      message: expect.stringContaining("v2 has no TanStack Start helper"),
    });
    await expect(plan(app("next-app-src"))).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("needs Next 16"),
    });
  });

  it("an app already on v1 stays on v1 (nothing migrated) and is told v2 exists", async () => {
    const added = await plan(join(import.meta.dirname, "../../../../test/fixtures/apps/vite-convex-auth-done"), {}, {});
    expect(added.plan.install.map((p) => p.name)).toContain("@auth/core");
    expect(added.plan.items.some((item) => item.path.endsWith("convex.config.ts"))).toBe(false);
    expect(added.nextSteps[0]).toContain("kept it on v1");
    expect(added.nextSteps[0]).toContain("Convex Auth v2");
  });
});
