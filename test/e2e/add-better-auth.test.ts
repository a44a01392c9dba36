/**
 * `authwire add better-auth` end to end with the real parts: the built CLI on copies of the
 * fixture apps, against a stand-in deployment on 127.0.0.1 reached through the real convex CLI
 * (so BETTER_AUTH_SECRET and SITE_URL are really set, over stdin), then `convex codegen`, `tsc`
 * against @convex-dev/better-auth 0.12.5 + better-auth 1.6.34, `vite build` / `next build`, doctor
 * (TanStack Start: `vite build`, then tsc) on the result (live env from the stand-in) and a second `add` that plans only skips. The secret
 * must appear in no output, no process's argv (every node process logs its argv through a
 * preload) and no file of the app.
 *
 * `convex codegen --system-udfs` (the only codegen that runs without a deployment) emits no
 * `components` export (docs/internals/offline.md#codegen-without-a-deployment), so `addComponentsExport` appends what the
 * deployment path of convex 1.48.0's codegen writes for one mounted component
 * (codegen_templates/component_api.js: `import("<pkg>/_generated/component.js").ComponentApi<"<name>">`
 * in api.d.ts, `componentsGeneric()` in api.js).
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeploymentStandin, type DeploymentStandin } from "../helpers/convex-deployment-standin.ts";
import {
  AUTHWIRE_BIN,
  codegen,
  convexTestRun,
  copyApp,
  nextBuild,
  routeTreeRoutes,
  runAuthwire,
  runBin,
  typecheck,
  viteBuild,
  type RunResult,
} from "./workspace.ts";

const trace = mkdtempSync(join(tmpdir(), "authwire-argv-"));
const ARGV_LOG = join(trace, "argv.log");
const PRELOAD = join(trace, "log-argv.cjs");
writeFileSync(
  PRELOAD,
  `require("node:fs").appendFileSync(${JSON.stringify(ARGV_LOG)}, JSON.stringify(process.argv) + "\\n");\n`,
);

/** This process's env without any Convex deployment settings: the app's .env.local decides. */
function ownEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "CONVEX_DEPLOYMENT",
    "CONVEX_SELF_HOSTED_URL",
    "CONVEX_SELF_HOSTED_ADMIN_KEY",
    "CONVEX_DEPLOY_KEY",
  ])
    delete env[name];
  return env;
}

/** The built CLI in `cwd`, logging every process's argv through PRELOAD (secrets must never be in one). */
const authwire = (args: string[], cwd: string) =>
  runAuthwire([...args, "--cwd", cwd], {
    cwd,
    env: { ...ownEnv(), NO_COLOR: "1", CI: "1", NODE_OPTIONS: `--require ${PRELOAD}` },
  });

export function addComponentsExport(app: string, components: Record<string, string>): void {
  const dts = join(app, "convex/_generated/api.d.ts");
  const js = join(app, "convex/_generated/api.js");
  const entries = Object.entries(components)
    .map(([name, pkg]) => `  ${name}: import("${pkg}/_generated/component.js").ComponentApi<"${name}">;`)
    .join("\n");
  appendFileSync(dts, `\nexport declare const components: {\n${entries}\n};\n`);
  writeFileSync(
    js,
    `${readFileSync(js, "utf8")}\nimport { componentsGeneric } from "convex/server";\nexport const components = componentsGeneric();\n`,
  );
}

/** Every file of the app (no node_modules, build output or Next's cache). */
function appFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (["node_modules", "dist", ".next"].includes(name)) return [];
    return statSync(path).isDirectory() ? appFiles(path, base) : [path];
  });
}

async function expectOk(step: Promise<RunResult>, what: string): Promise<void> {
  const result = await step;
  expect(result.code, `${what} failed:\n${result.output}`).toBe(0);
}

let standin: DeploymentStandin;
beforeAll(async () => {
  standin = await startDeploymentStandin();
});
afterAll(async () => {
  await standin.close();
  rmSync(trace, { recursive: true, force: true });
});

