// One measurement of bench/real-repo.bench.mjs in a fresh process: prints
// { ms, cpuMs, maxRssMb, ... } as JSON. Modes: floor, doctor, doctor-only, eslint.
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

const [mode, app, extra] = process.argv.slice(2);

const measure = async (fn) => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...value,
  };
};

let result;
if (mode === "floor") {
  // What any analysis of the files doctor must read costs: list the code files, read every one
  // (the text prefilter needs their text; detection reads them too), parse those doctor parses
  // (the functions folder, the client entry, the files the prefilter keeps) with the same parser,
  // dropping each AST.
  const { parseCode } = await import(join(ROOT, "dist/code/parse.js"));
  const { listCodeFiles, diskFiles } = await import(join(ROOT, "dist/project/files.js"));
  const { clientFileWanted } = await import(join(ROOT, "dist/analysis/select.js"));
  result = await measure(async () => {
    const project = diskFiles(app);
    const files = await listCodeFiles(project);
    let parsed = 0;
    for (const path of files) {
      const source = await project.read(path);
      if (source === undefined || path.startsWith("convex/_generated/")) continue;
      if (!path.startsWith("convex/") && path !== "src/main.tsx" && !clientFileWanted(source)) continue;
      if (parseCode(path, source).ok) parsed += 1;
    }
    return { files: files.length, parsed };
  });
} else if (mode === "read") {
  // Node start-up plus listing and reading every code file: what `detect` cannot do without.
  const { listCodeFiles, diskFiles } = await import(join(ROOT, "dist/project/files.js"));
  result = await measure(async () => {
    const project = diskFiles(app);
    let bytes = 0;
    for (const path of await listCodeFiles(project)) bytes += (await project.read(path))?.length ?? 0;
    return { bytes };
  });
} else if (mode === "doctor" || mode === "doctor-only") {
  const { runDoctor } = await import(join(ROOT, "dist/index.js"));
  result = await measure(async () => {
    const run = await runDoctor({
      cwd: app,
      offline: true,
      only: mode === "doctor-only" ? extra.split(",") : undefined,
    });
    return { summary: run.json.summary, skipped: run.skipped.length };
  });
} else if (mode === "eslint") {
  const { ESLint } = await import("eslint");
  const tseslint = (await import("typescript-eslint")).default;
  const convexPlugin = (await import("@convex-dev/eslint-plugin")).default;
  const convexRules = convexPlugin.configs.recommended.overrides?.[0]?.rules ?? {};
  result = await measure(async () => {
    const results = await new ESLint({
      cwd: app,
      overrideConfigFile: true,
      overrideConfig: [
        { ignores: ["**/_generated/**"] },
        {
          files: ["**/*.ts", "**/*.tsx"],
          languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { "@convex-dev": convexPlugin },
          rules: convexRules,
        },
      ],
    }).lintFiles(["."]);
    return {
      files: results.length,
      fatal: results.reduce((sum, r) => sum + r.fatalErrorCount, 0),
      version: ESLint.version,
    };
  });
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(JSON.stringify(result));
