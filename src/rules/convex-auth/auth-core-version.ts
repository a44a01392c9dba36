/**
 * AW505: a peer of Convex Auth's package (Auth.js core) outside the range the package supports
 * (0.0.95 wants ^0.41.1). Other versions break imports of the providers at push time. The names
 * and the fallback range come from the Convex Auth profile.
 */
import semver from "semver";
import { lineOfAssignment } from "../context.ts";
import { defineRule } from "../define.ts";
import { PROFILES } from "../../providers/profiles.ts";

const profile = PROFILES["convex-auth"];
const LIBRARY = profile.packages.sdk[0]!;
const [CORE, CORE_RANGE] = Object.entries(profile.packages.peers)[0]!;

/** The peer range of the Convex Auth package, used when node_modules can't be read. */
export const DEFAULT_PEER_RANGE = CORE_RANGE;

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
      declared: `package.json asks for ${CORE} {{declared}}, but ${LIBRARY} supports {{peer}}: provider imports break at push time.`,
      installed: `${CORE} {{installed}} is installed, but ${LIBRARY} supports {{peer}}.`,
    },
    fixes: {
      declared: `Install a supported version: npm install ${CORE}@{{suggest}}.`,
      installed: `Install a supported version: npm install ${CORE}@{{suggest}}.`,
    },
  },
  async check({ doctor, report }) {
    const deps = doctor.facts.dependencies;
    if (!deps[LIBRARY]) return;
    let peer = DEFAULT_PEER_RANGE;
    const pluginPackage = await doctor.read(`node_modules/${LIBRARY}/package.json`);
    if (pluginPackage) {
      try {
        peer =
          (JSON.parse(pluginPackage) as { peerDependencies?: Record<string, string> }).peerDependencies?.[CORE] ?? peer;
      } catch {
        // keep the default
      }
    }
    const suggest = semver.minVersion(peer)?.version ?? semver.minVersion(CORE_RANGE)!.version;
    const declared = deps[CORE];
    if (declared && semver.validRange(declared) && !semver.intersects(declared, peer)) {
      const source = (await doctor.read("package.json")) ?? "";
      const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), CORE) ?? 1;
      report({ messageId: "declared", data: { declared, peer, suggest }, file: "package.json", line, column: 1 });
      return;
    }
    const installedPackage = await doctor.read(`node_modules/${CORE}/package.json`);
    if (installedPackage) {
      let installed: string | undefined;
      try {
        installed = (JSON.parse(installedPackage) as { version?: string }).version;
      } catch {
        installed = undefined;
      }
      if (installed && semver.valid(installed) && !semver.satisfies(installed, peer)) {
        report({ messageId: "installed", data: { installed, peer, suggest }, file: "package.json" });
      }
    }
  },
});
