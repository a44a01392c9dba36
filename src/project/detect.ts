/**
 * `detectProject`: reads a repo's own files (never node_modules alone, never running its code) and
 * returns its ProjectFacts. Probes run in parallel where they don't depend on each other.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { AuthwireError } from "../errors.ts";
import type { PackageJson, ProjectFacts } from "./facts.ts";
import { readJson } from "../config/json.ts";
import { diskFiles, listCodeFiles, type ProjectFiles } from "./files.ts";
import { readConvexJson, detectConvex } from "./probes/convex.ts";
import { detectDevServer } from "./probes/dev-server.ts";
import { detectEntries } from "./probes/entries.ts";
import { detectFramework } from "./probes/framework.ts";
import { allDependencies, readPackageJson } from "./probes/package-json.ts";
import { LOCKFILE_NAMES, detectPackageManager } from "./probes/package-manager.ts";
import { detectConvexAuthVersion } from "./probes/convex-auth-version.ts";
import { detectProviders } from "./probes/providers.ts";
import { findApps, planAppRuns } from "./probes/workspace.ts";
import { findBackendPackage } from "./probes/backend-package.ts";
import { emptyConfig, readProjectConfig, type ProjectConfig } from "./config.ts";

export interface DetectOptions {
  /** The project's files; defaults to the disk under `cwd`. */
  files?: ProjectFiles;
  /**
   * `files` reads the disk under `cwd` (a cached reader): look around the app as on disk (the
   * enclosing workspace's lockfile, a backend package beside it). Default: true without `files`.
   */
  onDisk?: boolean;
  /** The process environment (CONVEX_DEPLOYMENT may come from it). */
  env?: NodeJS.ProcessEnv;
}

/** The nearest enclosing folder (above the app) with a lockfile, for apps inside a workspace. */
function enclosingWorkspace(root: string): { dir: string; lockfiles: string[]; packageManager?: unknown } | undefined {
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    const lockfiles = LOCKFILE_NAMES.filter((name) => existsSync(join(dir, name)));
    const pkgPath = join(dir, "package.json");
    let packageManager: unknown;
    if (existsSync(pkgPath)) {
      try {
        packageManager = (JSON.parse(readFileSync(pkgPath, "utf8")) as { packageManager?: unknown }).packageManager;
      } catch {
        packageManager = undefined;
      }
    }
    if (lockfiles.length > 0 || packageManager) return { dir, lockfiles, packageManager };
    if (existsSync(join(dir, ".git"))) return undefined;
  }
  return undefined;
}

