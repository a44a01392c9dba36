/**
 * `convex/auth.config.ts` as data, in two stages other layers build on (doctor rules AW101–AW110,
 * the token judge):
 *
 * 1. `readAuthConfig(files, convexDir)` reads the file statically (it is never run) and returns the
 *    raw model: which files exist, each provider entry with its fields (a literal, an env
 *    reference, a template over env references, or "dynamic"), every env var the file reads, and
 *    syntax/shape problems, each with file:line:column.
 * 2. `evaluateAuthConfig(raw, env, builtins)` resolves the env references against one
 *    deployment's variables and applies the backend's push-time validation (docs/internals/convex-auth.md#authconfig):
 *    the providers exactly as Convex would store them, plus the problems a push would fail with,
 *    carrying the backend's error codes and wording.
 */
import { posix } from "node:path";
import { parseCode, type File, type ParseResult } from "../code/parse.ts";
import type { ProjectFiles } from "../project/files.ts";
import { checkIssuerUrl } from "./issuer-url.ts";
import {
  ModuleEvaluator,
  envNamesIn,
  firstDynamic,
  type EnvRead,
  type SourceLocation,
  type StaticValue,
} from "./static-value.ts";

export type { EnvRead, SourceLocation, StaticEntry, StaticValue, EnvSourceSyntax } from "./static-value.ts";

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/**
 * Problem codes. The first group are the Convex backend's (or CLI's) own error codes; the
 * `Authwire*` ones are authwire's observations that Convex has no code for.
 */
export type ConfigProblemCode =
  | "AuthConfigMissingEnvironmentVariable"
  | "AuthConfigMissingExportError"
  | "AuthConfigNotMatchingSchemaError"
  | "AuthConfigUnserializableError"
  | "InsecureConfiguration"
  | "InvalidProviderDomainUrl"
  | "EnvironmentVariableNameInvalid"
  | "AuthConfigInNode"
  | "AuthConfigBothFiles"
  | "AuthwireSyntaxError"
  | "AuthwireNotStatic"
  | "AuthwireBuiltinUnknown"
  | "AuthwireEnvWhitespace"
  | "AuthwireNoConfigFile"
  | "AuthwireEnvUnknown"
  | "AuthwireUnknownField";

export interface ConfigProblem {
  code: ConfigProblemCode;
  /** error: the push fails; warning: it pushes but tokens will likely not match; info: a limit of the static reading. */
  severity: "error" | "warning" | "info";
  /** The backend's wording for its own codes; authwire's for the `Authwire*` ones. */
  message: string;
  /**
   * What `npx convex dev` / `deploy` prints for this problem: Convex wraps push-time failures as
   * `InvalidAuthConfig` "The pushed auth config is invalid: …" (except the missing env var).
   */
  reported?: { code: string; message: string };
  location?: SourceLocation;
  providerIndex?: number;
  field?: string;
  envName?: string;
  /** authwire's plain explanation and fix. */
  hint?: string;
}

const PUSH_PREFIX = "The pushed auth config is invalid";

function reportedAsInvalidConfig(message: string): { code: string; message: string } {
  return { code: "InvalidAuthConfig", message: `${PUSH_PREFIX}: ${message}` };
}

// ---------------------------------------------------------------------------------------------
// Stage 1: the raw model
// ---------------------------------------------------------------------------------------------

export interface RawField {
  name: string;
  /** Where the key is written. */
  keyLocation: SourceLocation;
  value: StaticValue;
  /** Env vars this field's value is built from (`process.env.X`, `env.X`, inside templates too). */
  envVars: string[];
}

export interface RawProvider {
  index: number;
  location: SourceLocation;
  /** The entry as written: an object (then `fields` lists its keys) or a dynamic value. */
  value: StaticValue;
  /** Field name → field, in source order (spreads of local consts already applied). */
  fields: Record<string, RawField>;
}

export interface RawAuthConfig {
  /** The functions folder, relative to the project root (e.g. "convex"). */
  convexDir: string;
  /** The auth.config files that exist, `.ts` first. Both existing is a push error. */
  files: string[];
  /** The file Convex would bundle (`.ts` wins, as in the CLI), or null when there is none. */
  file: string | null;
  /** The default export as written, or null (no file, syntax error, no export). */
  config: StaticValue | null;
  /** Where the default export is. */
  exportLocation: SourceLocation | null;
  /** The `providers` entries, or null when `providers` is missing or not a static array. */
  providers: RawProvider[] | null;
  /** Where `providers` is written. */
  providersLocation: SourceLocation | null;
  /** Every env var the file reads, in source order (the order the sandbox reads them in). */
  envReads: EnvRead[];
  /** Problems found without any env: both files, syntax errors, "use node", non-static values. */
  problems: ConfigProblem[];
}

