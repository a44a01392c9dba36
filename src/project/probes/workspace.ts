import { readJson } from "../../config/json.ts";
import type { ProjectFiles } from "../files.ts";

const SKIP = new Set(["node_modules", ".git", "dist", "build", ".next", ".turbo"]);

/** Apps (folders with a package.json that use Convex) up to three levels below a monorepo root. */
export async function findApps(files: ProjectFiles, maxDepth = 3): Promise<string[]> {
  const apps: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > maxDepth) return;
    const entries = await files.list(dir);
    for (const entry of entries) {
      if (entry.kind !== "dir" || SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
      const path = dir === "." ? entry.name : `${dir}/${entry.name}`;
      const pkgSource = await files.read(`${path}/package.json`);
      if (pkgSource !== undefined) {
        const parsed = readJson<{ dependencies?: object; devDependencies?: object }>(pkgSource, { jsonc: false });
        const deps = parsed.ok ? { ...parsed.value?.devDependencies, ...parsed.value?.dependencies } : {};
        if ("convex" in deps || (await files.exists(`${path}/convex`))) {
          apps.push(path);
          continue;
        }
      }
      await visit(path, depth + 1);
    }
  };
  await visit(".", 1);
  return apps.sort();
}
