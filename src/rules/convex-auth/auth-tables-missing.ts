/**
 * AW501: Convex Auth needs its tables (`...authTables` in defineSchema): the library queries
 * their indexes on every sign-in. Fixable: adds the import and the spread.
 */
import type { Node } from "../../code/parse.ts";
import { unwrapExpression, walk } from "../../code/walk.ts";
import { defineRule } from "../define.ts";
import { functionsFile } from "../helpers.ts";

/** Adds `import { authTables }` and `...authTables,` to a schema file; null when the shape is unknown. */
export function addAuthTables(source: string, ast: Node): string | null {
  let objectStart: number | null = null;
  walk(ast, (node, context) => {
    if (objectStart !== null) return context.skip();
    if (node.type !== "CallExpression") return;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== "Identifier" || callee.name !== "defineSchema") return;
    const argument = node.arguments[0] ? unwrapExpression(node.arguments[0] as Node) : undefined;
    if (argument?.type === "ObjectExpression" && argument.start !== null && argument.start !== undefined) objectStart = argument.start;
  });
  if (objectStart === null) return null;
  const start: number = objectStart;
  const indent = /\n([ \t]+)\S/.exec(source.slice(start))?.[1] ?? "  ";
  let result = `${source.slice(0, start + 1)}\n${indent}...authTables,${source.slice(start + 1)}`;
  const importLine = `import { authTables } from "@convex-dev/auth/server";\n`;
  const lastImport = [...result.matchAll(/^import [^;]+;\s*$/gm)].pop();
  if (lastImport && lastImport.index !== undefined) {
    const end = lastImport.index + lastImport[0].length;
    result = `${result.slice(0, end)}${result[end - 1] === "\n" ? "" : "\n"}${importLine}${result.slice(end).replace(/^\n/, "\n")}`;
  } else {
    result = importLine + result;
  }
  return result;
}

export default defineRule({
  meta: {
    code: "AW501",
    name: "auth-tables-missing",
    category: "convex-auth",
    severity: "error",
    fixable: true,
    description: "Convex Auth's authTables are missing from the schema.",
    docs: "docs/rules/auth-tables-missing.md",
    messages: {
      noSchema: "Convex Auth is set up but {{dir}}/schema.ts doesn't exist; the library needs its tables (authTables) and their indexes.",
      notSpread: "defineSchema in {{file}} doesn't spread authTables: sign-in fails on the missing authAccounts/authSessions indexes.",
    },
    fixes: {
      noSchema: "Create {{dir}}/schema.ts with `export default defineSchema({ ...authTables })`.",
      notSpread: "Add `...authTables` (from @convex-dev/auth/server) to defineSchema (authwire doctor --fix does).",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("convex-auth") || !doctor.facts.dependencies["@convex-dev/auth"]) return;
    const schema = doctor.backend.schema;
    if (!schema) {
      const path = await functionsFile(doctor, "schema");
      if (path) return; // a schema we couldn't read statically: stay silent
      report({ messageId: "noSchema", data: { dir: doctor.convexDir }, file: `${doctor.convexDir}/auth.ts` });
      return;
    }
    const module = doctor.backend.modules.get(schema.file);
    const spreadsAuthTables = schema.spreads.some((name) => module?.imports.get(name)?.imported === "authTables" || name === "authTables");
    if (spreadsAuthTables) return;
    const source = await doctor.read(schema.file);
    const parsed = await doctor.parse(schema.file);
    const after = source !== undefined && parsed?.ok ? addAuthTables(source, parsed.ast.program) : null;
    report({
      messageId: "notSpread",
      data: { file: schema.file },
      file: schema.file,
      line: schema.line,
      column: schema.column,
      edits: after && source !== undefined ? [{ path: schema.file, before: source, after, reason: "spread Convex Auth's tables into the schema" }] : undefined,
    });
  },
});