/** Reads `<convexDir>/auth.config.ts|js` statically. Never runs it and never throws. */
export async function readAuthConfig(files: ProjectFiles, convexDir: string): Promise<RawAuthConfig> {
  const dir = convexDir.replace(/\/+$/, "") || ".";
  const candidates = ["auth.config.ts", "auth.config.js"].map((name) => (dir === "." ? name : `${dir}/${name}`));
  const existing: string[] = [];
  for (const path of candidates) if (await files.exists(path)) existing.push(path);
  const raw: RawAuthConfig = {
    convexDir: dir,
    files: existing,
    file: existing[0] ?? null,
    config: null,
    exportLocation: null,
    providers: null,
    providersLocation: null,
    envReads: [],
    problems: [],
  };
  if (existing.length === 2) {
    const message = `Found both ${existing[1]} and ${existing[0]}, choose one.`;
    raw.problems.push({
      code: "AuthConfigBothFiles",
      severity: "error",
      message,
      reported: { code: "invalid filesystem data", message },
      location: { file: existing[1]!, line: 1, column: 1 },
      hint: `Delete one of them; the Convex CLI refuses to push while both exist.`,
    });
  }
  if (!raw.file) {
    raw.problems.push({
      code: "AuthwireNoConfigFile",
      severity: "info",
      message: `No ${candidates[0]} or ${candidates[1]}: the deployment has no auth providers, so every token is rejected.`,
    });
    return raw;
  }
  const source = await files.read(raw.file);
  if (source === undefined) {
    raw.problems.push({
      code: "AuthwireSyntaxError",
      severity: "error",
      message: `${raw.file} could not be read.`,
      location: at(raw.file, 1, 1),
    });
    return raw;
  }
  const parsed = parseCode(raw.file, source);
  const linked = parsed.ok ? await linkedModules(files, raw.file, parsed.ast.program) : undefined;
  return { ...raw, ...analyseSource(raw.file, source, raw.problems, linked, parsed) };
}

/**
 * The modules auth.config imports by a relative path (`./lib/envAuth`), read statically: the
 * bundler inlines them, so a const they export is the config's value too. One level deep.
 */
async function linkedModules(
  files: ProjectFiles,
  file: string,
  program: File["program"],
): Promise<Map<string, ModuleEvaluator>> {
  const linked = new Map<string, ModuleEvaluator>();
  for (const statement of program.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    const specifier = statement.source.value;
    if (!specifier.startsWith(".") || linked.has(specifier)) continue;
    const base = posix.join(posix.dirname(file), specifier).replace(/\.[cm]?js$/, "");
    for (const path of [".ts", ".js", "/index.ts", "/index.js", ""].map((end) => base + end)) {
      const text = await files.read(path);
      if (text === undefined) continue;
      const module = parseCode(path, text);
      if (module.ok) linked.set(specifier, new ModuleEvaluator(module.ast.program, path, text));
      break;
    }
  }
  return linked;
}

/** Stage 1 over one file's text (exported for tests and for callers that already hold the text). */
export function readAuthConfigSource(file: string, source: string, convexDir = "convex"): RawAuthConfig {
  return { convexDir, files: [file], file, ...analyseSource(file, source, []) };
}

function at(file: string, line: number, column: number): SourceLocation {
  return { file, line, column };
}

