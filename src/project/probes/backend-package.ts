/**
 * A Convex backend kept in its own workspace package (Convex's turbo template: `packages/backend/convex`
 * beside `apps/web`). When the app has no functions folder of its own, the enclosing workspace's
 * packages (npm/yarn `workspaces`, `pnpm-workspace.yaml`) are read: a package with a functions folder
 * and `convex` or `convex.json` is a backend, and the one the app depends on or imports
 * (`<name>/convex/_generated/api`) is the app's. Reads only.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { readJson } from "../../config/json.ts";
import type { BackendPackage } from "../facts.ts";
import { diskFiles, type ProjectFiles } from "../files.ts";

interface PackageJsonLike {
  name?: unknown;
  workspaces?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJsonLike | undefined {
  const path = join(dir, "package.json");
  if (!existsSync(path)) return undefined;
  const parsed = readJson<PackageJsonLike>(readFileSync(path, "utf8"), { jsonc: false });
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? parsed.value : undefined;
}

/** The `packages:` list of a pnpm-workspace.yaml (the simple list form every template uses). */
export function pnpmWorkspacePatterns(yaml: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (!inPackages) continue;
    if (/^\S/.test(line)) break;
    const item = /^\s*-\s*["']?([^"'#]+?)["']?\s*(?:#.*)?$/.exec(line);
    if (item) patterns.push(item[1]!);
  }
  return patterns;
}

/** The nearest folder above `appRoot` that declares workspaces, with its patterns. */
export function findWorkspaceRoot(appRoot: string): { root: string; patterns: string[] } | undefined {
  for (let dir = dirname(appRoot); dir !== dirname(dir); dir = dirname(dir)) {
    const pnpm = join(dir, "pnpm-workspace.yaml");
    if (existsSync(pnpm)) return { root: dir, patterns: pnpmWorkspacePatterns(readFileSync(pnpm, "utf8")) };
    const workspaces = readPackage(dir)?.workspaces;
    const list = Array.isArray(workspaces)
      ? workspaces
      : typeof workspaces === "object" && workspaces !== null
        ? (workspaces as { packages?: unknown }).packages
        : undefined;
    if (Array.isArray(list)) return { root: dir, patterns: list.filter((p): p is string => typeof p === "string") };
    if (existsSync(join(dir, ".git"))) return undefined;
  }
  return undefined;
}

