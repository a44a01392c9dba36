import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addAuthConfigProvider } from "../edit/index.ts";
import type { Question } from "../io.ts";
import { applyAdd, askMissing, needsHuman, planAdd, toAddJson } from "./add.ts";
import { defineRecipe, humanStep } from "./define.ts";
import { COMMON_OPTIONS } from "./index.ts";

const FIXTURE = resolve(import.meta.dirname, "../../test/fixtures/apps/vite-baseline");
const dashboard = humanStep(
  "Copy the issuer URL",
  "https://idp.example.com/settings",
  "Convex trusts tokens from this issuer.",
);

/** A tiny recipe with one deployment variable, to drive `add` without a real provider. */
const testRecipe = defineRecipe({
  id: "custom-jwt",
  docs: "https://docs.convex.dev/auth/advanced/custom-jwt",
  options: {
    issuer: { flag: "--issuer", description: "the issuer URL", obtainedBy: dashboard, env: ["TEST_ISSUER"] },
  },
  supports: () => "ok",
  plan(facts, options, kit) {
    kit.file(
      `${facts.convex.dir}/auth.config.ts`,
      addAuthConfigProvider({ provider: { domain: { env: "TEST_ISSUER" }, applicationID: "app" } }),
    );
    kit.env("TEST_ISSUER", { target: "dev", value: options.issuer, obtainedBy: dashboard });
  },
  nextSteps: () => ["Sign in again."],
});

describe("planAdd / applyAdd", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function app() {
    const dir = mkdtempSync(join(tmpdir(), "authwire-add-"));
    dirs.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
  }

  it("lists the flag of a value the plan lacks, and the human step behind it", async () => {
    const added = await planAdd({
      cwd: app(),
      provider: "custom-jwt",
      recipe: testRecipe,
      readDeployment: async () => ({}),
      git: false,
      env: {},
    });
    expect(added.missing).toEqual([{ name: "issuer", flag: "--issuer", why: "the issuer URL", obtainedBy: dashboard }]);
    expect(needsHuman(added)).toBe(true);
    expect(toAddJson(added, { applied: false })).toMatchObject({
      version: 1,
      provider: "custom-jwt",
      framework: "vite",
      applied: false,
      plan: [{ action: "create", path: "convex/auth.config.ts" }],
      env: [{ name: "TEST_ISSUER", target: "dev", status: "pending" }],
      missing: [{ flag: "--issuer" }],
      nextSteps: ["Sign in again."],
    });
  });

  it("applies with the value given, then plans nothing", async () => {
    const dir = app();
    const set: string[] = [];
    const request = {
      cwd: dir,
      provider: "custom-jwt",
      recipe: testRecipe,
      options: { issuer: "https://idp.example.com" },
      git: false as const,
      env: {},
    };
    const added = await planAdd({ ...request, readDeployment: async () => ({}) });
    expect(added.missing).toEqual([]);
    await applyAdd(added, {
      io: {
        deployment: { list: async () => ({}), set: async (_t, name) => void set.push(name), remove: async () => {} },
      },
    });
    expect(set).toEqual(["TEST_ISSUER"]);
    expect(readFileSync(join(dir, "convex/auth.config.ts"), "utf8")).toContain("process.env.TEST_ISSUER");
    const again = await planAdd({
      ...request,
      readDeployment: async () => ({ TEST_ISSUER: "https://idp.example.com" }),
    });
    expect(again.plan.items.every((item) => item.action === "skip")).toBe(true);
    expect(needsHuman(again)).toBe(false);
  });

  it("asks a terminal user for the missing values (secrets masked) and plans again with them", async () => {
    const recipe = defineRecipe({
      id: testRecipe.id,
      docs: testRecipe.docs,
      supports: testRecipe.supports,
      options: {
        issuer: testRecipe.options.issuer,
        secretKey: {
          flag: "--secret-key",
          description: "the secret",
          secret: true,
          obtainedBy: dashboard,
          env: ["TEST_SECRET"],
        },
      },
      async plan(facts, options, kit) {
        await testRecipe.plan(facts, { issuer: options.issuer }, kit);
        kit.env("TEST_SECRET", { target: "dev", secret: true, value: options.secretKey, obtainedBy: dashboard });
      },
    });
    const request = { cwd: app(), provider: "custom-jwt", recipe, offline: true, git: false as const, env: {} };
    const added = await planAdd(request);
    const asked: Question[] = [];
    const io = {
      confirm: async () => true,
      ask: async (questions: Question[]) => {
        asked.push(...questions);
        return { issuer: "https://idp.example.com", secretKey: "" };
      },
    };
    const { added: filled, request: answered } = await askMissing(request, added, io);
    expect(answered.options).toEqual({ issuer: "https://idp.example.com" });
    expect(asked.map(({ name, secret }) => ({ name, secret }))).toEqual([
      { name: "issuer", secret: false },
      { name: "secretKey", secret: true },
    ]);
    // An empty answer leaves the value for later.
    expect(filled.missing.map((input) => input.name)).toEqual(["secretKey"]);
    expect(filled.plan.env.find((change) => change.name === "TEST_ISSUER")).toMatchObject({ status: "set" });
  });

  it("matches an option's target-qualified env names only on that target", async () => {
    const recipe = defineRecipe({
      id: "custom-jwt",
      docs: "https://docs.convex.dev/auth/advanced/custom-jwt",
      options: {
        devIssuer: { flag: "--dev-issuer", description: "the dev issuer", obtainedBy: dashboard, env: ["dev:ISSUER"] },
        prodIssuer: {
          flag: "--prod-issuer",
          description: "the prod issuer",
          obtainedBy: dashboard,
          env: ["prod:ISSUER"],
        },
      },
      supports: () => "ok",
      plan(_facts, options, kit) {
        kit.env("ISSUER", { target: "prod", value: options.prodIssuer, obtainedBy: dashboard });
        kit.env("ISSUER", { target: "dev", value: "https://dev.example.com" });
      },
    });
    const added = await planAdd({ cwd: app(), provider: "custom-jwt", recipe, offline: true, git: false, env: {} });
    expect(added.missing.map((input) => input.flag)).toEqual(["--prod-issuer"]);
  });

  it("rejects an unknown provider and an unknown option as usage errors", async () => {
    await expect(planAdd({ cwd: app(), provider: "okta" })).rejects.toMatchObject({ code: "usage", exitCode: 2 });
    await expect(
      planAdd({
        cwd: app(),
        provider: "custom-jwt",
        recipe: testRecipe,
        options: { issuerr: "x" },
        git: false,
        env: {},
      }),
    ).rejects.toMatchObject({ code: "usage", message: 'add custom-jwt has no option "issuerr".' });
  });

  it("honours --framework over the detected one", async () => {
    const added = await planAdd({
      cwd: app(),
      provider: "custom-jwt",
      recipe: testRecipe,
      framework: "next",
      readDeployment: async () => ({}),
      git: false,
      env: {},
    });
    expect(added.facts.framework.name).toBe("next-app");
    expect(added.facts.notes.at(-1)).toMatch(/--framework next/);
  });
});