function analyseSource(
  file: string,
  source: string,
  problems: ConfigProblem[],
  linked: ReadonlyMap<string, ModuleEvaluator> = new Map(),
  parsed: ParseResult = parseCode(file, source),
): Pick<RawAuthConfig, "config" | "exportLocation" | "providers" | "providersLocation" | "envReads" | "problems"> {
  const result = {
    config: null as StaticValue | null,
    exportLocation: null as SourceLocation | null,
    providers: null as RawProvider[] | null,
    providersLocation: null as SourceLocation | null,
    envReads: [] as EnvRead[],
    problems,
  };
  if (!parsed.ok) {
    problems.push({
      code: "AuthwireSyntaxError",
      severity: "error",
      message: `${file} does not parse: ${parsed.problem.message}`,
      location: at(file, parsed.problem.line, parsed.problem.column),
      hint: "The Convex CLI cannot bundle the file; fix the syntax error first.",
    });
    return result;
  }
  const program = parsed.ast.program;
  const useNode = program.directives.find((directive) => directive.value.value === "use node");
  if (useNode) {
    problems.push({
      code: "AuthConfigInNode",
      severity: "error",
      message: "auth config file can't be analyzed in Node.js!",
      reported: reportedAsInvalidConfig("auth config file can't be analyzed in Node.js!"),
      location: {
        file,
        ...(useNode.loc
          ? { line: useNode.loc.start.line, column: useNode.loc.start.column + 1 }
          : { line: 1, column: 1 }),
      },
      hint: `Remove the "use node" directive from ${file}; auth.config runs in Convex's own runtime.`,
    });
  }
  const evaluator = new ModuleEvaluator(program, file, source, linked);
  result.envReads = evaluator.envReads();
  const exported = evaluator.defaultExport();
  if (!exported) return result;
  result.exportLocation = evaluator.location(exported);
  const config = evaluator.evaluate(exported);
  result.config = config;
  if (config.kind === "dynamic") {
    problems.push(notStatic(config, "the default export"));
    return result;
  }
  if (config.kind !== "object") return result;
  const providersEntry = config.entries.find((entry) => entry.key === "providers");
  if (!providersEntry) return result;
  result.providersLocation = providersEntry.keyLoc;
  const list = providersEntry.value;
  if (list.kind === "dynamic") {
    problems.push(notStatic(list, "`providers`"));
    return result;
  }
  if (list.kind !== "array") return result;
  result.providers = list.items.map((item, index) => {
    const fields: Record<string, RawField> = {};
    if (item.kind === "object") {
      const customJwt = isCustomJwtEntry(item);
      for (const entry of item.entries) {
        fields[entry.key] = {
          name: entry.key,
          keyLocation: entry.keyLoc,
          value: entry.value,
          envVars: envNamesIn(entry.value),
        };
        if (!isKnownProviderField(entry.key)) {
          const meant = suggestProviderField(entry.key, { customJwt });
          problems.push({
            code: "AuthwireUnknownField",
            severity: "warning",
            message: `Provider ${index} has a field \`${entry.key}\` that Convex ignores${meant ? `; did you mean \`${meant}\`?` : "."}`,
            location: entry.keyLoc,
            providerIndex: index,
            field: entry.key,
            hint: meant
              ? `Rename \`${entry.key}\` to \`${meant}\`.`
              : "Convex reads only type, domain, applicationID, issuer, jwks and algorithm.",
          });
        }
        // A field Convex ignores needs no value (AuthwireUnknownField above says so).
        const dynamicPart = isKnownProviderField(entry.key) ? firstDynamic(entry.value) : undefined;
        if (dynamicPart)
          problems.push({
            ...notStatic(dynamicPart, `\`${entry.key}\` of provider ${index}`),
            providerIndex: index,
            field: entry.key,
          });
      }
    } else if (item.kind === "dynamic") {
      problems.push({ ...notStatic(item, `provider ${index}`), providerIndex: index });
    }
    return { index, location: item.loc, value: item, fields };
  });
  return result;
}

/** The provider fields the backend reads (docs/internals/convex-auth.md#authconfig); anything else is ignored by it. */
export const KNOWN_PROVIDER_FIELDS = new Set(["type", "domain", "applicationID", "issuer", "jwks", "algorithm"]);

/** Common wrong names (lower-cased) → the field that was meant. */
const FIELD_MISTAKES: Record<string, string> = {
  jwksuri: "jwks",
  jwks_uri: "jwks",
  jwksurl: "jwks",
  jwkset: "jwks",
  jwk: "jwks",
  keys: "jwks",
  url: "domain",
  domainurl: "domain",
  issuerdomain: "domain",
  clientid: "applicationID",
  client_id: "applicationID",
  audience: "applicationID",
  aud: "applicationID",
  appid: "applicationID",
  application_id: "applicationID",
  alg: "algorithm",
  algorithms: "algorithm",
  kind: "type",
  provider: "type",
};

/** Names of the issuer: `issuer` on a customJwt entry, `domain` on an OIDC one. */
const ISSUER_MISTAKES = new Set(["issuerurl", "iss", "issuer_url"]);

/** Whether the backend reads a provider field of this name (the applicationID misspellings are schema errors instead). */
export function isKnownProviderField(name: string): boolean {
  return KNOWN_PROVIDER_FIELDS.has(name) || name === "applicationId" || name === "applicationid";
}

/**
 * The field a provider entry most likely meant by an unknown `name` (case-insensitive), or undefined.
 * The one table for "did you mean" (the config layer's problems and doctor's AW103 both read it).
 * `entry` decides the issuer's name: `issuer` on a customJwt entry, `domain` on an OIDC one.
 */
export function suggestProviderField(name: string, entry: { customJwt: boolean }): string | undefined {
  const lower = name.toLowerCase();
  if (ISSUER_MISTAKES.has(lower)) return entry.customJwt ? "issuer" : "domain";
  return FIELD_MISTAKES[lower];
}

/** Whether a static provider entry declares `type: "customJwt"`. */
export function isCustomJwtEntry(entry: StaticValue): boolean {
  return (
    entry.kind === "object" &&
    entry.entries.some(
      (field) => field.key === "type" && field.value.kind === "string" && field.value.value === "customJwt",
    )
  );
}

function notStatic(value: StaticValue & { kind: "dynamic" }, what: string): ConfigProblem {
  return {
    code: "AuthwireNotStatic",
    severity: "info",
    message: `authwire can't evaluate ${what} without running the file: ${value.reason} (\`${value.snippet}\`).`,
    location: value.loc,
    hint: "Use literals, process.env.NAME or env.NAME, template strings and file-level consts so the value can be checked.",
  };
}

