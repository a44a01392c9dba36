import type { PackageJson, PackageManager } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

const LOCKFILES: [string, PackageManager][] = [
  ["package-lock.json", "npm"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["npm-shrinkwrap.json", "npm"],
];

export function packageManagerFromField(field: unknown): PackageManager | undefined {
  if (typeof field !== "string") return undefined;
  const name = field.split("@")[0];
  return name === "npm" || name === "pnpm" || name === "yarn" || name === "bun" ? name : undefined;
}

/**
 * The app's own lockfile first, then its `packageManager` field, then what an enclosing
 * workspace root says (lockfile or field), else npm.
 */
export async function detectPackageManager(
  files: ProjectFiles,
  pkg: PackageJson,
  workspaceRoot?: { lockfiles: string[]; packageManager?: unknown },
): Promise<PackageManager> {
  for (const [lockfile, manager] of LOCKFILES) {
    if (await files.exists(lockfile)) return manager;
  }
  const fromField = packageManagerFromField(pkg.packageManager);
  if (fromField) return fromField;
  if (workspaceRoot) {
    for (const [lockfile, manager] of LOCKFILES) if (workspaceRoot.lockfiles.includes(lockfile)) return manager;
    const fromRoot = packageManagerFromField(workspaceRoot.packageManager);
    if (fromRoot) return fromRoot;
  }
  return "npm";
}

export const LOCKFILE_NAMES = LOCKFILES.map(([name]) => name);
