import { parseCode } from "../../code/parse.ts";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import type { DevServerFacts, FrameworkName, PackageJson } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

export const DEFAULT_PORTS: Partial<Record<FrameworkName, number>> = {
  vite: 5173,
  "next-app": 3000,
  "next-pages": 3000,
  "tanstack-start": 3000,
  expo: 8081,
};

const VITE_CONFIGS = [
  "vite.config.ts",
  "vite.config.mts",
  "vite.config.js",
  "vite.config.mjs",
  "vite.config.cts",
  "vite.config.cjs",
];

const DEV_BINARIES: Partial<Record<FrameworkName, RegExp>> = {
  vite: /\bvite\b/,
  "tanstack-start": /\bvite\b|\bvinxi\b/,
  "next-app": /\bnext\s+dev\b/,
  "next-pages": /\bnext\s+dev\b/,
  expo: /\bexpo\s+start\b/,
};

/** `--port 3001`, `--port=3001`, `-p 3001`, `PORT=3001 …` in a script command. */
export function portInScript(command: string): number | undefined {
  const match =
    /(?:^|\s)--port(?:=|\s+)(\d{2,5})\b/.exec(command) ??
    /(?:^|\s)-p(?:=|\s+)(\d{2,5})\b/.exec(command) ??
    /(?:^|\s|&&|;)PORT=(\d{2,5})\b/.exec(command);
  return match ? Number(match[1]) : undefined;
}

type ConfigPort = { port: number } | { dynamic: string } | undefined;

/** `server.port` in a Vite config, read statically; `dynamic` when it is not a number literal. */
export function portInViteConfig(path: string, source: string): ConfigPort | { unparsable: string } {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return { unparsable: `${parsed.problem.message} at ${parsed.problem.line}:${parsed.problem.column}` };
  let found: ConfigPort;
  walk(parsed.ast.program, (node, context) => {
    if (found) return context.skip();
    if (node.type !== "ObjectProperty" || propertyKeyName(node) !== "server") return;
    const server = unwrapExpression(node.value);
    if (server.type !== "ObjectExpression") {
      found = { dynamic: "server is not an object literal" };
      return;
    }
    for (const property of server.properties) {
      if (property.type !== "ObjectProperty" || propertyKeyName(property) !== "port") continue;
      const value = unwrapExpression(property.value);
      found =
        value.type === "NumericLiteral" ? { port: value.value } : { dynamic: "server.port is not a number literal" };
    }
  });
  return found;
}

/** The dev server's port: a port flag in the dev script beats the Vite config, which beats the default. */
export async function detectDevServer(
  files: ProjectFiles,
  pkg: PackageJson,
  framework: FrameworkName,
  notes: string[],
): Promise<DevServerFacts> {
  const binary = DEV_BINARIES[framework];
  const scripts = Object.entries(pkg.scripts ?? {}).filter(([, command]) => typeof command === "string");
  const ordered = [
    ...scripts.filter(([name]) => name === "dev"),
    ...scripts.filter(([name]) => name !== "dev" && name.startsWith("dev")),
    ...scripts.filter(([name]) => name === "start"),
  ];
  if (binary) {
    for (const [name, command] of ordered) {
      if (!binary.test(command)) continue;
      const port = portInScript(command);
      if (port !== undefined) return { port, source: `package.json: scripts.${name}` };
    }
  }
  const fallback = DEFAULT_PORTS[framework] ?? null;
  const defaultSource = fallback === null ? "unknown framework" : `default for ${framework}`;
  if (framework === "vite" || framework === "tanstack-start") {
    for (const path of VITE_CONFIGS) {
      const source = await files.read(path);
      if (source === undefined) continue;
      const result = portInViteConfig(path, source);
      if (result && "port" in result) return { port: result.port, source: `${path}: server.port` };
      if (result && "dynamic" in result) {
        notes.push(`${path}: ${result.dynamic}; assuming port ${fallback}.`);
        return { port: fallback, source: `${defaultSource} (${path}: ${result.dynamic})` };
      }
      if (result && "unparsable" in result) {
        notes.push(`${path} could not be read statically (${result.unparsable}); assuming port ${fallback}.`);
        return { port: fallback, source: `${defaultSource} (${path} could not be read statically)` };
      }
      break;
    }
  }
  return { port: fallback, source: defaultSource };
}
