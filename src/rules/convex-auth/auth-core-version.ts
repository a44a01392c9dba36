/**
 * AW505: Auth.js core outside the range Convex Auth supports (its peer dependency; 0.0.95 wants
 * ^0.41.1). Other versions break imports of the providers at push time.
 */
import semver from "semver";
import { lineOfAssignment } from "../../code/location.ts";
import { PROFILES } from "../../providers/profiles.ts";

const profile = PROFILES["convex-auth"];
const LIBRARY = profile.packages.sdk[0]!;
const CORE = Object.keys(profile.packages.peers)[0]!;
import { defineRule } from "../define.ts";
import { authCorePeerOf, newestReleaseIn, readLockedVersions } from "../../providers/convex-auth/auth-core-peers.ts";

export default defineRule({
  meta: {
    code: "AW505",
    name: "auth-core-version",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: `${CORE} is outside the range ${LIBRARY} supports.`,
    docs: "docs/rules/auth-core-version.md",
    messages: {
      declared: `package.json asks for ${CORE} {{declared}}, but ${LIBRARY} {{release}} ({{from}}) supports {{peer}}: provider imports break at push time.`,
      installed: `${CORE} {{installed}} is installed ({{installedFrom}}), but ${LIBRARY} {{release}} supports {{peer}}.`,
      unknown: `Which ${CORE} range ${LIBRARY} {{range}} needs is unknown (no node_modules, no lockfile entry, no known release in the range), so ${CORE} {{declared}} can't be checked.`,
    },
    fixes: {
      declared: `Install a supported version: npm install ${CORE}@{{suggest}}.`,
      installed: `Install a supported version: npm install ${CORE}@{{suggest}}.`,
      unknown: "Install the dependencies (or commit the lockfile) and run doctor again.",
    },
  },
  async check({ doctor, report }) {
    const deps = doctor.facts.dependencies;
    const range = deps[LIBRARY];
    if (!range || doctor.facts.convexAuth?.major === 2) return;
    // Which release runs, and the Auth.js core range it asks for: node_modules, else the lockfile,
    // else the newest release the declared range allows (what a fresh install picks).
    let release: string | undefined;
    let from: string;
    let peer: string | null | undefined;
    const installedPlugin = readPackage(await doctor.read(`node_modules/${LIBRARY}/package.json`));
    const locked = installedPlugin ? null : await readLockedVersions((path) => doctor.read(path));
    if (installedPlugin) {
      release = installedPlugin.version;
      from = "node_modules";
      peer = installedPlugin.peerDependencies?.[CORE] ?? (release ? authCorePeerOf(release) : null);
    } else if (locked?.convexAuth) {
      release = locked.convexAuth;
      from = locked.file;
      peer = locked.peer ?? authCorePeerOf(release);
    } else {
      release = newestReleaseIn(range) ?? undefined;
      from = `newest release in ${range}`;
      peer = release ? authCorePeerOf(release) : undefined;
    }
    const declared = deps[CORE];
    if (peer === null) return; // this release names no Auth.js core range
    if (peer === undefined) {
      if (declared) report({ messageId: "unknown", data: { range, declared }, file: "package.json", severity: "info" });
      return;
    }
    const suggest = semver.minVersion(peer)?.version ?? "0.41.1";
    const data = { peer, suggest, release: release ?? range, from };
    if (declared && semver.validRange(declared) && !semver.intersects(declared, peer)) {
      const source = (await doctor.read("package.json")) ?? "";
      const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), CORE) ?? 1;
      report({ messageId: "declared", data: { ...data, declared }, file: "package.json", line, column: 1 });
      return;
    }
    const installedCore = readPackage(await doctor.read(`node_modules/${CORE}/package.json`))?.version;
    const lockedCore = installedCore
      ? undefined
      : (locked ?? (await readLockedVersions((path) => doctor.read(path))))?.authCore;
    const installed = installedCore ?? lockedCore;
    if (installed && semver.valid(installed) && !semver.satisfies(installed, peer)) {
      const installedFrom = installedCore ? "node_modules" : (locked?.file ?? "lockfile");
      report({ messageId: "installed", data: { ...data, installed, installedFrom }, file: "package.json" });
    }
  },
});

function readPackage(
  source: string | undefined,
): { version?: string; peerDependencies?: Record<string, string> } | undefined {
  if (source === undefined) return undefined;
  try {
    return JSON.parse(source) as { version?: string; peerDependencies?: Record<string, string> };
  } catch {
    return undefined;
  }
}
