/**
 * AW515: the env a Convex Auth v2 app declares in `defineApp({ env })` (each OAuth method's
 * client credentials, RESEND_API_KEY for email-password) must be set on every deployment: Convex
 * refuses to push while a declared, required variable is missing.
 */
import { defineRule } from "../define.ts";
import { readV2App } from "./v2-app.ts";

export default defineRule({
  meta: {
    code: "AW515",
    name: "convex-auth-v2-env-missing",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "A variable the app declares for a Convex Auth v2 method is not set on a deployment.",
    docs: "docs/rules/convex-auth-v2-env-missing.md",
    messages: {
      missing:
        "{{names}} {{verb}} declared in {{file}} but not set on the {{target}} deployment ({{source}}): the push fails, and with it the sign-in method.",
    },
    fixes: { missing: "Set {{them}} with `npx convex env set{{flag}} NAME` (value on stdin)." },
  },
  async check({ doctor, report }) {
    if (doctor.facts.convexAuth?.major !== 2) return;
    const app = await readV2App(doctor);
    const required = app.env.filter((entry) => !entry.optional);
    if (!app.file || required.length === 0) return;
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      const missing = required.filter((entry) => !(entry.name in env.values));
      if (missing.length === 0) continue;
      report({
        messageId: "missing",
        data: {
          names: missing.map((entry) => entry.name).join(", "),
          verb: missing.length === 1 ? "is" : "are",
          file: app.file,
          target,
          source: env.source,
          them: missing.length === 1 ? "it" : "them",
          flag: target === "prod" ? " --prod" : "",
        },
        file: app.file,
        line: missing[0]!.line,
        target,
      });
    }
  },
});
