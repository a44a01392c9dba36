/**
 * `analyzeCode`: the code analysis. Reads the files it needs (select.ts), parses each once, walks
 * it once with the collectors (and any extra visitor sets, e.g. the doctor's code rules), and
 * drops the AST as soon as the walk is done: memory is bounded by the largest file plus the
 * facts, not by the repo.
 */
import { parseCode } from "../code/parse.ts";
import { dispatchWalk, type Visitors } from "../code/walk.ts";
import { backendCollector } from "./backend/collector.ts";
import { resolveImportedTables } from "./backend/schema.ts";
import { resolvePassThroughBuilders } from "./backend/functions.ts";
import { clientCollector } from "./client.ts";
import { emptyCodeFacts, type CodeFacts } from "./facts.ts";
import { clientFileWanted, isGenerated } from "./select.ts";
import { matchesPublicFunction } from "../project/config.ts";

/** Which parts of the analysis to run. */
export interface AnalysisParts {
  /** The functions folder: registrations, identity flow, lookups, schema, HTTP routes. */
  backend: boolean;
  /** Client files: providers, hooks, env reads. */
  client: boolean;
}

export const ALL_PARTS: AnalysisParts = { backend: true, client: true };

/** Another visitor set walked in the same pass (a doctor code rule), with its crash handler. */
export interface ExtraVisitors {
  visitors: Visitors;
  crashed(error: unknown): void;
}

export interface AnalyzeOptions {
  /** Reads a file's text (undefined: missing, binary, too large or unreadable). */
  read(path: string): Promise<string | undefined>;
  /** Every code file of the project (relative POSIX paths), e.g. `ProjectFacts.codeFiles`. */
  codeFiles: readonly string[];
  /** The functions folder, e.g. `convex`. */
  convexDir: string;
  parts?: AnalysisParts;
  /** Client files always analysed (the entries), whatever the text prefilter says. */
  clientEntries?: readonly (string | null)[];
  /** Analyse every client file (no prefilter), e.g. when a code rule wants to see them all. */
  allClientFiles?: boolean;
  /** Extra visitor sets for a file (code rules); called once per analysed file. */
  extra?: (file: string, source: string, inConvex: boolean) => ExtraVisitors[];
  /** A collector crashed on `file`: some of its facts are missing. Default: rethrow. */
  collectorCrashed?: (part: "backend" | "client", file: string, error: unknown) => void;
  /**
   * The project configuration's part in the analysis: helper names whose call is an access check
   * (`guards`), and `module:function` names public on purpose (`publicFunctions`).
   */
  config?: { guards: readonly string[]; publicFunctions: readonly string[] };
  /** Where to add the facts (default: new ones). */
  into?: CodeFacts;
}

export async function analyzeCode(options: AnalyzeOptions): Promise<CodeFacts> {
  const facts = options.into ?? emptyCodeFacts();
  const parts = options.parts ?? ALL_PARTS;
  const convexPrefix = `${options.convexDir}/`;
  const entries = new Set(options.clientEntries?.filter((entry): entry is string => entry !== null));
  const components = parts.backend ? await localComponents(options) : [];
  for (const file of options.codeFiles) {
    const inConvex = file.startsWith(convexPrefix);
    if (inConvex ? !parts.backend || isGenerated(file, options.convexDir) : !parts.client) continue;
    if (inConvex && components.some((dir) => file.startsWith(dir))) continue;
    const source = await options.read(file);
    if (source === undefined) {
      facts.skipped.push({ file, reason: "not read: binary, larger than 2 MiB, a broken link or unreadable" });
      continue;
    }
    if (!inConvex && !options.allClientFiles && !entries.has(file) && !clientFileWanted(source)) {
      facts.prefiltered += 1;
      continue;
    }
    analyzeFile(file, source, inConvex, facts, options);
  }
  resolveImportedTables(facts.backend);
  resolvePassThroughBuilders(facts.backend);
  const publicFunctions = options.config?.publicFunctions ?? [];
  if (publicFunctions.length > 0) {
    for (const module of facts.backend.modules.values())
      for (const fn of module.functions)
        if (matchesPublicFunction(publicFunctions, options.convexDir, fn.file, fn.name)) fn.markedPublic = true;
  }
  return facts;
}

/**
 * Folders of the functions folder that are components of their own (a `convex.config.ts` calling
 * `defineComponent`, like Better Auth's local install in `convex/betterAuth/`): only the app calls
 * their functions, through `components.<name>`, so none of them is a public function of the app.
 */
async function localComponents(options: AnalyzeOptions): Promise<string[]> {
  const configs = options.codeFiles.filter(
    (file) =>
      file.startsWith(`${options.convexDir}/`) &&
      /\/convex\.config\.[cm]?[jt]s$/.test(file) &&
      file.lastIndexOf("/") > options.convexDir.length,
  );
  const dirs: string[] = [];
  for (const file of configs) {
    if (/\bdefineComponent\s*\(/.test((await options.read(file)) ?? ""))
      dirs.push(file.slice(0, file.lastIndexOf("/") + 1));
  }
  return dirs;
}

/** One file: parse, one walk with the collector and the extra sets, AST dropped on return. */
export function analyzeFile(
  file: string,
  source: string,
  inConvex: boolean,
  facts: CodeFacts,
  options: Pick<AnalyzeOptions, "extra" | "collectorCrashed" | "config"> = {},
): void {
  const parsed = parseCode(file, source);
  if (!parsed.ok) {
    const { problem } = parsed;
    facts.skipped.push({ file, reason: `syntax error at ${problem.line}:${problem.column}: ${problem.message}` });
    return;
  }
  const part = inConvex ? "backend" : "client";
  const collectors = inConvex
    ? backendCollector(file, source, facts.backend, { guards: options.config?.guards ?? [] })
    : [clientCollector(file, facts.client)];
  const extra = options.extra?.(file, source, inConvex) ?? [];
  let reported = false;
  dispatchWalk(parsed.ast.program, [...collectors, ...extra.map((set) => set.visitors)], (slot, error) => {
    if (slot >= collectors.length) return extra[slot - collectors.length]!.crashed(error);
    // A concern that throws stops for this file (the others go on); reported once per file.
    if (reported) return;
    reported = true;
    if (options.collectorCrashed) options.collectorCrashed(part, file, error);
    else throw error;
  });
}
