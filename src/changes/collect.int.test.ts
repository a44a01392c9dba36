import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { addImports, createFile, defineEdit, replaceJsxElement } from "../edit/index.ts";
import { AuthwireError, HumanStepRequired } from "../errors.ts";
import { diskFiles, memoryFiles } from "../project/files.ts";
import { tempDir } from "../../test/helpers/project.ts";
import { collectPlan } from "./collect.ts";
import type { GitProbe } from "./git.ts";
import { createKit } from "./kit.ts";
import { toPlanJson } from "./plan.ts";

const MAIN = `import { ConvexProvider, ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient("https://x.convex.cloud");
export const root = (
  <ConvexProvider client={convex}>
    <App />
  </ConvexProvider>
);
`;

const step = { title: "Copy the key", url: "https://dashboard.example.com", why: "The key comes from the dashboard." };
const noGit = false as const;

describe("collectPlan: files", () => {
  it("runs the edits of one file in order and reports create / modify / skip with reasons", async () => {
    const kit = createKit("demo");
    kit.file("src/main.tsx", addImports({ from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] }));
    kit.file(
      "src/main.tsx",
      replaceJsxElement({
        element: "ConvexProvider",
        name: "ConvexProviderWithClerk",
        props: { useAuth: "{useAuth}" },
      }),
    );
    kit.file("src/new.ts", createFile("export const x = 1;\n", "add x"));
    kit.file("src/same.ts", createFile("export {};\n", "add same"));
    const files = memoryFiles({ "src/main.tsx": MAIN, "src/same.ts": "export {};\n" });
    const plan = await collectPlan(kit, { files, git: noGit });
    expect(plan.items.map(({ action, path, reason, by }) => ({ action, path, reason, by }))).toEqual([
      {
        action: "modify",
        path: "src/main.tsx",
        reason:
          "import ConvexProviderWithClerk from convex/react-clerk; replace <ConvexProvider> with <ConvexProviderWithClerk>",
        by: "demo",
      },
      { action: "create", path: "src/new.ts", reason: "add x", by: "demo" },
      { action: "skip", path: "src/same.ts", reason: "already done: add same", by: "demo" },
    ]);
    const main = plan.items[0]!;
    expect(main.action === "modify" && main.before).toBe(MAIN);
    expect(main.action === "modify" && main.after).toContain(
      "<ConvexProviderWithClerk client={convex} useAuth={useAuth}>",
    );
  });

  it("an unparsable file: a skip with file:line and the reason, a warning, and no edit of that file at all", async () => {
    const kit = createKit("demo");
    kit.file("src/main.tsx", addImports({ from: "@clerk/react", named: ["useAuth"] }));
    kit.file("src/main.tsx", replaceJsxElement({ element: "ConvexProvider", name: "X" }));
    const broken = `${MAIN}export const oops = <div>;\n`;
    const plan = await collectPlan(kit, { files: memoryFiles({ "src/main.tsx": broken }), git: noGit });
    expect(plan.items).toEqual([
      expect.objectContaining({ action: "skip", path: "src/main.tsx", problem: { line: 9, column: 26 } }),
    ]);
    expect(plan.items[0]!.reason).toMatch(/^src\/main\.tsx:9:26 does not parse/);
    expect(plan.warnings).toEqual([expect.objectContaining({ code: "edit_refused", file: "src/main.tsx", line: 9 })]);
  });

  it("a recipe whose edit throws is a bug: an internal error naming the recipe and file", async () => {
    const kit = createKit("buggy");
    kit.file(
      "a.ts",
      defineEdit("explode", () => {
        throw new Error("boom");
      }),
    );
    const error = await collectPlan(kit, { files: memoryFiles({}), git: noGit }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthwireError);
    expect((error as AuthwireError).message).toBe("The buggy recipe failed while planning a.ts: boom");
  });

  it("a recipe may not edit package.json while installing packages", async () => {
    const kit = createKit("demo");
    kit.install("is-number", "7.0.0");
    kit.file("package.json", createFile("{}\n"));
    await expect(collectPlan(kit, { files: memoryFiles({ "package.json": "{}\n" }), git: noGit })).rejects.toThrow(
      TypeError,
    );
  });
});

