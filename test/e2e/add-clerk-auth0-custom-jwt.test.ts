/**
 * `authwire add clerk | auth0 | custom-jwt` on the fixture apps with the real SDKs: the built CLI
 * applies the plan (packages are already in the e2e workspace: --no-install; no deployment:
 * --no-env), then `convex codegen`, the type-check and `vite build` / `next build` must pass, and a
 * second `add` must plan only skips. `next build` type-checks the app itself, so Next apps only get
 * the separate check of their convex/ folder. Every provider runs on every framework it supports;
 * next-app-src (Next 15, src/) runs for Clerk, the provider whose wiring differs there
 * (middleware.ts in src/ instead of proxy.ts): Auth0 and custom JWT wire the same client provider
 * on both (their plans on next-app-src are unit-tested). Next builds are the cost here (~50 s each).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codegen, copyApp, nextBuild, runAuthwire, runBin, typecheck, viteBuild, type RunResult } from "./workspace.ts";

const CLERK_KEY = `pk_test_${Buffer.from("happy-otter-1.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;
const SECRETS = { CLERK_SECRET_KEY: "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b" };

const FLAGS: Record<string, string[]> = {
  clerk: ["--clerk-publishable-key", CLERK_KEY],
  auth0: ["--auth0-domain", "acme-dev.us.auth0.com", "--auth0-client-id", "AbCdEf0123456789AbCdEf0123456789"],
  "custom-jwt": [
    "--issuer",
    "https://auth.acme.com",
    "--jwks",
    "https://auth.acme.com/.well-known/jwks.json",
    "--application-id",
    "tasks-app",
  ],
};

const authwire = (args: string[]) => runAuthwire(args, { env: { ...process.env, CONVEX_DEPLOYMENT: "", ...SECRETS } });

async function expectOk(step: Promise<RunResult>, what: string): Promise<void> {
  const result = await step;
  expect(result.code, `${what} failed:\n${result.output}`).toBe(0);
}

/** add → codegen → type-check → build → a second add plans only skips. Returns the app folder. */
async function addAndBuild(provider: string, fixture: string, workspace: "sdk" | "next15" = "sdk"): Promise<string> {
  const app = copyApp(fixture, `add-${provider}-${fixture}`, workspace);
  const add = await authwire(["add", provider, "--yes", "--no-install", "--no-env", "--cwd", app, ...FLAGS[provider]!]);
  // Exit 3: the dashboard steps and the deployment variables are left for the human.
  expect(add.code, add.output).toBe(3);
  const next = existsSync(join(app, "next.config.ts"));
  await expectOk(codegen(app), "convex codegen");
  await expectOk(next ? runBin(app, "tsc", ["--noEmit", "-p", "convex"]) : typecheck(app), "type-check");
  await expectOk(next ? nextBuild(app) : viteBuild(app), next ? "next build" : "vite build");
  const again = await authwire(["add", provider, "--dry-run", "--json", "--cwd", app, ...FLAGS[provider]!]);
  const plan = JSON.parse(again.output) as { plan: { action: string; path: string; reason: string }[] };
  expect(
    plan.plan.filter((item) => item.action !== "skip"),
    "the second add must plan only skips",
  ).toEqual([]);
  return app;
}

const SUPPORTED: [string, string, ("sdk" | "next15")?][] = [
  ["clerk", "vite-baseline"],
  ["clerk", "tanstack-start-baseline"],
  ["clerk", "next-app-baseline"],
  ["clerk", "next-app-src", "next15"],
  ["clerk", "next-app-nested-provider"],
  ["clerk", "next-pages-baseline"],
  ["auth0", "vite-baseline"],
  ["auth0", "next-app-baseline"],
  ["auth0", "next-pages-baseline"],
  ["custom-jwt", "vite-baseline"],
  ["custom-jwt", "tanstack-start-baseline"],
  ["custom-jwt", "next-app-baseline"],
  ["custom-jwt", "next-pages-baseline"],
];

describe("add clerk / auth0 / custom-jwt on the fixture apps, with the real SDKs", () => {
  it.each(SUPPORTED)(
    "add %s on %s: codegen, type-check, build, then only skips",
    async (provider, fixture, workspace) => {
      const app = await addAndBuild(provider, fixture, workspace);
      if (fixture === "next-app-src") {
        // Next 15 and src/: middleware.ts in src/, never proxy.ts, never both.
        expect(existsSync(join(app, "src/proxy.ts"))).toBe(false);
        expect(existsSync(join(app, "src/middleware.ts"))).toBe(true);
      }
    },
  );

  it("add clerk on an app with Convex Auth's bridge: the refused client edit stops the apply, nothing written (exit 1)", async () => {
    const app = copyApp("vite-convex-auth-done", "add-clerk-vite-convex-auth-done");
    const before = readFileSync(join(app, "convex/auth.config.ts"), "utf8");
    const add = await authwire(["add", "clerk", "--yes", "--no-install", "--no-env", "--cwd", app, ...FLAGS.clerk!]);
    expect(add.code, add.output).toBe(1);
    expect(add.output).toContain("renders <ConvexAuthProvider>, another provider's Convex bridge");
    expect(add.output).toContain("Nothing was written.");
    expect(readFileSync(join(app, "convex/auth.config.ts"), "utf8")).toBe(before);
  });
});
