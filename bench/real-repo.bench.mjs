// doctor on a repo shaped like real apps (issue 18): ~6,000 code files, most outside convex/, a
// few large ones (bench/real-repo-gen.mjs). Each measurement runs in a fresh process
// (bench/real-repo-child.mjs) so peak RSS is its own; rounds are interleaved in one run:
//   floor  = list + read every code file, parse the files doctor must parse (same Babel parser)
//   doctor = runDoctor({ offline: true }): detection, the text prefilter, one parse + one walk per file, all rules
//   doctor --only AW108 (a rule that needs only the client analysis)
//   eslint = ESLint + typescript-eslint's parser + @convex-dev/eslint-plugin recommended, whole app
// and `authwire detect` against `node -e 0` and against node + reading every code file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, childrenCpuMs, machine, median, writeSection } from "./lib.mjs";
import { generateRealRepo } from "./real-repo-gen.mjs";

const TOTAL = Number(process.env.AW_BENCH_REAL_FILES ?? 6000);
const ROUNDS = Number(process.env.AW_BENCH_ROUNDS ?? 3);
const STARTUP_ROUNDS = Number(process.env.AW_BENCH_STARTUP_ROUNDS ?? 9);
const child = join(import.meta.dirname, "real-repo-child.mjs");

function run(mode, app, extra) {
  const result = spawnSync(process.execPath, [child, mode, app, ...(extra ? [extra] : [])], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A whole process: wall time and its CPU time (user + system; null where /proc is missing). */
function wall(args) {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, cpuMs: cpu === null ? null : childrenCpuMs() - cpu };
}

const workdir = mkdtempSync(join(tmpdir(), "aw-real-repo-bench-"));
try {
  const { app, files } = generateRealRepo(workdir, TOTAL);
  const loadBefore = loadavg()[0];
  const samples = { floor: [], doctor: [], only: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    samples.floor.push(run("floor", app));
    samples.doctor.push(run("doctor", app));
    samples.only.push(run("doctor-only", app, "AW108"));
  }
  const eslint = process.env.AW_BENCH_SKIP_ESLINT ? null : run("eslint", app);
  const startup = { node: [], read: [], detect: [] };
  for (let round = 0; round < STARTUP_ROUNDS; round += 1) {
    startup.node.push(wall(["-e", "0"]));
    startup.read.push(wall([child, "read", app]));
    startup.detect.push(wall([join(ROOT, "dist/cli/main.js"), "detect", "--json", "--cwd", app]));
  }
  const loadAfter = loadavg()[0];

  const med = (list, key) => median(list.map((sample) => sample[key]));
  const floorMs = med(samples.floor, "ms");
  const floorCpu = med(samples.floor, "cpuMs");
  const doctorMs = med(samples.doctor, "ms");
  const onlyMs = med(samples.only, "ms");
  const rss = (list) => Math.max(...list.map((sample) => sample.maxRssMb));
  const floor0 = samples.floor[0];
  const doctor0 = samples.doctor[0];
  const rows = [
    [
      `floor: list + read ${floor0.files} files, parse the ${floor0.parsed} doctor must parse`,
      floorMs,
      med(samples.floor, "cpuMs"),
      rss(samples.floor),
    ],
    ["`runDoctor --offline` (all rules)", doctorMs, med(samples.doctor, "cpuMs"), rss(samples.doctor)],
    ["`runDoctor --offline --only AW108`", onlyMs, med(samples.only, "cpuMs"), rss(samples.only)],
  ];
  if (eslint)
    rows.push([
      `ESLint ${eslint.version} + typescript-eslint parser + @convex-dev/eslint-plugin (${eslint.files} files, 1 run)`,
      eslint.ms,
      eslint.cpuMs,
      eslint.maxRssMb,
    ]);
  const table = rows
    .map(
      ([name, ms, cpu, mb]) =>
        `| ${name} | ${ms.toFixed(0)} ms | ${(ms / floorMs).toFixed(2)}× | ${cpu.toFixed(0)} ms | ${(cpu / floorCpu).toFixed(2)}× | ${mb.toFixed(0)} MB |`,
    )
    .join("\n");
  const nodeMs = med(startup.node, "ms");
  const readMs = med(startup.read, "ms");
  const detectMs = med(startup.detect, "ms");
  const hasCpu = startup.node[0].cpuMs !== null;
  const nodeCpu = hasCpu ? med(startup.node, "cpuMs") : NaN;
  const readCpu = hasCpu ? med(startup.read, "cpuMs") : NaN;
  const detectCpu = hasCpu ? med(startup.detect, "cpuMs") : NaN;
  const markdown = `## doctor on a real-sized repo

${machine()}. Generated Vite + Convex app in a monorepo (bench/real-repo-gen.mjs): ${files} code files, ${TOTAL * 0.03} Convex modules, a few 0.3–0.9 MB generated files, ~3% of client files importing convex/react or Clerk.
Each run in a fresh process (peak RSS is that process's); median of ${ROUNDS} interleaved rounds${eslint ? ", ESLint once" : ""}. Times exclude Node start-up and module loading.

| run | wall | vs floor | CPU | vs floor | peak RSS |
|---|---|---|---|---|---|
${table}

doctor is **${(doctorMs / floorMs).toFixed(2)}× the parse floor** in wall time, ${(med(samples.doctor, "cpuMs") / floorCpu).toFixed(2)}× in CPU time (target ≤ 2×)${eslint ? `, **${(eslint.ms / doctorMs).toFixed(1)}× faster than ESLint** (target ≥ 10×)` : ""}, peak RSS **${rss(samples.doctor).toFixed(0)} MB** (target ≤ 300 MB).
doctor parsed ${floor0.parsed} of ${floor0.files} code files; findings: ${doctor0.summary.error} errors, ${doctor0.summary.warning} warnings, ${doctor0.summary.info} info; skipped files: ${doctor0.skipped}.

\`authwire detect --json\` (CLI, whole process) against \`node -e 0\` and against node + listing and reading every code file
(the files detect reads), ${STARTUP_ROUNDS} interleaved runs, medians:

| process | wall | vs read | CPU (user + sys) | vs read |
|---|---|---|---|---|
| \`node -e 0\` | ${nodeMs.toFixed(0)} ms | ${(nodeMs / readMs).toFixed(2)}× | ${nodeCpu.toFixed(0)} ms | ${(nodeCpu / readCpu).toFixed(2)}× |
| node + list + read every code file | ${readMs.toFixed(0)} ms | 1.00× | ${readCpu.toFixed(0)} ms | 1.00× |
| \`authwire detect --json\` | ${detectMs.toFixed(0)} ms | **${(detectMs / readMs).toFixed(2)}×** | ${detectCpu.toFixed(0)} ms | **${(detectCpu / readCpu).toFixed(2)}×** |

Machine load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${cpus().length} CPUs (shared with other sessions).
`;
  console.log(markdown);
  writeSection("real-repo", markdown);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
