/**
 * The `convex` version an app runs today: the installed package, else the one its lockfile pins.
 * Convex Auth v2 needs convex >= 1.48.0 (`ctx.auth.signJwt`). A declared range such as `^1.44.0`
 * allows 1.48.0, but a lockfile pinning 1.44.0 keeps the app below it: npm upgrades a locked root
 * dependency to meet a new package's peer range, pnpm and yarn report the unmet peer and keep it. So
 * the plan installs convex 1.48.0 whenever the app runs an older one (docs/internals/convex-auth-v2.md#backend).
 */
import semver from "semver";
import type { ProjectFiles } from "../../../project/files.ts";

function versionIn(text: string | undefined, read: (text: string) => string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const version = read(text);
  return version !== undefined && semver.valid(version) !== null ? version : undefined;
}

function fromPackageLock(text: string): string | undefined {
  try {
    const lock = JSON.parse(text) as {
      packages?: Record<string, { version?: unknown }>;
      dependencies?: Record<string, { version?: unknown }>;
    };
    const version = lock.packages?.["node_modules/convex"]?.version ?? lock.dependencies?.convex?.version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The root importer's `convex:` entry (`specifier:` then `version: 1.44.0(react@…)`), lockfile v6+. */
function fromPnpmLock(text: string): string | undefined {
  const root = /^importers:\n+ {2}\.:\n((?: {4}.*\n|\n)*)/m.exec(text)?.[1] ?? "";
  return /^ {6}convex:\n {8}specifier: [^\n]*\n {8}version: (\d[^\s(]*)/m.exec(root)?.[1];
}

/** `convex@^1.44.0:` / `"convex@npm:^1.44.0":` then `version "1.44.0"` (v1) or `version: 1.44.0` (berry). */
function fromYarnLock(text: string): string | undefined {
  return /^"?convex@[^\n]*:\n\s+version:? "?([^"\n]+)"?/m.exec(text)?.[1];
}

/** bun.lock (JSONC): `"convex": ["convex@1.44.0", …]`. */
function fromBunLock(text: string): string | undefined {
  return /"convex": \["convex@(\d[^"]*)"/.exec(text)?.[1];
}

export async function runningConvexVersion(files: ProjectFiles): Promise<string | undefined> {
  const installed = versionIn(await files.read("node_modules/convex/package.json"), (text) => {
    try {
      const version = (JSON.parse(text) as { version?: unknown }).version;
      return typeof version === "string" ? version : undefined;
    } catch {
      return undefined;
    }
  });
  if (installed) return installed;
  const lockfiles: [string, (text: string) => string | undefined][] = [
    ["package-lock.json", fromPackageLock],
    ["pnpm-lock.yaml", fromPnpmLock],
    ["yarn.lock", fromYarnLock],
    ["bun.lock", fromBunLock],
  ];
  for (const [name, read] of lockfiles) {
    const version = versionIn(await files.read(name), read);
    if (version) return version;
  }
  return undefined;
}
