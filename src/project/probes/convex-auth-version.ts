/**
 * Which major line of Convex Auth (Convex Auth's package) a project is on: v1 (0.0.x: `convexAuth`,
 * `authTables`, `Auth.js core`, JWT_PRIVATE_KEY/JWKS) or v2 (2.x: components, `convexAuthProvider()`,
 * keys managed by the deployment). The installed package wins over the lockfile, which wins over
 * the range in package.json; without the package, the code tells (docs/internals/convex-auth-v2.md#telling-v1-from-v2).
 */
import semver from "semver";
import type { ProjectFiles } from "../files.ts";
import { installedVersion, lockedIn } from "../lockfiles.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

const PACKAGE = CONVEX_AUTH_PACKAGE;

export type ConvexAuthMajor = 1 | 2;

export interface ConvexAuthFacts {
  major: ConvexAuthMajor;
  /** The exact version when installed or locked, else the declared range (or null from code alone). */
  version: string | null;
  /** Where the major came from: "node_modules", "package-lock.json", "package.json", or a code file. */
  source: string;
  /** The range in package.json, or null when the package is not a dependency. */
  declared: string | null;
  /** Sources that disagree with `major` ("package.json: ^0.0.95 (v1)"): mixed v1/v2 installs. */
  conflicts: string[];
}

/** 0.0.x is v1; 2.x is v2 (there is no 1.x). */
export function majorOf(version: string): ConvexAuthMajor | null {
  let major: number | undefined;
  if (semver.valid(version)) major = semver.major(version);
  else if (semver.validRange(version)) major = semver.minVersion(version)?.major;
  else major = semver.coerce(version)?.major;
  if (major === undefined) return null;
  return major >= 2 ? 2 : 1;
}

/** v2 and v1 markers in code, for a project that uses Convex Auth without the dependency (yet). */
const CODE_MARKERS: [RegExp, ConvexAuthMajor][] = [
  [/\bconvexAuthProvider\s*\(|\bsetupConvexAuth\s*\(/, 2],
  [/\bconvexAuth\s*\(\s*\{|\bauthTables\b/, 1],
];

async function majorFromCode(
  files: ProjectFiles,
  paths: string[],
): Promise<{ major: ConvexAuthMajor; source: string } | undefined> {
  for (const path of paths) {
    const text = await files.read(path);
    if (text === undefined || !text.includes(CONVEX_AUTH_PACKAGE)) continue;
    for (const [pattern, major] of CODE_MARKERS) if (pattern.test(text)) return { major, source: path };
  }
  return undefined;
}

/**
 * Convex Auth's major line, or null when the project doesn't use Convex Auth. `backendFiles` are
 * the functions folder's code files (auth.config, auth.ts, schema.ts first is best).
 */
export async function detectConvexAuthVersion(
  files: ProjectFiles,
  deps: Record<string, string>,
  backendFiles: string[],
  workspaceRoot: string | null = null,
): Promise<ConvexAuthFacts | null> {
  const declared = deps[PACKAGE] ?? null;
  const found: { version: string; source: string; major: ConvexAuthMajor }[] = [];
  const read = (path: string) => files.read(path);
  const installed = await installedVersion(read, PACKAGE, workspaceRoot);
  const installedMajor = installed ? majorOf(installed) : null;
  if (installed && installedMajor) found.push({ version: installed, source: "node_modules", major: installedMajor });
  const locked = declared ? await lockedIn(read, PACKAGE, workspaceRoot) : undefined;
  const lockedMajor = locked ? majorOf(locked.version) : null;
  if (locked && lockedMajor) found.push({ ...locked, major: lockedMajor });
  const declaredMajor = declared ? majorOf(declared) : null;
  if (declared && declaredMajor) found.push({ version: declared, source: "package.json", major: declaredMajor });
  const first = found[0];
  if (!first) {
    if (!declared && !installed) {
      const code = await majorFromCode(files, backendFiles);
      return code ? { major: code.major, version: null, source: code.source, declared: null, conflicts: [] } : null;
    }
    return null;
  }
  const conflicts = found
    .filter((entry) => entry.major !== first.major)
    .map((entry) => `${entry.source}: ${entry.version} (v${entry.major})`);
  return { major: first.major, version: first.version, source: first.source, declared, conflicts };
}