describe("missing inputs per target", () => {
  const prodStep = humanStep(
    "Copy the production issuer",
    "https://idp.example.com/prod",
    "Production tokens come from it.",
  );
  const recipe = defineRecipe({
    id: "custom-jwt",
    docs: "https://docs.convex.dev/auth/advanced/custom-jwt",
    options: {
      ...COMMON_OPTIONS,
      issuer: { flag: "--issuer", description: "the issuer URL", obtainedBy: dashboard, env: ["dev:TEST_ISSUER"] },
      prodIssuer: {
        flag: "--prod-issuer",
        description: "the production issuer URL",
        obtainedBy: prodStep,
        env: ["prod:TEST_ISSUER"],
      },
    },
    supports: () => "ok",
    plan(_facts, options, kit) {
      kit.env("TEST_ISSUER", { target: "dev", value: options.issuer, obtainedBy: dashboard });
      if (options.prod) kit.env("TEST_ISSUER", { target: "prod", value: options.prodIssuer, obtainedBy: prodStep });
    },
  });
  const request = {
    cwd: FIXTURE,
    provider: "custom-jwt",
    recipe,
    readDeployment: async () => ({}),
    git: false as const,
    env: {},
  };

  it("lists a prod-only flag only when the prod variable is the one pending", async () => {
    const devOnly = await planAdd({ ...request, options: {} });
    expect(devOnly.missing.map((m) => m.flag)).toEqual(["--issuer"]);
    const prod = await planAdd({ ...request, options: { issuer: "https://idp.example.com", prod: true } });
    expect(prod.missing.map((m) => m.flag)).toEqual(["--prod-issuer"]);
  });
});
