/**
 * AW516: v1 pieces beside Convex Auth v2: JWT_PRIVATE_KEY / JWKS on a deployment (v2 tokens are
 * signed by the deployment's own key), `authTables` in the schema (v2 keeps sessions in its
 * components), `convexAuth(…)` in the code, or `Auth.js core` (v1's peer). They do nothing or,
 * half-migrated, keep a second sign-in path alive.
 */
import { defineRule } from "../define.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;
const AUTH_CORE_PACKAGE = Object.keys(PROFILES["convex-auth"].packages.peers)[0]!;

export default defineRule({
  meta: {
    code: "AW516",
    name: "convex-auth-v1-leftovers",
    category: "convex-auth",
    severity: "warning",
    fixable: false,
    description: `Convex Auth v1 leftovers (keys, authTables, convexAuth, ${AUTH_CORE_PACKAGE}) beside v2.`,
    docs: "docs/rules/convex-auth-v1-leftovers.md",
    messages: {
      keys: "{{names}} on the {{target}} deployment ({{source}}) are Convex Auth v1's keys; v2 tokens are signed by the deployment itself.",
      code: "{{file}} still uses Convex Auth v1's {{what}} beside v2.",
      mixed: "Convex Auth versions disagree: {{detail}}.",
      authCore: `${AUTH_CORE_PACKAGE} is Convex Auth v1's peer; v2 doesn't use it.`,
    },
    fixes: {
      keys: "Once no v1 session is needed, remove them: npx convex env remove{{flag}} JWT_PRIVATE_KEY JWKS.",
      code: "Finish the move to v2 (components, convexAuthProvider, getAuthUserId) and remove the v1 code.",
      mixed: `Install one version: npm install ${CONVEX_AUTH_PACKAGE}@2.0.0.`,
      authCore: `npm uninstall ${AUTH_CORE_PACKAGE} (unless other code uses it).`,
    },
  },
  async check({ doctor, report }) {
    const facts = doctor.facts.convexAuth;
    if (facts?.major !== 2) return;
    if (facts.conflicts.length > 0)
      report({
        messageId: "mixed",
        data: { detail: [`${facts.source}: ${facts.version}`, ...facts.conflicts].join("; ") },
        file: "package.json",
      });
    if (doctor.facts.dependencies[AUTH_CORE_PACKAGE]) report({ messageId: "authCore", file: "package.json" });
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      const names = ["JWT_PRIVATE_KEY", "JWKS"].filter((name) => name in env.values);
      if (names.length > 0)
        report({
          messageId: "keys",
          data: { names: names.join(", "), target, source: env.source, flag: target === "prod" ? " --prod" : "" },
          file: null,
          target,
        });
    }
    for (const path of doctor.facts.codeFiles) {
      if (!path.startsWith(`${doctor.convexDir}/`) || path.includes("/_generated/")) continue;
      const source = await doctor.read(path);
      if (!source?.includes(CONVEX_AUTH_PACKAGE)) continue;
      const lines = source.split("\n");
      const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
      for (const [pattern, what] of [
        [/\bauthTables\b/, "authTables"],
        [/\bconvexAuth\s*\(/, "convexAuth(…)"],
      ] as const) {
        const line = at(pattern);
        if (line >= 0) report({ messageId: "code", data: { file: path, what }, file: path, line: line + 1 });
      }
    }
  },
});
