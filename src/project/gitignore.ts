/**
 * "Would git ignore this file?", answered from the .gitignore files every clone shares: those of
 * the folders above the project up to the repository's top (a monorepo's root .gitignore), the
 * project's own, and the nested ones down to the file's folder. Personal excludes
 * (.git/info/exclude, core.excludesFile) are left out on purpose: teammates don't have them.
 * The one owner of the question for `add` (changes/collect.ts) and doctor (rules/context.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { ProjectFiles } from "./files.ts";

export interface GitignoreOptions {
  /**
   * Read the .gitignore files of the folders above the root, up to the first one holding `.git`
   * (on disk only; a virtual project has no parents). Default: when the root exists on disk.
   */
  parents?: boolean;
}

export interface Gitignore {
  /**
   * Whether git would ignore `path` (POSIX, relative to the project root): later and deeper
   * patterns win, `!` re-includes, an ignored folder ignores everything in it. Null when the
   * project shows no git setup at all (no .gitignore anywhere and no `.git`).
   */
  ignored(path: string): Promise<boolean | null>;
}

interface Layer {
  matcher: Ignore;
  /** A project path as the .gitignore's folder sees it. */
  local(path: string): string;
}

/** The .gitignore files above the root (top first) and whether a `.git` was seen there. */
function parentLayers(root: string): { layers: Layer[]; sawGit: boolean } {
  const layers: Layer[] = [];
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const gitignore = join(dir, ".gitignore");
      if (existsSync(gitignore)) {
        const prefix = relative(dir, root).split(sep).join("/");
        layers.unshift({
          matcher: ignore().add(readFileSync(gitignore, "utf8")),
          local: (path) => `${prefix}/${path}`,
        });
      }
    } catch {
      // An unreadable parent .gitignore is treated as absent.
    }
    if (existsSync(join(dir, ".git"))) return { layers, sawGit: true };
  }
  return { layers, sawGit: false };
}

export function projectGitignore(files: ProjectFiles, options: GitignoreOptions = {}): Gitignore {
  let above: Promise<{ layers: Layer[]; sawGit: boolean }> | undefined;
  const own = new Map<string, Promise<Ignore | undefined>>();
  const matcherIn = (dir: string) => {
    let cached = own.get(dir);
    if (!cached) {
      cached = files
        .read(dir === "." ? ".gitignore" : `${dir}/.gitignore`)
        .then((source) => (source === undefined ? undefined : ignore().add(source)));
      own.set(dir, cached);
    }
    return cached;
  };
  const outer = () =>
    (above ??= (async () => {
      // The root holding `.git` is the repository's top: nothing above it applies.
      if (await files.exists(".git")) return { layers: [], sawGit: true };
      const parents = options.parents ?? existsSync(files.root);
      return parents ? parentLayers(files.root) : { layers: [], sawGit: false };
    })());

  return {
    async ignored(path) {
      const { layers, sawGit } = await outer();
      const chain: Layer[] = [...layers];
      const dirs = ["."];
      for (let dir = posix.dirname(path); dir !== "." && dir !== "/"; dir = posix.dirname(dir)) dirs.splice(1, 0, dir);
      for (const dir of dirs) {
        const matcher = await matcherIn(dir);
        if (matcher) chain.push({ matcher, local: (file) => (dir === "." ? file : posix.relative(dir, file)) });
      }
      if (chain.length === 0) return sawGit ? false : null;
      let ignored = false;
      for (const { matcher, local } of chain) {
        const relativePath = local(path);
        const parts = relativePath.split("/");
        // Any ignored ancestor folder ignores the file (git doesn't look inside it).
        for (let i = 1; i < parts.length; i += 1) {
          if (matcher.test(`${parts.slice(0, i).join("/")}/`).ignored) return true;
        }
        const result = matcher.test(relativePath);
        if (result.ignored) ignored = true;
        else if (result.unignored) ignored = false;
      }
      return ignored;
    },
  };
}