// ---------------------------------------------------------------------------------------------
// Stage 2: evaluation against one deployment's env
// ---------------------------------------------------------------------------------------------

/** The deployment's built-in URLs; user env vars of the same name override them (as on Convex). */
export interface BuiltinEnv {
  CONVEX_SITE_URL?: string;
  CONVEX_CLOUD_URL?: string;
}

export const BUILTIN_ENV_NAMES = ["CONVEX_SITE_URL", "CONVEX_CLOUD_URL"] as const;

export type ProviderKind = "oidc" | "customJwt";
export type CustomJwtAlgorithm = "RS256" | "ES256";

/** One env var read by the config and what the deployment holds for it. */
export interface EnvUse {
  name: string;
  location: SourceLocation;
  /**
   * set: a user env var; builtin: a built-in URL (known); builtin-unknown: built in, value not
   * supplied; missing: not set on the deployment; unknown: no env was supplied to tell.
   */
  status: "set" | "builtin" | "builtin-unknown" | "missing" | "unknown";
  /** True when the read runs when the module loads (an unset one fails the push). */
  runsAtLoad: boolean;
}

export interface EvaluatedProvider {
  /** The entry's index in `providers`, as the backend counts it. */
  index: number;
  kind: ProviderKind;
  /**
   * The stored `domain` (OIDC) or `issuer` (customJwt) exactly as the backend stores it: the
   * written text with `https://` prepended when it had no scheme. Null when unknown or invalid.
   */
  issuer: string | null;
  /** The field `issuer` came from: "domain" for OIDC, "issuer" for customJwt. */
  issuerField: "domain" | "issuer";
  /** The audience tokens must carry; null when none is configured (customJwt only). */
  applicationID: string | null;
  /** customJwt: the JWKS URL or `data:` URI (not validated at push time). */
  jwks: string | null;
  /** customJwt: the configured algorithm. */
  algorithm: CustomJwtAlgorithm | null;
  location: SourceLocation;
  /** Where each field's value is written. */
  fieldLocations: Partial<Record<string, SourceLocation>>;
  /** Env vars feeding each field (`domain: process.env.CLERK_JWT_ISSUER_DOMAIN` → `{domain: ["CLERK_JWT_ISSUER_DOMAIN"]}`). */
  envVars: Partial<Record<string, string[]>>;
  /** Fields whose value authwire could not know (dynamic code, missing env, unknown built-in); "*" for a dynamic entry. */
  unresolved: string[];
  /** False when this entry fails the backend's push-time validation. */
  valid: boolean;
}

export interface EvaluatedAuthConfig {
  file: string | null;
  /** True when the file was evaluated completely (no dynamic or unknown values). */
  complete: boolean;
  providers: EvaluatedProvider[];
  /** Every problem found, in the order the backend checks (env reads, export, common confusions, schema, URLs). */
  problems: ConfigProblem[];
  /** The one error a push would fail with (the backend stops at the first), or null. */
  pushError: ConfigProblem | null;
  /** Each env var the file reads, with its status on this deployment. */
  env: EnvUse[];
}

const UNKNOWN = Symbol("unknown");
type Unknown = typeof UNKNOWN;
type Json = string | number | boolean | null | Json[] | { [key: string]: Json } | Unknown;

interface EvalContext {
  lookup(name: string): { status: EnvUse["status"]; value?: string };
  whitespace: Array<{ name: string; location: SourceLocation }>;
}

export interface EvaluateOptions {
  /**
   * False when no deployment env was supplied at all: unset variables are then "unknown" (info),
   * not "missing" (a push error). Default true: `env` is the deployment's complete env.
   */
  envKnown?: boolean;
}

