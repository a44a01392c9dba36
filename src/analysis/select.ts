/**
 * Which files the analysis reads (issue 18): every code file of the functions folder, and outside
 * it only the client entries and the files whose text mentions Convex's client, an auth SDK or
 * an env read (a cheap text test before any parse). In a large app most files are none of these.
 */
import { PROFILE_ORDER } from "../providers/profiles.ts";

/** Module prefixes whose import makes a client file worth parsing. */
const CLIENT_MODULES = [
  "convex/",
  "@convex-dev/",
  ...PROFILE_ORDER.flatMap((profile) => [
    ...profile.packages.sdk,
    ...profile.packages.modules,
    ...profile.components,
    ...(profile.client.bridge ? [profile.client.bridge.module] : []),
  ]),
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A client file is analysed when its text names one of those modules (as an import or a require
 * string), reads `process.env` / `import.meta.env`, or asks for a token (`getToken`).
 */
const CLIENT_TEXT = new RegExp(
  `["'](?:${[...new Set(CLIENT_MODULES)].map(escape).join("|")})|process\\.env|import\\.meta\\.env|getToken`,
);

/**
 * Substrings one of which any match of CLIENT_TEXT contains: `String#includes` on these is far
 * cheaper than the regular expression over a large file, which then runs only on the few hits.
 */
const NEEDLES = [...new Set([".env", "getToken", ...CLIENT_MODULES.map((module) => module.split("/")[0]!)])];

export function clientFileWanted(source: string): boolean {
  for (const needle of NEEDLES) if (source.includes(needle)) return CLIENT_TEXT.test(source);
  return false;
}

/** Generated code in the functions folder is never analysed. */
export function isGenerated(file: string, convexDir: string): boolean {
  return file.startsWith(`${convexDir}/_generated/`);
}
