/**
 * Which @auth/core range each @convex-dev/auth release asks for (its peerDependencies), and how to
 * find the release an app runs without node_modules: the lockfile, else the newest release the
 * declared range allows (what a fresh install picks), else unknown.
 * Facts from the npm registry (`npm view @convex-dev/auth@<1 peerDependencies`, 2026-12-05).
 */
import semver from "semver";
import { LOCKFILES, lockedVersion, type Lockfile } from "../../project/lockfiles.ts";

/** Every published release up to 2.0.0, oldest first. */
export const CONVEX_AUTH_RELEASES = [
  "0.0.29", "0.0.32", "0.0.40", "0.0.43", "0.0.47", "0.0.48", "0.0.50", "0.0.52", "0.0.53", "0.0.61",
  "0.0.63", "0.0.64", "0.0.65", "0.0.66", "0.0.67", "0.0.68", "0.0.69", "0.0.70", "0.0.71", "0.0.72",
  "0.0.73", "0.0.74", "0.0.75", "0.0.76", "0.0.77", "0.0.78", "0.0.79", "0.0.80", "0.0.81", "0.0.82",
  "0.0.83", "0.0.84", "0.0.86", "0.0.87", "0.0.88", "0.0.89", "0.0.90", "0.0.91", "0.0.92", "0.0.93",
  "0.0.94", "0.0.95", "2.0.0",
]; // prettier-ignore

/** @auth/core peer range by release; null: the release names none (before 0.0.72, and 2.x). */
export function authCorePeerOf(version: string): string | null {
  if (!semver.valid(version)) return null;
  if (semver.gte(version, "1.0.0")) return null;
  if (semver.gte(version, "0.0.94")) return "^0.41.1";
  if (semver.gte(version, "0.0.76")) return "^0.37.0";
  if (semver.gte(version, "0.0.72")) return "^0.36.0";
  return null;
}

export interface LockedVersions {
  /** The lockfile it came from. */
  file: string;
  convexAuth?: string;
  authCore?: string;
  /** The peer range the lockfile itself records for @convex-dev/auth, when it does. */
  peer?: string;
}

/** The locked versions of @convex-dev/auth and @auth/core from the first lockfile found. */
export async function readLockedVersions(
  read: (path: string) => Promise<string | undefined>,
): Promise<LockedVersions | null> {
  for (const file of LOCKFILES) {
    const source = await read(file);
    if (source === undefined) continue;
    const locked = parseLockfile(file, source);
    if (locked.convexAuth || locked.authCore) return locked;
  }
  return null;
}

export function parseLockfile(file: Lockfile, source: string): LockedVersions {
  const result: LockedVersions = {
    file,
    convexAuth: lockedVersion(file, source, "@convex-dev/auth"),
    authCore: lockedVersion(file, source, "@auth/core"),
  };
  // The peer range the lockfile records for @convex-dev/auth (npm and pnpm keep it).
  if (file === "package-lock.json") {
    try {
      const packages = (JSON.parse(source) as { packages?: Record<string, PackageEntry> }).packages ?? {};
      result.peer = packages["node_modules/@convex-dev/auth"]?.peerDependencies?.["@auth/core"];
    } catch {
      // an unreadable lockfile tells nothing
    }
  } else if (file === "pnpm-lock.yaml" && result.convexAuth) {
    const entry = new RegExp(
      `^ {2}['"]?/?@convex-dev/auth@${result.convexAuth.replace(/\./g, "\\.")}['"]?:\n((?: {4}.*\n)*)`,
      "m",
    ).exec(source)?.[1];
    result.peer = entry ? /'?@auth\/core'?: ['"]?([^'"\n]+)['"]?/.exec(entry)?.[1] : undefined;
  }
  if (result.convexAuth === undefined) delete result.convexAuth;
  if (result.authCore === undefined) delete result.authCore;
  if (result.peer === undefined) delete result.peer;
  return result;
}

interface PackageEntry {
  version?: string;
  peerDependencies?: Record<string, string>;
}

/** The newest known release a declared range allows; null when it allows none we know. */
export function newestReleaseIn(range: string): string | null {
  if (!semver.validRange(range)) return null;
  return semver.maxSatisfying(CONVEX_AUTH_RELEASES, range);
}
