/**
 * `authwire add convex-auth` end to end with the real parts: the built CLI on copies of the
 * fixture apps (no deployment configured, `--no-install --no-env`; the SDKs come from the e2e
 * workspace), then `convex codegen`, `tsc`, `vite build` / `next build`, and the generated backend
 * run under `convex-test`: a password sign-up through `auth:signIn` whose token verifies against
 * the JWKS authwire generates. A second `add` plans only skips. The apps declare @convex-dev/auth
 * 0.0.95 first, so `add` keeps them on v1.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  REPO,
  codegen,
  copyApp,
  nextBuild,
  convexTestRun,
  runAuthwire,
  typecheck,
  viteBuild,
  type RunResult,
} from "./workspace.ts";

/** No deployment of any kind: the checks run against local files only. */
const ENV = {
  ...process.env,
  NO_COLOR: "1",
  CONVEX_DEPLOYMENT: "",
  CONVEX_SELF_HOSTED_URL: "",
  CONVEX_DEPLOY_KEY: "",
};

const authwire = (app: string, args: string[]) => runAuthwire([...args, "--cwd", app], { cwd: app, env: ENV });

/** Adds Convex Auth with the built CLI; a human step (the GitHub app, the deployment) is left: exit 3. */
async function add(app: string, methods: string): Promise<void> {
  // These apps are already on Convex Auth v1 (the package is installed); apps without it get v2
  // (add-convex-auth-v2.test.ts).
  const pkgPath = join(app, "package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { dependencies: Record<string, string> };
  pkg.dependencies["@convex-dev/auth"] = "0.0.95";
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  const result = await authwire(app, ["add", "convex-auth", "--methods", methods, "--yes", "--no-install", "--no-env"]);
  expect(result.code, result.output).toBe(3);
  // --no-env: each deployment variable is pending with the command that sets it; the deployment
  // itself comes from `npx convex dev`.
  expect(result.output).toContain("npx convex env set SITE_URL http://localhost:");
  expect(result.output).toContain("Run `npx convex dev`");
}

/** The second plan: every file is a skip. */
async function expectOnlySkips(app: string, methods: string): Promise<void> {
  const again = await authwire(app, ["add", "convex-auth", "--methods", methods, "--dry-run", "--json"]);
  expect(again.code, again.output).toBe(0);
  const json = JSON.parse(again.output) as { plan: { action: string; path: string }[] };
  expect(json.plan.filter((item) => item.action !== "skip")).toEqual([]);
}

async function steps(app: string, ...fns: ((app: string) => Promise<RunResult>)[]): Promise<void> {
  for (const step of fns) {
    const result = await step(app);
    expect(result.code, `${step.name} failed:\n${result.output}`).toBe(0);
  }
}

/** A query that reads the signed-in user through Convex Auth (test scaffolding, not generated code). */
const WHOAMI = `import { getAuthUserId } from "@convex-dev/auth/server";
import { query } from "./_generated/server";

export const me = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getAuthUserId(ctx);
    return userId === null ? null : await ctx.db.get(userId);
  },
});
`;

/** Password sign-up through the generated `auth:signIn`, with keys authwire generates, under convex-test. */
const AUTH_TEST = `import { convexTest } from "convex-test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { beforeAll, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import schema from "../convex/schema";
import { generateConvexAuthKeys } from ${JSON.stringify(join(REPO, "src/providers/convex-auth/key-material.ts"))};

const SITE = "https://happy-otter-123.convex.site";
let jwks = "";

beforeAll(async () => {
  const keys = await generateConvexAuthKeys();
  jwks = keys.JWKS;
  Object.assign(process.env, keys, { CONVEX_SITE_URL: SITE, SITE_URL: "http://localhost:5173", AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: "y" });
});

test("password sign-up through auth:signIn returns a token that verifies against the generated JWKS", async () => {
  const t = convexTest(schema, import.meta.glob("../convex/**/*.*s"));
  const result = await t.action(api.auth.signIn, {
    provider: "password",
    params: { email: "ada@example.com", password: "correct horse battery", flow: "signUp" },
  });
  const token = (result as { tokens: { token: string } | null }).tokens!.token;
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(JSON.parse(jwks)), { issuer: SITE, audience: "convex" });
  expect(protectedHeader.kid).toBeUndefined();
  const [userId, sessionId] = payload.sub!.split("|");
  expect(sessionId).toBeTruthy();

  const me = await t.withIdentity({ subject: payload.sub!, issuer: SITE }).query(api.whoami.me, {});
  expect(me).toMatchObject({ _id: userId, email: "ada@example.com" });
  expect(await t.query(api.whoami.me, {})).toBeNull();

  await expect(
    t.action(api.auth.signIn, { provider: "password", params: { email: "ada@example.com", password: "wrong password!", flow: "signIn" } }),
  ).rejects.toThrow();
});
`;

describe("authwire add convex-auth (built CLI, real SDKs)", () => {
  it("vite-baseline, password + github: codegen, tsc, vite build; password sign-up under convex-test; a second add plans only skips", async () => {
    const app = copyApp("vite-baseline", "convex-auth-vite");
    await add(app, "password,github");
    expect(readFileSync(join(app, "src/main.tsx"), "utf8")).toContain("<ConvexAuthProvider client={convex}>");
    writeFileSync(join(app, "convex/whoami.ts"), WHOAMI);
    await steps(app, codegen, typecheck, viteBuild);
    const backend = await convexTestRun(app, "auth", AUTH_TEST, { env: ENV });
    expect(backend.code, backend.output).toBe(0);
    expect(backend.output).toMatch(/1 passed/);
    await expectOnlySkips(app, "password,github");
  });

  it("vite-baseline, every method: the generated backend and sign-in component type-check and build", async () => {
    const app = copyApp("vite-baseline", "convex-auth-vite-all");
    await add(app, "password,github,google,resend-otp,magic-link,anonymous");
    await steps(app, codegen, typecheck, viteBuild);
  });

  it("next-app-baseline (Next 16), password + github: codegen, tsc, next build; a second add plans only skips", async () => {
    const app = copyApp("next-app-baseline", "convex-auth-next-app");
    await add(app, "password,github");
    expect(existsSync(join(app, "proxy.ts"))).toBe(true);
    await steps(app, codegen, typecheck, nextBuild);
    await expectOnlySkips(app, "password,github");
  });

  it("next-pages-baseline, password + github: codegen, tsc, next build", async () => {
    const app = copyApp("next-pages-baseline", "convex-auth-next-pages");
    await add(app, "password,github");
    await steps(app, codegen, typecheck, nextBuild);
  });
});