describe("collectPlan: env", () => {
  it("local values become one .env.local edit; unchanged when the file already holds them; pending needs its step", async () => {
    const kit = createKit("demo");
    kit.env("VITE_CLERK_PUBLISHABLE_KEY", { target: "local", value: "pk_test_new" });
    kit.env("VITE_CONVEX_URL", { target: "local", value: "https://x.convex.cloud" });
    kit.env("VITE_LATER", { target: "local", obtainedBy: step });
    const files = memoryFiles({ ".env.local": "VITE_CONVEX_URL=https://x.convex.cloud\n", ".gitignore": "*.local\n" });
    const plan = await collectPlan(kit, { files, git: noGit });
    expect(plan.env.map(({ name, status }) => [name, status])).toEqual([
      ["VITE_CLERK_PUBLISHABLE_KEY", "set"],
      ["VITE_CONVEX_URL", "unchanged"],
      ["VITE_LATER", "pending"],
    ]);
    expect(plan.items.map((i) => [i.action, i.path])).toEqual([["modify", ".env.local"]]);
    const envFile = plan.items[0]!;
    expect(envFile.action === "modify" && envFile.after).toBe(
      "VITE_CONVEX_URL=https://x.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=pk_test_new\n",
    );
    expect(plan.humanSteps).toEqual([step]);
  });

  it("a secret for a dotenv file that git would not ignore adds the .gitignore line in the same plan", async () => {
    const kit = createKit("demo");
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_123" });
    const plan = await collectPlan(kit, { files: memoryFiles({ ".gitignore": "node_modules\n" }), git: noGit });
    expect(plan.items.map((i) => [i.action, i.path, i.reason])).toEqual([
      ["create", ".env.local", "set CLERK_SECRET_KEY"],
      ["modify", ".gitignore", "keep .env.local out of git: it will hold CLERK_SECRET_KEY"],
    ]);
    const gitignore = plan.items[1]!;
    expect(gitignore.action === "modify" && gitignore.after).toBe(
      "node_modules\n# env files with secrets stay out of git (added by authwire)\n.env.local\n",
    );
  });

  it.each([
    ["*.local\n", false],
    [".env*\n", false],
    [".env.local\n", false],
    [".env*\n!.env.local\n", true],
    ["", true],
  ])("with .gitignore %j the .gitignore edit is needed: %s", async (gitignore, needed) => {
    const kit = createKit("demo");
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_123" });
    const plan = await collectPlan(kit, { files: memoryFiles({ ".gitignore": gitignore }), git: noGit });
    expect(plan.items.some((i) => i.path === ".gitignore" && i.action !== "skip")).toBe(needed);
  });

  it("a tracked env file gets a warning and the step to untrack it", async () => {
    const kit = createKit("demo");
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk_test_123" });
    const git: GitProbe = { dirty: async () => false, tracked: async (path) => path === ".env.local" };
    const plan = await collectPlan(kit, {
      files: memoryFiles({ ".gitignore": ".env.local\n", ".env.local": "" }),
      git,
    });
    expect(plan.warnings.map((w) => w.code)).toEqual(["env_file_tracked"]);
    expect(plan.humanSteps.map((s) => s.title)).toEqual(["Stop tracking .env.local: git rm --cached .env.local"]);
  });

  it("deployment variables: set / unchanged from the deployment's env, dev before prod before local", async () => {
    const kit = createKit("demo");
    kit.env("LOCAL_ONE", { target: "local", value: "1" });
    kit.env("CLERK_JWT_ISSUER_DOMAIN", { target: "prod", value: "https://clerk.example.com" });
    kit.env("CLERK_JWT_ISSUER_DOMAIN", { target: "dev", value: "https://demo.clerk.accounts.dev" });
    kit.env("SAME", { target: "dev", value: "same" });
    const read = async (target: "dev" | "prod"): Promise<Record<string, string>> =>
      target === "dev" ? { SAME: "same" } : { CLERK_JWT_ISSUER_DOMAIN: "https://old.example.com" };
    const plan = await collectPlan(kit, { files: memoryFiles({ ".gitignore": "" }), git: noGit, readDeployment: read });
    expect(plan.env.map(({ name, target, status }) => `${target} ${name} ${status}`)).toEqual([
      "dev CLERK_JWT_ISSUER_DOMAIN set",
      "dev SAME unchanged",
      "prod CLERK_JWT_ISSUER_DOMAIN set",
      "local LOCAL_ONE set",
    ]);
  });

  it("no deployment configured: deployment variables are pending with the step from the reader", async () => {
    const kit = createKit("demo");
    kit.env("CLERK_JWT_ISSUER_DOMAIN", { target: "dev", value: "https://demo.clerk.accounts.dev" });
    const convexDev = { title: "Run `npx convex dev` once in a terminal", why: "configures the deployment" };
    const read = async () => {
      throw new HumanStepRequired("no deployment", { steps: [convexDev] });
    };
    const plan = await collectPlan(kit, { files: memoryFiles({}), git: noGit, readDeployment: read });
    expect(plan.env[0]).toMatchObject({ status: "pending", reason: "no deployment" });
    expect(plan.humanSteps).toEqual([convexDev]);
  });

  it("an unreadable deployment: planned as set, with a warning", async () => {
    const kit = createKit("demo");
    kit.env("X", { target: "dev", value: "1" });
    const read = async () => {
      throw new AuthwireError("deployment_unreachable", "timed out");
    };
    const plan = await collectPlan(kit, { files: memoryFiles({}), git: noGit, readDeployment: read });
    expect(plan.env[0]!.status).toBe("set");
    expect(plan.warnings.map((w) => w.code)).toEqual(["deployment_env_unknown"]);
  });

  it("keepExisting: a variable (or pair) the deployment already has is unchanged; without a value and unset it is pending", async () => {
    const kit = createKit("demo");
    kit.env("JWT_PRIVATE_KEY", {
      target: "dev",
      secret: true,
      value: "new-key",
      keepExisting: ["JWT_PRIVATE_KEY", "JWKS"],
    });
    kit.env("JWKS", { target: "dev", value: "new-jwks", keepExisting: ["JWT_PRIVATE_KEY", "JWKS"] });
    kit.env("SITE_URL", { target: "dev", value: "http://localhost:5173", keepExisting: true });
    kit.env("SITE_URL", { target: "prod", obtainedBy: step, keepExisting: true });
    kit.env("JWKS", { target: "prod", value: "prod-jwks", keepExisting: ["JWT_PRIVATE_KEY", "JWKS"] });
    const read = async (target: "dev" | "prod"): Promise<Record<string, string>> =>
      target === "dev"
        ? { JWT_PRIVATE_KEY: "old", JWKS: "old", SITE_URL: "https://tunnel.example.com" }
        : { JWKS: "half a pair" };
    const plan = await collectPlan(kit, { files: memoryFiles({}), git: noGit, readDeployment: read });
    expect(plan.env.map(({ name, target, status, reason }) => [`${target} ${name} ${status}`, reason])).toEqual([
      ["dev JWT_PRIVATE_KEY unchanged", "already set on the dev deployment (with JWKS); kept as it is"],
      ["dev JWKS unchanged", "already set on the dev deployment (with JWT_PRIVATE_KEY); kept as it is"],
      ["dev SITE_URL unchanged", "already set on the dev deployment; kept as it is"],
      ["prod SITE_URL pending", "needs a value from: Copy the key"],
      // Half a pair is replaced: the other half is missing.
      ["prod JWKS set", "needed by demo"],
    ]);
    expect(plan.env.every((change) => change.status !== "unchanged" || change.value === undefined)).toBe(true);
  });

  it("keepExisting without the deployment's env: planned as set, and the reason says apply checks first", async () => {
    const kit = createKit("demo");
    kit.env("JWKS", { target: "dev", value: "new-jwks", keepExisting: true });
    const plan = await collectPlan(kit, { files: memoryFiles({}), git: noGit });
    expect(plan.env[0]).toMatchObject({
      status: "set",
      keepExisting: ["JWKS"],
      reason: "needed by demo (unless the dev deployment already has it: apply checks first)",
    });
    expect(() => createKit("demo").env("X", { target: "local", value: "1", keepExisting: true })).toThrow(TypeError);
  });

  it("secret values never show in JSON.stringify, util.inspect or the JSON shape of the plan", async () => {
    const secret = "sk_live_THIS_MUST_NOT_LEAK_0123456789";
    const kit = createKit("demo");
    kit.env("CLERK_SECRET_KEY", { target: "local", secret: true, value: secret });
    kit.env("JWT_PRIVATE_KEY", { target: "dev", secret: true, value: `${secret}-dev` });
    const plan = await collectPlan(kit, {
      files: memoryFiles({ ".env.local": "A=1\n", ".gitignore": ".env.local\n" }),
      git: noGit,
    });
    expect(JSON.stringify(plan)).not.toContain(secret);
    expect(inspect(plan, { depth: 10 })).not.toContain(secret);
    expect(JSON.stringify(toPlanJson(plan, { applied: false }))).not.toContain(secret);
    // …while apply can still read them.
    const envFile = plan.items.find((i) => i.path === ".env.local")!;
    expect(envFile.action === "modify" && envFile.after).toContain(secret);
    expect(plan.env.find((c) => c.target === "dev")!.value!.reveal()).toBe(`${secret}-dev`);
  });
});