/** Evaluates the raw model against one deployment's env vars and applies the push-time checks. */
export function evaluateAuthConfig(
  raw: RawAuthConfig,
  env: Record<string, string | undefined>,
  builtins: BuiltinEnv = {},
  options: EvaluateOptions = {},
): EvaluatedAuthConfig {
  const problems: ConfigProblem[] = [...raw.problems];
  const context: EvalContext = {
    lookup(name) {
      const value = env[name];
      if (value !== undefined) return { status: "set", value };
      if ((BUILTIN_ENV_NAMES as readonly string[]).includes(name)) {
        const builtin = builtins[name as keyof BuiltinEnv];
        return builtin === undefined ? { status: "builtin-unknown" } : { status: "builtin", value: builtin };
      }
      return { status: options.envKnown === false ? "unknown" : "missing" };
    },
    whitespace: [],
  };
  const envUses: EnvUse[] = raw.envReads.map((read) => ({
    name: read.name,
    location: read.loc,
    status: context.lookup(read.name).status,
    runsAtLoad: read.runsAtLoad,
  }));
  const result: EvaluatedAuthConfig = {
    file: raw.file,
    complete: true,
    providers: [],
    problems,
    pushError: null,
    env: envUses,
  };
  if (!raw.file) return finish(result);

  // 1. The sandbox reads env vars as the module loads; the first unset one aborts the push.
  const reported = new Set<string>();
  for (const use of envUses) {
    if (reported.has(use.name)) continue;
    if (!/^[a-zA-Z_]+[a-zA-Z0-9_]*$/.test(use.name)) {
      reported.add(use.name);
      const message = `The environment variable name ${use.name} is invalid. Environment variable names must begin with a letter and may only include characters a-z, A-Z, 0-9, and underscores.`;
      problems.push({
        code: "EnvironmentVariableNameInvalid",
        severity: "error",
        message,
        reported: reportedAsInvalidConfig(message),
        location: use.location,
        envName: use.name,
      });
      continue;
    }
    if (use.status === "missing") {
      reported.add(use.name);
      const message = `Environment variable ${use.name} is used in auth config file but its value was not set`;
      problems.push({
        code: "AuthConfigMissingEnvironmentVariable",
        severity: use.runsAtLoad ? "error" : "warning",
        message,
        reported: { code: "AuthConfigMissingEnvironmentVariable", message },
        location: use.location,
        envName: use.name,
        hint: `Set it on the deployment: npx convex env set ${use.name} <value> (add --prod for production).`,
      });
    } else if (use.status === "unknown") {
      reported.add(use.name);
      problems.push({
        code: "AuthwireEnvUnknown",
        severity: "info",
        message: `${use.name} is read by the auth config, but no deployment env was supplied to tell its value.`,
        location: use.location,
        envName: use.name,
        hint: `Pass --dev-env/--prod-env (a dump of npx convex env list --include-values) or --env ${use.name}=<value>.`,
      });
    } else if (use.status === "builtin-unknown") {
      reported.add(use.name);
      problems.push({
        code: "AuthwireBuiltinUnknown",
        severity: "info",
        message: `${use.name} is built into every deployment, but its value is not known here.`,
        location: use.location,
        envName: use.name,
        hint: `Pass the deployment URL or --env ${use.name}=https://<deployment>.convex.site so providers that use it can be checked.`,
      });
    }
  }
  if (
    problems.some((problem) => problem.code === "AuthConfigMissingEnvironmentVariable" && problem.severity === "error")
  ) {
    result.complete = false;
  }

  // 2. The default export.
  if (raw.config === null || raw.config.kind === "null" || raw.config.kind === "undefined") {
    if (problems.some((p) => p.code === "AuthwireSyntaxError")) return finish({ ...result, complete: false });
    const message =
      "auth config file is missing default export. To learn more, see the auth documentation at https://docs.convex.dev/auth.";
    problems.push({
      code: "AuthConfigMissingExportError",
      severity: "error",
      message,
      reported: reportedAsInvalidConfig(message),
      location: raw.exportLocation ?? at(raw.file, 1, 1),
      hint: "Export the config: export default { providers: [...] } satisfies AuthConfig;",
    });
    return finish(result);
  }
  const json: Json = toJson(raw.config, context) ?? null;
  if (json === UNKNOWN || !isObject(json) || json.providers === UNKNOWN) result.complete = false;

  // 3. check_for_common_confusions, per provider, on the JSON the sandbox produced.
  const rawProviders = isObject(json) && Array.isArray(json.providers) ? json.providers : null;
  if (rawProviders) {
    rawProviders.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const problem = commonConfusion(entry, index, raw.providers?.[index]);
      if (problem) problems.push(problem);
    });
  }

  // 4. The wire schema, then the URL rules, per provider.
  if (json !== UNKNOWN) {
    problems.push(...schemaProblems(json, raw));
  }
  if (rawProviders) {
    rawProviders.forEach((entry, index) => {
      const rawProvider = raw.providers?.[index];
      const provider = toProvider(entry, index, rawProvider, raw);
      if (!provider) {
        result.complete = false;
        return;
      }
      if (provider.unresolved.length > 0) result.complete = false;
      const issuerValue = isObject(entry) ? entry[provider.issuerField] : undefined;
      if (typeof issuerValue === "string") {
        const checked = checkIssuerUrl(issuerValue);
        if (checked.ok) {
          provider.issuer = checked.stored;
        } else {
          provider.valid = false;
          problems.push({
            code: "InvalidProviderDomainUrl",
            severity: "error",
            message: checked.message,
            reported: reportedAsInvalidConfig(checked.message),
            location: provider.fieldLocations[provider.issuerField] ?? provider.location,
            providerIndex: index,
            field: provider.issuerField,
            ...(provider.envVars[provider.issuerField]?.length
              ? { envName: provider.envVars[provider.issuerField]![0] }
              : {}),
            hint: issuerHint(issuerValue, checked.reason, provider.envVars[provider.issuerField]),
          });
        }
      }
      result.providers.push(provider);
    });
  }
  const confusedIndexes = new Set(
    problems
      .filter(
        (p) =>
          p.providerIndex !== undefined &&
          (p.code === "AuthConfigNotMatchingSchemaError" || p.code === "InsecureConfiguration"),
      )
      .map((p) => p.providerIndex),
  );
  for (const provider of result.providers) if (confusedIndexes.has(provider.index)) provider.valid = false;

  // 5. Whitespace in env values: the URL parser tolerates it, the stored string keeps it.
  for (const { name, location } of context.whitespace) {
    if (problems.some((p) => p.code === "AuthwireEnvWhitespace" && p.envName === name)) continue;
    problems.push({
      code: "AuthwireEnvWhitespace",
      severity: "warning",
      message: `The value of ${name} has leading or trailing whitespace; Convex keeps it in the stored value, so tokens will never match it.`,
      location,
      envName: name,
      hint: `Set ${name} again without the surrounding spaces or newline.`,
    });
  }
  return finish(result);
}

