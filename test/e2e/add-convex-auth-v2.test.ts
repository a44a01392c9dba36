/**
 * `authwire add convex-auth` on apps without auth: Convex Auth v2 (`@convex-dev/auth` 2.0.0) end to
 * end with the real parts. The built CLI writes the setup (`--no-install --no-env --yes`; the 2.x
 * packages come from the e2e workspace), then codegen (convex 1.48.0, plus the component-aware part
 * the deployment path would write: component-codegen.ts), `tsc`, `vite build` / `next build`,
 * `authwire doctor` with the deployment's env (no errors or warnings), and a second `add` that
 * plans only skips, on a root layout and on a nested one (app/product/layout.tsx). TanStack Start is
 * refused before any write (exit 2).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { componentCodegen } from "./component-codegen.ts";
import {
  AUTHWIRE_BIN,
  copyApp,
  ensureWorkspace,
  nextBuild,
  runAuthwire,
  typecheck,
  viteBuild,
  type RunResult,
} from "./workspace.ts";

const authwire = (app: string, args: string[]) =>
  runAuthwire([...args, "--cwd", app], {
    cwd: app,
    env: { ...process.env, NO_COLOR: "1", CONVEX_DEPLOYMENT: "", CONVEX_SELF_HOSTED_URL: "", CONVEX_DEPLOY_KEY: "" },
  });

/** What `npm install` would leave in package.json: the 2.x packages the plan installs. */
function recordInstalls(app: string, json: { install: { name: string; version: string }[] }): void {
  const path = join(app, "package.json");
  const pkg = JSON.parse(readFileSync(path, "utf8")) as { dependencies: Record<string, string> };
  for (const item of json.install) pkg.dependencies[item.name] = item.version;
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
}

async function add(app: string, methods: string): Promise<void> {
  const plan = await authwire(app, ["add", "convex-auth", "--methods", methods, "--dry-run", "--json"]);
  const json = JSON.parse(plan.output) as { install: { name: string; version: string }[] };
  expect(json.install.map((item) => `${item.name}@${item.version}`)).toContain("@convex-dev/auth@2.0.0");
  const result = await authwire(app, ["add", "convex-auth", "--methods", methods, "--yes", "--no-install", "--no-env"]);
  // Without a deployment, OAuth credentials are left for later: a human step remains (exit 3).
  // Username + password alone needs no deployment env at all (exit 0).
  expect(result.code, result.output).toBe(methods === "password" ? 0 : 3);
  expect(result.output).toContain("Convex Auth v2 needs no keys");
  recordInstalls(app, json);
}

async function expectOnlySkips(app: string, methods: string): Promise<void> {
  const again = await authwire(app, ["add", "convex-auth", "--methods", methods, "--dry-run", "--json"]);
  expect(again.code, again.output).toBe(0);
  const json = JSON.parse(again.output) as { plan: { action: string; path: string }[] };
  expect(json.plan.filter((item) => item.action !== "skip")).toEqual([]);
}

/** doctor with the deployment's env as `npx convex env list` prints it: no errors, no warnings. */
async function doctorClean(app: string, env: Record<string, string>): Promise<void> {
  const file = join(app, ".env.convex");
  writeFileSync(
    file,
    Object.entries({ CONVEX_CLOUD_URL: "https://happy-otter-123.convex.cloud", ...env })
      .map(([name, value]) => `${name}=${value}\n`)
      .join(""),
  );
  const result = await authwire(app, ["doctor", "--json", "--offline", "--dev-env", file]);
  const json = JSON.parse(result.output) as {
    findings: { code: string; severity: string; message: string; file: string }[];
  };
  expect(json.findings.filter((f) => f.severity !== "info").map((f) => `${f.code} ${f.file} ${f.message}`)).toEqual([]);
  expect(result.code).toBe(0);
}

async function steps(app: string, ...fns: ((app: string) => Promise<RunResult>)[]): Promise<void> {
  for (const step of fns) {
    const result = await step(app);
    expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
  }
}

