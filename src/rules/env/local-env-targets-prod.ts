/**
 * AW212: `.env.local` points CONVEX_DEPLOYMENT at a production deployment, so `npx convex dev`
 * pushes every local edit to production.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW212",
    name: "local-env-targets-prod",
    category: "env",
    severity: "warning",
    fixable: false,
    description: ".env.local points `npx convex dev` at a production deployment.",
    docs: "docs/rules/local-env-targets-prod.md",
    messages: {
      prod: "CONVEX_DEPLOYMENT in {{file}} is a production deployment ({{deployment}}): `npx convex dev` would push unfinished code and auth config to production.",
    },
    fixes: {
      prod: "Run `npx convex dev --configure` and pick a dev deployment; deploy to production with `npx convex deploy`.",
    },
  },
  async check({ doctor, report }) {
    for (const file of await doctor.localEnv()) {
      if (file.path !== ".env.local" && file.path !== ".env") continue;
      const value = file.values.CONVEX_DEPLOYMENT?.trim();
      if (!value || !value.startsWith("prod:")) continue;
      report({
        messageId: "prod",
        data: { file: file.path, deployment: value.split(/\s/)[0]! },
        file: file.path,
        line: file.lineOf("CONVEX_DEPLOYMENT") ?? 1,
        column: 1,
      });
    }
  },
});
