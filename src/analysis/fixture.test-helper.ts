/** Test helper: analyse a few in-memory files (`convex/` is the functions folder). */
import { analyzeCode, type AnalysisParts } from "./analyze.ts";
import type { CodeFacts, ModuleInfo } from "./facts.ts";

export async function analyze(files: Record<string, string>, parts?: AnalysisParts): Promise<CodeFacts> {
  return analyzeCode({
    read: async (path) => files[path],
    codeFiles: Object.keys(files).sort(),
    convexDir: "convex",
    parts,
    collectorCrashed: (_part, file, error) => {
      throw new Error(`collector crashed on ${file}: ${String(error)}`);
    },
  });
}

/** The module facts of one backend source (`convex/m.ts` unless a path is given). */
export async function moduleOf(source: string, path = "convex/m.ts"): Promise<ModuleInfo> {
  const facts = await analyze({ [path]: source });
  const module = facts.backend.modules.get(path);
  if (!module) throw new Error(`no module for ${path}: ${JSON.stringify(facts.skipped)}`);
  return module;
}

export const SERVER = `import { query, mutation, action, internalQuery, internalMutation, httpAction } from "./_generated/server";
import { v } from "convex/values";
`;
