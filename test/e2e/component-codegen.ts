/**
 * `convex codegen` for a component-aware app without a deployment. `--system-udfs` (the only
 * offline codegen, docs/internals/offline.md#codegen-without-a-deployment) emits no `components` export and types `env` as
 * `Record<string, string | undefined>`; the deployment path emits both from the app's
 * convex.config.ts. This runs the real offline codegen, then adds what the deployment path would:
 * `components` typed with each mounted package's own `_generated/component.js` `ComponentApi<name>`
 * (the same line convex's `component_api` template writes for packaged components) and `env`
 * typed by convex's own `serverCodegen` template from the `defineApp({ env })` declarations.
 * convex.config.ts is read statically (default imports, `app.use(x)` / `app.use(x, { name })`,
 * `NAME: v.string()` / `v.optional(v.string())`), which covers what authwire writes.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { codegen, type RunResult } from "./workspace.ts";

interface ConfigFacts {
  components: { name: string; specifier: string }[];
  env: { name: string; optional: boolean }[];
}

export function readConvexConfig(source: string): ConfigFacts {
  const imports = new Map<string, string>();
  for (const match of source.matchAll(/^import\s+(\w+)\s+from\s+"([^"]+)\/convex\.config(?:\.js)?";/gm))
    imports.set(match[1]!, match[2]!);
  const components: ConfigFacts["components"] = [];
  for (const match of source.matchAll(/\bapp\.use\(\s*(\w+)\s*(?:,\s*\{([^]*?)\}\s*)?\)/g)) {
    const specifier = imports.get(match[1]!);
    if (!specifier) continue;
    const named = /\bname:\s*"([^"]+)"/.exec(match[2] ?? "")?.[1];
    const defaultName = /@convex-dev\/auth$/.test(specifier)
      ? "auth"
      : (/\/components\/(\w+)$/.exec(specifier)?.[1]?.replace(/^\w/, (c) => `auth${c.toUpperCase()}`) ??
        specifier.split("/").pop()!);
    components.push({ name: named ?? defaultName, specifier });
  }
  const envBlock = /defineApp\(\{\s*env:\s*\{([^]*?)\}\s*,?\s*\}\)/.exec(source)?.[1] ?? "";
  const env = [...envBlock.matchAll(/(\w+):\s*(v\.optional\()?v\.string\(\)/g)].map((match) => ({
    name: match[1]!,
    optional: Boolean(match[2]),
  }));
  return { components, env };
}

export async function componentCodegen(app: string): Promise<RunResult> {
  const result = await codegen(app);
  if (result.code !== 0) return result;
  const config = readConvexConfig(readFileSync(join(app, "convex/convex.config.ts"), "utf8"));
  const generated = join(app, "convex/_generated");
  appendFileSync(
    join(generated, "api.d.ts"),
    `\nexport declare const components: {\n${config.components
      .map((c) => `  "${c.name}": import("${c.specifier}/_generated/component.js").ComponentApi<"${c.name}">,`)
      .join("\n")}\n};\n`,
  );
  const js = readFileSync(join(generated, "api.js"), "utf8").replace(
    'import { anyApi } from "convex/server";',
    'import { anyApi, componentsGeneric } from "convex/server";',
  );
  writeFileSync(join(generated, "api.js"), `${js}\nexport const components = componentsGeneric();\n`);
  const templates = pathToFileURL(
    resolve(app, "../../node_modules/convex/dist/esm/cli/codegen_templates/server.js"),
  ).href;
  const { serverCodegen } = (await import(templates)) as {
    serverCodegen(options: { useTypeScript: boolean; envVars: [string, unknown][] }): { DTS: string; JS: string };
  };
  const server = serverCodegen({
    useTypeScript: false,
    envVars: config.env.map((entry) => [
      entry.name,
      { type: "value", value: '{"type":"string"}', optional: entry.optional },
    ]),
  });
  writeFileSync(join(generated, "server.d.ts"), server.DTS);
  writeFileSync(join(generated, "server.js"), server.JS);
  return result;
}
