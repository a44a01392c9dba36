/**
 * AW406: the dev and production deployments use the same WorkOS client (WORKOS_CLIENT_ID), so
 * production users live in the dev environment (or dev experiments hit production users).
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW406",
    name: "workos-same-client-dev-prod",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "Dev and prod deployments share one WorkOS client.",
    docs: "docs/rules/workos-same-client-dev-prod.md",
    messages: {
      same: "WORKOS_CLIENT_ID is the same on the dev and production deployments: both use one WorkOS environment.",
    },
    fixes: {
      same: "Create a production WorkOS environment (Convex dashboard → Integrations → WorkOS, or the WorkOS dashboard) and set its client ID with `npx convex env set --prod WORKOS_CLIENT_ID`.",
    },
  },
  async check({ doctor, report }) {
    const [dev, prod] = await Promise.all([doctor.env("dev"), doctor.env("prod")]);
    const devId = dev?.values.WORKOS_CLIENT_ID?.trim();
    if (devId && devId === prod?.values.WORKOS_CLIENT_ID?.trim()) report({ messageId: "same", target: "prod" });
  },
});