async function addAndCheck(fixture: string, port: number): Promise<string> {
  expect(existsSync(AUTHWIRE_BIN), "build authwire first (npm run build)").toBe(true);
  standin.vars.clear();
  writeFileSync(ARGV_LOG, "");
  const app = copyApp(fixture, `add-better-auth-${fixture}`);
  writeFileSync(
    join(app, ".env.local"),
    `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}\n`,
  );

  const add = await authwire(["add", "better-auth", "--yes", "--no-install"], app);
  expect(add.code, add.output).toBe(0);
  const secret = standin.vars.get("BETTER_AUTH_SECRET");
  expect(secret, add.output).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  expect(standin.vars.get("SITE_URL")).toBe(`http://localhost:${port}`);
  expect(add.output).not.toContain(secret);
  const argv = readFileSync(ARGV_LOG, "utf8");
  // The convex CLI ran (its argv names the variable) and got the value on stdin only.
  expect(argv).toContain(`"env","set","--","BETTER_AUTH_SECRET"`);
  expect(argv).not.toContain(secret);
  for (const file of appFiles(app)) expect(readFileSync(file, "utf8"), file).not.toContain(secret);

  await expectOk(codegen(app), "convex codegen");
  addComponentsExport(app, { betterAuth: "@convex-dev/better-auth" });
  const next = existsSync(join(app, "next.config.ts"));
  const tanstack = existsSync(join(app, "src/routes/__root.tsx"));
  if (tanstack) {
    // add entered /api/auth/$ in src/routeTree.gen.ts: the app type-checks before any `vite dev`, and
    // the router plugin's regeneration during the build gives the same routes. The server helpers
    // read VITE_CONVEX_* from process.env at runtime.
    await expectOk(typecheck(app), "type-check right after add");
    const entered = routeTreeRoutes(app);
    expect(entered).toContain("'/api/auth/$'");
    await expectOk(viteBuild(app), "vite build (TanStack Start)");
    expect(routeTreeRoutes(app)).toBe(entered);
    await expectOk(typecheck(app), "type-check");
  } else {
    await expectOk(next ? runBin(app, "tsc", ["--noEmit", "-p", "convex"]) : typecheck(app), "type-check");
    // The build gets the site URL add wrote to .env.local explicitly, as the other e2e builds get
    // NEXT_PUBLIC_CONVEX_URL (under vitest, NODE_ENV=test keeps Next from loading .env.local).
    const written = /^NEXT_PUBLIC_CONVEX_SITE_URL=(.+)$/m.exec(readFileSync(join(app, ".env.local"), "utf8"))?.[1];
    await expectOk(
      next ? nextBuild(app, { NEXT_PUBLIC_CONVEX_SITE_URL: written ?? "" }) : viteBuild(app),
      next ? "next build" : "vite build",
    );
  }

  const again = await authwire(["add", "better-auth", "--dry-run", "--json"], app);
  expect(again.code, again.output).toBe(0);
  const plan = JSON.parse(again.output) as { plan: { action: string }[]; env: { name: string; status: string }[] };
  expect(
    plan.plan.filter((item) => item.action !== "skip"),
    "the second add must plan only skips",
  ).toEqual([]);
  expect(plan.env.find((change) => change.name === "BETTER_AUTH_SECRET")?.status).toBe("unchanged");

  const doctor = await authwire(["doctor", "--json"], app);
  const findings = (JSON.parse(doctor.output) as { findings: { code: string; severity: string; message: string }[] })
    .findings;
  expect(
    findings.filter((finding) => finding.severity !== "info"),
    "doctor must be clean on what add produced",
  ).toEqual([]);
  expect(readFileSync(ARGV_LOG, "utf8")).not.toContain(secret);
  return app;
}

/** Test scaffolding for `users --rbac` + `protect`: the app's own data, and functions with no check. */
const NOTES = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("notes").collect();
  },
});

export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.db.insert("notes", { text });
  },
});
`;

/** Test scaffolding: an organization's projects, guarded by the generated requireRole. */
const PROJECTS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireRole } from "./roles";

export const list = query({
  args: { orgId: v.id("orgs") },
  handler: async (ctx, { orgId }) => {
    await requireRole(ctx, orgId, "viewer");
    return await ctx.db.query("projects").withIndex("by_org", (q) => q.eq("orgId", orgId)).collect();
  },
});

export const create = mutation({
  args: { orgId: v.id("orgs"), name: v.string() },
  handler: async (ctx, { orgId, name }) => {
    await requireRole(ctx, orgId, "member");
    return await ctx.db.insert("projects", { orgId, name });
  },
});
`;

