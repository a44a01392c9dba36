import { mkdtemp, writeFile, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuthwireError } from "../errors.ts";
import { detectProject } from "./detect.ts";
import { toDetectJson, type DetectJson } from "./facts.ts";
import { memoryFiles } from "./files.ts";

const APPS = resolve(import.meta.dirname, "../../test/fixtures/apps");
const NO_ENV = {};

type Expected = Omit<DetectJson, "root" | "version">;

const vite = { name: "vite" as const, version: "^8.3.8" };
const convexDir = (deploymentConfigured: boolean) => ({ dir: "convex", version: "1.48.0", deploymentConfigured });
const base = { packageManager: "npm" as const, typescript: true };

const FIXTURES: Record<string, Expected> = {
  "vite-baseline": {
    ...base,
    framework: vite,
    devServer: { port: 5173, source: "default for vite" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "vite-port-3001": {
    ...base,
    framework: vite,
    devServer: { port: 3001, source: "vite.config.ts: server.port" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "next-app-baseline": {
    ...base,
    framework: { name: "next-app", version: "16.4.6" },
    devServer: { port: 3000, source: "default for next-app" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "next-app-src": {
    ...base,
    framework: { name: "next-app", version: "^15.5.29" },
    devServer: { port: 3005, source: "package.json: scripts.dev:frontend" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "next-pages-baseline": {
    ...base,
    framework: { name: "next-pages", version: "16.4.6" },
    devServer: { port: 3000, source: "default for next-pages" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "tanstack-start-baseline": {
    ...base,
    framework: { name: "tanstack-start", version: "^1.169.5" },
    devServer: { port: 3000, source: "vite.config.ts: server.port" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "expo-baseline": {
    ...base,
    framework: { name: "expo", version: "~58.0.26" },
    devServer: { port: 8081, source: "default for expo" },
    convex: convexDir(false),
    providers: [],
    envFiles: [],
  },
  "vite-clerk-done": {
    ...base,
    framework: vite,
    devServer: { port: 5173, source: "default for vite" },
    convex: convexDir(true),
    providers: [
      {
        name: "clerk",
        evidence: [
          "package.json: @clerk/react",
          "convex/auth.config.ts: CLERK_JWT_ISSUER_DOMAIN",
          "src/main.tsx: ConvexProviderWithClerk",
          "src/main.tsx: ClerkProvider",
        ],
      },
    ],
    envFiles: [".env.local"],
  },
  "vite-convex-auth-done": {
    ...base,
    framework: vite,
    devServer: { port: 5173, source: "default for vite" },
    convex: convexDir(true),
    providers: [
      {
        name: "convex-auth",
        evidence: [
          "package.json: @convex-dev/auth",
          "convex/auth.config.ts: CONVEX_SITE_URL",
          "convex/auth.ts: convexAuth",
          "src/main.tsx: ConvexAuthProvider",
          "package.json: Convex Auth v1 (^0.0.95)",
        ],
        version: "^0.0.95",
      },
    ],
    envFiles: [".env.local"],
  },
  "vite-workos-done": {
    ...base,
    framework: vite,
    devServer: { port: 5173, source: "default for vite" },
    convex: convexDir(true),
    providers: [
      {
        name: "workos",
        evidence: [
          "package.json: @workos-inc/authkit-react",
          "package.json: @convex-dev/workos",
          "convex/auth.config.ts: api.workos.com",
          "convex.json: authKit",
          "src/main.tsx: ConvexProviderWithAuthKit",
          "src/main.tsx: AuthKitProvider",
        ],
      },
    ],
    envFiles: [".env.local"],
  },
  "vite-custom-jwt-done": {
    ...base,
    framework: vite,
    devServer: { port: 5173, source: "default for vite" },
    convex: convexDir(true),
    providers: [
      {
        name: "custom-jwt",
        evidence: ["convex/auth.config.ts: customJwt provider", "src/main.tsx: ConvexProviderWithAuth"],
      },
    ],
    envFiles: [".env.local"],
  },
  "next-app-auth0-done": {
    ...base,
    framework: { name: "next-app", version: "16.4.6" },
    devServer: { port: 3000, source: "default for next-app" },
    convex: convexDir(true),
    providers: [
      {
        name: "auth0",
        evidence: [
          "package.json: @auth0/auth0-react",
          "convex/auth.config.ts: AUTH0_DOMAIN",
          "app/ConvexClientProvider.tsx: ConvexProviderWithAuth0",
          "app/ConvexClientProvider.tsx: Auth0Provider",
        ],
      },
    ],
    envFiles: [".env.local"],
  },
  "monorepo/apps/web": {
    packageManager: "pnpm",
    typescript: true,
    framework: vite,
    devServer: { port: 5180, source: "package.json: scripts.dev" },
    // The backend is its own workspace package (packages/backend), not apps/web/convex.
    convex: { dir: "../../packages/backend/convex", version: "1.48.0", deploymentConfigured: false },
    providers: [],
    envFiles: [],
  },
};

describe("detectProject on the fixture apps", () => {
  it.each(Object.entries(FIXTURES))("%s", async (name, expected) => {
    const root = join(APPS, name);
    const facts = await detectProject(root, { env: NO_ENV });
    expect(toDetectJson(facts)).toEqual({ version: 1, root, ...expected });
  });

  it("finds each framework's entry files", async () => {
    const entries = async (name: string) => (await detectProject(join(APPS, name), { env: NO_ENV })).entries;
    expect(await entries("vite-baseline")).toEqual({
      main: "src/main.tsx",
      convexProvider: "src/main.tsx",
      rootRoute: null,
      routesDir: null,
      usesSrc: true,
    });
    expect(await entries("next-app-baseline")).toEqual({
      main: "app/layout.tsx",
      convexProvider: "app/ConvexClientProvider.tsx",
      rootRoute: null,
      routesDir: "app",
      usesSrc: false,
    });
    expect(await entries("next-app-src")).toMatchObject({
      main: "src/app/layout.tsx",
      routesDir: "src/app",
      usesSrc: true,
    });
    expect(await entries("next-pages-baseline")).toMatchObject({
      main: "pages/_app.tsx",
      convexProvider: "pages/_app.tsx",
    });
    expect(await entries("tanstack-start-baseline")).toMatchObject({
      main: "src/router.tsx",
      rootRoute: "src/routes/__root.tsx",
      convexProvider: "src/router.tsx",
    });
  });

  it("reads the Next major version for proxy.ts vs middleware.ts", async () => {
    expect((await detectProject(join(APPS, "next-app-baseline"), { env: NO_ENV })).framework.major).toBe(16);
    expect((await detectProject(join(APPS, "next-app-src"), { env: NO_ENV })).framework.major).toBe(15);
  });

  it("counts CONVEX_DEPLOYMENT from the environment", async () => {
    const facts = await detectProject(join(APPS, "vite-baseline"), { env: { CONVEX_DEPLOYMENT: "dev:x-1" } });
    expect(facts.convex).toMatchObject({ deploymentConfigured: true, deployment: "dev:x-1" });
  });

  it("a workspace app knows its workspace root (hoisted node_modules, the lockfile)", async () => {
    const facts = await detectProject(join(APPS, "monorepo/apps/web"), { env: NO_ENV });
    expect(facts.workspaceRoot).toBe("../..");
  });

  it("lists the apps of a monorepo root and asks for --cwd (exit 2)", async () => {
    const error = await detectProject(join(APPS, "monorepo"), { env: NO_ENV }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthwireError);
    expect(error).toMatchObject({
      code: "monorepo_root",
      exitCode: 2,
      details: {
        apps: ["apps/web", "packages/backend"],
        // The backend package is checked through the app that depends on it: one run, named exactly.
        runs: [{ cwd: "apps/web", kind: "client", backend: "packages/backend" }],
      },
    });
    expect((error as AuthwireError).hint).toMatch(
      /^Run once per app: --cwd \S*apps\/web \(the app, with its functions in packages\/backend\)\.$/,
    );
  });
});

/** A virtual project with a package.json using the given deps/scripts plus extra files. */
function project(pkg: Record<string, unknown>, files: Record<string, string> = {}) {
  return memoryFiles({ "package.json": JSON.stringify(pkg, null, 2), ...files });
}

describe("detectProject on virtual projects", () => {
  const viteDeps = {
    dependencies: { react: "^19.0.0", "react-dom": "^19.0.0", convex: "^1.48.0" },
    devDependencies: { vite: "^8.0.0" },
  };

  it.each([
    ["package-lock.json", "npm"],
    ["pnpm-lock.yaml", "pnpm"],
    ["yarn.lock", "yarn"],
    ["bun.lock", "bun"],
    ["bun.lockb", "bun"],
  ])("reads the package manager from %s", async (lockfile, manager) => {
    const facts = await detectProject("/p", { files: project(viteDeps, { [lockfile]: "" }), env: NO_ENV });
    expect(facts.packageManager).toBe(manager);
  });

  it("reads the package manager from the packageManager field", async () => {
    const facts = await detectProject("/p", {
      files: project({ ...viteDeps, packageManager: "yarn@4.5.0" }),
      env: NO_ENV,
    });
    expect(facts.packageManager).toBe("yarn");
  });

  it.each([
    ["vite --port 4000", 4000],
    ["vite --port=4001", 4001],
    ["PORT=4002 vite", 4002],
    ["vite -p 4003", 4003],
  ])("reads the dev port from the script %j", async (script, port) => {
    const facts = await detectProject("/p", { files: project({ ...viteDeps, scripts: { dev: script } }), env: NO_ENV });
    expect(facts.devServer).toEqual({ port, source: "package.json: scripts.dev" });
  });

  it("lets the dev script's port win over vite.config", async () => {
    const files = project(
      { ...viteDeps, scripts: { dev: "vite --port 4100" } },
      { "vite.config.ts": "export default { server: { port: 4200 } }" },
    );
    expect((await detectProject("/p", { files, env: NO_ENV })).devServer.port).toBe(4100);
  });

  it("falls back to the default port when vite.config can't be read statically, and says so", async () => {
    const files = project(viteDeps, { "vite.config.ts": "export default defineConfig({ server: { port: " });
    const facts = await detectProject("/p", { files, env: NO_ENV });
    expect(facts.devServer.port).toBe(5173);
    expect(facts.devServer.source).toMatch(/^default for vite \(vite\.config\.ts could not be read statically\)$/);
    expect(facts.notes[0]).toMatch(/vite\.config\.ts could not be read statically/);
  });

  it("falls back to the default port when server.port is computed", async () => {
    const files = project(viteDeps, { "vite.config.ts": "export default { server: { port: Number(process.env.P) } }" });
    const facts = await detectProject("/p", { files, env: NO_ENV });
    expect(facts.devServer).toEqual({
      port: 5173,
      source: "default for vite (vite.config.ts: server.port is not a number literal)",
    });
  });

  it("reads the functions folder from convex.json (JSONC)", async () => {
    const files = project(viteDeps, {
      "convex.json": '{\n  // backend lives elsewhere\n  "functions": "backend/convex/",\n}',
      "backend/convex/auth.config.ts": "export default { providers: [] }",
    });
    const facts = await detectProject("/p", { files, env: NO_ENV });
    expect(facts.convex).toMatchObject({ dir: "backend/convex", authConfigFiles: ["backend/convex/auth.config.ts"] });
  });

  it("detects TypeScript from convex/tsconfig.json or the functions folder's .ts files, with no root tsconfig", async () => {
    const backend = { dependencies: { convex: "1.48.0" } };
    const js = project(backend, { "convex/messages.js": "export const x = 1;", "convex/_generated/api.d.ts": "" });
    expect((await detectProject("/p", { files: js, env: NO_ENV })).typescript).toBe(false);
    const tsconfig = project(backend, { "convex/tsconfig.json": "{}", "convex/messages.js": "" });
    expect((await detectProject("/p", { files: tsconfig, env: NO_ENV })).typescript).toBe(true);
    const tsFiles = project(backend, { "convex/messages.ts": "export const x = 1;" });
    expect((await detectProject("/p", { files: tsFiles, env: NO_ENV })).typescript).toBe(true);
  });

  it("prefers the App Router when both app/ and pages/ exist", async () => {
    const files = project({ dependencies: { next: "^16.0.0" } }, { "app/page.tsx": "", "pages/old.tsx": "" });
    expect((await detectProject("/p", { files, env: NO_ENV })).framework.name).toBe("next-app");
  });

  it("names every provider of an app with two (Clerk and Convex Auth)", async () => {
    const files = project(
      { dependencies: { ...viteDeps.dependencies, "@clerk/react": "^6", "@convex-dev/auth": "^0.0.95" } },
      {
        "convex/auth.config.ts":
          'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }, { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }] }',
      },
    );
    const facts = await detectProject("/p", { files, env: NO_ENV });
    expect(facts.providers.map((p) => p.name)).toEqual(["clerk", "convex-auth"]);
  });

  it("names Clerk through @clerk/clerk-js and ConvexProviderWithAuth as Clerk, not custom JWT", async () => {
    const files = project(
      { dependencies: { ...viteDeps.dependencies, "@clerk/clerk-js": "^5.40.0" } },
      {
        "convex/auth.config.ts":
          'export default { providers: [{ domain: process.env.ISSUER_URL!, applicationID: "convex" }] };',
        "src/clerk.ts":
          'import { Clerk } from "@clerk/clerk-js";\nexport const clerk = new Clerk(import.meta.env.VITE_CLERK_PUBLISHABLE_KEY);\nexport function useAuthFromClerkJs() {\n  return { isLoading: !clerk.loaded, isAuthenticated: Boolean(clerk.session), fetchAccessToken: async () => (await clerk.session?.getToken()) ?? null };\n}\n',
        "src/main.tsx":
          'import { createRoot } from "react-dom/client";\nimport { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";\nimport { useAuthFromClerkJs } from "./clerk";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\ncreateRoot(document.getElementById("root")!).render(<ConvexProviderWithAuth client={convex} useAuth={useAuthFromClerkJs}><div /></ConvexProviderWithAuth>);\n',
      },
    );
    const facts = await detectProject("/p", { files, env: NO_ENV });
    // The auth.config entry names no provider (an OIDC entry): it stays custom; the client is Clerk's.
    expect(facts.providers.map((p) => [p.name, p.evidence])).toEqual([
      ["clerk", ["package.json: @clerk/clerk-js", "src/clerk.ts: Clerk"]],
      ["custom-jwt", ["convex/auth.config.ts: OIDC provider"]],
    ]);
    const clerkEntry = project(
      { dependencies: { ...viteDeps.dependencies, "@clerk/clerk-js": "^5.40.0" } },
      {
        "convex/auth.config.ts":
          'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };',
        "src/main.tsx":
          'import { Clerk } from "@clerk/clerk-js";\nimport { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";\nconst clerk = new Clerk("pk_test_x");\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\nexport const Root = () => <ConvexProviderWithAuth client={convex} useAuth={() => ({ isLoading: false, isAuthenticated: Boolean(clerk.session), fetchAccessToken: async () => null })}><div /></ConvexProviderWithAuth>;\n',
      },
    );
    expect((await detectProject("/p", { files: clerkEntry, env: NO_ENV })).providers.map((p) => p.name)).toEqual([
      "clerk",
    ]);
  });

  it("does not count a provider name that is only mentioned, not imported", async () => {
    const files = project(viteDeps, { "src/notes.ts": 'const todo = "wire ConvexProviderWithClerk later";' });
    expect((await detectProject("/p", { files, env: NO_ENV })).providers).toEqual([]);
  });
});

describe("bad input", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  async function tempProject(files: Record<string, string>) {
    const dir = await mkdtemp(join(tmpdir(), "authwire-detect-"));
    dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it("names the file, line and column of a malformed package.json", async () => {
    const dir = await tempProject({
      "package.json": '{\n  "name": "x",\n  "dependencies": {\n    "convex": "1.48.0",\n  }\n}\n',
    });
    const error = await detectProject(dir, { env: NO_ENV }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "project_unreadable", exitCode: 2, file: "package.json", line: 5, column: 3 });
  });

  it("rejects a package.json whose dependencies are not an object", async () => {
    const dir = await tempProject({ "package.json": '{ "dependencies": ["convex"] }' });
    await expect(detectProject(dir, { env: NO_ENV })).rejects.toMatchObject({
      code: "project_unreadable",
      file: "package.json",
    });
  });

  it("says when the folder is not a project", async () => {
    const dir = await tempProject({ "README.md": "hi" });
    await expect(detectProject(dir, { env: NO_ENV })).rejects.toMatchObject({ code: "not_a_project", exitCode: 2 });
  });

  it("says when the folder does not exist", async () => {
    await expect(detectProject(join(tmpdir(), "authwire-no-such-dir-x"), { env: NO_ENV })).rejects.toMatchObject({
      code: "not_a_project",
    });
  });
});
