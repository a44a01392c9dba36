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
import { spawn } from "node:child_process";
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
import { REPO, codegen, copyApp, nextBuild, runBin, typecheck, viteBuild, type RunResult } from "./workspace.ts";

const MAIN = join(REPO, "dist/cli/main.js");
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

function run(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args, "--cwd", cwd], {
      cwd,
      env: { ...ownEnv(), NO_COLOR: "1", CI: "1", NODE_OPTIONS: `--require ${PRELOAD}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

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
  expect(existsSync(MAIN), "build authwire first (npm run build)").toBe(true);
  standin.vars.clear();
  writeFileSync(ARGV_LOG, "");
  const app = copyApp(fixture, `add-better-auth-${fixture}`);
  writeFileSync(
    join(app, ".env.local"),
    `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}\n`,
  );

  const add = await run(["add", "better-auth", "--yes", "--no-install"], app);
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
    // The router plugin regenerates src/routeTree.gen.ts during the build (as `npm run dev` does);
    // type-checking comes after it. The server helpers read VITE_CONVEX_* from process.env at runtime.
    await expectOk(viteBuild(app), "vite build (TanStack Start)");
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

  const again = await run(["add", "better-auth", "--dry-run", "--json"], app);
  expect(again.code, again.output).toBe(0);
  const plan = JSON.parse(again.output) as { plan: { action: string }[]; env: { name: string; status: string }[] };
  expect(
    plan.plan.filter((item) => item.action !== "skip"),
    "the second add must plan only skips",
  ).toEqual([]);
  expect(plan.env.find((change) => change.name === "BETTER_AUTH_SECRET")?.status).toBe("unchanged");

  const doctor = await run(["doctor", "--json"], app);
  const findings = (JSON.parse(doctor.output) as { findings: { code: string; severity: string; message: string }[] })
    .findings;
  expect(
    findings.filter((finding) => finding.severity !== "info"),
    "doctor must be clean on what add produced",
  ).toEqual([]);
  expect(readFileSync(ARGV_LOG, "utf8")).not.toContain(secret);
  return app;
}

describe("add better-auth on the fixture apps, with the real packages", () => {
  it("React + Vite (SPA, crossDomain): set on the deployment over stdin, codegen, tsc, vite build, doctor clean, then only skips", async () => {
    const app = await addAndCheck("vite-baseline", 5173);
    expect(readFileSync(join(app, "convex/auth.ts"), "utf8")).toContain("crossDomain({ siteUrl })");
    expect(readFileSync(join(app, ".env.local"), "utf8")).toMatch(/^VITE_CONVEX_SITE_URL=http:\/\/127\.0\.0\.1:\d+$/m);
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
  });
});