describe("collectPlan: packages", () => {
  it("unchanged when package.json's range allows the version; install when missing or outside it", async () => {
    const kit = createKit("demo");
    kit.install("convex", "1.48.0");
    kit.install("@clerk/react", "6.1.2");
    kit.install("react", "19.3.1");
    kit.install("typescript", "5.9.3", { dev: true });
    kit.install("local-lib", "1.0.0");
    const dependencies = { convex: "^1.17.0", react: "^18.3.1", typescript: "~5.9.3", "local-lib": "workspace:*" };
    const plan = await collectPlan(kit, { files: memoryFiles({}), git: noGit, dependencies });
    expect(plan.install.map(({ name, status }) => `${name} ${status}`)).toEqual([
      "convex unchanged",
      "@clerk/react install",
      "react install",
      "typescript unchanged",
      "local-lib unchanged",
    ]);
  });

  it("two recipes asking different versions of one package is a bug", async () => {
    const a = createKit("a");
    const b = createKit("b");
    a.install("convex", "1.48.0");
    b.install("convex", "1.47.0");
    await expect(collectPlan([a, b], { files: memoryFiles({}), git: noGit })).rejects.toThrow(
      "a wants convex@1.48.0 but b wants 1.47.0",
    );
  });
});

describe("collectPlan: git", () => {
  it("real git: a dirty working tree is a warning and a flag, never a block", async () => {
    const temp = tempDir("authwire-git-");
    try {
      const git = (...args: string[]) => execFileSync("git", args, { cwd: temp.dir, stdio: "ignore" });
      git("init", "-q");
      writeFileSync(join(temp.dir, "a.ts"), "export const a = 1;\n");
      git("add", ".");
      git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
      const kit = createKit("demo");
      kit.file("b.ts", createFile("export const b = 2;\n"));
      const clean = await collectPlan(kit, { files: diskFiles(temp.dir) });
      expect(clean.dirtyWorktree).toBe(false);
      writeFileSync(join(temp.dir, "a.ts"), "export const a = 2;\n");
      const dirty = await collectPlan(kit, { files: diskFiles(temp.dir) });
      expect(dirty.dirtyWorktree).toBe(true);
      expect(dirty.warnings.map((w) => w.code)).toEqual(["dirty_worktree"]);
      expect(dirty.items.map((i) => i.action)).toEqual(["create"]);
      expect(toPlanJson(dirty, { applied: false }).dirtyWorktree).toBe(true);
    } finally {
      temp.cleanup();
    }
  });
});

describe("createKit", () => {
  const kit = createKit("demo");
  it.each([["/etc/passwd"], ["../outside.ts"], [".authwire/journal/x"], [""]])("refuses the path %j", (path) => {
    expect(() => kit.file(path, createFile(""))).toThrow(TypeError);
  });
  it("refuses ranges: versions are exact", () => {
    expect(() => kit.install("convex", "^1.48.0")).toThrow(/exact version/);
    expect(() => kit.install("convex", "latest")).toThrow(/exact version/);
  });
  it("refuses a secret in a client-exposed variable", () => {
    expect(() => kit.env("VITE_CLERK_SECRET_KEY", { target: "local", secret: true, value: "sk" })).toThrow(
      /exposed to the browser/,
    );
    expect(() => kit.env("NEXT_PUBLIC_X", { target: "local", secret: true, value: "sk" })).toThrow(TypeError);
  });
  it("needs a value or the step that yields it", () => {
    expect(() => kit.env("X", { target: "dev" })).toThrow(/needs a value/);
  });
  it("normalises paths", () => {
    const k = createKit("demo");
    k.file("./src//main.tsx", createFile(""));
    expect(k.recorded.files[0]!.path).toBe("src/main.tsx");
  });
});
