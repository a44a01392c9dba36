/**
 * The version of a package a project runs without asking a package manager: the installed
 * package.json, else what its lockfile pins (npm, pnpm v5–v9, yarn v1 and berry, bun). The one
 * reader for every check that compares versions (peers, the Convex Auth line, convex for v2).
 */
import semver from "semver";

export const LOCKFILES = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"] as const;
export type Lockfile = (typeof LOCKFILES)[number];

type Read = (path: string) => Promise<string | undefined>;

const escape = (name: string): string => name.replace(/[/.@-]/g, (c) => `\\${c}`);

/** The version `file` (one of LOCKFILES, by name) pins for the project's own dependency `name`. */
export function lockedVersion(file: string, source: string, name: string): string | undefined {
  const escaped = escape(name);
  let version: string | undefined;
  if (file === "package-lock.json") {
    try {
      const lock = JSON.parse(source) as {
        packages?: Record<string, { version?: unknown }>;
        dependencies?: Record<string, { version?: unknown }>;
      };
      const found = lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version;
      version = typeof found === "string" ? found : undefined;
    } catch {
      // an unreadable lockfile tells nothing
    }
  } else if (file === "pnpm-lock.yaml") {
    // The root importer's entry (v6+: `name:` / `specifier:` / `version: 1.44.0(react@…)`) names the
    // project's own copy; else the first `packages:` key (`name@1.44.0:`, v5 `/name@1.44.0:`).
    const root = /^importers:\n+ {2}\.:\n((?: {4}.*\n|\n)*)/m.exec(source)?.[1] ?? source;
    version =
      new RegExp(`^ {6}['"]?${escaped}['"]?:\\n {8}specifier: [^\\n]*\\n {8}version: (\\d[^\\s(]*)`, "m").exec(
        root,
      )?.[1] ?? new RegExp(`^ {2}['"]?/?${escaped}@(\\d[^('":\\s]*)['"]?:`, "m").exec(source)?.[1];
  } else if (file === "yarn.lock") {
    version = new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:? "?([^"\\n]+)"?`, "m").exec(source)?.[1];
  } else if (file === "bun.lock") {
    // JSONC: `"name": ["name@1.44.0", …]`
    version = new RegExp(`"${escaped}": \\["${escaped}@([^"]+)"`).exec(source)?.[1];
  }
  return version !== undefined && semver.valid(version) !== null ? version : undefined;
}

/**
 * Where an install of the project lives, nearest first: the app, then each folder up to the
 * enclosing workspace root (`ProjectFacts.workspaceRoot`, "../.."), as Node resolves a hoisted package.
 */
export function installDirs(workspaceRoot: string | null = null): string[] {
  const dirs = ["."];
  if (!workspaceRoot) return dirs;
  const ups = workspaceRoot.split("/").filter((part) => part === "..").length;
  for (let depth = 1; depth <= ups; depth++) dirs.push(Array(depth).fill("..").join("/"));
  return dirs;
}

const under = (dir: string, path: string): string => (dir === "." ? path : `${dir}/${path}`);

/** The first lockfile the project has, with its text. */
export async function readLockfile(read: Read): Promise<{ file: Lockfile; source: string } | null> {
  for (const file of LOCKFILES) {
    const source = await read(file);
    if (source !== undefined) return { file, source };
  }
  return null;
}

/** The version of `name` in node_modules (the app's, else a hoisted one up to the workspace root). */
export async function installedVersion(
  read: Read,
  name: string,
  workspaceRoot: string | null = null,
): Promise<string | undefined> {
  for (const dir of installDirs(workspaceRoot)) {
    const text = await read(under(dir, `node_modules/${name}/package.json`));
    if (text === undefined) continue;
    try {
      const version = (JSON.parse(text) as { version?: unknown }).version;
      if (typeof version === "string" && semver.valid(version) !== null) return version;
    } catch {
      // an unreadable package.json tells nothing; look further up
    }
  }
  return undefined;
}

/** The version a lockfile pins for `name`, with the lockfile's path (the app's, else the workspace root's). */
export async function lockedIn(
  read: Read,
  name: string,
  workspaceRoot: string | null = null,
): Promise<{ version: string; source: string } | undefined> {
  for (const dir of workspaceRoot ? [".", workspaceRoot] : ["."]) {
    for (const file of LOCKFILES) {
      const source = await read(under(dir, file));
      const version = source === undefined ? undefined : lockedVersion(file, source, name);
      if (version) return { version, source: under(dir, file) };
    }
  }
  return undefined;
}

/** What the project runs: the installed version, else the locked one. */
export async function runningVersion(
  read: Read,
  name: string,
  workspaceRoot: string | null = null,
): Promise<{ version: string; source: string } | undefined> {
  const installed = await installedVersion(read, name, workspaceRoot);
  return installed ? { version: installed, source: "node_modules" } : lockedIn(read, name, workspaceRoot);
}

/**
 * The dependencies `name` declares: its installed package.json (the app's, else a hoisted one up to
 * the workspace root), else its package-lock.json entry; null when neither tells.
 */
export async function dependenciesOf(
  read: Read,
  name: string,
  workspaceRoot: string | null = null,
): Promise<Record<string, string> | null> {
  const sources: (readonly [string, (json: PackageFile) => Record<string, string> | undefined])[] = [
    ...installDirs(workspaceRoot).map(
      (dir) => [under(dir, `node_modules/${name}/package.json`), (json: PackageFile) => json.dependencies] as const,
    ),
    ...(workspaceRoot ? [".", workspaceRoot] : ["."]).map(
      (dir) =>
        [
          under(dir, "package-lock.json"),
          (json: PackageFile) => json.packages?.[`node_modules/${name}`]?.dependencies,
        ] as const,
    ),
  ];
  for (const [path, pick] of sources) {
    const text = await read(path);
    if (text === undefined) continue;
    try {
      const found = pick(JSON.parse(text) as PackageFile);
      if (found) return found;
    } catch {
      // an unreadable file tells nothing; look further
    }
  }
  return null;
}

/** What dependenciesOf reads of a package.json or an npm lockfile. */
interface PackageFile {
  dependencies?: Record<string, string>;
  packages?: Record<string, { dependencies?: Record<string, string> }>;
}
