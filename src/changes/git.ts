/**
 * What git says about the project, for the plan's warnings: uncommitted changes (a warning,
 * never a block) and whether a file is tracked. Whether a path is ignored is
 * src/project/gitignore.ts's question (the .gitignore files every clone shares).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

export interface GitProbe {
  /** True when tracked files under the root have uncommitted changes; null when not a git repo. */
  dirty(): Promise<boolean | null>;
  /** True when git tracks the path (then .gitignore does not apply to it). */
  tracked(path: string): Promise<boolean>;
}

function git(root: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      {
        cwd: root,
        timeout: 10_000,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout) => resolve({ ok: !error, stdout: String(stdout) }),
    );
  });
}

/** The git CLI in `root`; a folder that is not a repo (or no git) answers null / false. */
export function gitProbe(root: string): GitProbe {
  let inside: Promise<boolean> | undefined;
  const isRepo = () =>
    (inside ??= existsSync(root)
      ? git(root, ["rev-parse", "--is-inside-work-tree"]).then((r) => r.ok && r.stdout.trim() === "true")
      : Promise.resolve(false));
  return {
    async dirty() {
      if (!(await isRepo())) return null;
      const status = await git(root, ["status", "--porcelain", "--untracked-files=no", "--", "."]);
      return status.ok ? status.stdout.trim().length > 0 : null;
    },
    async tracked(path) {
      if (!(await isRepo())) return false;
      return (await git(root, ["ls-files", "--error-unmatch", "--", path])).ok;
    },
  };
}

/** A probe for projects that are not on disk (tests' memory files): not a repo. */
export const NO_GIT: GitProbe = {
  dirty: async () => null,
  tracked: async () => false,
};
