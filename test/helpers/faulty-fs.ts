/**
 * A file system that fails on purpose, for apply/recovery fault injection:
 * - `failAt: n`  — the n-th mutating call (write, rename, unlink, mkdir, rmdir) throws EIO once;
 * - `crashAt: n` — from the n-th mutating call on, every call throws (the process is "dead":
 *                  nothing it would still do happens, rollback included).
 * `pauseAt: n` waits forever at the n-th mutating call (for a real kill from outside).
 */
import { hostname } from "node:os";
import type { ApplyFs } from "../../src/changes/fs.ts";

export class SimulatedCrash extends Error {
  constructor() {
    super("simulated crash");
  }
}

export interface FaultPlan {
  failAt?: number;
  crashAt?: number;
  pauseAt?: number;
  onPause?: () => void;
}

export function faultyFs(base: ApplyFs, plan: FaultPlan = {}): ApplyFs & { readonly writes: number; log: string[] } {
  let writes = 0;
  let crashed = false;
  const log: string[] = [];
  const guard = () => {
    if (crashed) throw new SimulatedCrash();
  };
  const mutate = async <T>(name: string, path: string, run: () => Promise<T>): Promise<T> => {
    guard();
    writes += 1;
    log.push(`${name} ${path}`);
    if (plan.pauseAt === writes) {
      plan.onPause?.();
      await new Promise(() => undefined);
    }
    if (plan.crashAt !== undefined && writes >= plan.crashAt) {
      crashed = true;
      throw new SimulatedCrash();
    }
    if (plan.failAt === writes) {
      throw Object.assign(new Error(`EIO: injected failure on ${name} ${path}`), { code: "EIO" });
    }
    return run();
  };
  return {
    get writes() {
      return writes;
    },
    log,
    read: async (path) => (guard(), base.read(path)),
    stat: async (path) => (guard(), base.stat(path)),
    list: async (path) => (guard(), base.list(path)),
    writable: async (path) => (guard(), base.writable(path)),
    write: (path, data, mode) => mutate("write", path, () => base.write(path, data, mode)),
    rename: (from, to) => mutate("rename", `${from} -> ${to}`, () => base.rename(from, to)),
    unlink: (path) => mutate("unlink", path, () => base.unlink(path)),
    mkdir: (path, mode) => mutate("mkdir", path, () => base.mkdir(path, mode)),
    rmdir: (path) => mutate("rmdir", path, () => base.rmdir(path)),
  };
}

/** An owner whose process is certainly not running, so recovery treats its journal as interrupted. */
export const DEAD_OWNER = { pid: 2 ** 22 + 12345, host: hostname() };
