/**
 * AW103: a provider entry has a misspelled or misplaced field. Convex rejects `applicationId`,
 * `domain` on a customJwt entry, `issuer` on an OIDC entry, an unknown `type`, or a missing
 * required field; and it silently ignores keys it doesn't know (`jwksUri`, `algorithms`,
 * `audience`…), the kind AI assistants invent. Fixable: renames `applicationId` (or
 * `applicationid`) to `applicationID`; the unknown fields are left to the user (removing or
 * renaming them changes what the entry means).
 */
import { isCustomJwtEntry, isKnownProviderField, suggestProviderField } from "../../config/auth-config.ts";
import { defineEdit, refuse, unchanged, type Edit } from "../../edit/edit.ts";
import { defineRule } from "../define.ts";
import { fileEdit } from "../helpers.ts";
import { at, authConfigChecks, envIndependent } from "./evaluate.ts";

/**
 * Renames the key `field` that starts at line:column (1-based; quoted or not) to applicationID.
 * The name keeps its length, so several renames in one file don't move each other.
 */
function renameKey(field: string, line: number, column: number): Edit {
  return defineEdit(`rename ${field} to applicationID`, (content, { path }) => {
    const lines = (content ?? "").split("\n");
    const text = lines[line - 1];
    const quote = text !== undefined && /["']/.test(text[column - 1] ?? "") ? 1 : 0;
    const at = column - 1 + quote;
    if (text?.startsWith("applicationID", at)) return unchanged;
    if (!text?.startsWith(field, at) || /[\w$]/.test(text[at + field.length] ?? "")) {
      return refuse(`${path}:${line}:${column} no longer has the key ${field}; run doctor again.`, { line, column });
    }
    lines[line - 1] = `${text.slice(0, at)}applicationID${text.slice(at + field.length)}`;
    return lines.join("\n");
  });
}

export default defineRule({
  meta: {
    code: "AW103",
    name: "auth-config-field-invalid",
    category: "config",
    severity: "error",
    fixable: true,
    description: "A provider entry in auth.config has a misspelled, misplaced or unknown field.",
    docs: "docs/rules/auth-config-field-invalid.md",
    messages: {
      schema: "{{message}}",
      unknown:
        "Provider {{index}} has `{{field}}`, which Convex ignores{{suggestion}}; the entry behaves as if it weren't there.",
    },
    fixes: {
      schema: "{{hint}}",
      unknown:
        'Remove `{{field}}`{{rename}} (fields: domain + applicationID for OIDC; type: "customJwt", issuer, jwks, algorithm, applicationID for custom JWT).',
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks) return;
    const source = checks.raw.file ? await doctor.read(checks.raw.file) : undefined;
    const reportedProviders = new Set<number | undefined>();
    for (const problem of envIndependent(checks.static.problems)) {
      if (problem.code !== "AuthConfigNotMatchingSchemaError") continue;
      // The backend stops at the first problem per entry (confusions before the schema).
      if (reportedProviders.has(problem.providerIndex)) continue;
      reportedProviders.add(problem.providerIndex);
      if (problem.field === "algorithm" || /missing field `providers`|expected a sequence/.test(problem.message))
        continue;
      let edits;
      if (
        (problem.field === "applicationId" || problem.field === "applicationid") &&
        source !== undefined &&
        problem.location?.file === checks.raw.file
      ) {
        const { file, line, column } = problem.location;
        edits = fileEdit(
          file,
          source,
          renameKey(problem.field, line, column),
          `rename ${problem.field} to applicationID`,
        );
      }
      report({
        messageId: "schema",
        data: { message: problem.message, hint: problem.hint ?? "Fix the entry to match Convex's AuthConfig type." },
        ...at(problem, checks.raw.file),
        edits,
      });
    }
    for (const provider of checks.raw.providers ?? []) {
      const customJwt = isCustomJwtEntry(provider.value);
      for (const field of Object.values(provider.fields)) {
        if (isKnownProviderField(field.name)) continue;
        // The config layer owns the table (its AuthwireUnknownField problem says the same).
        const suggestion = suggestProviderField(field.name, { customJwt });
        report({
          messageId: "unknown",
          data: {
            index: provider.index,
            field: field.name,
            suggestion: suggestion ? ` (did you mean \`${suggestion}\`?)` : "",
            rename: suggestion ? ` or rename it to \`${suggestion}\`` : "",
          },
          file: field.keyLocation.file,
          line: field.keyLocation.line,
          column: field.keyLocation.column,
          severity: "warning",
        });
      }
    }
  },
});
