/**
 * The Convex backend in its own workspace package (Convex's turbo template shape): detect from the
 * app finds the backend's functions folder, `add` writes backend files there and client files in
 * the app, and deployment commands run in the backend package.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectProject } from "../project/detect.ts";
import { toDetectJson } from "../project/facts.ts";
import { applyAdd, planAdd } from "./add.ts";

const APPS = resolve(import.meta.dirname, "../../test/fixtures/apps");
const CLERK_KEY = `pk_test_${Buffer.from("happy-otter-1.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;

describe("detect: a backend in its own workspace package", () => {
  it("npm workspaces (turbo shape): the app's convex dir is the backend package's, with the evidence", async () => {
    const root = join(APPS, "turbo-workspace/apps/web");
    const facts = await detectProject(root, { env: {} });
    expect(toDetectJson(facts).convex).toEqual({
      dir: "../../packages/backend/convex",
      version: "1.48.0",
      deploymentConfigured: false,
    });
    expect(facts.convex.package).toEqual({
      dir: "../../packages/backend",
      name: "@notes/backend",
      functionsDir: "convex",
      evidence: [
        "package.json: depends on @notes/backend",
        "app/page.tsx: imports @notes/backend/convex/_generated/api",
        "../../packages/backend/package.json: depends on convex",
      ],
    });
    // The backend's functions count as the app's code (providers, doctor), under their path from the app.
    expect(facts.codeFiles).toContain("../../packages/backend/convex/notes.ts");
    expect(existsSync(join(root, "convex"))).toBe(false);
  });

  it("pnpm-workspace.yaml: the same, found through the pnpm workspace", async () => {
    const facts = await detectProject(join(APPS, "monorepo/apps/web"), { env: {} });
    expect(facts.convex.dir).toBe("../../packages/backend/convex");
    expect(facts.convex.package?.name).toBe("@tasks/backend");
    expect(facts.packageManager).toBe("pnpm");
  });

  it("the deployment is read from the backend package's .env.local", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authwire-backend-pkg-"));
    try {
      cpSync(join(APPS, "turbo-workspace"), dir, { recursive: true });
      writeFileSync(join(dir, "packages/backend/.env.local"), "CONVEX_DEPLOYMENT=dev:notes-backend-1\n");
      const facts = await detectProject(join(dir, "apps/web"), { env: {} });
      expect(facts.convex).toMatchObject({ deploymentConfigured: true, deployment: "dev:notes-backend-1" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an app with its own convex/ folder is not redirected to a workspace package", async () => {
    const facts = await detectProject(join(APPS, "vite-baseline"), { env: {} });
    expect(facts.convex.dir).toBe("convex");
    expect(facts.convex.package).toBeNull();
  });
});

describe("add on a workspace with a backend package", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), "authwire-backend-pkg-"));
    dirs.push(dir);
    cpSync(join(APPS, "turbo-workspace"), dir, { recursive: true });
    return dir;
  };

  it("add clerk: auth.config.ts in the backend package, the provider in the app, env commands run in the backend", async () => {
    const dir = workspace();
    const request = {
      cwd: join(dir, "apps/web"),
      provider: "clerk",
      options: { clerkPublishableKey: CLERK_KEY },
      setDeploymentEnv: false,
      readDeployment: async () => ({}),
      git: false as const,
      env: {},
    };
    const added = await planAdd(request);
    const paths = added.plan.items.filter((item) => item.action !== "skip").map((item) => item.path);
    expect(paths).toContain("../../packages/backend/convex/auth.config.ts");
    expect(paths).toContain("app/ConvexClientProvider.tsx");
    expect(paths.some((path) => path.startsWith("convex/"))).toBe(false);
    const issuer = added.plan.env.find(
      (change) => change.name === "CLERK_JWT_ISSUER_DOMAIN" && change.target === "dev",
    );
    expect(issuer?.status).toBe("pending");
    expect(issuer?.obtainedBy?.title).toContain(
      "cd ../../packages/backend && npx convex env set CLERK_JWT_ISSUER_DOMAIN https://happy-otter-1.clerk.accounts.dev",
    );
    expect(added.plan.deploymentRoot).toBe(join(dir, "packages/backend"));

    await applyAdd(added, { install: false, env: false });
    expect(readFileSync(join(dir, "packages/backend/convex/auth.config.ts"), "utf8")).toContain(
      "process.env.CLERK_JWT_ISSUER_DOMAIN",
    );
    expect(readFileSync(join(dir, "apps/web/app/ConvexClientProvider.tsx"), "utf8")).toContain(
      "ConvexProviderWithClerk",
    );
    expect(existsSync(join(dir, "apps/web/convex"))).toBe(false);

    const again = await planAdd(request);
    expect(again.plan.items.filter((item) => item.action !== "skip")).toEqual([]);
  });

  it("add convex-auth: refused before any write while the backend package lacks the packages its new files import", async () => {
    const dir = workspace();
    const error = await planAdd({
      cwd: join(dir, "apps/web"),
      provider: "convex-auth",
      readDeployment: async () => ({}),
      git: false,
      env: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unsupported" });
    expect((error as Error).message).toContain("../../packages/backend/convex/");
    expect((error as { hint?: string }).hint).toContain("cd ../../packages/backend && npm install @convex-dev/auth@");
  });

  it("a recipe can't write outside the app except in the backend package", async () => {
    const { createKit } = await import("../changes/kit.ts");
    const { defineEdit } = await import("../edit/edit.ts");
    const kit = createKit("clerk", { outside: ["../../packages/backend"] });
    const keep = defineEdit("keep", (content) => content ?? "");
    expect(() => kit.file("../../packages/backend/convex/auth.config.ts", keep)).not.toThrow();
    expect(() => kit.file("../../packages/other/x.ts", keep)).toThrow(TypeError);
    expect(() => kit.file("../../packages/backend-evil/x.ts", keep)).toThrow(TypeError);
  });
});