function finish(result: EvaluatedAuthConfig): EvaluatedAuthConfig {
  result.pushError = result.problems.find((problem) => problem.severity === "error") ?? null;
  return result;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value `JSON.stringify` would produce in the sandbox, with UNKNOWN where it can't be known. */
function toJson(value: StaticValue, context: EvalContext): Json | undefined {
  switch (value.kind) {
    case "string":
    case "boolean":
      return value.value;
    case "number":
      return Number.isFinite(value.value) ? value.value : null;
    case "null":
      return null;
    case "undefined":
      return undefined;
    case "dynamic":
      return UNKNOWN;
    case "env": {
      const found = context.lookup(value.name);
      if (found.value === undefined) return UNKNOWN;
      if (found.value !== found.value.trim()) context.whitespace.push({ name: value.name, location: value.loc });
      if (value.fallback?.operator === "||" && found.value === "") return toJson(value.fallback.value, context);
      return found.value;
    }
    case "concat": {
      let text = "";
      for (const part of value.parts) {
        const piece = toJson(part, context);
        if (piece === UNKNOWN) return UNKNOWN;
        text += piece === undefined ? "undefined" : typeof piece === "object" ? String(piece) : String(piece);
      }
      return text;
    }
    case "array":
      return value.items.map((item) => {
        const converted = toJson(item, context);
        return converted === undefined ? null : converted;
      });
    case "object": {
      const out: { [key: string]: Json } = {};
      for (const entry of value.entries) {
        const converted = toJson(entry.value, context);
        if (converted !== undefined) out[entry.key] = converted;
      }
      return out;
    }
  }
}

function schemaError(message: string, extra: Partial<ConfigProblem>): ConfigProblem {
  const full = `auth config file must include a list of provider credentials: ${message}`;
  return {
    code: "AuthConfigNotMatchingSchemaError",
    severity: "error",
    message: full,
    reported: reportedAsInvalidConfig(full),
    ...extra,
  };
}

/** The backend's `check_for_common_confusions` for one provider (the first hit, as it bails). */
function commonConfusion(
  entry: { [key: string]: Json },
  index: number,
  rawProvider: RawProvider | undefined,
): ConfigProblem | null {
  const where = (field: string) => rawProvider?.fields[field]?.keyLocation ?? rawProvider?.location;
  const type = typeof entry.type === "string" ? entry.type : "unknown";
  const typeUnknown = entry.type === UNKNOWN;
  if ("applicationId" in entry || "applicationid" in entry) {
    const field = "applicationId" in entry ? "applicationId" : "applicationid";
    return schemaError(
      `Provider at index ${index} must have applicationID property spelled lowercase 'application', capital I, capital D.`,
      {
        location: where(field),
        providerIndex: index,
        field,
        hint: `Rename \`${field}\` to \`applicationID\`.`,
      },
    );
  }
  if (typeUnknown) return null;
  if (type !== "customJwt" && type !== "oidc" && type !== "unknown") {
    return schemaError(`Provider at index ${index} has unexpected 'type' value '${type}'`, {
      location: where("type"),
      providerIndex: index,
      field: "type",
      hint: `Use type: "customJwt" (issuer + jwks + algorithm), or leave type out for an OIDC provider (domain + applicationID).`,
    });
  }
  if (type === "customJwt" && "domain" in entry) {
    return schemaError(`Provider at index ${index} is a customJwt so cannot have a 'domain' specified`, {
      location: where("domain"),
      providerIndex: index,
      field: "domain",
      hint: "A customJwt provider names its issuer with `issuer`, not `domain`.",
    });
  }
  if ((type === "oidc" || type === "unknown") && "issuer" in entry) {
    return schemaError(`Provider at index ${index} is oidc so cannot have an 'issuer' specified.`, {
      location: where("issuer"),
      providerIndex: index,
      field: "issuer",
      hint: 'An OIDC provider uses `domain`; for `issuer` + `jwks`, add type: "customJwt" and `algorithm`.',
    });
  }
  if (
    !("applicationID" in entry) &&
    (entry.issuer === "https://api.workos.com/" || entry.issuer === "https://api.workos.com")
  ) {
    const message = `This auth configuration appears potentially insecure: Provider at index ${index} has an issuer that is shared among many applications, so must to specify an ApplicationID to check against an \`aud\` field of a JWT.`;
    return {
      code: "InsecureConfiguration",
      severity: "error",
      message,
      reported: reportedAsInvalidConfig(message),
      location: where("issuer"),
      providerIndex: index,
      field: "issuer",
      hint: "Add applicationID: process.env.WORKOS_CLIENT_ID to the provider with the shared https://api.workos.com/ issuer.",
    };
  }
  return null;
}

function describeJsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "sequence";
  switch (typeof value) {
    case "string":
      return `string ${JSON.stringify(value)}`;
    case "number":
      return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
    case "boolean":
      return `boolean \`${value}\``;
    default:
      return "map";
  }
}

