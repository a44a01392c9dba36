/**
 * Which better-auth versions each @convex-dev/better-auth release supports (its peerDependencies
 * on better-auth), from the component's package.json history (get-convex/better-auth, release
 * commits 0.9.0 … 0.12.5). Releases before 0.9 are unknown here (null).
 */
import semver from "semver";

const PEERS: [releases: string, peer: string][] = [
  [">=0.12.3 <0.13.0", ">=1.6.11 <1.7.0"],
  [">=0.12.0 <0.12.3", ">=1.6.9 <1.7.0"],
  [">=0.11.0 <0.12.0", ">=1.5.0 <1.6.0"],
  [">=0.10.11 <0.11.0", ">=1.4.9 <1.5.0"],
  [">=0.10.7 <0.10.11", "1.4.9"],
  [">=0.10.0 <0.10.7", "1.4.7"],
  [">=0.9.8 <0.10.0", "1.3.34"],
  [">=0.9.0 <0.9.8", "1.3.27"],
];

/** The better-auth range a component release asks for, or null when it isn't known here. */
export function betterAuthPeerOf(componentVersion: string): string | null {
  if (!semver.valid(componentVersion)) return null;
  return PEERS.find(([releases]) => semver.satisfies(componentVersion, releases))?.[1] ?? null;
}
