/**
 * AW702: a deployment lacks what Better Auth reads at runtime: BETTER_AUTH_SECRET (better-auth
 * falls back to AUTH_SECRET; without either it throws on production and warns "You are using the
 * default secret" elsewhere) and SITE_URL when the app's functions read it (the framework guides'
 * `process.env.SITE_URL!` for trustedOrigins, crossDomain or baseURL). A value in .env.local is
 * useless: the functions run on the deployment.
 */
import { defineRule } from "../define.ts";
import { readBetterAuthApp, usesBetterAuth } from "./instance.ts";

export default defineRule({
  meta: {
    code: "AW702",
    name: "better-auth-env-missing",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description: "BETTER_AUTH_SECRET, or the SITE_URL the Better Auth instance reads, is missing on a deployment.",
    docs: "docs/rules/better-auth-env-missing.md",
    messages: {
      missing: "{{names}} {{verb}} not set on the {{target}} deployment ({{source}}): {{effect}}",
    },
    fixes: {
      missing:
        "Set {{them}} on the deployment: `authwire add better-auth` generates BETTER_AUTH_SECRET in-process, or `npx convex env set{{flag}} NAME` (value on stdin); SITE_URL is the app's origin.",
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor)) return;
    const app = await readBetterAuthApp(doctor);
    const instance = app.instances[0];
    if (!instance) return;
    // Where the instance file reads SITE_URL (the analysis indexes only modules with functions).
    const reads = new Map<string, { file: string; line: number; column: number }>();
    const source = (await doctor.read(instance.file)) ?? "";
    source.split("\n").forEach((text, index) => {
      const at = text.search(/process\.env(?:\.SITE_URL\b|\[["']SITE_URL["']\])/);
      if (at >= 0 && !reads.has("SITE_URL"))
        reads.set("SITE_URL", { file: instance.file, line: index + 1, column: at + 1 });
    });
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      const missing: string[] = [];
      if (!("BETTER_AUTH_SECRET" in env.values) && !("AUTH_SECRET" in env.values)) missing.push("BETTER_AUTH_SECRET");
      if (reads.has("SITE_URL") && !("SITE_URL" in env.values)) missing.push("SITE_URL");
      if (missing.length === 0) continue;
      const effects: string[] = [];
      if (missing.includes("BETTER_AUTH_SECRET"))
        effects.push(
          target === "prod"
            ? "better-auth throws on every request in production without a secret"
            : 'better-auth signs sessions and encrypts its JWT keys with a default secret ("You are using the default secret")',
        );
      if (missing.includes("SITE_URL"))
        effects.push(
          `${reads.get("SITE_URL")!.file} reads SITE_URL, so the app's origin is undefined ("Invalid origin")`,
        );
      const site = missing.includes("SITE_URL") ? reads.get("SITE_URL")! : null;
      report({
        messageId: "missing",
        data: {
          names: missing.join(", "),
          verb: missing.length === 1 ? "is" : "are",
          target,
          source: env.source,
          effect: `${effects.join("; ")}.`,
          them: missing.length === 1 ? "it" : "them",
          flag: target === "prod" ? " --prod" : "",
        },
        file: site?.file ?? instance.file,
        line: site?.line ?? instance.line,
        column: site?.column ?? instance.column,
        target,
      });
    }
  },
});