/**
 * serde's untagged `SerializedAuthInfo` (OIDC | customJwt | a provider that isn't an object) swallows
 * the inner error: Convex answers only this, whatever was wrong inside the entry (E1 in
 * judge-discrepancies). The inner detail still goes in the hint.
 */
const UNTAGGED = "data did not match any variant of untagged enum SerializedAuthInfo ";

/** Convex's wording for a problem inside one provider entry, with serde's inner error as the hint. */
function untagged(inner: ConfigProblem, hint: string): ConfigProblem {
  const detail = inner.message.replace(/^auth config file must include a list of provider credentials: /, "").trim();
  const { location, providerIndex, field } = inner;
  return schemaError(UNTAGGED, { location, providerIndex, field, hint: `${hint} (${detail})` });
}

/**
 * The serde deserialisation of `SerializedAuthConfig`, worded like serde_json. Convex stops at the
 * first mismatch, which comes first here (the push error); a linter reports every problem of every
 * entry, so the others follow it (a customJwt entry missing `jwks` with algorithm HS256: both).
 */
function schemaProblems(json: Json, raw: RawAuthConfig): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  const single = schemaProblem(json, raw, found);
  return single ? [single] : found;
}

/** The whole-file mismatches (returned: nothing else can be read); entry mismatches go to `found`. */
function schemaProblem(json: Json, raw: RawAuthConfig, found: ConfigProblem[]): ConfigProblem | null {
  const exportAt = raw.exportLocation ?? undefined;
  // strip_position leaves the space that preceded "at line N column M".
  if (!isObject(json)) {
    return schemaError(`invalid type: ${describeJsonType(json)}, expected struct SerializedAuthConfig `, {
      location: exportAt,
    });
  }
  if (!("providers" in json))
    return schemaError("missing field `providers` ", { location: exportAt, hint: "Export { providers: [...] }." });
  const providers = json.providers;
  if (providers === UNKNOWN) return null;
  if (!Array.isArray(providers)) {
    return schemaError(`invalid type: ${describeJsonType(providers)}, expected a sequence `, {
      location: raw.providersLocation ?? exportAt,
    });
  }
  for (let index = 0; index < providers.length; index += 1) {
    const entry = providers[index]!;
    const rawProvider = raw.providers?.[index];
    const location = rawProvider?.location;
    if (entry === UNKNOWN) continue;
    if (!isObject(entry)) {
      found.push(
        schemaError(UNTAGGED, {
          location,
          providerIndex: index,
          hint: `Provider ${index} is ${describeJsonType(entry)}; each provider is an object.`,
        }),
      );
      continue;
    }
    if (entry.type === UNKNOWN) continue;
    const fieldAt = (field: string) => rawProvider?.fields[field]?.keyLocation ?? location;
    const stringField = (field: string, optional: boolean): ConfigProblem | null | "skip" => {
      const value = entry[field];
      if (value === UNKNOWN) return "skip";
      if (value === undefined || (optional && value === null)) {
        return optional
          ? null
          : schemaError(`missing field \`${field}\` `, {
              location,
              providerIndex: index,
              field,
              hint: `Provider ${index} needs \`${field}\`.`,
            });
      }
      if (typeof value !== "string") {
        return schemaError(`invalid type: ${describeJsonType(value)}, expected a string `, {
          location: fieldAt(field),
          providerIndex: index,
          field,
        });
      }
      return null;
    };
    if (entry.type === "customJwt") {
      for (const [field, optional] of [
        ["applicationID", true],
        ["issuer", false],
        ["jwks", false],
        ["algorithm", false],
      ] as const) {
        const problem = stringField(field, optional);
        if (problem === "skip") continue;
        if (problem) found.push(untagged(problem, problem.hint ?? `Provider ${index}'s \`${field}\` is wrong`));
      }
      const algorithm = entry.algorithm;
      if (typeof algorithm === "string" && algorithm !== "RS256" && algorithm !== "ES256") {
        found.push(
          untagged(
            schemaError(`unknown variant \`${algorithm}\`, expected \`RS256\` or \`ES256\` `, {
              location: fieldAt("algorithm"),
              providerIndex: index,
              field: "algorithm",
            }),
            'Convex verifies customJwt tokens with algorithm "RS256" or "ES256" only',
          ),
        );
      }
    } else {
      const problems = [stringField("applicationID", false), stringField("domain", false)];
      if (problems.some((p) => p !== null && p !== "skip")) {
        const missing = (["applicationID", "domain"] as const).filter(
          (_field, i) => problems[i] !== null && problems[i] !== "skip",
        );
        found.push(
          schemaError(UNTAGGED, {
            location,
            providerIndex: index,
            field: missing[0],
            hint: `An OIDC provider needs string \`applicationID\` and \`domain\`${missing.length ? ` (check ${missing.map((f) => `\`${f}\``).join(" and ")})` : ""}; a custom JWT provider needs type: "customJwt".`,
          }),
        );
      }
    }
  }
  return null;
}

