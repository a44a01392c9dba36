/**
 * What a table holds, for ranking findings by what a function touches: rows that belong to users
 * (a user-reference field, personal data) or catalogue data everyone may see (a template's
 * `numbers`, a product list, categories).
 */
import type { SchemaInfo, SchemaTable } from "./facts.ts";

/** Tables of users and their accounts. */
const USER_TABLE = /^(?:users?|accounts?|members?|profiles?|sessions?|auth\w*)$/i;
/** Fields that reference a user, or hold personal data. */
const USER_REF =
  /^(?:(?:user|owner|author|creator|createdBy|member|account|player|host|clerk|clerkUser|seller|buyer|customer|sender|recipient|receiver|assignee|profile|viewer|subject|patient|student|client)_?id|tokenIdentifier|email|emailAddress|phone|phoneNumber|password\w*|subject)$/i;

/** The table holds rows that belong to users or personal data. */
export function holdsUserData(table: SchemaTable): boolean {
  if (USER_TABLE.test(table.name)) return true;
  return table.fields.some((field) => {
    const target = table.references[field];
    return (target !== undefined && USER_TABLE.test(target)) || USER_REF.test(field);
  });
}

/**
 * True when every table touched is declared in the schema and none holds user data: catalogue
 * data, public by nature. False when the schema or a table is unknown.
 */
export function onlyCatalogueData(schema: SchemaInfo | null, tables: ReadonlySet<string> | null): boolean {
  if (!schema || !tables || tables.size === 0) return false;
  for (const name of tables) {
    const table = schema.tables.find((candidate) => candidate.name === name);
    if (!table || holdsUserData(table)) return false;
  }
  return true;
}
