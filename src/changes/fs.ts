/**
 * The few file operations apply and recovery use, behind one interface so tests can make any of
 * them fail (fault injection) or stop forever (a crash). Paths are absolute.
 */
import { access, lstat, mkdir, open, readdir, readFile, rename, rmdir, unlink } from "node:fs/promises";
import { constants } from "node:fs";
import type { Stats } from "node:fs";

export interface ApplyFs {
  /** The file's bytes; undefined when it does not exist. */
  read(path: string): Promise<Buffer | undefined>;
  /** lstat; undefined when nothing is there. */
  stat(path: string): Promise<Stats | undefined>;
  /** Writes a file (replacing one that is there), with `mode`, and flushes it to disk. */
  write(path: string, data: string | Buffer, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Creates one folder; fails when it exists (the journal folder doubles as a lock). */
  mkdir(path: string, mode?: number): Promise<void>;
  rmdir(path: string): Promise<void>;
  list(path: string): Promise<string[]>;
  /** Whether this process may write the file or create files in the folder. */
  writable(path: string): Promise<boolean>;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

export const nodeFs: ApplyFs = {
  async read(path) {
    try {
      return await readFile(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  async stat(path) {
    try {
      return await lstat(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  async write(path, data, mode) {
    const handle = await open(path, "w", mode ?? 0o666);
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  mkdir: async (path, mode) => {
    await mkdir(path, mode === undefined ? undefined : { mode });
  },
  rmdir: (path) => rmdir(path),
  list: (path) => readdir(path),
  writable: (path) =>
    access(path, constants.W_OK).then(
      () => true,
      () => false,
    ),
};
