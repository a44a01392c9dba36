/**
 * Read-only access to a project's files, on disk or in memory (tests build virtual projects).
 * Paths are POSIX and relative to the project root. Nothing here writes.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join, posix } from "node:path";
import { isCodeFile } from "../code/parse.ts";

/** Files larger than this are treated as not source (generated bundles, data). */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface DirEntry {
  name: string;
  kind: "file" | "dir";
}

export interface ProjectFiles {
  readonly root: string;
  /** The file's text; undefined when it does not exist, is a directory, binary or too large. */
  read(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** Entries of a directory (symlinks are not followed); empty when it does not exist. */
  list(dir: string): Promise<DirEntry[]>;
}

/** O_NONBLOCK: opening a FIFO (a named pipe in the tree) must not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * One file's text, or undefined (missing, a folder or another non-file, larger than the cap,
 * binary, unreadable). Synchronous on purpose: for the many small source files doctor reads,
 * open + fstat + read + close costs a tenth of the promise API's CPU (no thread-pool round trip
 * per call), and a source file is read in well under a millisecond.
 */
export function readSourceFileSync(full: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(full, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_SOURCE_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(info.size);
    let length = 0;
    while (length < info.size) {
      const count = readSync(fd, buffer, length, info.size - length, length);
      if (count === 0) break;
      length += count;
    }
    const bytes = length === info.size ? buffer : buffer.subarray(0, length);
    if (bytes.includes(0)) return undefined;
    return bytes.toString("utf8");
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export function diskFiles(root: string): ProjectFiles {
  return {
    root,
    async read(path) {
      return readSourceFileSync(join(root, path));
    },
    async exists(path) {
      try {
        await lstat(join(root, path));
        return true;
      } catch {
        return false;
      }
    },
    async list(dir) {
      try {
        const entries = await readdir(join(root, dir), { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() || entry.isDirectory())
          .map((entry) => ({ name: entry.name, kind: entry.isDirectory() ? ("dir" as const) : ("file" as const) }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return [];
      }
    },
  };
}

/** An in-memory project: `{ "package.json": "...", "src/main.tsx": "..." }`. */
export function memoryFiles(files: Record<string, string>, root = "/virtual"): ProjectFiles {
  const normalized = new Map(Object.entries(files).map(([path, content]) => [posix.normalize(path), content]));
  const dirs = new Set<string>(["."]);
  for (const path of normalized.keys()) {
    for (let dir = posix.dirname(path); dir !== "." && !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  }
  return {
    root,
    async read(path) {
      return normalized.get(posix.normalize(path));
    },
    async exists(path) {
      const key = posix.normalize(path);
      return normalized.has(key) || dirs.has(key);
    },
    async list(dir) {
      const base = posix.normalize(dir);
      const prefix = base === "." ? "" : `${base}/`;
      const entries = new Map<string, DirEntry["kind"]>();
      for (const path of [...normalized.keys(), ...dirs]) {
        if (path === "." || !path.startsWith(prefix) || path === base) continue;
        const rest = path.slice(prefix.length);
        const [name, ...deeper] = rest.split("/");
        if (!name) continue;
        const kind = deeper.length > 0 || dirs.has(path) ? "dir" : "file";
        if (entries.get(name) !== "dir") entries.set(name, kind);
      }
      return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

const IGNORED_DIRS = new Set([
  "node_modules",
  ".git",
  ".next",
  ".output",
  ".vercel",
  ".netlify",
  ".turbo",
  ".cache",
  "dist",
  "build",
  "coverage",
  ".expo",
  ".tanstack",
  ".vinxi",
  ".nitro",
  "_generated",
  ".authwire",
]);

/** Every code file under `dir`, skipping dependency and build folders; capped to stay cheap. */
export async function listCodeFiles(files: ProjectFiles, dir = ".", limit = 20_000): Promise<string[]> {
  const found: string[] = [];
  const queue: string[] = [dir];
  while (queue.length > 0 && found.length < limit) {
    const current = queue.shift()!;
    for (const entry of await files.list(current)) {
      const path = current === "." ? entry.name : `${current}/${entry.name}`;
      if (entry.kind === "dir") {
        if (!IGNORED_DIRS.has(entry.name) && !entry.name.startsWith(".")) queue.push(path);
      } else if (isCodeFile(entry.name)) {
        found.push(path);
      }
    }
  }
  return found.sort();
}

/**
 * Remembers the reads of `inner`, so layers that read the same files share one read. `retain` says
 * which texts are worth keeping for a later reader (default: all); a text it turns down is dropped
 * once read, so a large repo's memory holds only the few files read twice, and a later read of a
 * dropped one goes back to `inner`.
 */
export function cachedFiles(
  inner: ProjectFiles,
  retain: (path: string, text: string) => boolean = () => true,
): ProjectFiles {
  const reads = new Map<string, Promise<string | undefined>>();
  const lists = new Map<string, Promise<DirEntry[]>>();
  return {
    root: inner.root,
    read(path) {
      const cached = reads.get(path);
      if (cached) return cached;
      const pending = inner.read(path);
      reads.set(path, pending);
      // Readers already waiting still get the text; only the map lets go of it.
      pending.then(
        (text) => {
          if (text !== undefined && !retain(path, text)) reads.delete(path);
        },
        () => undefined,
      );
      return pending;
    },
    exists: (path) => inner.exists(path),
    list(dir) {
      let cached = lists.get(dir);
      if (!cached) {
        cached = inner.list(dir);
        lists.set(dir, cached);
      }
      return cached;
    },
  };
}
