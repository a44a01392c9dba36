/**
 * The backend collector: what the Convex functions do, gathered in the one walk over each file
 * of the functions folder, one concern per file (module.ts, functions.ts, flow.ts, lookups.ts,
 * schema.ts, http.ts, access.ts, returns.ts) over shared per-file state (state.ts). Resolution
 * across files happens afterwards (../resolver.ts). Heuristics lean to silence: whatever can't be
 * resolved is "unknown".
 */
import type { Visitors } from "../../code/walk.ts";
import { accessVisitors } from "./access.ts";
import type { BackendIndex } from "../facts.ts";
import { flowVisitors } from "./flow.ts";
import { functionVisitors } from "./functions.ts";
import { httpVisitors } from "./http.ts";
import { lookupVisitors } from "./lookups.ts";
import { moduleVisitors } from "./module.ts";
import { returnVisitors } from "./returns.ts";
import { schemaVisitors } from "./schema.ts";
import { BackendFile } from "./state.ts";

/**
 * The visitor sets that build one module's info into `index`, walked together (`file` is relative
 * to the project root). Order matters where two concerns see the same node: the module's imports
 * and the registrations come before the frames the flow fills.
 */
export function backendCollector(
  file: string,
  source: string,
  index: BackendIndex,
  options: { guards?: readonly string[] } = {},
): Visitors[] {
  const state = new BackendFile(file, source, index);
  if (options.guards?.length) state.guardNames = new Set(options.guards);
  return [
    moduleVisitors(state),
    functionVisitors(state),
    lookupVisitors(state),
    flowVisitors(state),
    schemaVisitors(state),
    httpVisitors(state),
    accessVisitors(state),
    returnVisitors(state),
  ];
}
