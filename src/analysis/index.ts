/**
 * The code analysis layer (project → analysis → rules / scaffold / recipes): one parse and one
 * walk per file into typed CodeFacts, and the cross-file questions asked of them.
 */
export * from "./facts.ts";
export { ALL_PARTS, analyzeCode, analyzeFile, type AnalysisParts, type AnalyzeOptions } from "./analyze.ts";
export {
  BackendResolver,
  findUnchecked,
  type UncheckedFunction,
  type Classification,
  type AuthOrder,
} from "./resolver.ts";
export { renderedComponents, resolveClientImport, type PackageComponent } from "./client.ts";
export { ORG_FIELD, USER_FIELD, USER_ID_ARG } from "./shared.ts";
export { scopeFields } from "./backend/schema.ts";
export { clientFileWanted } from "./select.ts";
