// `npm run bench`: runs every bench/*.bench.mjs in its own process (after the build), in name order.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith(".bench.mjs"))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const result = spawnSync(process.execPath, ["--expose-gc", join(import.meta.dirname, file)], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
