/** `convex/schema.ts`: spread Convex Auth's `authTables` into `defineSchema`, add a table, add an index to a table. */
import type { CallExpression, Node, ObjectExpression } from "@babel/types";
import { walk, propertyKeyName, unwrapExpression } from "../../code/walk.ts";
import { refuse, unchanged, type Edit, type Refusal } from "../edit.ts";
import { addImportsTo, type ImportSpec } from "./imports.ts";
import { insertObjectProperty } from "./literals.ts";
import {
  fitSnippet,
  indentAt,
  lineOf,
  onDifferentLines,
  parseSnippet,
  quoteString,
  tsEdit,
  type TsEditContext,
} from "./source.ts";

const SCHEMA_TEMPLATE = `import { defineSchema } from "convex/server";

export default defineSchema({});
`;

export interface TableIndexSpec {
  table: string;
  /** The index name, e.g. "by_token". */
  index: string;
  fields: string[];
}

/** The object literal passed to `defineSchema(...)`. */
function findSchemaObject(ctx: TsEditContext): ObjectExpression | Refusal {
  let found: CallExpression | undefined;
  walk(ctx.ast.program, (node) => {
    if (found || node.type !== "CallExpression") return;
    const callee = node.callee;
    const name =
      callee.type === "Identifier"
        ? callee.name
        : callee.type === "MemberExpression" && callee.property.type === "Identifier"
          ? callee.property.name
          : "";
    if (name === "defineSchema") found = node;
  });
  if (!found) return refuse(`${ctx.path} has no defineSchema(...) call.`);
  const argument = found.arguments[0] && unwrapExpression(found.arguments[0]);
  if (!argument || argument.type !== "ObjectExpression") {
    return refuse(
      `${ctx.path}:${lineOf(found)}: defineSchema's argument is not an object literal; authwire can't edit it safely.`,
      {
        line: lineOf(found),
      },
    );
  }
  return argument;
}

/** Adds `...authTables` (and its import from `from`, the auth library's server module); creates the schema when missing. */
export function addAuthTables({ from }: { from: string }): Edit {
  return tsEdit(
    "spread authTables into the schema",
    (ctx) => {
      const schema = findSchemaObject(ctx);
      if ("reason" in schema) return schema;
      const spread = schema.properties.some(
        (p) => p.type === "SpreadElement" && p.argument.type === "Identifier" && p.argument.name === "authTables",
      );
      if (spread) return unchanged;
      insertObjectProperty(ctx, schema, { multi: "...authTables", single: "...authTables" }, "first");
      return addImportsTo(ctx, { from, named: ["authTables"] });
    },
    { whenMissing: () => SCHEMA_TEMPLATE },
  );
}

interface ChainIndex {
  name: string;
  fields: string[] | undefined;
  call: CallExpression;
}

/** Walks `defineTable(...).index(...).searchIndex(...)` from the outside in. */
function readTableChain(
  node: Node,
): { base: CallExpression; indexes: ChainIndex[]; calls: CallExpression[] } | undefined {
  const indexes: ChainIndex[] = [];
  const calls: CallExpression[] = [];
  let current = unwrapExpression(node);
  while (current.type === "CallExpression") {
    const callee = current.callee;
    if (callee.type === "Identifier" && callee.name === "defineTable") return { base: current, indexes, calls };
    if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return undefined;
    calls.push(current);
    if (callee.property.name === "index") {
      const [nameNode, fieldsNode] = current.arguments;
      if (nameNode?.type === "StringLiteral") {
        const fields =
          fieldsNode?.type === "ArrayExpression"
            ? fieldsNode.elements.map((e) => (e?.type === "StringLiteral" ? e.value : "?"))
            : undefined;
        indexes.push({ name: nameNode.value, fields, call: current });
      }
    }
    current = unwrapExpression(callee.object);
  }
  return undefined;
}

