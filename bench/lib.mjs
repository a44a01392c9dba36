// Shared helpers for `npm run bench`: timing statistics and BENCHMARKS.md sections.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

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
