// CLI start-up: `authwire --version` against bare `node -e 0`, interleaved, same run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, machine, median, writeSection } from "./lib.mjs";

const ROUNDS = 30;
const bin = join(ROOT, "dist/cli/main.js");
const time = (args) => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const node = [];
const version = [];
const help = [];
for (let round = 0; round < ROUNDS; round += 1) {
  node.push(time(["-e", "0"]));
  version.push(time([bin, "--version"]));
  help.push(time([bin, "detect", "--help"]));
}
const base = median(node);
const rows = [
  ["`node -e 0` (baseline)", base],
  ["`authwire --version`", median(version)],
  ["`authwire detect --help`", median(help)],
];
const table = rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} ms | ${(ms / base).toFixed(2)}× |`).join("\n");
const markdown = `## CLI start-up\n\n${machine()}; median of ${ROUNDS} interleaved runs.\n\n| command | median | vs node |\n|---|---|---|\n${table}\n`;
console.log(markdown);
writeSection("startup", markdown);