/** Adds `.index(name, fields)` to a table in defineSchema; the same index already there: unchanged. */
export function addTableIndex(spec: TableIndexSpec): Edit {
  return tsEdit(`index ${spec.table} ${spec.index} on ${spec.fields.join(", ")}`, (ctx) => {
    const schema = findSchemaObject(ctx);
    if ("reason" in schema) return schema;
    const table = schema.properties.find((p) => p.type === "ObjectProperty" && propertyKeyName(p) === spec.table);
    if (!table || table.type !== "ObjectProperty")
      return refuse(`${ctx.path} has no "${spec.table}" table in defineSchema.`);
    const chain = readTableChain(table.value);
    if (!chain) {
      return refuse(
        `${ctx.path}:${lineOf(table)}: the "${spec.table}" table is not a defineTable(...) chain; add the index by hand.`,
        {
          line: lineOf(table),
        },
      );
    }
    const existing = chain.indexes.find((i) => i.name === spec.index);
    if (existing) {
      if (existing.fields && existing.fields.join("\0") === spec.fields.join("\0")) return unchanged;
      return refuse(
        `${ctx.path}:${lineOf(existing.call)}: index "${spec.index}" on ${spec.table} already exists with other fields; rename or fix it by hand.`,
        { line: lineOf(existing.call) },
      );
    }
    const call = `.index(${quoteString(spec.index, ctx.quote)}, [${spec.fields.map((f) => quoteString(f, ctx.quote)).join(", ")}])`;
    const end = unwrapExpression(table.value).end!;
    // Follow the chain's layout: `.index(...)` calls on their own lines get a new line too.
    const outermost = chain.calls[0];
    const member = outermost?.callee.type === "MemberExpression" ? outermost.callee : undefined;
    const dot = member ? ctx.source.lastIndexOf(".", member.property.start!) : -1;
    if (member && dot > member.object.end! - 1 && onDifferentLines(ctx.source, member.object.end!, dot)) {
      ctx.s.appendLeft(end, `${ctx.eol}${indentAt(ctx.source, dot)}${call}`);
    } else {
      ctx.s.appendLeft(end, call);
    }
    return undefined;
  });
}

export interface SchemaTableSpec {
  /** The table name, e.g. "users". */
  table: string;
  /**
   * The table's definition in house style (two-space indents, double quotes), e.g.
   * `defineTable({\n  name: v.string(),\n}).index("by_name", ["name"])`; fitted to the file.
   */
  definition: string;
  /** Imports the definition needs (default: defineTable from convex/server, v from convex/values). */
  imports?: ImportSpec[];
}

const TABLE_IMPORTS: ImportSpec[] = [
  { from: "convex/server", named: ["defineTable"] },
  { from: "convex/values", named: ["v"] },
];

/**
 * Adds a table to `defineSchema({...})` (creating the schema when missing). A table of that name
 * already there, whatever its definition: unchanged (the caller decides what to merge into it).
 */
export function addSchemaTable(spec: SchemaTableSpec): Edit {
  const definition = spec.definition.trim();
  parseSnippet(`const table = ${definition};`);
  return tsEdit(
    `add the ${spec.table} table to the schema`,
    (ctx) => {
      const schema = findSchemaObject(ctx);
      if ("reason" in schema) return schema;
      const present = schema.properties.some((p) => p.type !== "SpreadElement" && propertyKeyName(p) === spec.table);
      if (present) return unchanged;
      const key = /^[A-Za-z_$][\w$]*$/.test(spec.table) ? spec.table : quoteString(spec.table, ctx.quote);
      // Fitted at depth 0; insertObjectProperty indents the lines after the first to the property's depth.
      const fitted = fitSnippet(ctx, `const table = ${definition};`)
        .replace(/^const table = /, "")
        .replace(/;$/, "");
      const multi = `${key}: ${fitted.replace(/\r\n/g, "\n")}`;
      insertObjectProperty(ctx, schema, { multi, single: multi }, "last");
      for (const imports of spec.imports ?? TABLE_IMPORTS) {
        const problem = addImportsTo(ctx, imports);
        if (problem) return problem;
      }
      return undefined;
    },
    { whenMissing: () => SCHEMA_TEMPLATE },
  );
}
