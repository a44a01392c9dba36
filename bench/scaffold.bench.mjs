// `users` and `protect` planning: in-process on temp copies of the fixture apps, and on a synthetic
// app with many unprotected function modules, beside a doctor run over the same files (both share
// the doctor's one-walk backend analysis). Nothing is written. Writes the `scaffold` section.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, machine, median, writeSection } from "./lib.mjs";
import { planProtect, planUsers, runDoctor } from "../dist/index.js";

const ROUNDS = 15;
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
const measure = async (fn, rounds = ROUNDS) => {
  await fn();
  const samples = [];
  for (let i = 0; i < rounds; i += 1) samples.push(await time(fn));
  return median(samples);
};

const temp = mkdtempSync(join(tmpdir(), "authwire-bench-scaffold-"));
const copy = (fixture, as = fixture) => {
  const cwd = join(temp, as);
  cpSync(join(ROOT, "test/fixtures/apps", fixture), cwd, { recursive: true });
  return cwd;
};

const rows = [];
for (const fixture of ["vite-clerk-done", "vite-convex-auth-done", "next-app-auth0-done"]) {
  const cwd = copy(fixture);
  rows.push({
    task: `\`planUsers\` ${fixture} --rbac`,
    ms: await measure(() => planUsers({ cwd, rbac: true, git: false, env: {} })),
  });
  rows.push({ task: `\`planProtect\` ${fixture}`, ms: await measure(() => planProtect({ cwd, git: false, env: {} })) });
}

// A bigger app: MODULES modules of three unprotected functions each (every one gets a check).
const MODULES = 200;
const big = copy("vite-clerk-done", "big");
mkdirSync(join(big, "convex/features"), { recursive: true });
for (let i = 0; i < MODULES; i += 1) {
  writeFileSync(
    join(big, `convex/features/feature${i}.ts`),
    `import { v } from "convex/values";
import { mutation, query } from "../_generated/server";

export const list${i} = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("tasks").take(20);
  },
});

export const add${i} = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.db.insert("tasks", { text, isCompleted: false, owner: "x" });
  },
});

export const remove${i} = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => ctx.db.delete(id),
});
`,
  );
}
const bigRounds = 5;
const protectBig = await measure(() => planProtect({ cwd: big, git: false, env: {} }), bigRounds);
const doctorBig = await measure(() => runDoctor({ cwd: big, offline: true, only: ["AW602"] }), bigRounds);
const checks = (await planProtect({ cwd: big, git: false, env: {} })).functions.filter(
  (fn) => fn.action === "protect",
).length;
rmSync(temp, { recursive: true, force: true });

const ms = (value) => `${value.toFixed(1)} ms`;
const markdown = `## users and protect: planning

${machine()}; median of ${ROUNDS} runs in one process (the ${MODULES}-module app: ${bigRounds}).

| task | median |
|---|---:|
${rows.map((row) => `| ${row.task} | ${ms(row.ms)} |`).join("\n")}
| \`planProtect\` on ${MODULES} modules × 3 unprotected functions (${checks} checks planned, ${MODULES} files modified) | ${ms(protectBig)} |
| baseline: \`runDoctor --only AW602\` on the same files | ${ms(doctorBig)} |

Both plan through the doctor's one-walk backend analysis (the baseline's cost), then edit: \`protect\` makes one
trial pass per file (to skip just the handlers it can't change) and the engine's pass, each a parse, the
file's style (two walks), the inserts and a parse of the result. Nothing is written.`;
writeSection("scaffold", markdown);
console.log(markdown);
