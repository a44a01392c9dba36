/**
 * `convex.json` against the Convex CLI's own JSON Schema (`node_modules/convex/schemas/convex.schema.json`,
 * draft-07, `additionalProperties: false` everywhere), or the documented shape when convex isn't
 * installed (docs/internals/convex-auth.md#convexjson). The CLI crashes on a type error and only
 * warns on an unknown key, so issues come in those two kinds.
 */
import { Ajv, type ValidateFunction } from "ajv";

export const CONVEX_JSON_SCHEMA_PATH = "node_modules/convex/schemas/convex.schema.json";
/** The `$schema` value the Convex templates and docs use. */
export const CONVEX_JSON_SCHEMA_REF = `./${CONVEX_JSON_SCHEMA_PATH}`;

const TEMPLATE_VARS = { type: "object", additionalProperties: { type: "string" } } as const;
const CONFIGURE = {
  anyOf: [
    { const: false },
    {
      type: "object",
      additionalProperties: false,
      properties: {
        redirectUris: { type: "array", items: { type: "string" } },
        appHomepageUrl: { type: "string" },
        corsOrigins: { type: "array", items: { type: "string" } },
      },
    },
  ],
} as const;

/** The documented shape, used when the project has no convex package installed to read it from. */
export const FALLBACK_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    functions: { type: "string" },
    node: {
      type: "object",
      properties: { externalPackages: { type: "array", items: { type: "string" } }, nodeVersion: { type: "string" } },
    },
    generateCommonJSApi: { type: "boolean" },
    codegen: { type: "object" },
    bundler: { type: "object" },
    typescriptCompiler: { type: "string" },
    aiFiles: {},
    authKit: {
      type: "object",
      additionalProperties: false,
      properties: {
        dev: {
          type: "object",
          additionalProperties: false,
          properties: { configure: CONFIGURE, localEnvVars: { anyOf: [{ const: false }, TEMPLATE_VARS] } },
        },
        preview: {
          type: "object",
          additionalProperties: false,
          properties: { configure: CONFIGURE, localEnvVars: { const: false } },
        },
        prod: {
          type: "object",
          additionalProperties: false,
          properties: {
            environmentType: { enum: ["development", "staging", "production"] },
            configure: CONFIGURE,
            localEnvVars: { const: false },
          },
        },
      },
    },
  },
} as const;

export interface ConvexJsonIssue {
  /** `schema`: the CLI stops with an error; `unknown`: it warns and ignores the key. */
  kind: "schema" | "unknown";
  /** Dotted path of the value ("authKit.dev.configure"), "" for the top level. */
  path: string;
  /** For `unknown`: the unexpected key. */
  property?: string;
  /** ajv's message ("must be array"). */
  message: string;
}

/**
 * Top-level keys deprecated for years that the CLI's own parser still accepts without a word
 * (convex cli/lib/config.ts), though its JSON Schema leaves them out: old projects carry them.
 */
const ACCEPTED_LEGACY_KEYS = new Set(["project", "team", "prodUrl"]);

const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaText: string | undefined): ValidateFunction {
  const key = schemaText ?? "fallback";
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    let schema: object = FALLBACK_SCHEMA;
    if (schemaText) {
      try {
        schema = JSON.parse(schemaText) as object;
        delete (schema as { $schema?: string }).$schema;
      } catch {
        schema = FALLBACK_SCHEMA;
      }
    }
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Validates a parsed convex.json. `schemaText` is the installed schema file's text (undefined:
 * the documented fallback). Returns no issues when it passes; one issue per path otherwise.
 */
export function validateConvexJson(value: unknown, schemaText?: string): ConvexJsonIssue[] {
  const validate = validatorFor(schemaText);
  if (validate(value)) return [];
  const issues: ConvexJsonIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === "anyOf" || error.keyword === "if") continue;
    const path = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "";
    if (error.keyword === "additionalProperties") {
      const property = String((error.params as { additionalProperty?: string }).additionalProperty);
      if (path === "" && ACCEPTED_LEGACY_KEYS.has(property)) continue;
      const key = `unknown:${path}:${property}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ kind: "unknown", path, property, message: `has an unknown property "${property}"` });
      continue;
    }
    const key = `schema:${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ kind: "schema", path, message: error.message ?? "is invalid" });
  }
  return issues;
}
