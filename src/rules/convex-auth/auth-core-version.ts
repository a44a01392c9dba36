/**
 * AW505: @auth/core outside the range @convex-dev/auth supports (its peer dependency; 0.0.95 wants
 * ^0.41.1). Other versions break imports of the providers at push time.
 */
import semver from "semver";
import { lineOfAssignment } from "../context.ts";
import { defineRule } from "../define.ts";

/** The peer range of @convex-dev/auth 0.0.95, used when node_modules can't be read. */
export const DEFAULT_PEER_RANGE = "^0.41.1";

export default defineRule({
  meta: {
    code: "AW505",
    name: "auth-core-version",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "@auth/core is outside the range @convex-dev/auth supports.",
    docs: "docs/rules/auth-core-version.md",
    messages: {
      declared:
        "package.json asks for @auth/core {{declared}}, but @convex-dev/auth supports {{peer}}: provider imports break at push time.",
      installed: "@auth/core {{installed}} is installed, but @convex-dev/auth supports {{peer}}.",
    },
    fixes: {
      declared: "Install a supported version: npm install @auth/core@{{suggest}}.",
      installed: "Install a supported version: npm install @auth/core@{{suggest}}.",
    },
  },
  async check({ doctor, report }) {
    const deps = doctor.facts.dependencies;
    if (!deps["@convex-dev/auth"] || doctor.facts.convexAuth?.major === 2) return;
    let peer = DEFAULT_PEER_RANGE;
    const pluginPackage = await doctor.read("node_modules/@convex-dev/auth/package.json");
    if (pluginPackage) {
      try {
        peer =
          (JSON.parse(pluginPackage) as { peerDependencies?: Record<string, string> }).peerDependencies?.[
            "@auth/core"
          ] ?? peer;
      } catch {
        // keep the default
      }
    }
    const suggest = semver.minVersion(peer)?.version ?? "0.41.1";
    const declared = deps["@auth/core"];
    if (declared && semver.validRange(declared) && !semver.intersects(declared, peer)) {
      const source = (await doctor.read("package.json")) ?? "";
      const line = lineOfAssignment(source.replace(/^\s*"([^"]+)"\s*:/gm, "$1:"), "@auth/core") ?? 1;
      report({ messageId: "declared", data: { declared, peer, suggest }, file: "package.json", line, column: 1 });
      return;
    }
    const installedPackage = await doctor.read("node_modules/@auth/core/package.json");
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
