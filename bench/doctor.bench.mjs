// `authwire doctor` speed, three ways in one run on the same synthetic monorepo:
//   floor  = read every code file of the app the way doctor reads it (ProjectFiles.read) and parse
//            it with the same parser (Babel via parseCode): what any analysis of these files costs
//   doctor = runDoctor(): detection, one parse + one walk per file, all 51 rules
//   eslint = ESLint 10 + typescript-eslint's parser + @convex-dev/eslint-plugin (recommended rules)
// plus doctor on a fixture app (in-process, and the CLI end to end).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, machine, median, writeSection } from "./lib.mjs";

const FILES = Number(process.env.AW_BENCH_FILES ?? 2000);
const { runDoctor } = await import(join(ROOT, "dist/index.js"));
const { parseCode } = await import(join(ROOT, "dist/code/parse.js"));
const { listCodeFiles, diskFiles } = await import(join(ROOT, "dist/project/files.js"));

/** A monorepo: packages/ui, apps/web (Vite + Clerk) with FILES Convex function files in nested folders. */
function generate(root) {
  const write = (path, text) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("package.json", JSON.stringify({ name: "mono", private: true, workspaces: ["apps/*", "packages/*"] }));
  write("packages/ui/package.json", JSON.stringify({ name: "ui" }));
  write("packages/ui/src/button.tsx", "export const Button = (p: { label: string }) => <button>{p.label}</button>;\n");
  const app = "apps/web";
  write(
    `${app}/package.json`,
    JSON.stringify({
      name: "web",
      scripts: { dev: "vite" },
      dependencies: { convex: "^1.48.0", react: "^19", "react-dom": "^19", "@clerk/clerk-react": "^5.61.10" },
      devDependencies: { vite: "^8", typescript: "^5.9.3" },
    }),
  );
  write(`${app}/.gitignore`, "node_modules\n*.local\n");
  write(
    `${app}/.env.local`,
    "CONVEX_DEPLOYMENT=dev:happy-animal-123\nVITE_CONVEX_URL=https://happy-animal-123.convex.cloud\n",
  );
  write(
    `${app}/src/main.tsx`,
    `import { ClerkProvider, useAuth } from "@clerk/clerk-react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";\nimport { createRoot } from "react-dom/client";\nimport App from "./App";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\ncreateRoot(document.getElementById("root")!).render(<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><App /></ConvexProviderWithClerk></ClerkProvider>);\n`,
  );
  write(
    `${app}/src/App.tsx`,
    `import { Authenticated } from "convex/react";\nexport default function App() { return <Authenticated><p>hi</p></Authenticated>; }\n`,
  );
  write(
    `${app}/convex/auth.config.ts`,
    `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n`,
  );
  write(
    `${app}/convex/schema.ts`,
    `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),\n  items: defineTable({ owner: v.id("users"), title: v.string(), done: v.boolean() }).index("by_owner", ["owner"]),\n});\n`,
  );
  write(
    `${app}/convex/lib/auth.ts`,
    `import type { QueryCtx } from "../_generated/server";\nexport async function getCurrentUserOrThrow(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) throw new Error("Not authenticated");\n  const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();\n  if (!user) throw new Error("No user");\n  return user;\n}\n`,
  );
  write(
    `${app}/convex/users.ts`,
    `import { mutation } from "./_generated/server";\nexport const store = mutation({ args: {}, handler: async (ctx) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("no");\n  const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();\n  return user?._id ?? (await ctx.db.insert("users", { name: identity.name ?? "", tokenIdentifier: identity.tokenIdentifier }));\n} });\n`,
  );
  for (let index = 0; index < FILES; index += 1) {
    const folder = `f${Math.floor(index / 100)}`;
    const depth = "../".repeat(2);
    write(
      `${app}/convex/${folder}/module${index}.ts`,
      `import { v } from "convex/values";
import { query, mutation, action, internalMutation } from "${depth}_generated/server";
import { internal } from "${depth}_generated/api";
import { getCurrentUserOrThrow } from "${depth}lib/auth";

/** Items of the signed-in user, page ${index}. */
export const list${index} = query({
  args: { limit: v.optional(v.number()) },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    const items = await ctx.db
      .query("items")
      .withIndex("by_owner", (q) => q.eq("owner", user._id))
      .order("desc")
      .take(args.limit ?? 20);
    return items.map((item) => ({ id: item._id, title: item.title.trim(), done: item.done }));
  },
});

export const add${index} = mutation({
  args: { title: v.string() },
  handler: async (ctx, { title }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not authenticated");
    const user = await getCurrentUserOrThrow(ctx);
    if (title.length > 200) throw new Error(\`Title too long: \${title.length}\`);
    return await ctx.db.insert("items", { owner: user._id, title, done: false });
  },
});

export const toggle${index} = mutation({
  args: { id: v.id("items") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    const item = await ctx.db.get(args.id);
    if (!item || item.owner !== user._id) throw new Error("Not found");
    await ctx.db.patch(args.id, { done: !item.done });
  },
});

export const cleanup${index} = internalMutation({
  args: { before: v.number() },
  handler: async (ctx, { before }) => {
    const old = await ctx.db.query("items").filter((q) => q.lt(q.field("_creationTime"), before)).take(100);
    for (const item of old) await ctx.db.delete(item._id);
  },
});

export const sync${index} = action({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    await ctx.runMutation(internal.${folder}.module${index}.cleanup${index}, { before: Date.now() - 86_400_000 });
    return identity.subject;
  },
});
`,
    );
  }
  return join(root, app);
}

