/**
 * The schema (`defineSchema({ t: defineTable({...}).index(...) })` in schema.ts): tables, their
 * fields and validators, indexes, spread-in tables (`...authTables`; a spread const of the same file
 * is read for its tables), and for authorization the
 * table each `v.id("t")` field points at and the fields that scope a table to a user or an org.
 */
import type { Node } from "../../code/parse.ts";
import { columnAt, lineAt, propertyKeyName, unwrapExpression, type Visitors } from "../../code/walk.ts";
import type { BackendIndex, SchemaInfo, SchemaTable, TableDefinition } from "../facts.ts";
import { resolveExport, resolveModulePath } from "../resolver.ts";
import { ORG_FIELD, USER_FIELD, idTable, stringValue } from "../shared.ts";
import { PROFILE_ORDER } from "../../providers/profiles.ts";
import type { BackendFile } from "./state.ts";

/** Tables holding users and organizations, when a field is an id of one of them. */
const USER_TABLE = /^(?:users?|accounts?|members?|profiles?)$/i;
const ORG_TABLE = /^(?:orgs?|organi[sz]ations?|teams?|workspaces?|tenants?|companies|company)$/i;

/** The app's own users table (not a `members` or `profiles` table beside it). */
const APP_USERS = /^users?$/i;
/** Who made a row, as opposed to whose row it is. */
const CREATOR_FIELD = /^(?:created_?by|creator(?:_?id)?|added_?by)$/i;
/** Other names of a user reference on a document: the identity's tokenIdentifier, a provider's user id, a player or host. */
const OWNER_FIELD = /^(?:token_?identifier|clerk_?(?:user_?)?id|auth_?(?:user_?)?id|player_?id|host_?id)$/i;

/** Which fields scope a table's documents to a user or an organization. */
export function scopeFields(
  table: Pick<SchemaTable, "fields" | "references"> & Partial<Pick<SchemaTable, "validators">> & { name?: string },
  notUsers: ReadonlySet<string> = new Set(),
): SchemaTable["scope"] {
  // A users table's own tokenIdentifier is who the row is, not an owner.
  const ownerField = table.name !== undefined && USER_TABLE.test(table.name) ? null : OWNER_FIELD;
  const user: string[] = [];
  const org: string[] = [];
  for (const field of table.fields) {
    const target = table.references[field];
    if (
      target !== undefined
        ? USER_TABLE.test(target) && !notUsers.has(target)
        : USER_FIELD.test(field) || ownerField?.test(field) === true
    )
      user.push(field);
    else if (
      target !== undefined ? ORG_TABLE.test(target) : ORG_FIELD.test(field) && !freeText(field, table.validators)
    )
      org.push(field);
  }
  return { user, org };
}

/** A bare `company` holding plain text (a contact's employer), not an id of one. */
function freeText(field: string, validators: Record<string, string> | undefined): boolean {
  return (
    /^company$/i.test(field) &&
    /^(?:v\.string\(\)|v\.optional\(v\.string\(\)\))$/.test(validators?.[field]?.replace(/\s/g, "") ?? "")
  );
}

/**
 * A provider's tables spread in (Convex Auth's `...authTables` brings `users` with
 * `email` and `phone`), unless the app defines the table itself: the profile knows their fields.
 */
function addSpreadTables(state: BackendFile, schema: SchemaInfo): void {
  for (const spread of schema.spreads) {
    const imported = state.module.imports.get(spread);
    if (!imported) continue;
    for (const profile of PROFILE_ORDER) {
      const tables = profile.backend.spreadTables?.[imported.imported];
      if (!tables || profile.exports[imported.imported] !== imported.module) continue;
      for (const [name, validators] of Object.entries(tables)) {
        if (schema.tables.some((table) => table.name === name)) continue;
        const table: SchemaTable = {
          name,
          fields: Object.keys(validators),
          validators: { ...validators },
          indexes: [],
          references: {},
          scope: { user: [], org: [] },
          line: schema.line,
          column: schema.column,
        };
        table.scope = scopeFields(table);
        schema.tables.push(table);
      }
    }
  }
}

