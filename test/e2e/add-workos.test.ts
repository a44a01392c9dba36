/**
 * `authwire add workos` end to end with the real built CLI and the real SDKs: copy a fixture app
 * into the e2e workspace → `add workos --yes --no-install --no-env` → convex codegen → tsc →
 * vite build / next build → a second `add` plans only skips. On TanStack Start tsc runs before the
 * build too (the route tree add edited), and the tree the build regenerates has the same routes. `--dry-run` writes nothing.
 * Managed team (no TTY: the convex dev step is left to the human, exit 3); packages come from the
 * workspace's node_modules (hence --no-install); no deployment here (hence --no-env).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  codegen,
  copyApp,
  nextBuild,
  REPO,
  routeTreeRoutes,
  typecheck,
  viteBuild,
  type RunResult,
} from "./workspace.ts";

const BIN = join(REPO, "dist/cli/main.js");

interface AddJson {
  applied: boolean;
  plan: { action: string; path: string; reason: string }[];
  humanSteps: { title: string }[];
}

function authwire(app: string, args: string[]): { code: number | null; json: AddJson; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [BIN, "add", "workos", "--json", "--yes", "--no-install", "--no-env", "--cwd", app, ...args],
    {
      encoding: "utf8",
      env: { ...process.env, CONVEX_DEPLOYMENT: "", WORKOS_API_KEY: "", CI: "true" },
    },
  );
  return { code: result.status, json: JSON.parse(result.stdout || "null") as AddJson, stderr: result.stderr };
}

function files(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === ".next" || name === "dist" || name === ".output") continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, files(full, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(full, "utf8");
  }
  return out;
}

function ok(step: string, result: RunResult): void {
  expect(result.code, `${step} failed:\n${result.output}`).toBe(0);
}

const CASES = [
  { fixture: "vite-baseline", port: 5173, build: "vite" },
  { fixture: "vite-port-3001", port: 3001, build: "vite" },
  { fixture: "next-app-baseline", port: 3000, build: "next", middleware: "proxy.ts" },
  { fixture: "next-app-src", port: 3005, build: "next", middleware: "src/middleware.ts", workspace: "next15" },
  { fixture: "tanstack-start-baseline", port: 3000, build: "tanstack" },
] as const;

describe("authwire add workos on real apps", () => {
  it.each(CASES)("$fixture: add → codegen → tsc → build → add again plans only skips", async (spec) => {
    const app = copyApp(spec.fixture, `add-workos-${spec.fixture}`, "workspace" in spec ? spec.workspace : "sdk");

    const first = authwire(app, []);
    expect(first.code, first.stderr).toBe(3);
    expect(first.json.applied).toBe(true);
    expect(first.json.humanSteps.map((step) => step.title)).toEqual(["Run `npx convex dev` in a terminal once"]);
    const convexJson = readFileSync(join(app, "convex.json"), "utf8");
    expect(convexJson).toContain(`"http://localhost:${spec.port}/callback"`);
    expect(convexJson).not.toMatch(new RegExp(`localhost:(?!${spec.port})\\d+`));
    if ("middleware" in spec)
      expect(first.json.plan).toContainEqual(expect.objectContaining({ path: spec.middleware, action: "create" }));

    ok("codegen", await codegen(app));
    if (spec.build === "vite") {
      ok("typecheck", await typecheck(app));
      ok("vite build", await viteBuild(app));
    } else if (spec.build === "tanstack") {
      // add entered /callback, /sign-in and /sign-up in src/routeTree.gen.ts: the app type-checks
      // before any `vite dev`, and the router plugin's regeneration during the build gives the same routes.
      ok("typecheck right after add", await typecheck(app));
      const entered = routeTreeRoutes(app);
      expect(entered).toContain("'/callback': typeof CallbackRoute");
      ok("vite build", await viteBuild(app));
      expect(routeTreeRoutes(app)).toBe(entered);
      ok("typecheck", await typecheck(app));
    } else {
      ok("next build", await nextBuild(app));
    }

    const second = authwire(app, []);
    expect(second.json.plan.filter((item) => item.action !== "skip")).toEqual([]);
    expect(second.code).toBe(3);
  });

  it("--dry-run writes nothing", () => {
    const app = copyApp("vite-port-3001", "add-workos-dry-run");
    const before = files(app);
    const result = authwire(app, ["--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.json.applied).toBe(false);
    expect(result.json.plan.some((item) => item.path === "convex.json" && item.action === "create")).toBe(true);
    expect(files(app)).toEqual(before);
  });
});
