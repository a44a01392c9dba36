/**
 * AW405: convex.json doesn't parse, or fails the Convex CLI's schema
 * (node_modules/convex/schemas/convex.schema.json when installed; otherwise the authKit part of
 * it as documented). The CLI crashes on type errors and warns on unknown keys, so those are
 * errors and warnings here.
 */
import type { Ajv, ErrorObject } from "ajv";
import { defineRule } from "../define.ts";

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
    node: { type: "object", properties: { externalPackages: { type: "array", items: { type: "string" } }, nodeVersion: { type: "string" } } },
    generateCommonJSApi: { type: "boolean" },
    codegen: { type: "object" },
    bundler: { type: "object" },
    typescriptCompiler: { type: "string" },
    aiFiles: {},
    authKit: {
      type: "object",
      additionalProperties: false,
      properties: {
        dev: { type: "object", additionalProperties: false, properties: { configure: CONFIGURE, localEnvVars: { anyOf: [{ const: false }, TEMPLATE_VARS] } } },
        preview: { type: "object", additionalProperties: false, properties: { configure: CONFIGURE, localEnvVars: { const: false } } },
        prod: {
          type: "object",
          additionalProperties: false,
          properties: { environmentType: { enum: ["development", "staging", "production"] }, configure: CONFIGURE, localEnvVars: { const: false } },
        },
      },
    },
  },
} as const;

const validators = new Map<string, ReturnType<Ajv["compile"]>>();

/** Ajv is loaded only when a project has a convex.json (~30 ms of start-up otherwise). */
async function validatorFor(schemaText: string | undefined) {
  const key = schemaText ?? "fallback";
  let validate = validators.get(key);
  if (!validate) {
    const { Ajv } = await import("ajv");
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

function lineOf(source: string, key: string | undefined): number {
  if (!key) return 1;
  const index = source.indexOf(`"${key}"`);
  return index === -1 ? 1 : source.slice(0, index).split("\n").length;
}

export default defineRule({
  meta: {
    code: "AW405",
    name: "convex-json-invalid",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "convex.json doesn't parse or fails the Convex schema.",
    docs: "docs/rules/convex-json-invalid.md",
    messages: {
      syntax: "convex.json is not valid JSON: {{problem}}; every convex command fails.",
      schema: "convex.json {{path}} {{problem}}; `npx convex dev` stops with this error.",
      unknown: "convex.json {{path}} has an unknown property \"{{property}}\"; the Convex CLI ignores it (a typo?).",
    },
    fixes: {
      syntax: "Fix the syntax at convex.json:{{line}}.",
      schema: "Fix {{path}} to match node_modules/convex/schemas/convex.schema.json (add \"$schema\" to get editor help).",
      unknown: "Remove or rename \"{{property}}\" (see node_modules/convex/schemas/convex.schema.json).",
    },
  },
  async check({ doctor, report }) {
    const file = await doctor.convexJson();
    if (!file) return;
    if (file.problem) {
      report({ messageId: "syntax", data: { problem: file.problem.message, line: file.problem.line }, file: "convex.json", line: file.problem.line, column: file.problem.column });
      return;
    }
    const schemaText = await doctor.read("node_modules/convex/schemas/convex.schema.json");
    const validate = await validatorFor(schemaText);
    if (validate(file.value)) return;
    const seen = new Set<string>();
    for (const error of (validate.errors ?? []) as ErrorObject[]) {
      if (error.keyword === "anyOf" || error.keyword === "if") continue;
      const path = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "(top level)";
      if (error.keyword === "additionalProperties") {
        const property = String((error.params as { additionalProperty?: string }).additionalProperty);
        const key = `unknown:${path}:${property}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({ messageId: "unknown", data: { path: error.instancePath ? `at ${path}` : "", property }, file: "convex.json", line: lineOf(file.source, property), column: 1, severity: "warning" });
        continue;
      }
      const key = `schema:${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const last = error.instancePath.split("/").pop();
      report({ messageId: "schema", data: { path: `at ${path}`, problem: error.message ?? "is invalid" }, file: "convex.json", line: lineOf(file.source, last), column: 1 });
    }
  },
});