/** `defineTable({...}).index("by_x", ["x"])…`: its fields, validators, references and indexes into `table`. */
function readTable(state: BackendFile, start: Node, objects: ReadonlyMap<string, Node>, table: TableDefinition): void {
  let node = start;
  for (let depth = 0; depth < 64 && node.type === "CallExpression"; depth++) {
    const callee = unwrapExpression(node.callee);
    if (callee.type === "MemberExpression" && callee.property.type === "Identifier") {
      if (callee.property.name === "index") {
        const indexName = stringValue(node.arguments[0]);
        const fields = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
        if (indexName) {
          table.indexes.push({
            name: indexName,
            fields:
              fields?.type === "ArrayExpression"
                ? fields.elements.map((element) => stringValue(element as Node) ?? "?")
                : [],
          });
        }
      }
      node = unwrapExpression(callee.object);
      continue;
    }
    if (callee.type === "Identifier") {
      let fields = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
      // defineTable(PlayerSchema), the fields kept in a const of the same file
      if (fields?.type === "Identifier") fields = objects.get(fields.name);
      if (fields?.type === "ObjectExpression") {
        for (const field of fields.properties) {
          if (field.type !== "ObjectProperty") continue;
          const key = propertyKeyName(field);
          if (!key) continue;
          table.fields.push(key);
          table.validators[key] = state.text(field.value);
          const target = idTable(field.value);
          if (target !== null) table.references[key] = target;
        }
      }
    }
    break;
  }
}

function collectSchema(
  state: BackendFile,
  call: Node & { type: "CallExpression" },
  objects: ReadonlyMap<string, Node>,
): SchemaInfo | null {
  const definition = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  if (definition?.type !== "ObjectExpression") return null;
  const schema: SchemaInfo = { file: state.file, tables: [], spreads: [], line: lineAt(call), column: columnAt(call) };
  const addTables = (object: Node & { type: "ObjectExpression" }, depth: number): void => {
    for (const property of object.properties) {
      if (property.type === "SpreadElement") {
        const argument = unwrapExpression(property.argument);
        if (argument.type !== "Identifier") continue;
        // `const applicationTables = { users: defineTable(…) }` in this file: its tables are the schema's.
        const local = objects.get(argument.name);
        if (local?.type === "ObjectExpression" && depth < 4) addTables(local, depth + 1);
        else schema.spreads.push(argument.name);
        continue;
      }
      if (property.type !== "ObjectProperty") continue;
      const name = propertyKeyName(property);
      if (!name) continue;
      const table: SchemaTable = {
        name,
        fields: [],
        validators: {},
        indexes: [],
        references: {},
        scope: { user: [], org: [] },
        line: lineAt(property),
        column: columnAt(property),
      };
      let node: Node = unwrapExpression(property.value);
      // `players,` / `players: players`: a table defined in a const of the same file
      if (node.type === "Identifier") {
        const imported = state.module.imports.get(node.name);
        if (!objects.has(node.name) && imported) table.importedFrom = imported;
        node = objects.get(node.name) ?? node;
      }
      readTable(state, node, objects, table);
      table.scope = scopeFields(table);
      schema.tables.push(table);
    }
  };
  addTables(definition, 0);
  addSpreadTables(state, schema);
  return schema;
}

