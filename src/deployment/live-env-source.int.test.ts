/**
 * doctor's live deployment env: `liveEnvSource` reads through the real convex@1.48.0 CLI, which
 * talks to a local stand-in deployment on 127.0.0.1 (test/helpers/convex-deployment-standin.ts)
 * through CONVEX_SELF_HOSTED_URL / _ADMIN_KEY. No real Convex deployment is reachable from here.
 */
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createColors } from "picocolors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDoctor } from "../cli/render/doctor.ts";
import { runDoctor } from "../rules/run.ts";
import { startDeploymentStandin, type DeploymentStandin } from "../../test/helpers/convex-deployment-standin.ts";
import { copyFixture, tempDir } from "../../test/helpers/project.ts";
import { liveEnvSource } from "./live-env-source.ts";
import { selectDeployment, targetReadable } from "./selection.ts";

const REPO_NODE_MODULES = join(import.meta.dirname, "..", "..", "node_modules");
const ISSUER = "https://happy-otter-1.clerk.accounts.dev";
const SECRET = "sk_test_standinSecretValue0123456789abcdef";
/**
 * The deployment variables are unset for these tests (the machine's own must not leak in, and an
 * empty one would hide .env.local's from the CLI, as dotenv never overrides).
 */
const DEPLOYMENT_VARS = [
  "CONVEX_DEPLOYMENT",
  "CONVEX_SELF_HOSTED_URL",
  "CONVEX_SELF_HOSTED_ADMIN_KEY",
  "CONVEX_DEPLOY_KEY",
];
const CLEAN_ENV: Record<string, string> = {};
const saved: Record<string, string | undefined> = {};

let temp: ReturnType<typeof tempDir>;
let standin: DeploymentStandin;

/** vite-clerk-done with the real convex CLI linked in and `.env.local` as given. */
function clerkApp(name: string, envLocal: string): string {
  const root = copyFixture("apps/vite-clerk-done", join(temp.dir, name));
  symlinkSync(REPO_NODE_MODULES, join(root, "node_modules"));
  writeFileSync(join(root, ".env.local"), envLocal);
  writeFileSync(join(root, ".gitignore"), ".env.local\nnode_modules\n");
  return root;
}

const selfHostedEnvLocal = () =>
  `CONVEX_SELF_HOSTED_URL=${standin.url}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${standin.adminKey}\nVITE_CONVEX_URL=${standin.url}\nVITE_CLERK_PUBLISHABLE_KEY=pk_test_aGFwcHktb3R0ZXItMS5jbGVyay5hY2NvdW50cy5kZXYk\n`;

beforeAll(async () => {
  for (const name of DEPLOYMENT_VARS) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  temp = tempDir("authwire-live-env-");
  standin = await startDeploymentStandin();
});
afterAll(async () => {
  for (const name of DEPLOYMENT_VARS) if (saved[name] !== undefined) process.env[name] = saved[name];
  await standin.close();
  temp.cleanup();
});

describe("doctor reads the live deployment env (stand-in deployment on 127.0.0.1, real convex CLI)", () => {
  it("stand-in: a variable auth.config reads but the deployment lacks is AW105 on dev; prod is unknown, not an error", async () => {
    standin.vars.clear();
    const root = clerkApp("missing", selfHostedEnvLocal());
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV, liveTimeoutMs: 20_000 });
    const aw105 = result.findings.filter((finding) => finding.code === "AW105");
    expect(aw105.map((finding) => [finding.target, finding.message])).toEqual([
      ["dev", expect.stringContaining("CLERK_JWT_ISSUER_DOMAIN")],
    ]);
    expect(result.env.dev).toBe(`self-hosted deployment ${standin.url}, live through the convex CLI`);
    const production = result.checklist.items.find((item) => item.id === "production")!;
    expect(production.status).toBe("unknown");
    expect(production.detail).toContain("CONVEX_SELF_HOSTED_URL");
    expect(standin.events.some((event) => event.kind === "list")).toBe(true);
  });

  it("stand-in: with the variable set the dev env step passes, checked against the live deployment", async () => {
    standin.vars.clear();
    standin.vars.set("CLERK_JWT_ISSUER_DOMAIN", ISSUER);
    standin.vars.set("CLERK_SECRET_KEY", SECRET);
    const root = clerkApp("complete", selfHostedEnvLocal());
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV, liveTimeoutMs: 20_000 });
    expect(result.findings.filter((finding) => finding.severity !== "info").map((finding) => finding.code)).toEqual([]);
    const dev = result.checklist.items.find((item) => item.id === "env-dev")!;
    expect(dev).toMatchObject({
      status: "pass",
      detail: `checked against self-hosted deployment ${standin.url}, live through the convex CLI`,
    });
    // Values are read, never printed: not in the human output, the JSON or the checklist.
    const printed = `${renderDoctor(result, createColors(false))}\n${JSON.stringify(result.json)}`;
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(standin.adminKey);
  });

  it("stand-in: a refused admin key leaves the env steps unknown with the deployment's reason", async () => {
    const root = clerkApp("refused", selfHostedEnvLocal().replace(standin.adminKey, "wrong-key"));
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV, liveTimeoutMs: 20_000 });
    const dev = result.checklist.items.find((item) => item.id === "env-dev")!;
    expect(dev.status).toBe("unknown");
    expect(dev.detail).toMatch(/deployment_command_failed.*admin key was invalid/);
    expect(result.findings.some((finding) => finding.code === "AW105")).toBe(false);
    expect(result.json.summary.error).toBe(0);
  });

  it("no deployment configured: the env-dependent steps say ? with the reason and the CLI never runs", async () => {
    const before = standin.events.length;
    const root = clerkApp(
      "unconfigured",
      "VITE_CLERK_PUBLISHABLE_KEY=pk_test_aGFwcHktb3R0ZXItMS5jbGVyay5hY2NvdW50cy5kZXYk\n",
    );
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV });
    for (const id of ["env-dev", "production"]) {
      const item = result.checklist.items.find((entry) => entry.id === id)!;
      expect(item.status).toBe("unknown");
      expect(item.detail).toContain("no Convex deployment is configured");
    }
    expect(result.json.summary.error).toBe(0);
    expect(standin.events.length).toBe(before);
  });

  it("--offline never runs the CLI, even with a deployment configured", async () => {
    const before = standin.events.length;
    const root = clerkApp("offline", selfHostedEnvLocal());
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV, offline: true });
    expect(result.env.dev).toContain("--offline");
    expect(standin.events.length).toBe(before);
  });

  it("a --prod-env file is combined with the live dev env (stand-in)", async () => {
    standin.vars.clear();
    standin.vars.set("CLERK_JWT_ISSUER_DOMAIN", ISSUER);
    const root = clerkApp("mixed", selfHostedEnvLocal());
    writeFileSync(join(root, "prod.env"), "CLERK_JWT_ISSUER_DOMAIN=https://clerk.example.com\n");
    const result = await runDoctor({ cwd: root, processEnv: CLEAN_ENV, prodEnv: "prod.env", liveTimeoutMs: 20_000 });
    expect(result.env).toEqual({
      dev: `self-hosted deployment ${standin.url}, live through the convex CLI`,
      prod: "--prod-env prod.env",
    });
    rmSync(join(root, "prod.env"));
  });

  it("liveEnvSource reads each target at most once (stand-in)", async () => {
    standin.vars.clear();
    const root = clerkApp("once", selfHostedEnvLocal());
    const source = liveEnvSource({ root, env: CLEAN_ENV, timeoutMs: 20_000 });
    const before = standin.events.filter((event) => event.kind === "list").length;
    const [a, b] = await Promise.all([source.read("dev"), source.read("dev")]);
    expect(a).toBe(b);
    expect(standin.events.filter((event) => event.kind === "list").length - before).toBe(1);
  });
});