/** Expands workspace patterns (`apps/*`, `packages/**`, a plain path; `!` excludes) to package folders. */
async function expandPatterns(files: ProjectFiles, patterns: string[]): Promise<string[]> {
  const found = new Set<string>();
  const excluded = patterns.filter((p) => p.startsWith("!")).map((p) => posix.normalize(p.slice(1)));
  const walk = async (dir: string, parts: string[]): Promise<void> => {
    if (parts.length === 0) {
      if (await files.exists(`${dir}/package.json`)) found.add(dir);
      return;
    }
    const [part, ...rest] = parts;
    if (part === "**") {
      await walk(dir, rest);
      for (const entry of await files.list(dir)) {
        if (entry.kind === "dir" && entry.name !== "node_modules" && !entry.name.startsWith(".")) {
          if (dir.split("/").length < 5) await walk(`${dir}/${entry.name}`, parts);
        }
      }
      return;
    }
    if (/[*?]/.test(part!)) {
      const regex = new RegExp(
        `^${part!
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      );
      for (const entry of await files.list(dir)) {
        if (entry.kind === "dir" && entry.name !== "node_modules" && regex.test(entry.name)) {
          await walk(`${dir}/${entry.name}`, rest);
        }
      }
      return;
    }
    await walk(dir === "." ? part! : `${dir}/${part}`, rest);
  };
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) continue;
    const parts = posix.normalize(pattern).replace(/\/+$/, "").split("/");
    await walk(".", parts);
  }
  return [...found]
    .map((dir) => dir.replace(/^\.\//, ""))
    .filter((dir) => !excluded.includes(dir))
    .sort();
}

/** A package's functions folder (convex.json `functions`, default `convex/`) when it is a Convex backend. */
async function backendFunctionsDir(
  files: ProjectFiles,
  dir: string,
  pkg: PackageJsonLike,
): Promise<{ functionsDir: string; convexJson: boolean } | undefined> {
  const source = await files.read(`${dir}/convex.json`);
  let functionsDir = "convex";
  if (source !== undefined) {
    const parsed = readJson<{ functions?: unknown }>(source, { jsonc: true });
    const functions = parsed.ok ? parsed.value?.functions : undefined;
    if (typeof functions === "string") functionsDir = functions.replace(/^\.\//, "").replace(/\/+$/, "") || "convex";
  }
  const deps = { ...pkg.devDependencies, ...pkg.dependencies };
  if (!deps.convex && source === undefined) return undefined;
  const entries = await files.list(`${dir}/${functionsDir}`);
  // A client that only depends on convex has no functions folder with code in it.
  if (!entries.some((entry) => entry.kind === "file" && /\.[cm]?[jt]sx?$/.test(entry.name))) return undefined;
  return { functionsDir, convexJson: source !== undefined };
}

const IMPORT_SCAN_LIMIT = 400;

/**
 * The backend package of the app at `appRoot`, or null when the app keeps its own functions or no
 * workspace package is its backend. `codeFiles` are the app's (for the `_generated/api` imports);
 * ambiguity (two backends the app links to) is a note, not a guess.
 */
export async function findBackendPackage(
  appRoot: string,
  appFiles: ProjectFiles,
  appPackage: PackageJsonLike,
  codeFiles: string[],
  notes: string[],
): Promise<BackendPackage | null> {
  const workspace = findWorkspaceRoot(appRoot);
  if (!workspace) return null;
  const files = diskFiles(workspace.root);
  const appDir = relative(workspace.root, appRoot).split("\\").join("/");
  const appDeps = { ...appPackage.devDependencies, ...appPackage.dependencies };

  const candidates: (BackendPackage & { linked: boolean })[] = [];
  for (const dir of await expandPatterns(files, workspace.patterns)) {
    if (dir === appDir) continue;
    const pkg = readPackage(join(workspace.root, dir));
    if (!pkg) continue;
    const backend = await backendFunctionsDir(files, dir, pkg);
    if (!backend) continue;
    const name = typeof pkg.name === "string" ? pkg.name : null;
    const relativeDir = posix.relative(appDir, dir);
    const evidence: string[] = [];
    if (name && appDeps[name]) evidence.push(`package.json: depends on ${name}`);
    const generated = `${backend.functionsDir}/_generated/`;
    let scanned = 0;
    for (const path of codeFiles) {
      if (scanned++ >= IMPORT_SCAN_LIMIT) break;
      const source = await appFiles.read(path);
      if (!source || !source.includes("_generated/")) continue;
      const relativeSpecifier = `${posix.relative(posix.dirname(path), `${relativeDir}/${backend.functionsDir}`)}/_generated/`;
      const specifier = [...(name ? [`${name}/${generated}`] : []), relativeSpecifier].find(
        (s) => source.includes(`"${s}`) || source.includes(`'${s}`),
      );
      if (specifier) {
        evidence.push(`${path}: imports ${specifier}api`);
        break;
      }
    }
    const linked = evidence.length > 0;
    evidence.push(
      `${relativeDir}/${backend.convexJson ? "convex.json" : "package.json"}: ${backend.convexJson ? `functions in ${backend.functionsDir}/` : "depends on convex"}`,
    );
    candidates.push({ dir: relativeDir, name, functionsDir: backend.functionsDir, evidence, linked });
  }
  const linked = candidates.filter((candidate) => candidate.linked);
  const chosen =
    linked.length === 1 ? linked[0] : linked.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
  if (!chosen) {
    if (candidates.length > 1) {
      notes.push(
        `Several Convex backend packages in the workspace (${candidates.map((c) => c.dir).join(", ")}) and none is the app's alone; assuming functions in convex/.`,
      );
    }
    return null;
  }
  if (!chosen.linked) chosen.evidence.unshift("the workspace's only Convex backend package");
  const { linked: _linked, ...backend } = chosen;
  return backend;
}
