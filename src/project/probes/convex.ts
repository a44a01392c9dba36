import { readJson } from "../../config/json.ts";
import { parseDotenv } from "../../config/dotenv.ts";
import type { BackendPackage, ConvexFacts } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

/** The functions folder from convex.json (`functions`, default `convex/`), without trailing slash. */
export async function readConvexJson(
  files: ProjectFiles,
  notes: string[],
): Promise<{ functionsDir: string; json: Record<string, unknown> | null }> {
  const source = await files.read("convex.json");
  if (source === undefined) return { functionsDir: "convex", json: null };
  const parsed = readJson<Record<string, unknown>>(source, { jsonc: true });
  if (!parsed.ok) {
    notes.push(
      `convex.json:${parsed.problem.line}:${parsed.problem.column}: ${parsed.problem.message}; assuming functions in convex/.`,
    );
    return { functionsDir: "convex", json: null };
  }
  const json = typeof parsed.value === "object" && parsed.value !== null ? parsed.value : {};
  const functions = typeof json.functions === "string" ? json.functions : "convex/";
  const functionsDir = functions.replace(/^\.\//, "").replace(/\/+$/, "") || "convex";
  return { functionsDir, json };
}

export async function detectConvex(
  files: ProjectFiles,
  deps: Record<string, string>,
  functionsDir: string,
  env: NodeJS.ProcessEnv,
  backend: { package: BackendPackage; version: string | null } | null = null,
): Promise<ConvexFacts> {
  // A backend package holds its own deployment selection (`npx convex dev` runs there).
  const local =
    (backend && (await files.read(`${backend.package.dir}/.env.local`))) ?? (await files.read(".env.local"));
  const fromFile = local === undefined ? undefined : parseDotenv(local).CONVEX_DEPLOYMENT;
  const deployment = fromFile || env.CONVEX_DEPLOYMENT || null;
  const selfHosted =
    Boolean(env.CONVEX_SELF_HOSTED_URL) || (local !== undefined && Boolean(parseDotenv(local).CONVEX_SELF_HOSTED_URL));
  const authConfigFiles: string[] = [];
  for (const name of ["auth.config.ts", "auth.config.js"]) {
    if (await files.exists(`${functionsDir}/${name}`)) authConfigFiles.push(`${functionsDir}/${name}`);
  }
  return {
    dir: functionsDir,
    package: backend?.package ?? null,
    version: deps.convex ?? backend?.version ?? null,
    deploymentConfigured: Boolean(deployment) || selfHosted,
    deployment,
    authConfigFiles,
  };
}
