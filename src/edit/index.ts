/**
 * The edit helpers recipes build on. Each returns an `Edit`: a pure `(content, file) → content |
 * unchanged | refusal`, idempotent (running it on its own output gives `unchanged`) and
 * format-preserving. Recipes hand them to `kit.file(path, edit)`; the change engine runs them.
 */
export { chain, createFile, defineEdit, ensureFile, isRefusal, refuse, unchanged } from "./edit.ts";
export type { Edit, EditFile, EditResult, Refusal, Unchanged } from "./edit.ts";
export { addImports, removeUnusedImport } from "./ts/imports.ts";
export type { ImportSpec, NamedImport } from "./ts/imports.ts";
export { replaceJsxElement, wrapJsxChild, wrapJsxElement } from "./ts/jsx.ts";
export type { JsxProps, ReplaceJsxElementSpec, WrapJsxChildSpec, WrapJsxElementSpec } from "./ts/jsx.ts";
export { addTopLevelCode, addTopLevelDeclarations, importBlock } from "./ts/top-level.ts";
export type { DeclarationSpec, TopLevelCodeSpec, TopLevelDeclarationsSpec } from "./ts/top-level.ts";
export { addAuthConfigProvider } from "./ts/auth-config.ts";
export type { AuthConfigProviderSpec, ConfigValue } from "./ts/auth-config.ts";
export { addAuthTables, addSchemaTable, addTableIndex } from "./ts/schema.ts";
export type { SchemaTableSpec, TableIndexSpec } from "./ts/schema.ts";
export { addHttpRouterCall } from "./ts/http.ts";
export { ctxTypeFor, delegateHelper, retargetUserLookup, typeCtxParam } from "./ts/user-lookup.ts";
export type { CtxParamSpec, CtxType, DelegateHelperSpec, UserLookupSpec } from "./ts/user-lookup.ts";
export type { HttpRouterCallSpec } from "./ts/http.ts";
export { insertAtHandlerStart } from "./ts/handler.ts";
export type { HandlerStatementSpec } from "./ts/handler.ts";
export { addJsonArrayItem, setJsonValue } from "./jsonc.ts";
export type { JsonArrayItemSpec, JsonValueSpec } from "./jsonc.ts";
export { formatDotenvValue, setDotenvValues } from "./dotenv.ts";
export type { DotenvSpec } from "./dotenv.ts";
export { addViteSsrNoExternal } from "./ts/vite-config.ts";
export type { ViteSsrNoExternalSpec } from "./ts/vite-config.ts";
export { addGitignoreEntry } from "./gitignore.ts";
export type { GitignoreSpec } from "./gitignore.ts";

/**
 * The toolkit under the helpers, for composite edits that know one framework's file (TanStack's
 * root route, Next's middleware): parse once, edit by spans, fit inserted code to the file.
 * Provider-shared edits (src/providers/shared/) build on these; recipes use the helpers above.
 */
export {
  tsEdit,
  fitSnippet,
  indentAt,
  lineOf,
  parseSnippet,
  quoteString,
  sameCode,
  startsLine,
  terminate,
  topLevelBindings,
} from "./ts/source.ts";
export type { TsEditContext } from "./ts/source.ts";
export { addImportsTo, removeUnusedImportFrom } from "./ts/imports.ts";
export { insertAtHandlerStartIn } from "./ts/handler.ts";
export { findJsxElements, jsxName } from "./ts/jsx.ts";
export { insertTopLevel } from "./ts/top-level.ts";
export { insertArrayElement, insertObjectProperty, objectSnippet } from "./ts/literals.ts";
export type { Snippet } from "./ts/literals.ts";
