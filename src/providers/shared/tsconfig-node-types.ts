/**
 * Generated backend code (`auth.config.ts` reads `process.env`) must type-check under every
 * tsconfig of the app that covers it. A config that restricts `compilerOptions.types`
 * (TanStack's and Vite's `"types": ["vite/client"]`, a root config including `src` and `convex`)
 * leaves `process` undeclared: "node" goes into its types, and `@types/node` is installed when the
 * app doesn't declare it.
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { readJson } from "../../config/json.ts";
import { addJsonArrayItem } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";

/** The @types/node line matching the Node versions authwire supports (>= 20). */
export const TYPES_NODE_VERSION = "20.19.43";

interface TsconfigJson {
  include?: unknown;
  exclude?: unknown;
  files?: unknown;
  compilerOptions?: { types?: unknown };
}

/** A tsconfig include/exclude pattern as a regex over project paths ("src" covers everything below src/). */
function patternRegex(base: string, pattern: string): RegExp {
  const joined = posix.normalize(posix.join(base, pattern)).replace(/\/+$/, "");
  if (joined === ".") return /^.*$/;
  const parts = joined.split("/");
  let source = "";
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    if (part === "**") source += last ? "(?:[^/]+/)*[^/]+" : "(?:[^/]+/)*";
    else {
      source += part
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]");
      if (!last) source += "/";
    }
  });
  // A pattern without wildcards or an extension names a folder and covers what's inside it.
  const folder = !/[*?]/.test(joined) && !/\.[^/]+$/.test(parts[parts.length - 1] ?? "");
  return new RegExp(`^${source}${folder ? "(?:/.*)?" : ""}$`);
}

/** Whether the tsconfig at `configPath` (its include/exclude/files) takes in `file`. */
export function tsconfigCovers(configPath: string, config: TsconfigJson, file: string): boolean {
  const base = posix.dirname(configPath);
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
  const files = list(config.files);
  const include = list(config.include) ?? (files ? [] : ["**/*"]);
  const exclude = list(config.exclude) ?? ["node_modules"];
  if (files?.some((f) => posix.normalize(posix.join(base, f)) === file)) return true;
  if (!include.some((pattern) => patternRegex(base, pattern).test(file))) return false;
  return !exclude.some((pattern) => patternRegex(base, pattern).test(file));
}

/** The app's tsconfig files at the root and in the functions folder (tsconfig.json, tsconfig.*.json). */
async function tsconfigFiles(facts: ProjectFacts): Promise<string[]> {
  const found: string[] = [];
  const backendPackage = facts.convex.package?.dir;
  for (const dir of [".", ...(backendPackage ? [backendPackage] : []), facts.convex.dir]) {
    for (const entry of await facts.files.list(dir)) {
      if (entry.kind === "file" && /^tsconfig(?:\.[\w-]+)?\.json$/.test(entry.name)) {
        found.push(dir === "." ? entry.name : `${dir}/${entry.name}`);
      }
    }
  }
  return found;
}

/**
 * Records "node" in the `types` of every tsconfig covering `file` that restricts them without it,
 * and @types/node when the app doesn't declare it. Unreadable configs are left alone.
 */
export async function planNodeTypesFor(facts: ProjectFacts, kit: Kit, file: string): Promise<void> {
  if (!/\.[cm]?tsx?$/.test(file)) return;
  let needed = false;
  for (const path of await tsconfigFiles(facts)) {
    const source = await facts.files.read(path);
    if (source === undefined) continue;
    const parsed = readJson<TsconfigJson>(source, { jsonc: true });
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) continue;
    const types = parsed.value.compilerOptions?.types;
    if (!Array.isArray(types) || !tsconfigCovers(path, parsed.value, file)) continue;
    needed = true;
    if (types.includes("node")) continue;
    kit.file(path, addJsonArrayItem({ path: ["compilerOptions", "types"], item: "node" }), {
      reason: `add "node" to compilerOptions.types: it covers ${file}, which reads process.env`,
    });
  }
  if (needed && !facts.dependencies["@types/node"]) kit.install("@types/node", TYPES_NODE_VERSION, { dev: true });
}