/** Wall time, and CPU time of the whole process (the garbage collector's helper threads included). */
const time = async (fn) => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, value };
};

const workdir = mkdtempSync(join(tmpdir(), "aw-doctor-bench-"));
try {
  const app = generate(workdir);
  const files = await listCodeFiles(diskFiles(app));
  const lines = files.reduce((sum, path) => sum + readFileSync(join(app, path), "utf8").split("\n").length, 0);

  const floor = async () => {
    const project = diskFiles(app);
    let nodes = 0;
    for (const path of files) {
      const parsed = parseCode(path, await project.read(path));
      if (parsed.ok) nodes += parsed.ast.program.body.length;
    }
    return nodes;
  };
  const doctor = () => runDoctor({ cwd: app, offline: true });

  const loadBefore = loadavg()[0];
  // Warm-up (JIT, module loading), then interleaved rounds.
  await floor();
  const warm = await doctor();
  const ROUNDS = Number(process.env.AW_BENCH_ROUNDS ?? 7);
  const floorTimes = [];
  const doctorTimes = [];
  const floorCpu = [];
  const doctorCpu = [];
  const roundRatios = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const f = await time(floor);
    const d = await time(doctor);
    floorTimes.push(f.ms);
    doctorTimes.push(d.ms);
    floorCpu.push(f.cpuMs);
    doctorCpu.push(d.cpuMs);
    roundRatios.push(d.ms / f.ms);
  }
  const findings = warm.json.summary;

  // ESLint: same files, typescript-eslint's parser, the Convex plugin's recommended rules.
  const { ESLint } = await import("eslint");
  const tseslint = (await import("typescript-eslint")).default;
  const convexPlugin = (await import("@convex-dev/eslint-plugin")).default;
  const convexRules = convexPlugin.configs.recommended.overrides?.[0]?.rules ?? {};
  const eslint = () =>
    new ESLint({
      cwd: app,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ["**/*.ts", "**/*.tsx"],
          languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { "@convex-dev": convexPlugin },
          rules: convexRules,
        },
      ],
    }).lintFiles(files);
  const eslintWarm = await eslint();
  const eslintFatal = eslintWarm.reduce((sum, result) => sum + result.fatalErrorCount, 0);
  const eslintTimes = [];
  const ESLINT_ROUNDS = Number(process.env.AW_BENCH_ESLINT_ROUNDS ?? 3);
  for (let round = 0; round < ESLINT_ROUNDS; round += 1) eslintTimes.push((await time(eslint)).ms);

  // A fixture app: in-process and through the CLI (cold process each time).
  const fixture = join(ROOT, "test/fixtures/apps/vite-clerk-done");
  await runDoctor({ cwd: fixture, offline: true });
  const fixtureTimes = [];
  for (let round = 0; round < 20; round += 1)
    fixtureTimes.push((await time(() => runDoctor({ cwd: fixture, offline: true }))).ms);
  const cliTimes = [];
  for (let round = 0; round < 10; round += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [join(ROOT, "dist/cli/main.js"), "doctor", "--offline", "--json", "--cwd", fixture],
      { encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    cliTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  const loadAfter = loadavg()[0];
  const floorMs = median(floorTimes);
  const doctorMs = median(doctorTimes);
  const eslintMs = median(eslintTimes);
  const markdown = `## doctor

${machine()}. Synthetic monorepo: ${files.length} code files in the app (${FILES} Convex function modules, ~${Math.round(lines / 1000)}k lines).
Median of ${ROUNDS} interleaved rounds (ESLint: ${ESLINT_ROUNDS}), after one warm-up run each, in one process.

| run | median | vs floor |
|---|---|---|
| floor: read every file as doctor does + parse it (same Babel parser) | ${floorMs.toFixed(0)} ms | 1.00× |
| \`runDoctor\` (detect, one parse + one walk per file, ${warm.findings.length === undefined ? "" : ""}all rules) | ${doctorMs.toFixed(0)} ms | ${(doctorMs / floorMs).toFixed(2)}× |
| ESLint ${(await import("eslint")).ESLint.version} + typescript-eslint parser + @convex-dev/eslint-plugin recommended | ${eslintMs.toFixed(0)} ms | ${(eslintMs / floorMs).toFixed(2)}× |

doctor is **${(eslintMs / doctorMs).toFixed(1)}× faster than ESLint** (target ≥ 10×) and **${(doctorMs / floorMs).toFixed(2)}× the parse floor** (target ≤ 2×).
Per round, doctor/floor ranged ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}×; CPU time (all threads, GC helpers included): floor ${median(floorCpu).toFixed(0)} ms, doctor ${median(doctorCpu).toFixed(0)} ms (${(median(doctorCpu) / median(floorCpu)).toFixed(2)}×).
Machine load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} after the doctor rounds, on ${cpus().length} CPUs.
Findings on the synthetic app: ${findings.error} errors, ${findings.warning} warnings, ${findings.info} info; ESLint fatal parse errors: ${eslintFatal}.

Fixture app \`test/fixtures/apps/vite-clerk-done\`: \`runDoctor\` median ${median(fixtureTimes).toFixed(1)} ms in-process (20 runs);
\`authwire doctor --offline --json\` end to end (new Node process each time, start-up included) median ${median(cliTimes).toFixed(0)} ms (10 runs).
`;
  console.log(markdown);
  writeSection("doctor", markdown);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
