/**
 * `convex/auth.config.ts`: add a provider entry to `providers`, keeping the other providers and
 * never adding an entry equivalent to one already there. Creates the file when it is missing.
 */
import type { Node, ObjectExpression } from "@babel/types";
import { isProcessEnv, memberName } from "../../code/env.ts";
import { propertyKeyName, unwrapExpression } from "../../code/walk.ts";
import { ModuleEvaluator, type StaticValue } from "../../config/static-value.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { insertArrayElement, insertObjectProperty, objectSnippet } from "./literals.ts";
import { lineOf, parseSnippet, quoteString, tsEdit, type TsEditContext } from "./source.ts";

/** A piece of a template value: literal text or an env variable. */
export type TemplatePart = string | { env: string };

/**
 * A field value: a literal, an env variable the deployment provides, a template literal built
 * from text and env variables (`https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`),
 * or raw code.
 */
export type ConfigValue = string | number | boolean | { env: string } | { template: TemplatePart[] } | { code: string };

export interface AuthConfigProviderSpec {
  /** The entry's fields in the order to write them, e.g. `{ domain: { env: "CLERK_JWT_ISSUER_DOMAIN" }, applicationID: "convex" }`. */
  provider: Record<string, ConfigValue>;
}

/** Fields that say *which* provider an entry is; other fields must then agree. */
const IDENTITY_KEYS = ["type", "domain", "issuer", "applicationID"];

const TS_TEMPLATE = `import type { AuthConfig } from "convex/server";

export default {
  providers: [],
} satisfies AuthConfig;
`;

const JS_TEMPLATE = `export default {
  providers: [],
};
`;

export function describeProvider(provider: Record<string, ConfigValue>): string {
  const id = provider.issuer ?? provider.domain;
  const name =
    typeof id !== "object"
      ? String(id)
      : "env" in id
        ? id.env
        : "template" in id
          ? id.template.map((part) => (typeof part === "string" ? part : `\${${part.env}}`)).join("")
          : id.code;
  return `add the ${provider.type === "customJwt" ? "custom JWT" : "OIDC"} provider ${name} to auth.config`;
}

export function addAuthConfigProvider(spec: AuthConfigProviderSpec): Edit {
  return tsEdit(
    describeProvider(spec.provider),
    (ctx) => {
      const config = findConfigObject(ctx);
      if ("reason" in config) return config;
      const providersProperty = config.properties.find(
        (p) => p.type === "ObjectProperty" && propertyKeyName(p) === "providers",
      );
      const entry = renderEntry(ctx, spec.provider);
      if (!providersProperty || providersProperty.type !== "ObjectProperty") {
        insertObjectProperty(ctx, config, {
          multi: `providers: [\n${ctx.indentUnit}${entry.multi.replace(/\n/g, `\n${ctx.indentUnit}`)},\n]`,
          single: `providers: [${entry.single}]`,
        });
        return undefined;
      }
      const array = unwrapExpression(providersProperty.value);
      if (array.type !== "ArrayExpression") {
        return refuse(
          `${ctx.path}:${lineOf(providersProperty)}: providers is not an array literal; add the provider by hand.`,
          {
            line: lineOf(providersProperty),
          },
        );
      }
      const wanted = normalizeEntry(spec.provider);
      const evaluator = new ModuleEvaluator(ctx.ast.program, ctx.path, ctx.source);
      for (const element of array.elements) {
        if (!element || element.type !== "ObjectExpression") continue;
        const existing = readEntry(ctx, evaluator, element);
        if (!sameIdentity(existing, wanted)) continue;
        const differing = Object.keys(wanted).filter((key) => existing[key] !== wanted[key]);
        if (differing.length === 0) return unchanged;
        return refuse(
          `${ctx.path}:${lineOf(element)}: a provider entry for the same issuer has a different ${differing.join(", ")}; change it by hand or remove it.`,
          { line: lineOf(element) },
        );
      }
      insertArrayElement(ctx, array, entry);
      return undefined;
    },
    { whenMissing: (path) => (/\.[cm]?js$/.test(path) ? JS_TEMPLATE : TS_TEMPLATE) },
  );
}

/** The object the file default-exports (directly or through a const). */
export function findConfigObject(ctx: TsEditContext): ObjectExpression | ReturnType<typeof refuse> {
  const exported = ctx.ast.program.body.find((n) => n.type === "ExportDefaultDeclaration");
  if (!exported || exported.type !== "ExportDefaultDeclaration") {
    return refuse(`${ctx.path} has no default export; authwire can't find the auth config in it.`);
  }
  let value = unwrapExpression(exported.declaration);
  if (value.type === "Identifier") {
    const name = value.name;
    for (const statement of ctx.ast.program.body) {
      const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (declaration?.type !== "VariableDeclaration") continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === "Identifier" && declarator.id.name === name && declarator.init) {
          value = unwrapExpression(declarator.init);
        }
      }
    }
  }
  if (value.type !== "ObjectExpression") {
    return refuse(
      `${ctx.path}:${lineOf(exported)}: the default export is not an object literal; authwire can't edit it safely.`,
      {
        line: lineOf(exported),
      },
    );
  }
  return value;
}