async function readPackageJsonAt(files: ProjectFiles, dir: string): Promise<PackageJson | undefined> {
  const source = await files.read(`${dir}/package.json`);
  if (source === undefined) return undefined;
  try {
    const value = JSON.parse(source) as unknown;
    return typeof value === "object" && value !== null ? (value as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

async function readBackendConvexJson(files: ProjectFiles, dir: string): Promise<Record<string, unknown> | null> {
  const source = await files.read(`${dir}/convex.json`);
  if (source === undefined) return null;
  const parsed = readJson<Record<string, unknown>>(source, { jsonc: true });
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? parsed.value : null;
}

export async function detectProject(cwd: string, options: DetectOptions = {}): Promise<ProjectFacts> {
  const root = resolve(cwd);
  const files = options.files ?? diskFiles(root);
  const onDisk = options.onDisk ?? !options.files;
  const env = options.env ?? process.env;
  if (!options.files && !existsSync(root)) {
    throw new AuthwireError("not_a_project", `${root} does not exist.`, { hint: "Pass --cwd with your app's folder." });
  }

  const pkg = await readPackageJson(files);
  const deps = pkg ? allDependencies(pkg) : {};
  const isWorkspaceRoot =
    pkg !== undefined &&
    (pkg.workspaces !== undefined || (await files.exists("pnpm-workspace.yaml"))) &&
    !deps.convex &&
    !(await files.exists("convex"));
  if (!pkg || isWorkspaceRoot) {
    const apps = await findApps(files);
    if (apps.length > 0) {
      const runs = await planAppRuns(files, apps);
      const cwdOf = (dir: string) => relative(process.cwd(), join(root, dir)) || ".";
      const described = runs.map((run) =>
        run.kind === "backend"
          ? `--cwd ${cwdOf(run.cwd)} (Convex functions only)`
          : `--cwd ${cwdOf(run.cwd)} (the app${run.backend ? `, with its functions in ${run.backend}` : ""})`,
      );
      throw new AuthwireError(
        "monorepo_root",
        `${root} is a ${pkg ? "workspace" : "monorepo"} root. Apps found: ${apps.join(", ")}.`,
        {
          hint:
            described.length > 0
              ? `Run once per app: ${described.join("; ")}.`
              : `Run again with --cwd ${cwdOf(apps[0]!)}${apps.length > 1 ? " (or another app listed)" : ""}.`,
          details: { apps, runs },
        },
      );
    }
    if (!pkg) {
      throw new AuthwireError("not_a_project", `No package.json in ${root}, and no app below it.`, {
        hint: "Run authwire in your app's folder, or pass --cwd.",
      });
    }
  }
  const packageJson = pkg;
  const notes: string[] = [];

  let config: ProjectConfig = emptyConfig();
  let configError: AuthwireError | null = null;
  try {
    config = await readProjectConfig(files);
  } catch (error) {
    if (!(error instanceof AuthwireError)) throw error;
    configError = error;
  }

  const [convexJson, framework, rootEntries] = await Promise.all([
    readConvexJson(files, notes),
    detectFramework(files, deps),
    files.list("."),
  ]);
  const workspace = onDisk ? enclosingWorkspace(root) : undefined;
  const workspaceRoot = workspace ? relative(root, workspace.dir).split("\\").join("/") : null;
  const [packageManager, devServer, appCodeFiles] = await Promise.all([
    detectPackageManager(files, packageJson, workspace),
    detectDevServer(files, packageJson, framework.name, notes),
    listCodeFiles(files),
  ]);
  // No functions of its own: the backend may be another package of the workspace (disk only).
  const backendPackage =
    onDisk && convexJson.json === null && !(await files.exists(convexJson.functionsDir))
      ? await findBackendPackage(root, files, packageJson, appCodeFiles, notes)
      : null;
  const functionsDir = backendPackage
    ? `${backendPackage.dir}/${backendPackage.functionsDir}`
    : convexJson.functionsDir;
  const backendDeps = backendPackage ? allDependencies((await readPackageJsonAt(files, backendPackage.dir)) ?? {}) : {};
  const convex = await detectConvex(
    files,
    deps,
    functionsDir,
    env,
    backendPackage && { package: backendPackage, version: backendDeps.convex ?? null },
  );
  // The backend's code counts as the app's (providers, doctor), under its path from the app.
  const codeFiles = backendPackage ? [...appCodeFiles, ...(await listCodeFiles(files, functionsDir))] : appCodeFiles;
  const [providers, entries] = await Promise.all([
    detectProviders(
      files,
      { ...backendDeps, ...deps },
      {
        authConfigFiles: convex.authConfigFiles,
        codeFiles,
        functionsDir: convex.dir,
        convexJson: backendPackage ? await readBackendConvexJson(files, backendPackage.dir) : convexJson.json,
      },
    ),
    detectEntries(files, framework.name, framework.routesDir, codeFiles, convex.dir),
  ]);
  const convexAuthEntry = providers.find((provider) => provider.name === "convex-auth");
  // Only an app that shows Convex Auth is asked which line it is on (no extra reads otherwise).
  const backendFiles = [
    ...convex.authConfigFiles,
    ...["auth", "schema"].flatMap((name) => [`${convex.dir}/${name}.ts`, `${convex.dir}/${name}.js`]),
  ].filter((path) => convex.authConfigFiles.includes(path) || codeFiles.includes(path));
  const convexAuth = convexAuthEntry ? await detectConvexAuthVersion(files, deps, backendFiles, workspaceRoot) : null;
  if (convexAuth && convexAuthEntry) {
    if (convexAuth.version) convexAuthEntry.version = convexAuth.version;
    convexAuthEntry.evidence.push(
      `${convexAuth.source}: Convex Auth v${convexAuth.major}${convexAuth.version ? ` (${convexAuth.version})` : ""}`,
      ...convexAuth.conflicts.map((conflict) => `${conflict}: disagrees (mixed Convex Auth versions)`),
    );
  }

  const envFiles = rootEntries
    .filter((entry) => entry.kind === "file" && /^\.env(?:\..+)?$/.test(entry.name))
    .map((entry) => entry.name);
  // A backend-only or functions-first app may have no root tsconfig: convex/tsconfig.json, or the
  // functions folder's own .ts files (its generated code aside), say TypeScript too.
  const typescript =
    rootEntries.some((entry) => entry.name === "tsconfig.json") ||
    Boolean(deps.typescript) ||
    (await files.exists(`${convex.dir}/tsconfig.json`)) ||
    codeFiles.some(
      (path) =>
        path.startsWith(`${convex.dir}/`) &&
        !path.startsWith(`${convex.dir}/_generated/`) &&
        /\.(?:ts|tsx|mts|cts)$/.test(path) &&
        !path.endsWith(".d.ts"),
    );

  return {
    root,
    packageManager,
    workspaceRoot,
    framework: { name: framework.name, version: framework.version, major: framework.major },
    devServer,
    convex,
    providers,
    envFiles,
    typescript,
    convexAuth,
    packageJson,
    dependencies: deps,
    entries,
    codeFiles,
    config,
    configError,
    notes,
    files,
  };
}
