import semver from "semver";
import type { FrameworkFacts, FrameworkName } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

function lowestMajor(range: string | undefined): number | null {
  if (!range) return null;
  try {
    const min = semver.minVersion(range);
    return min ? min.major : null;
  } catch {
    return null;
  }
}

async function firstExistingDir(files: ProjectFiles, dirs: string[]): Promise<string | null> {
  for (const dir of dirs) if ((await files.list(dir)).length > 0) return dir;
  return null;
}

/**
 * The framework from package.json, checked in the Convex CLI's order (Next, Expo, TanStack Start,
 * Vite). Next's router comes from the folders: `app/` (or `src/app/`) wins over `pages/`.
 */
export async function detectFramework(
  files: ProjectFiles,
  deps: Record<string, string>,
): Promise<FrameworkFacts & { routesDir: string | null }> {
  const make = (name: FrameworkName, pkg: string | null, routesDir: string | null = null) => {
    const version = pkg ? (deps[pkg] ?? null) : null;
    return { name, version, major: lowestMajor(version ?? undefined), routesDir };
  };
  if (deps.next) {
    const appDir = await firstExistingDir(files, ["app", "src/app"]);
    if (appDir) return make("next-app", "next", appDir);
    const pagesDir = await firstExistingDir(files, ["pages", "src/pages"]);
    if (pagesDir) return make("next-pages", "next", pagesDir);
    return make("next-app", "next", null);
  }
  if (deps.expo) return make("expo", "expo", (await firstExistingDir(files, ["app", "src/app"])) ?? null);
  if (deps["@tanstack/react-start"]) return make("tanstack-start", "@tanstack/react-start", "src/routes");
  if (deps["@tanstack/start"]) return make("tanstack-start", "@tanstack/start", "src/routes");
  if (deps.vite && (deps.react || deps["react-dom"])) return make("vite", "vite");
  return make("unknown", null);
}