function toProvider(
  entry: Json,
  index: number,
  rawProvider: RawProvider | undefined,
  raw: RawAuthConfig,
): EvaluatedProvider | null {
  const location = rawProvider?.location ?? raw.exportLocation ?? at(raw.file ?? "", 1, 1);
  if (entry === UNKNOWN) {
    // The whole entry is dynamic: it still takes its place in the first-match order.
    return {
      index,
      kind: "oidc",
      issuer: null,
      issuerField: "domain",
      applicationID: null,
      jwks: null,
      algorithm: null,
      location,
      fieldLocations: {},
      envVars: {},
      unresolved: ["*"],
      valid: false,
    };
  }
  if (!isObject(entry)) return null;
  const kind: ProviderKind = entry.type === "customJwt" ? "customJwt" : "oidc";
  const issuerField = kind === "customJwt" ? "issuer" : "domain";
  const fieldLocations: Partial<Record<string, SourceLocation>> = {};
  const envVars: Partial<Record<string, string[]>> = {};
  for (const [name, field] of Object.entries(rawProvider?.fields ?? {})) {
    fieldLocations[name] = field.value.loc;
    if (field.envVars.length > 0) envVars[name] = field.envVars;
  }
  const unresolved = Object.entries(entry)
    .filter(([, value]) => value === UNKNOWN)
    .map(([key]) => key);
  const stringOrNull = (value: Json | undefined) => (typeof value === "string" ? value : null);
  const algorithm = entry.algorithm === "RS256" || entry.algorithm === "ES256" ? entry.algorithm : null;
  return {
    index,
    kind,
    issuer: null,
    issuerField,
    applicationID: stringOrNull(entry.applicationID),
    jwks: kind === "customJwt" ? stringOrNull(entry.jwks) : null,
    algorithm: kind === "customJwt" ? algorithm : null,
    location,
    fieldLocations,
    envVars,
    unresolved,
    valid: unresolved.length === 0,
  };
}

function issuerHint(value: string, reason: string, envVars: string[] | undefined): string {
  const source = envVars?.length ? `${envVars.join(", ")} (on the deployment)` : "the value in auth.config";
  if (reason.startsWith("starts with a double quote"))
    return `Remove the quotes around ${source}: the value itself starts with ".`;
  if (reason.startsWith("Does not look like a URL")) {
    return `${source} is "${value}", which is not a URL. Use the issuer URL, e.g. https://your-app.clerk.accounts.dev.`;
  }
  if (reason.startsWith("scheme")) return `Use an https:// URL for ${source}.`;
  return `${source} is not a valid URL.`;
}

/** A short description of a value for messages: `process.env.X`, `"literal"`, `` `https://${env.X}` ``. */
export function describeStaticValue(value: StaticValue): string {
  switch (value.kind) {
    case "string":
      return JSON.stringify(value.value);
    case "number":
    case "boolean":
      return String(value.value);
    case "null":
    case "undefined":
      return value.kind;
    case "env":
      return `${value.syntax}.${value.name}${value.fallback ? ` ${value.fallback.operator} ${describeStaticValue(value.fallback.value)}` : ""}`;
    case "concat":
      return `\`${value.parts.map((part) => (part.kind === "string" ? part.value : `\${${describeStaticValue(part)}}`)).join("")}\``;
    case "object":
      return "{…}";
    case "array":
      return "[…]";
    case "dynamic":
      return value.snippet;
  }
}

/** Convenience: both stages in one call. */
export async function loadAuthConfig(
  files: ProjectFiles,
  convexDir: string,
  env: Record<string, string | undefined>,
  builtins?: BuiltinEnv,
): Promise<{ raw: RawAuthConfig; evaluated: EvaluatedAuthConfig }> {
  const raw = await readAuthConfig(files, convexDir);
  return { raw, evaluated: evaluateAuthConfig(raw, env, builtins) };
}
