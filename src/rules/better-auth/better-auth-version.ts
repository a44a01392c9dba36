/**
 * AW701: better-auth outside the range the installed Convex component supports (its
 * peerDependencies; 0.12.5 wants >=1.6.11 <1.7.0 while npm's newest better-auth is 1.7.x). The
 * adapter breaks at runtime on another line, and bundling fails on mismatched internals. A patch
 * away on the same line only npm's peer check minds, and not when .npmrc or an override settles it.
 */
import semver from "semver";
import { lineOfAssignment } from "../../code/location.ts";
import { PROFILES } from "../../providers/profiles.ts";
import { betterAuthPeerOf } from "../../providers/better-auth/peers.ts";
import { lockedVersion, readLockfile } from "../../project/lockfiles.ts";
import { defineRule } from "../define.ts";
import type { DoctorContext } from "../context.ts";
import { COMPONENT_PACKAGE, LIBRARY_PACKAGE } from "./instance.ts";

const PINNED: string = PROFILES["better-auth"].packages.versions["better-auth"] ?? "1.6.34";

/** Both ranges start on the same major.minor line (`1.4.9` and `1.4.7`). */
function sameLine(range: string, peer: string): boolean {
  const a = semver.minVersion(range);
  const b = semver.minVersion(peer);
  return a !== null && b !== null && a.major === b.major && a.minor === b.minor;
}

function readPackage(
  source: string | undefined,
): { version?: string; peerDependencies?: Record<string, string> } | null {
  if (source === undefined) return null;
  try {
    return JSON.parse(source) as { version?: string; peerDependencies?: Record<string, string> };
  } catch {
    return null;
  }
}

/**
 * npm won't refuse the install: `.npmrc` turns its peer check off (`legacy-peer-deps=true`), or
 * package.json overrides better-auth (npm resolves the component's peer to the override).
 */
async function npmAcceptsPeer(doctor: DoctorContext, packageJson: string): Promise<boolean> {
  if (/^\s*legacy-peer-deps\s*=\s*true\s*$/m.test((await doctor.read(".npmrc")) ?? "")) return true;
  try {
    const overrides = (JSON.parse(packageJson) as { overrides?: unknown }).overrides;
    return overrides !== undefined && JSON.stringify(overrides).includes(`"${LIBRARY_PACKAGE}"`);
  } catch {
    return false;
  }
}

export default defineRule({
  meta: {
    code: "AW701",
    name: "better-auth-version",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description: `${LIBRARY_PACKAGE} is outside the range ${COMPONENT_PACKAGE} supports.`,
    docs: "docs/rules/better-auth-version.md",
    messages: {
      declared: `package.json asks for ${LIBRARY_PACKAGE} {{declared}}, but ${COMPONENT_PACKAGE} {{release}} ({{from}}) supports {{peer}}: its adapter and plugins break on another line.`,
      installed: `${LIBRARY_PACKAGE} {{installed}} is installed ({{installedFrom}}), but ${COMPONENT_PACKAGE} {{release}} ({{from}}) supports {{peer}}.`,
      sameLine: `package.json asks for ${LIBRARY_PACKAGE} {{declared}}, but ${COMPONENT_PACKAGE} {{release}} ({{from}}) pins {{peer}}: the same line, so it runs, but npm's peer check refuses the install (ERESOLVE) until they match.`,
      allows: `package.json asks for ${LIBRARY_PACKAGE} {{declared}} and no lockfile pins it: a fresh install picks the newest release that range allows, outside the {{peer}} ${COMPONENT_PACKAGE} {{release}} supports (npm's newest ${LIBRARY_PACKAGE} is on a newer line).`,
    },
    fixes: {
      declared: `Pin a supported version: npm install ${LIBRARY_PACKAGE}@{{suggest}} (and every @better-auth/* package on the same line).`,
      installed: `Pin a supported version: npm install ${LIBRARY_PACKAGE}@{{suggest}} (and every @better-auth/* package on the same line).`,
      sameLine: `Pin the version the component names (npm install ${LIBRARY_PACKAGE}@{{suggest}} --save-exact), or update ${COMPONENT_PACKAGE} to a release whose peer range includes {{declared}}.`,
      allows: `Narrow the range to the supported line, e.g. "${LIBRARY_PACKAGE}": "~{{suggest}}", or commit the lockfile.`,
    },
  },
  async check({ doctor, report }) {
    const deps = doctor.facts.dependencies;
    const componentRange = deps[COMPONENT_PACKAGE];
    if (!componentRange) return;
    // The component release that runs and the better-auth range it asks for: node_modules, else
    // the lockfile, else the lowest version package.json allows.
    const installedComponent = readPackage(await doctor.read(`node_modules/${COMPONENT_PACKAGE}/package.json`));
    let release: string | undefined;
    let from: string;
    let peer: string | null;
    const lock = await readLockfile((path) => doctor.read(path));
    if (installedComponent?.version) {
      release = installedComponent.version;
      from = "node_modules";
      peer = installedComponent.peerDependencies?.[LIBRARY_PACKAGE] ?? betterAuthPeerOf(release);
    } else {
      const locked = lock ? lockedVersion(lock.file, lock.source, COMPONENT_PACKAGE) : undefined;
      if (locked) {
        release = locked;
        from = lock!.file;
      } else {
        release = semver.validRange(componentRange) ? semver.minVersion(componentRange)?.version : undefined;
        from = `package.json ${componentRange}`;
      }
      peer = release ? betterAuthPeerOf(release) : null;
    }
    if (!peer || !release) return;
    const suggest = semver.satisfies(PINNED, peer) ? PINNED : (semver.minVersion(peer)?.version ?? PINNED);
    const data = { peer, release, from, suggest };
    const declared = deps[LIBRARY_PACKAGE];
    if (declared && semver.validRange(declared) && !semver.intersects(declared, peer)) {
      const source = (await doctor.read("package.json")) ?? "";
      const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), LIBRARY_PACKAGE) ?? undefined;
      // An exact peer a patch away on the same line (`1.4.7` against `1.4.9`): the adapter runs; only
      // npm's strict peer check minds, and bun, pnpm and yarn installs don't run it.
      if (sameLine(declared, peer)) {
        if (lock && lock.file !== "package-lock.json") return;
        if (await npmAcceptsPeer(doctor, source)) return;
        report({
          messageId: "sameLine",
          data: { ...data, declared },
          file: "package.json",
          line,
          column: 1,
          severity: "warning",
        });
        return;
      }
      report({ messageId: "declared", data: { ...data, declared }, file: "package.json", line, column: 1 });
      return;
    }
    const installed =
      readPackage(await doctor.read(`node_modules/${LIBRARY_PACKAGE}/package.json`))?.version ??
      (lock ? lockedVersion(lock.file, lock.source, LIBRARY_PACKAGE) : undefined);
    if (installed && semver.valid(installed) && !semver.satisfies(installed, peer)) {
      const installedFrom = readPackage(await doctor.read(`node_modules/${LIBRARY_PACKAGE}/package.json`))
        ? "node_modules"
        : lock!.file;
      report({ messageId: "installed", data: { ...data, installed, installedFrom }, file: "package.json" });
      return;
    }
    if (declared && semver.validRange(declared) && !installed && !lock && !semver.subset(declared, peer)) {
      const source = (await doctor.read("package.json")) ?? "";
      const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), LIBRARY_PACKAGE) ?? undefined;
      report({
        messageId: "allows",
        data: { ...data, declared },
        file: "package.json",
        line,
        column: 1,
        severity: "warning",
      });
    }
  },
});
