// Shared helpers for `npm run bench`: timing statistics and BENCHMARKS.md sections.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = join(import.meta.dirname, "..");

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One line naming the machine and Node, so numbers are read in context. */
export function machine() {
  return `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces (or appends) the `<!-- bench:NAME -->` section of BENCHMARKS.md. */
export function writeSection(name, markdown) {
  const path = join(ROOT, "BENCHMARKS.md");
  const header =
    "# Benchmarks\n\nMeasured by `npm run bench`. Ratios compare against a baseline measured in the same run, on the same machine.\n";
  let text = existsSync(path) ? readFileSync(path, "utf8") : header;
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  text =
    start !== -1 && end !== -1
      ? text.slice(0, start) + block + text.slice(end + close.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
}

/**
 * Test helpers a bench needs (src/verify/testing: the local issuer, the token factory) are not in
 * the package (tsconfig.build.json excludes them). esbuild (a devDependency) compiles them from
 * source into node_modules/.cache/authwire-bench; packages (jose) stay imports.
 * Returns the built module URLs by name.
 */
export async function buildTestHelpers(entries) {
  const { build } = await import("esbuild");
  const outdir = join(ROOT, "node_modules/.cache/authwire-bench");
  await build({
    entryPoints: entries.map((entry) => join(ROOT, entry)),
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  return Object.fromEntries(
    entries.map((entry) => {
      const name = entry.split("/").pop().replace(/\.ts$/, "");
      return [name, pathToFileURL(join(outdir, `${name}.mjs`)).href];
    }),
  );
}

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat (Linux;
 * null elsewhere). On a shared machine a child's CPU time is steadier than its wall time.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the command name.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}