/**
 * The generated backend under convex-test with the real component registered
 * (`@convex-dev/better-auth/test`): users and sessions are written through the component's own
 * adapter, tokens carry the user id as subject and the session id, as Better Auth's do.
 */
const BETTER_AUTH_TEST = `import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import betterAuthTest from "@convex-dev/better-auth/test";
import { api, components, internal } from "../convex/_generated/api";
import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.*s");

function setup() {
  const t = convexTest(schema, modules);
  betterAuthTest.register(t, "betterAuth");
  return t;
}

async function signedIn(t: ReturnType<typeof setup>, name: string, expiresIn = 3600_000) {
  const now = Date.now();
  const { userId, sessionId } = await t.run(async (ctx) => {
    const user = await ctx.runMutation(components.betterAuth.adapter.create, {
      input: { model: "user", data: { name, email: \`\${name}@example.com\`, emailVerified: true, createdAt: now, updatedAt: now } },
    });
    const session = await ctx.runMutation(components.betterAuth.adapter.create, {
      input: { model: "session", data: { userId: user._id, token: \`token-\${name}\`, expiresAt: now + expiresIn, createdAt: now, updatedAt: now } },
    });
    return { userId: user._id as string, sessionId: session._id as string };
  });
  return { userId, client: t.withIdentity({ subject: userId, sessionId, issuer: "https://happy-animal-123.convex.site" }) };
}

test("signed out, or with an expired session: protect's checks refuse; current is null", async () => {
  const t = setup();
  await expect(t.query(api.notes.list, {})).rejects.toThrow("Not authenticated");
  await expect(t.mutation(api.notes.add, { text: "x" })).rejects.toThrow("Not authenticated");
  await expect(t.query(api.tasks.list, {})).rejects.toThrow("Not authenticated");
  expect(await t.query(api.users.current, {})).toBeNull();
  const expired = await signedIn(t, "late", -1000);
  await expect(expired.client.query(api.notes.list, {})).rejects.toThrow("Not authenticated");
  expect(await expired.client.query(api.users.current, {})).toBeNull();
});

test("signed in with a live session: allowed; current is the component's user document", async () => {
  const t = setup();
  const ada = await signedIn(t, "ada");
  await ada.client.mutation(api.notes.add, { text: "hello" });
  expect(await ada.client.query(api.notes.list, {})).toMatchObject([{ text: "hello" }]);
  expect(await ada.client.query(api.users.current, {})).toMatchObject({ _id: ada.userId, name: "ada", email: "ada@example.com" });
});

test("requireRole: memberships keyed by the Better Auth user id; outsiders and lower roles refused", async () => {
  const t = setup();
  const orgId = await t.run((ctx) => ctx.db.insert("orgs", { name: "A" }));
  const viewer = await signedIn(t, "viewer");
  const member = await signedIn(t, "member");
  const outsider = await signedIn(t, "outsider");
  await t.mutation(internal.roles.grantRole, { userId: viewer.userId, orgId, role: "viewer" });
  await t.mutation(internal.roles.grantRole, { userId: member.userId, orgId, role: "member" });
  await expect(outsider.client.query(api.projects.list, { orgId })).rejects.toThrow("Forbidden");
  expect(await viewer.client.query(api.projects.list, { orgId })).toEqual([]);
  await expect(viewer.client.mutation(api.projects.create, { orgId, name: "x" })).rejects.toThrow('Forbidden: requires the role "member"');
  await member.client.mutation(api.projects.create, { orgId, name: "roadmap" });
  expect((await viewer.client.query(api.projects.list, { orgId })).map((p) => p.name)).toEqual(["roadmap"]);
  await expect(t.query(api.projects.list, { orgId })).rejects.toThrow("Not authenticated");
});
`;

