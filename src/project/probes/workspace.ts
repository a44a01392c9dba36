import { readJson } from "../../config/json.ts";
import type { ProjectFiles } from "../files.ts";

const SKIP = new Set(["node_modules", ".git", "dist", "build", ".next", ".turbo"]);

/** Apps (folders with a package.json that use Convex) up to three levels below a monorepo root. */
export async function findApps(files: ProjectFiles, maxDepth = 3): Promise<string[]> {
  const apps: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > maxDepth) return;
    const entries = await files.list(dir);
    for (const entry of entries) {
      if (entry.kind !== "dir" || SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
      const path = dir === "." ? entry.name : `${dir}/${entry.name}`;
      const pkgSource = await files.read(`${path}/package.json`);
      if (pkgSource !== undefined) {
        const parsed = readJson<{ dependencies?: object; devDependencies?: object }>(pkgSource, { jsonc: false });
        const deps = parsed.ok ? { ...parsed.value?.devDependencies, ...parsed.value?.dependencies } : {};
        if ("convex" in deps || (await files.exists(`${path}/convex`))) {
          apps.push(path);
          continue;
        }
      }
      await visit(path, depth + 1);
    }
  };
  await visit(".", 1);
  return apps.sort();
}

/** Dependencies that make a package a client app (it renders UI), not only a Convex backend. */
const CLIENT_DEPS =
  /^(?:react-dom|next|vite|expo|react-native|@tanstack\/react-start|@remix-run\/react|vue|svelte|@sveltejs\/kit|astro)$/;

/** One run doctor (or any command) should make from a monorepo root, and what it covers. */
export interface AppRun {
  /** The folder to pass to --cwd, relative to the root. */
  cwd: string;
  /** "client": renders UI (with its functions folder, or the backend package it depends on); "backend": functions only. */
  kind: "client" | "backend";
  /** The workspace package whose functions the client uses, when they are not in its own folder. */
  backend: string | null;
}

/**
 * Which --cwd to use per app of a monorepo root: each client app (its own functions folder, or
 * the backend package it depends on, is checked with it), and each backend package no client app
 * depends on. A backend package a client uses needs no run of its own.
 */
export async function planAppRuns(files: ProjectFiles, apps: string[]): Promise<AppRun[]> {
  const info = await Promise.all(
    apps.map(async (dir) => {
      const parsed = readJson<{ name?: unknown; dependencies?: object; devDependencies?: object }>(
        (await files.read(`${dir}/package.json`)) ?? "{}",
        { jsonc: false },
      );
      const pkg = parsed.ok ? parsed.value : {};
      const deps = Object.keys({ ...pkg?.devDependencies, ...pkg?.dependencies });
      return {
        dir,
        name: typeof pkg?.name === "string" ? pkg.name : null,
        deps,
        client: deps.some((dep) => CLIENT_DEPS.test(dep)),
        functions: await files.exists(`${dir}/convex`),
      };
    }),
  );
  const runs: AppRun[] = [];
  const used = new Set<string>();
  for (const app of info) {
    if (!app.client) continue;
    const backend = app.functions
      ? null
      : (info.find((other) => other !== app && other.functions && other.name && app.deps.includes(other.name))?.dir ??
        null);
    if (backend) used.add(backend);
    runs.push({ cwd: app.dir, kind: "client", backend });
  }
  for (const app of info) {
    if (!app.client && !used.has(app.dir)) runs.push({ cwd: app.dir, kind: "backend", backend: null });
  }
  return runs;
}
