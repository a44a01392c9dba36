/** Real temp projects for engine tests: copy a fixture (or write files), snapshot every byte. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

/** A fresh temp folder; removed by `cleanup`. */
export function tempDir(prefix = "authwire-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies `test/fixtures/<fixture>` into a temp folder and returns its root. */
export function copyFixture(fixture: string, into: string): string {
  const root = join(into, fixture.split("/").pop()!);
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Every file (path → content) and every folder ("dir/" → "") under root, sorted. */
export function snapshot(root: string, skip: string[] = ["node_modules", ".git"]): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (skip.includes(name)) continue;
      const full = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) {
        out[`${rel}/`] = "";
        visit(full, rel);
      } else {
        out[rel] = readFileSync(full, "utf8") + ` [mode ${(statSync(full).mode & 0o777).toString(8)}]`;
      }
    }
  };
  visit(root, "");
  return out;
}
