/**
 * AW501: Convex Auth needs its tables (`...authTables` in defineSchema): the library queries
 * their indexes on every sign-in. Fixable when a schema exists: adds the import and the spread
 * (the edit helper src/edit/ts/schema.ts). A missing schema is not created: declaring one types
 * and validates every table, which can break code that relied on having none.
 */
import { addAuthTables } from "../../edit/ts/schema.ts";
import { defineRule } from "../define.ts";
import { fileEdit, functionsFile, isConvexAuthV1 } from "../helpers.ts";
import { PROFILES, installedSdk } from "../../providers/profiles.ts";

const convexAuth = PROFILES["convex-auth"];

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
      noSchema:
        "Convex Auth is set up but {{dir}}/schema.ts doesn't exist; the library needs its tables (authTables) and their indexes.",
      notSpread:
        "defineSchema in {{file}} doesn't spread authTables: sign-in fails on the missing authAccounts/authSessions indexes.",
    },
    fixes: {
      noSchema: "Create {{dir}}/schema.ts with `export default defineSchema({ ...authTables })`.",
      notSpread: `Add \`...authTables\` (from ${convexAuth.exports.authTables}) to defineSchema (authwire doctor --fix does).`,
    },
  },
  async check({ doctor, report }) {
    if (!isConvexAuthV1(doctor) || !installedSdk(convexAuth, doctor.facts.dependencies)) return;
    const schema = doctor.backend.schema;
    if (!schema) {
      const path = await functionsFile(doctor, "schema");
      if (path) return; // a schema we couldn't read statically: stay silent
      report({ messageId: "noSchema", data: { dir: doctor.convexDir }, file: `${doctor.convexDir}/auth.ts` });
      return;
    }
    const module = doctor.backend.modules.get(schema.file);
    const spreadsAuthTables = schema.spreads.some(
      (name) => module?.imports.get(name)?.imported === "authTables" || name === "authTables",
    );
    if (spreadsAuthTables) return;
    const source = await doctor.read(schema.file);
    // `const tables = authTables as …; defineSchema({ ...tables })`: an alias of authTables.
    if (source !== undefined && schema.spreads.some((name) => aliasesAuthTables(source, name))) return;
    report({
      messageId: "notSpread",
      data: { file: schema.file },
      file: schema.file,
      line: schema.line,
      column: schema.column,
      edits:
        source === undefined
          ? undefined
          : fileEdit(
              schema.file,
              source,
              addAuthTables({ from: convexAuth.exports.authTables! }),
              "spread Convex Auth's tables into the schema",
            ),
    });
  },
});

function aliasesAuthTables(source: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const escaped = name.replace(/\$/g, "\\$");
  return new RegExp(`\\b(?:const|let|var)\\s+${escaped}\\b[^=;]*=\\s*\\(*\\s*authTables\\b`).test(source);
}
