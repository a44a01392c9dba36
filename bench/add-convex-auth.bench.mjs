// `add convex-auth` planning and Convex Auth key generation. Planning runs in-process on temp
// copies of the fixture apps with the deployment's env read as empty (no convex CLI), so it times
// detect + the recipe (key generation included) + collect. Writes the `add-convex-auth` section.
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, machine, median, writeSection } from "./lib.mjs";
import { generateConvexAuthKeys } from "../dist/index.js";
import { planAdd } from "../dist/providers/add.js";

const ROUNDS = 15;
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const keygen = [];
const nodeKeygen = [];
for (let i = 0; i < ROUNDS; i += 1) {
  keygen.push(await time(() => generateConvexAuthKeys()));
  nodeKeygen.push(await time(() => generateKeyPairSync("rsa", { modulusLength: 2048 })));
}

const temp = mkdtempSync(join(tmpdir(), "authwire-bench-"));
const rows = [];
for (const [fixture, options] of [
  ["vite-baseline", { methods: ["password"] }],
  ["vite-baseline", { methods: ["email-password", "github", "google", "apple", "passkey"] }],
  ["next-app-baseline", { methods: ["password", "github"] }],
  ["next-app-baseline", { methods: ["password", "github"], prod: true, siteUrl: "https://app.example.com" }],
]) {
  const cwd = join(temp, `${fixture}-${rows.length}`);
  cpSync(join(ROOT, "test/fixtures/apps", fixture), cwd, { recursive: true });
  const plan = () =>
    planAdd({ cwd, provider: "convex-auth", options, git: false, env: {}, readDeployment: async () => ({}) });
  await plan();
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await time(plan));
  rows.push({ fixture, options, median: median(samples) });
}
rmSync(temp, { recursive: true, force: true });

const ms = (value) => `${value.toFixed(1)} ms`;
const describe = (options) => `--methods ${options.methods.join(",")}${options.prod ? " --prod" : ""}`;
const markdown = `## add convex-auth: planning and key generation

${machine()}; median of ${ROUNDS} runs in one process.

| task | median |
|---|---:|
| \`generateConvexAuthKeys()\` (jose, RS256 2048-bit, PKCS#8 + JWKS export) | ${ms(median(keygen))} |
| baseline: node:crypto \`generateKeyPairSync("rsa", 2048)\` | ${ms(median(nodeKeygen))} |
${rows.map((row) => `| \`planAdd\` ${row.fixture} ${describe(row.options)} | ${ms(row.median)} |`).join("\n")}

Planning generates one fresh pair per deployment (two with \`--prod\`); RSA key generation is random-time, so
most of the spread between runs is the key search. Nothing is written; the deployment's env is read as empty.`;
writeSection("add-convex-auth", markdown);
console.log(markdown);
