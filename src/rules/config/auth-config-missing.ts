/**
 * AW101: the client sends tokens (an auth-aware Convex provider is rendered), or the functions ask
 * who the caller is, but the functions folder has no auth.config file, so Convex has no provider to
 * match a token against and every identity is null.
 */
import { firstCallerDependent } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";

const CREATE_CONFIG =
  "Create {{dir}}/auth.config.ts with your provider's entry (authwire add <provider> writes it), then run `npx convex dev`.";

/** Convex providers that fetch and send a token. */
export const AUTH_AWARE_PROVIDERS =
  /^(?:ConvexProviderWith\w+|ConvexAuthProvider|ConvexAuthNextjsProvider|ConvexBetterAuthProvider)$/;

export default defineRule({
  meta: {
    code: "AW101",
    name: "auth-config-missing",
    category: "config",
    severity: "error",
    fixable: false,
    description:
      "The client sends auth tokens, or the functions ask who the caller is, but convex/auth.config.ts is missing.",
    docs: "docs/rules/auth-config-missing.md",
    messages: {
      missing:
        '{{element}} sends auth tokens, but {{dir}}/auth.config.ts does not exist: Convex rejects every token with "No auth provider found matching the given token".',
      identityNeverSet:
        "{{name}} asks who the caller is, but {{dir}}/auth.config.ts does not exist: Convex accepts no token, so every identity is null (every signed-in check fails, and code that trusts a client's user id instead is open to anyone).",
    },
    fixes: {
      missing: CREATE_CONFIG,
      identityNeverSet: CREATE_CONFIG,
    },
  },
  check({ doctor, report }) {
    if (doctor.facts.convex.authConfigFiles.length > 0) return;
    for (const file of doctor.client.files.values()) {
      const element = file.elements.find((use) => AUTH_AWARE_PROVIDERS.test(use.name) && use.from !== null);
      if (element) {
        report({
          messageId: "missing",
          data: { element: `<${element.name}>`, dir: doctor.convexDir },
          file: file.file,
          line: element.line,
          column: element.column,
        });
        return;
      }
    }
    const asker = firstCallerDependent(doctor.backend);
    if (asker) {
      report({
        messageId: "identityNeverSet",
        data: { name: asker.name, dir: doctor.convexDir },
        file: asker.file,
        line: asker.line,
        column: asker.column,
      });
    }
  },
});