/** users --rbac + protect on what add produced: codegen, tsc, convex-test with the component, doctor, idempotent. */
async function usersAndProtect(app: string): Promise<void> {
  writeFileSync(join(app, "convex/notes.ts"), NOTES);
  const schemaPath = join(app, "convex/schema.ts");
  writeFileSync(
    schemaPath,
    readFileSync(schemaPath, "utf8").replace(
      "export default defineSchema({\n",
      [
        "export default defineSchema({",
        "  notes: defineTable({ text: v.string() }),",
        "  orgs: defineTable({ name: v.string() }),",
        '  projects: defineTable({ orgId: v.id("orgs"), name: v.string() }).index("by_org", ["orgId"]),',
        "",
      ].join("\n"),
    ),
  );
  const users = await authwire(["users", "--rbac", "--yes", "--json"], app);
  expect(users.code, users.output).toBe(0);
  expect((JSON.parse(users.output) as { provider: string }).provider).toBe("better-auth");
  const schema = readFileSync(schemaPath, "utf8");
  expect(schema).not.toMatch(/^\s+users:/m);
  expect(schema).toContain("userId: v.string(),");
  expect(existsSync(join(app, "src/useStoreUserEffect.ts"))).toBe(false);
  expect(readFileSync(join(app, "convex/users.ts"), "utf8")).toContain("authComponent.safeGetAuthUser(ctx)");
  const protect = await authwire(["protect", "--yes", "--json"], app);
  expect(protect.code, protect.output).toBe(0);
  expect(
    (JSON.parse(protect.output) as { functions: { file: string; name: string; action: string }[] }).functions
      .filter((fn) => fn.action === "protect")
      .map((fn) => `${fn.file}:${fn.name}`),
  ).toEqual(["convex/notes.ts:list", "convex/notes.ts:add", "convex/tasks.ts:list"]);
  expect(readFileSync(join(app, "convex/notes.ts"), "utf8")).toContain(
    "if ((await authComponent.safeGetAuthUser(ctx)) === undefined) {",
  );
  writeFileSync(join(app, "convex/projects.ts"), PROJECTS);

  await expectOk(codegen(app), "convex codegen");
  addComponentsExport(app, { betterAuth: "@convex-dev/better-auth" });
  await expectOk(typecheck(app), "type-check");
  // The component's test entry globs its own modules (import.meta.glob): vitest must transform it.
  const backend = await convexTestRun(app, "better-auth", BETTER_AUTH_TEST, {
    env: { ...ownEnv(), NO_COLOR: "1" },
    inline: ["@convex-dev/better-auth", "convex-test"],
  });
  expect(backend.code, backend.output).toBe(0);
  expect(backend.output).toMatch(/3 passed/);

  const doctor = await authwire(["doctor", "--json"], app);
  const findings = (JSON.parse(doctor.output) as { findings: { code: string; severity: string }[] }).findings;
  expect(findings.filter((finding) => finding.severity !== "info")).toEqual([]);
  const again = JSON.parse((await authwire(["users", "--rbac", "--dry-run", "--json"], app)).output) as {
    plan: { action: string }[];
  };
  expect(again.plan.filter((item) => item.action !== "skip")).toEqual([]);
  const protectAgain = JSON.parse((await authwire(["protect", "--dry-run", "--json"], app)).output) as {
    functions: { action: string }[];
  };
  expect(protectAgain.functions.filter((fn) => fn.action === "protect")).toEqual([]);
}

describe("add better-auth on the fixture apps, with the real packages", () => {
  it("React + Vite (SPA, crossDomain): set on the deployment over stdin, codegen, tsc, vite build, doctor clean, then only skips", async () => {
    const app = await addAndCheck("vite-baseline", 5173);
    expect(readFileSync(join(app, "convex/auth.ts"), "utf8")).toContain("crossDomain({ siteUrl })");
    expect(readFileSync(join(app, ".env.local"), "utf8")).toMatch(/^VITE_CONVEX_SITE_URL=http:\/\/127\.0\.0\.1:\d+$/m);
    await usersAndProtect(app);
  });

  it("Next.js App Router: the /api/auth proxy and server helpers build with next build", async () => {
    const app = await addAndCheck("next-app-baseline", 3000);
    expect(existsSync(join(app, "app/api/auth/[...all]/route.ts"))).toBe(true);
  });

  it("TanStack Start: the /api/auth/$ proxy route, the SSR token in the root route, vite build and tsc", async () => {
    const app = await addAndCheck("tanstack-start-baseline", 3000);
    expect(readFileSync(join(app, "src/routes/api/auth/$.ts"), "utf8")).toContain("handler(request)");
    const root = readFileSync(join(app, "src/routes/__root.tsx"), "utf8");
    expect(root).toContain("serverHttpClient?.setAuth(token)");
    expect(root).toContain("<ConvexBetterAuthProvider");
    expect(readFileSync(join(app, "vite.config.ts"), "utf8")).toContain('noExternal: ["@convex-dev/better-auth"]');
  });
});
