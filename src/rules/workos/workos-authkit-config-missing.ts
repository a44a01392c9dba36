/**
 * AW401: the dev deployment was provisioned by Convex's managed WorkOS team (it carries
 * WORKOS_ENVIRONMENT_ID) but convex.json has no `authKit` section, so `npx convex dev` no longer
 * configures redirect URIs, CORS origins or local env vars.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW401",
    name: "workos-authkit-config-missing",
    category: "workos",
    severity: "warning",
    fixable: false,
    description: "A Convex-managed WorkOS environment without convex.json's authKit section.",
    docs: "docs/rules/workos-authkit-config-missing.md",
    messages: {
      missing:
        "The dev deployment uses a Convex-managed WorkOS environment (WORKOS_ENVIRONMENT_ID is set) but convex.json has no authKit.dev section: redirect URIs and CORS origins are never configured.",
    },
    fixes: {
      missing:
        "Add authKit.dev.configure (redirectUris, appHomepageUrl, corsOrigins on port {{port}}) to convex.json and run `npx convex dev`.",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("workos")) return;
    const dev = await doctor.env("dev");
    if (!dev?.values.WORKOS_ENVIRONMENT_ID) return;
    const convexJson = await doctor.convexJson();
    const authKit = convexJson?.value?.authKit as { dev?: unknown } | undefined;
    if (authKit && typeof authKit === "object" && authKit.dev) return;
    report({
      messageId: "missing",
      data: { port: doctor.facts.devServer.port ?? "PORT" },
      file: convexJson ? "convex.json" : "package.json",
      target: "dev",
    });
  },
});
