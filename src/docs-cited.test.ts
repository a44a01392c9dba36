/**
 * Comments cite facts in docs/ (issue 11): every `docs/….md` path a source file names exists, with
 * the heading its `#anchor` points at, and nothing cites the reference notes that are not in the
 * repo (`reference/…`, `§` sections).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", "dist", "fixtures", "cases", ".e2e-work"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to dashes. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} +(.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** `docs/x/y.md#z` cited in a text (not a URL's `…/docs/…`, not a template `docs/${…}`). */
export function citedDocs(text: string): { path: string; anchor?: string }[] {
  return [...text.matchAll(/(?<![\w/.$-])docs\/[\w./-]*?\.md(?:#([\w-]+))?/g)].map((match) => ({
    path: match[0].split("#")[0]!,
    ...(match[1] && { anchor: match[1] }),
  }));
}

/** A citation of the reference notes outside the repo: `reference/x.md` or a `§` section. */
export function citesReference(text: string): boolean {
  return /(?<![\w/.-])reference\/[\w-]+\.md|§/.test(text);
}

// This file's own examples are left out.
const files = [...sources(join(ROOT, "src")), ...sources(join(ROOT, "test")), ...sources(join(ROOT, "scripts"))].filter(
  (file) => file !== import.meta.filename,
);

describe("comments cite docs that exist", () => {
  it("the scans find what they look for", () => {
    expect(citedDocs("see docs/internals/convex-auth.md#identity and docs/engine.md.")).toEqual([
      { path: "docs/internals/convex-auth.md", anchor: "identity" },
      { path: "docs/engine.md" },
    ]);
    expect(citedDocs("https://clerk.com/docs/reference/nextjs.md `docs/rules/${name}.md`")).toEqual([]);
    expect(citesReference("Facts: reference/provider-setup.md.")).toBe(true);
    expect(citesReference("(provider-setup.md §6)")).toBe(true);
    expect(citesReference("https://clerk.com/docs/reference/nextjs/clerk-middleware")).toBe(false);
    expect(anchorOf("The deployment's env through the convex CLI")).toBe("the-deployments-env-through-the-convex-cli");
  });

  it("every cited docs/ path exists, with its anchor", () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of files) {
      for (const { path, anchor } of citedDocs(readFileSync(file, "utf8"))) {
        cited += 1;
        const where = `${relative(ROOT, file)}: ${path}${anchor ? `#${anchor}` : ""}`;
        const target = join(ROOT, path);
        if (!existsSync(target)) broken.push(`${where} (no such file)`);
        else if (anchor && !anchors(readFileSync(target, "utf8")).has(anchor))
          broken.push(`${where} (no such heading)`);
      }
    }
    expect(cited).toBeGreaterThan(30);
    expect(broken).toEqual([]);
  });

  it("no source cites the reference notes that are not in the repo", () => {
    const citing = files
      .filter((file) => citesReference(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(citing).toEqual([]);
  });
});