function envStyle(ctx: TsEditContext): (name: string) => string {
  const usesGeneratedEnv = ctx.ast.program.body.some(
    (n) =>
      n.type === "ImportDeclaration" &&
      /_generated\/server(?:\.js)?$/.test(n.source.value) &&
      n.specifiers.some((s) => s.local.name === "env"),
  );
  if (usesGeneratedEnv) return (name) => `env.${name}`;
  const typescript = /\.[cm]?tsx?$/.test(ctx.path);
  return (name) => `process.env.${name}${typescript ? "!" : ""}`;
}

function renderValue(ctx: TsEditContext, value: ConfigValue, env: (name: string) => string): string {
  if (typeof value === "string") return quoteString(value, ctx.quote);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("env" in value) return env(value.env);
  if ("template" in value) {
    const text = value.template
      .map((part) =>
        typeof part === "string"
          ? part.replace(/[\\`]|\$\{/g, (m) => `\\${m}`)
          : `\${${env(part.env).replace(/!$/, "")}}`,
      )
      .join("");
    return `\`${text}\``;
  }
  return value.code;
}

function renderEntry(ctx: TsEditContext, provider: Record<string, ConfigValue>) {
  const env = envStyle(ctx);
  return objectSnippet(
    Object.entries(provider).map(([key, value]) => [key, renderValue(ctx, value, env)]),
    ctx.indentUnit,
  );
}

/** A comparable form of a value: `lit:"convex"`, `env:CLERK_JWT_ISSUER_DOMAIN`, or `code:…`. */
function normalizeNode(node: Node, source: string): string {
  const value = unwrapExpression(node);
  switch (value.type) {
    case "StringLiteral":
      return `lit:${JSON.stringify(value.value)}`;
    case "NumericLiteral":
    case "BooleanLiteral":
      return `lit:${JSON.stringify(value.value)}`;
    case "TemplateLiteral":
      if (value.expressions.length === 0) return `lit:${JSON.stringify(value.quasis[0]?.value.cooked ?? "")}`;
      break;
    case "MemberExpression": {
      const property = memberName(value);
      const object = unwrapExpression(value.object);
      const isEnv = object.type === "Identifier" && object.name === "env";
      if (property && (isProcessEnv(object) || isEnv)) return `env:${property}`;
      break;
    }
    default:
      break;
  }
  return `code:${source.slice(value.start!, value.end!).replace(/\s+/g, "")}`;
}

function normalizeEntry(provider: Record<string, ConfigValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(provider)) {
    if (typeof value === "object" && "code" in value) {
      const statement = parseSnippet(`(${value.code});`)[0]!;
      const expression = statement.type === "ExpressionStatement" ? statement.expression : statement;
      out[key] = normalizeNode(expression, `(${value.code});`);
    } else if (typeof value === "object" && "template" in value) {
      out[key] = canonicalTemplate(value.template);
    } else if (typeof value === "object") {
      out[key] = `env:${value.env}`;
    } else {
      out[key] = `lit:${JSON.stringify(value)}`;
    }
  }
  return out;
}

/** `lit:"…"` when every part is text, else `tpl:[…]` with adjacent text merged and env parts as `env:NAME`. */
function canonicalTemplate(parts: TemplatePart[]): string {
  const merged: string[] = [];
  let text: string | undefined;
  for (const part of parts) {
    if (typeof part === "string") {
      text = (text ?? "") + part;
      continue;
    }
    if (text !== undefined) merged.push(`lit:${JSON.stringify(text)}`);
    text = undefined;
    merged.push(`env:${part.env}`);
  }
  if (merged.length === 0) return `lit:${JSON.stringify(text ?? "")}`;
  if (text !== undefined) merged.push(`lit:${JSON.stringify(text)}`);
  return `tpl:[${merged.join(",")}]`;
}

/**
 * The canonical form of a statically evaluated value, so that `process.env.X`, `env.X` and a
 * local `const clientId = process.env.X` all compare equal, and so do equal template literals.
 */
function canonicalStatic(value: StaticValue): string | undefined {
  switch (value.kind) {
    case "string":
    case "number":
    case "boolean":
      return `lit:${JSON.stringify(value.value)}`;
    case "env":
      return value.fallback ? undefined : `env:${value.name}`;
    case "concat": {
      const parts: TemplatePart[] = [];
      for (const part of value.parts) {
        if (part.kind === "string" || part.kind === "number" || part.kind === "boolean") parts.push(String(part.value));
        else if (part.kind === "env" && !part.fallback) parts.push({ env: part.name });
        else return undefined;
      }
      return canonicalTemplate(parts);
    }
    default:
      return undefined;
  }
}

function readEntry(ctx: TsEditContext, evaluator: ModuleEvaluator, object: ObjectExpression): Record<string, string> {
  const out: Record<string, string> = {};
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty") continue;
    const key = propertyKeyName(property);
    if (key)
      out[key] = canonicalStatic(evaluator.evaluate(property.value)) ?? normalizeNode(property.value, ctx.source);
  }
  return out;
}

function sameIdentity(a: Record<string, string>, b: Record<string, string>): boolean {
  return IDENTITY_KEYS.every((key) => a[key] === b[key]);
}
