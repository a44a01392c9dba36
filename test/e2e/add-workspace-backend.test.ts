/**
 * A monorepo whose Convex backend is its own workspace package (the turbo template's shape:
 * packages/backend/convex beside apps/web), with the real SDKs: `add` run from the web app writes
 * auth.config.ts into the backend package and the client wiring into the app; then `convex codegen`
 * in the backend package, tsc in both, the web app's `next build` (Clerk), and a second `add`
 * plans only skips. The workspace link @notes/backend → packages/backend stands in for the
 * package manager's install (the SDKs come from the shared e2e workspace).
 */
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_ENV, codegen, copyApp, runAuthwire, runBin, type RunResult } from "./workspace.ts";

const CLERK_KEY = `pk_test_${Buffer.from("happy-otter-1.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;
const FLAGS: Record<string, string[]> = {
  clerk: ["--clerk-publishable-key", CLERK_KEY],
  auth0: ["--auth0-domain", "acme-dev.us.auth0.com", "--auth0-client-id", "AbCdEf0123456789AbCdEf0123456789"],
};

const authwire = (args: string[], cwd: string) =>
  runAuthwire(args, {
    cwd,
    env: { ...process.env, CONVEX_DEPLOYMENT: "", CLERK_SECRET_KEY: "sk_test_4f1e9c0d2b7a8e6f5d3c1b0a9e8d7c6b" },
  });

function ok(what: string, result: RunResult): void {
  expect(result.code, `${what} failed:\n${result.output}`).toBe(0);
}

describe("add on a workspace with a separate backend package (turbo shape), with the real SDKs", () => {
  it.each([
    ["clerk", true],
    ["auth0", false],
  ] as const)(
    "add %s from apps/web: backend files in packages/backend; codegen, tsc in both, build; then only skips",
    async (provider, build) => {
      const root = copyApp("turbo-workspace", `workspace-${provider}`);
      mkdirSync(join(root, "node_modules/@notes"), { recursive: true });
      symlinkSync("../../packages/backend", join(root, "node_modules/@notes/backend"));
      const web = join(root, "apps/web");
      const backend = join(root, "packages/backend");

      const add = await authwire(["add", provider, "--yes", "--no-install", "--no-env", ...FLAGS[provider]!], web);
      expect(add.code, add.output).toBe(3);
      expect(existsSync(join(backend, "convex/auth.config.ts"))).toBe(true);
      expect(existsSync(join(web, "convex"))).toBe(false);

      ok("convex codegen (backend package)", await codegen(backend));
      ok("tsc (backend convex/)", await runBin(backend, "tsc", ["--noEmit", "-p", "convex"]));
      ok("tsc (web app)", await runBin(web, "tsc", ["--noEmit", "-p", "."]));
      // Turbopack only compiles inside the workspace root (this monorepo's folder), and the shared
      // e2e node_modules sit above it: webpack, which resolves like Node, builds the same app.
      if (build)
        ok("next build --webpack (web app)", await runBin(web, "next", ["build", "--webpack"], PLACEHOLDER_ENV));

      const again = await authwire(["add", provider, "--dry-run", "--json", ...FLAGS[provider]!], web);
      const plan = JSON.parse(again.output) as { plan: { action: string; path: string }[] };
      expect(plan.plan.filter((item) => item.action !== "skip")).toEqual([]);
    },
  );
});