export function schemaVisitors(state: BackendFile): Visitors {
  const isSchema = /(^|\/)schema\.[cm]?[jt]s$/.test(state.file);
  /** `const PlayerSchema = { … }` / `const players = defineTable(…)`: what tables are defined from. */
  const objects = new Map<string, Node>();
  // Imports come first in a module, so the answer is known by the first declaration; asked once.
  let importsDefineTable: boolean | undefined;
  const definesTables = (): boolean =>
    (importsDefineTable ??= [...state.module.imports.values()].some((binding) => binding.imported === "defineTable"));
  return {
    VariableDeclarator(node) {
      if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || !node.init) return;
      if (!isSchema && !definesTables()) return;
      const init = unwrapExpression(node.init);
      if (init.type === "ObjectExpression" || init.type === "CallExpression") objects.set(node.id.name, init);
    },
    "CallExpression:exit"(node) {
      if (!isSchema || node.type !== "CallExpression") return;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== "Identifier" || state.module.imports.get(callee.name)?.imported !== "defineSchema") return;
      const schema = collectSchema(state, node, objects);
      if (schema) state.index.schema = schema;
    },
    "Program:exit"() {
      // Model files (`export const gigModel = defineTable({…})`): kept for the schema to import.
      if (isSchema || objects.size === 0) return;
      for (const [name, init] of objects) {
        if (init.type !== "CallExpression") continue;
        const definition: TableDefinition = { fields: [], validators: {}, indexes: [], references: {} };
        readTable(state, init, objects, definition);
        if (definition.fields.length > 0) state.index.tableDefinitions.set(`${state.file}\0${name}`, definition);
      }
    },
  };
}

/**
 * After every file is walked: the schema's tables imported from model files
 * (`users: userModel`, `import { userModel } from "./models/user"`) get their definitions, and
 * the scopes are settled once every table is known (which `members` table holds no users).
 */
export function resolveImportedTables(index: BackendIndex): void {
  const schema = index.schema;
  if (!schema) return;
  const known = new Set(index.modules.keys());
  for (const table of schema.tables) {
    if (!table.importedFrom) continue;
    const path = resolveModulePath(schema.file, table.importedFrom.module, known);
    const found = path ? resolveExport(index, known, path, table.importedFrom.imported) : null;
    const definition = found ? index.tableDefinitions.get(`${found.module.file}\0${found.local}`) : undefined;
    if (!definition) continue;
    Object.assign(table, definition);
    table.scope = scopeFields(table);
  }
  // A `members` or `profiles` table whose only link to the users table is who created its rows
  // holds records about people (a family tree), not the app's users: an id of one (`fatherId`)
  // names no owner. One with a `userId` is a user's own row, and an id of it still does.
  const notUsers = new Set(
    schema.tables
      .filter((table) => {
        if (APP_USERS.test(table.name) || !USER_TABLE.test(table.name)) return false;
        const links = Object.entries(table.references).filter(([, target]) => APP_USERS.test(target));
        return links.length > 0 && links.every(([field]) => CREATOR_FIELD.test(field));
      })
      .map((table) => table.name),
  );
  if (notUsers.size > 0) for (const table of schema.tables) table.scope = scopeFields(table, notUsers);
  // A `companies` table nobody belongs to (a job board's scraped employers: no owner or member
  // field, no users row or members table pointing at it) is a catalogue, not a tenant: an id of it
  // scopes nothing. Teams, organizations and workspaces are tenants by their name.
  const tenants = new Set(
    schema.tables
      .filter(
        (table) =>
          !/^compan(?:y|ies)$/i.test(table.name) ||
          table.scope.user.length > 0 ||
          schema.tables.some(
            (other) =>
              (USER_TABLE.test(other.name) || (TENANT_MEMBERS.test(other.name) && other.scope.user.length > 0)) &&
              Object.values(other.references).includes(table.name),
          ),
      )
      .map((table) => table.name),
  );
  for (const table of schema.tables) {
    const org = table.scope.org.filter((field) => {
      const target = table.references[field];
      return target === undefined || tenants.has(target) || !schema.tables.some((other) => other.name === target);
    });
    if (org.length !== table.scope.org.length) table.scope = { ...table.scope, org };
  }
}

/** Tables saying who belongs to an organization (`members`, `orgMemberships`, `employees`, `staff`). */
const TENANT_MEMBERS = /member|employee|staff|seat|collaborat|participant/i;
