/**
 * AW103: a provider entry has a misspelled or misplaced field. Convex rejects `applicationId`,
 * `domain` on a customJwt entry, `issuer` on an OIDC entry, an unknown `type`, or a missing
 * required field; and it silently ignores keys it doesn't know (`jwksUri`, `algorithms`,
 * `audience`…), the kind AI assistants invent. Fixable: renames `applicationId`.
 */
import { defineRule } from "../define.ts";
import { at, authConfigChecks, envIndependent } from "./evaluate.ts";

const KNOWN = new Set(["domain", "applicationID", "type", "issuer", "jwks", "algorithm"]);
const SUGGEST: Record<string, string> = {
  jwksUri: "jwks", jwks_uri: "jwks", jwksUrl: "jwks", jwksURL: "jwks", jwk: "jwks",
  algorithms: "algorithm", alg: "algorithm",
  audience: "applicationID", aud: "applicationID", clientId: "applicationID", clientID: "applicationID", appId: "applicationID",
  issuerUrl: "issuer or domain", iss: "issuer or domain", url: "domain", issuerDomain: "domain",
};

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
      unknown: "Provider {{index}} has `{{field}}`, which Convex ignores{{suggestion}}; the entry behaves as if it weren't there.",
    },
    fixes: {
      schema: "{{hint}}",
      unknown: "Remove `{{field}}`{{rename}} (fields: domain + applicationID for OIDC; type: \"customJwt\", issuer, jwks, algorithm, applicationID for custom JWT).",
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
      if (problem.field === "algorithm" || /missing field `providers`|expected a sequence/.test(problem.message)) continue;
      let edits;
      if ((problem.field === "applicationId" || problem.field === "applicationid") && source !== undefined && problem.location) {
        const lines = source.split("\n");
        const line = lines[problem.location.line - 1];
        const column = problem.location.column - 1;
        if (line !== undefined && line.slice(column).replace(/^["']/, "").startsWith(problem.field)) {
          const quote = /["']/.test(line[column] ?? "") ? 1 : 0;
          lines[problem.location.line - 1] = line.slice(0, column + quote) + "applicationID" + line.slice(column + quote + problem.field.length);
          edits = [{ path: problem.location.file, before: source, after: lines.join("\n"), reason: `rename ${problem.field} to applicationID` }];
        }
      }
      report({ messageId: "schema", data: { message: problem.message, hint: problem.hint ?? "Fix the entry to match Convex's AuthConfig type." }, ...at(problem, checks.raw.file), edits });
    }
    for (const provider of checks.raw.providers ?? []) {
      for (const field of Object.values(provider.fields)) {
        if (KNOWN.has(field.name) || field.name === "applicationId" || field.name === "applicationid") continue;
        const suggestion = SUGGEST[field.name];
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