describe("which target the convex CLI can read (selectDeployment + targetReadable)", () => {
  const select = async (envLocal: string, env: Record<string, string> = CLEAN_ENV) => {
    const root = join(temp.dir, `select-${Math.random().toString(36).slice(2)}`);
    copyFixture("apps/vite-baseline", root);
    writeFileSync(join(root, "vite-baseline", ".env.local"), envLocal);
    return selectDeployment(join(root, "vite-baseline"), env);
  };

  it("CONVEX_DEPLOYMENT: dev with plain env list, prod with --prod", async () => {
    const selection = await select("CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    expect(selection).toEqual({ kind: "cloud", deployment: "dev:happy-otter-123" });
    expect(targetReadable(selection, "dev")).toEqual({ ok: true, label: "deployment dev:happy-otter-123" });
    expect(targetReadable(selection, "prod")).toMatchObject({ ok: true });
  });

  it("CONVEX_DEPLOYMENT=prod:… is not read as dev", async () => {
    const selection = await select("CONVEX_DEPLOYMENT=prod:happy-otter-123\n");
    expect(targetReadable(selection, "dev")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("points at production"),
    });
    expect(targetReadable(selection, "prod")).toMatchObject({ ok: true });
  });

  it("a production deploy key (the CLI ignores --prod with it) reads prod only; the key is not kept", async () => {
    const key = "prod:happy-otter-123|eyJ2MiI6ImFkbWluLWtleS1zZWNyZXQifQ==";
    const selection = await select("CONVEX_DEPLOYMENT=dev:happy-otter-123\n", { ...CLEAN_ENV, CONVEX_DEPLOY_KEY: key });
    expect(selection).toEqual({ kind: "deploy-key", keyType: "prod", name: "happy-otter-123" });
    expect(JSON.stringify(selection)).not.toContain("eyJ");
    expect(targetReadable(selection, "prod")).toMatchObject({ ok: true });
    expect(targetReadable(selection, "dev")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("selects the prod deployment"),
    });
  });

  it("a preview deploy key reads neither; a project key reads both", async () => {
    const preview = await select("", { ...CLEAN_ENV, CONVEX_DEPLOY_KEY: "preview:team:project|abc" });
    expect(targetReadable(preview, "dev").ok || targetReadable(preview, "prod").ok).toBe(false);
    const project = await select("", { ...CLEAN_ENV, CONVEX_DEPLOY_KEY: "project:team:project|abc" });
    expect(targetReadable(project, "dev").ok && targetReadable(project, "prod").ok).toBe(true);
  });

  it("the process env wins over .env.local, even when empty (dotenv never overrides); a self-hosted URL needs its admin key", async () => {
    expect(
      await select("CONVEX_DEPLOYMENT=dev:from-file\n", { ...CLEAN_ENV, CONVEX_DEPLOYMENT: "dev:from-env" }),
    ).toEqual({ kind: "cloud", deployment: "dev:from-env" });
    expect(await select("CONVEX_DEPLOYMENT=dev:from-file\n")).toEqual({ kind: "cloud", deployment: "dev:from-file" });
    expect(await select("CONVEX_DEPLOYMENT=dev:from-file\n", { CONVEX_DEPLOYMENT: "" })).toEqual({ kind: "none" });
    expect(await select("CONVEX_SELF_HOSTED_URL=http://127.0.0.1:1\n")).toEqual({ kind: "none" });
    expect(await select("CONVEX_SELF_HOSTED_URL=http://127.0.0.1:1\nCONVEX_SELF_HOSTED_ADMIN_KEY=k\n")).toEqual({
      kind: "self-hosted",
      url: "http://127.0.0.1:1",
    });
  });
});