const OAUTH_ENV = {
  SITE_URL: "http://localhost:5173",
  AUTH_GITHUB_CLIENT_ID: "Iv1.dev",
  AUTH_GITHUB_CLIENT_SECRET: "x",
};

beforeAll(async () => {
  if (!existsSync(AUTHWIRE_BIN))
    throw new Error(`${AUTHWIRE_BIN} is missing: run \`npm run build\` first (npm test does).`);
  await ensureWorkspace("convex-auth-v2");
});

describe("authwire add convex-auth → v2 (built CLI, @convex-dev/auth 2.0.0, convex 1.48.0)", () => {
  it("vite-baseline, password + github: codegen, tsc, vite build, doctor clean; a second add plans only skips", async () => {
    const app = copyApp("vite-baseline", "v2-vite", "convex-auth-v2");
    await add(app, "password,github");
    const main = readFileSync(join(app, "src/main.tsx"), "utf8");
    expect(main).toContain("<ConvexAuthProvider client={convex} api={api.auth}>");
    expect(readFileSync(join(app, "convex/auth.config.ts"), "utf8")).toContain("convexAuthProvider()");
    await steps(app, componentCodegen, typecheck, viteBuild);
    await doctorClean(app, OAUTH_ENV);
    await expectOnlySkips(app, "password,github");
  });

  it("vite-baseline, every v2 method: the backend and the sign-in component type-check and build", async () => {
    const app = copyApp("vite-baseline", "v2-vite-all", "convex-auth-v2");
    await add(app, "password,email-password,passkey,github,google,apple");
    await steps(app, componentCodegen, typecheck, viteBuild);
    await doctorClean(app, {
      ...OAUTH_ENV,
      RESEND_API_KEY: "re_test",
      AUTH_GOOGLE_CLIENT_ID: "g",
      AUTH_GOOGLE_CLIENT_SECRET: "g",
      AUTH_APPLE_CLIENT_ID: "a",
      AUTH_APPLE_TEAM_ID: "a",
      AUTH_APPLE_KEY_ID: "a",
      AUTH_APPLE_PRIVATE_KEY: "a",
    });
  });

  it("next-app-baseline (Next 16), password + github: proxy.ts and the /auth POST routes; codegen, tsc, next build; only skips after", async () => {
    const app = copyApp("next-app-baseline", "v2-next-app", "convex-auth-v2");
    await add(app, "password,github");
    expect(readFileSync(join(app, "proxy.ts"), "utf8")).toContain("convexAuthNextjsProxy()");
    for (const route of ["signin", "refresh", "signout"])
      expect(readFileSync(join(app, `app/auth/${route}/route.ts`), "utf8")).toContain("export const POST");
    expect(readFileSync(join(app, "app/layout.tsx"), "utf8")).toContain("<ConvexAuthNextjsServerProvider>");
    await steps(app, componentCodegen, typecheck, nextBuild);
    await doctorClean(app, { ...OAUTH_ENV, SITE_URL: "http://localhost:3000" });
    await expectOnlySkips(app, "password,github");
  });

  it("next-app-nested-provider (provider rendered from app/product/layout.tsx, like template-nextjs-shadcn), password: the server provider replaces it there; codegen, tsc, next build; only skips after", async () => {
    const app = copyApp("next-app-nested-provider", "v2-next-nested", "convex-auth-v2");
    await add(app, "password");
    const layout = readFileSync(join(app, "app/product/layout.tsx"), "utf8");
    expect(layout).toContain("<ConvexAuthNextjsServerProvider>");
    expect(layout).not.toContain("ConvexClientProvider");
    expect(readFileSync(join(app, "app/layout.tsx"), "utf8")).not.toContain("ConvexAuthNextjsServerProvider");
    await steps(app, componentCodegen, typecheck, nextBuild);
    await doctorClean(app, {});
    await expectOnlySkips(app, "password");
  });

  it("next-pages-baseline, password: client-only ConvexAuthProvider; codegen, tsc, next build", async () => {
    const app = copyApp("next-pages-baseline", "v2-next-pages", "convex-auth-v2");
    await add(app, "password");
    await steps(app, componentCodegen, typecheck, nextBuild);
    await doctorClean(app, {});
  });
});
