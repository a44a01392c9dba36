/** The facts about one project, computed once by `detectProject` and passed to every layer. */
import type { ProjectFiles } from "./files.ts";
import type { ConvexAuthFacts } from "./probes/convex-auth-version.ts";
import type { ProjectConfig } from "./config.ts";
import type { AuthwireError } from "../errors.ts";

export type { ConvexAuthFacts, ConvexAuthMajor } from "./probes/convex-auth-version.ts";

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";
export type FrameworkName = "vite" | "next-app" | "next-pages" | "tanstack-start" | "expo" | "unknown";
export type ProviderId = "convex-auth" | "better-auth" | "clerk" | "workos" | "auth0" | "custom-jwt";

export const PROVIDER_IDS: readonly ProviderId[] = [
  "convex-auth",
  "better-auth",
  "clerk",
  "workos",
  "auth0",
  "custom-jwt",
];

export interface PackageJson {
  name?: string;
  packageManager?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  [key: string]: unknown;
}

export interface FrameworkFacts {
  name: FrameworkName;
  /** The version range declared in package.json (e.g. "^16.4.3"), or null. */
  version: string | null;
  /** The lowest major version the range allows, for decisions like proxy.ts vs middleware.ts. */
  major: number | null;
}

export interface DevServerFacts {
  port: number | null;
  /** Where the port came from, e.g. "vite.config.ts: server.port" or "default for vite". */
  source: string;
}

/** A Convex backend in its own workspace package (`packages/backend` beside `apps/web`). */
export interface BackendPackage {
  /** The package folder relative to the app root ("../../packages/backend"). */
  dir: string;
  /** Its package.json name ("@packages/backend"), when it has one. */
  name: string | null;
  /** The functions folder inside the package ("convex"). */
  functionsDir: string;
  /** "file: why" lines that tie the app to it. */
  evidence: string[];
}

export interface ConvexFacts {
  /**
   * The functions folder relative to the root, without trailing slash (convex.json `functions`).
   * With a backend package it lies outside the app ("../../packages/backend/convex").
   */
  dir: string;
  /** The workspace package holding the backend, or null when the app keeps its own functions. */
  package: BackendPackage | null;
  /** The `convex` version range from package.json, or null when not a dependency. */
  version: string | null;
  deploymentConfigured: boolean;
  /** `CONVEX_DEPLOYMENT` (e.g. "dev:happy-animal-123"); a name, not a secret. */
  deployment: string | null;
  /** Which auth.config file exists in the functions folder. */
  authConfigFiles: string[];
}

export interface ProviderEvidence {
  name: ProviderId;
  /** The provider's version where it matters (Convex Auth: "2.0.0" or the declared range). */
  version?: string;
  /** "file: why" lines. */
  evidence: string[];
}

/** Where the framework's client wiring lives (the files `add` edits and doctor reads). */
export interface EntryFiles {
  /** Vite: src/main.tsx; Next App: app/layout.tsx; Pages: pages/_app.tsx; TanStack: src/router.tsx. */
  main: string | null;
  /** The file that renders a Convex provider (`ConvexProvider*`), if any. */
  convexProvider: string | null;
  /** TanStack Start root route. */
  rootRoute: string | null;
  /** Next: `app` or `src/app` (App Router), `pages` or `src/pages`. */
  routesDir: string | null;
  /** The app keeps its code under `src/`. */
  usesSrc: boolean;
}

export interface ProjectFacts {
  root: string;
  packageManager: PackageManager;
  framework: FrameworkFacts;
  devServer: DevServerFacts;
  convex: ConvexFacts;
  providers: ProviderEvidence[];
  envFiles: string[];
  typescript: boolean;
  /** Convex Auth's major line (v1 0.0.x or v2 2.x) when the project uses it, else null. */
  convexAuth: ConvexAuthFacts | null;
  /** Everything below is internal (not part of `detect --json`). */
  packageJson: PackageJson;
  /**
   * The enclosing workspace folder, relative to the root ("../.."), where a hoisted node_modules and
   * the lockfile live; null when the app is its own install root.
   */
  workspaceRoot: string | null;
  dependencies: Record<string, string>;
  entries: EntryFiles;
  /** Code files of the app (no node_modules, build output or `_generated`), relative POSIX paths. */
  codeFiles: string[];
  /** authwire.config.json (or package.json's "authwire" key); empty when there is none. */
  config: ProjectConfig;
  /** A bad configuration (file, line): doctor refuses to run on it. */
  configError: AuthwireError | null;
  /** Notes about facts that fell back to a default, e.g. an unreadable vite.config. */
  notes: string[];
  files: ProjectFiles;
}

/** The stable `detect --json` shape (design.md). */
export interface DetectJson {
  version: 1;
  root: string;
  packageManager: PackageManager;
  framework: { name: FrameworkName; version: string | null };
  devServer: DevServerFacts;
  convex: { dir: string; version: string | null; deploymentConfigured: boolean };
  providers: ProviderEvidence[];
  envFiles: string[];
  typescript: boolean;
}

export function toDetectJson(facts: ProjectFacts): DetectJson {
  return {
    version: 1,
    root: facts.root,
    packageManager: facts.packageManager,
    framework: { name: facts.framework.name, version: facts.framework.version },
    devServer: facts.devServer,
    convex: {
      dir: facts.convex.dir,
      version: facts.convex.version,
      deploymentConfigured: facts.convex.deploymentConfigured,
    },
    providers: facts.providers,
    envFiles: facts.envFiles,
    typescript: facts.typescript,
  };
}
