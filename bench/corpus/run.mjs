#!/usr/bin/env node
// Runs `authwire doctor --offline --json` on the real-app corpus (bench/corpus/apps.tsv) and scores
// the findings against the hand-made verdicts (bench/corpus/verdicts.tsv).
//
// The apps' code is never committed: fetch each repository first (the search tool's `fetch`, which
// leaves a git directory at MIRROR/<owner>+<repo>/repo), then:
//   npm run build && node bench/corpus/run.mjs [--mirror /work/.mirror] [--out findings.json] [--only id,id]
// Each app is checked out at its recorded commit into a temporary work tree (a shared clone, so
// doctor sees a real .git and the tracked files), doctor runs with --cwd on the app's folder, and
// the work tree is removed afterwards.
//
// verdicts.tsv: `id  code  file  line  TP|FP  why` (tab-separated); line `*` matches any line of that
// file; a code written `AW305:info` judges only that severity. A finding with no verdict is listed as unjudged and left out of the precision.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HERE = import.meta.dirname;
const ROOT = join(HERE, "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const mirror = option("--mirror", "/work/.mirror");
const out = option("--out", null);
const only = option("--only", null)?.split(",");
const from = option("--from", null); // re-score a saved --out file without running doctor again
const cli = join(ROOT, "dist", "cli", "main.js");
if (!from && !existsSync(cli)) throw new Error("build first: npm run build");

function readTsv(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split("\t"));
}

const apps = readTsv(join(HERE, "apps.tsv")).map(([id, repo, commit, folder]) => ({ id, repo, commit, folder }));
const verdicts = new Map();
for (const [id, code, file, line, verdict, why] of readTsv(join(HERE, "verdicts.tsv"))) {
  verdicts.set(`${id}|${code}|${file}|${line}`, { verdict, why });
}

const work = mkdtempSync(join(tmpdir(), "authwire-corpus-"));
const checkouts = new Map();
function checkout(repo, commit) {
  const key = `${repo}@${commit}`;
  if (checkouts.has(key)) return checkouts.get(key);
  const gitDir = join(mirror, repo.replace("/", "+"), "repo");
  if (!existsSync(gitDir)) return null;
  const dir = join(work, repo.replace("/", "+"));
  execFileSync("git", ["clone", "-q", "--shared", "--no-checkout", gitDir, dir], { stdio: "ignore" });
  // A snapshot may lack its largest files (images): check out what is there.
  spawnSync("git", ["-C", dir, "checkout", "-q", "--detach", commit], { stdio: "ignore" });
  checkouts.set(key, dir);
  return dir;
}

const results = [];
function judge(app, f) {
  // A code written `AW305:info` judges that severity only (a finding whose severity changed).
  const v =
    verdicts.get(`${app.id}|${f.code}:${f.severity}|${f.file}|${f.line}`) ??
    verdicts.get(`${app.id}|${f.code}|${f.file}|${f.line}`) ??
    verdicts.get(`${app.id}|${f.code}|${f.file}|*`);
  const verdict = v?.verdict ?? "unjudged";
  count(f.severity, verdict);
  return { code: f.code, severity: f.severity, file: f.file, line: f.line, message: f.message, verdict };
}
function report(app, exit, problem, judged) {
  const by = (s) => judged.filter((f) => f.severity === s).length;
  const fp = judged.filter((f) => f.verdict === "FP").length;
  const unjudged = judged.filter((f) => f.verdict === "unjudged" && f.severity !== "info").length;
  console.log(
    `${app.id}: exit ${exit}, ${by("error")} errors, ${by("warning")} warnings, ${by("info")} info; ` +
      `FP ${fp}${unjudged ? `, unjudged errors/warnings ${unjudged}` : ""}${problem ? `; ${problem}` : ""}`,
  );
}
const tally = { error: {}, warning: {}, info: {} };
const count = (severity, verdict) => {
  tally[severity][verdict] = (tally[severity][verdict] ?? 0) + 1;
};
try {
  for (const app of apps) {
    if (only && !only.includes(app.id)) continue;
    const saved = from ? JSON.parse(readFileSync(from, "utf8")).results.find((r) => r.id === app.id) : null;
    const dir = from ? null : checkout(app.repo, app.commit);
    if (from && saved?.findings) {
      const judged = saved.findings.map((f) => judge(app, f));
      results.push({ ...saved, findings: judged });
      report(app, saved.exit, saved.problem, judged);
      continue;
    }
    if (!dir || !existsSync(dir)) {
      results.push({ ...app, status: "not fetched" });
      console.log(`${app.id}: not fetched (${app.repo})`);
      continue;
    }
    const cwd = join(dir, app.folder);
    const run = spawnSync("node", [cli, "doctor", "--offline", "--json", "--cwd", cwd], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", CI: "1" },
    });
    let findings = [];
    let problem = null;
    try {
      findings = JSON.parse(run.stdout).findings ?? [];
    } catch {
      problem = (run.stderr || run.stdout).trim().split("\n").slice(0, 3).join(" | ");
    }
    const judged = findings.map((f) => judge(app, f));
    results.push({ ...app, exit: run.status, problem, findings: judged });
    report(app, run.status, problem, judged);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const precision = (severities) => {
  let tp = 0;
  let fp = 0;
  for (const s of severities) {
    tp += tally[s].TP ?? 0;
    fp += tally[s].FP ?? 0;
  }
  return { tp, fp, precision: tp + fp ? Math.round((tp / (tp + fp)) * 1000) / 1000 : null };
};
const summary = {
  apps: results.length,
  errorsAndWarnings: precision(["error", "warning"]),
  info: precision(["info"]),
  unjudged: ["error", "warning", "info"].reduce((n, s) => n + (tally[s].unjudged ?? 0), 0),
};
console.log(JSON.stringify(summary));
if (out) writeFileSync(out, JSON.stringify({ summary, results }, null, 2));

if (args.includes("--markdown")) {
  // One row per app for BENCHMARKS.md.
  const lines = [
    "| app | repo@commit (folder) | exit | E / W / I | E+W TP / FP | info judged TP / FP |",
    "|---|---|---|---|---|---|",
  ];
  for (const a of results) {
    const f = a.findings ?? [];
    const n = (pred) => f.filter(pred).length;
    const ew = (v) => n((x) => x.severity !== "info" && x.verdict === v);
    const inf = (v) => n((x) => x.severity === "info" && x.verdict === v);
    lines.push(
      `| ${a.id} | ${a.repo}@${a.commit.slice(0, 7)} (${a.folder}) | ${a.exit ?? "-"} | ` +
        `${n((x) => x.severity === "error")} / ${n((x) => x.severity === "warning")} / ${n((x) => x.severity === "info")} | ` +
        `${ew("TP")} / ${ew("FP")} | ${inf("TP")} / ${inf("FP")} |`,
    );
  }
  console.log(lines.join("\n"));
}
