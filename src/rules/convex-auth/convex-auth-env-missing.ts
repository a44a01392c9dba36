/**
 * AW504: a deployment lacks what Convex Auth reads at runtime: JWT_PRIVATE_KEY and JWKS always,
 * SITE_URL for OAuth and email sign-in, AUTH_<PROVIDER>_ID/_SECRET per OAuth provider.
 */
import { defineRule } from "../define.ts";
import { libraryEnvNames, isConvexAuthV1 } from "../helpers.ts";
import { PROFILES, installedSdk } from "../../providers/profiles.ts";

const convexAuth = PROFILES["convex-auth"];

export default defineRule({
  meta: {
    code: "AW504",
    name: "convex-auth-env-missing",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "JWT_PRIVATE_KEY, JWKS, SITE_URL or a provider's AUTH_* variable is missing on a deployment.",
    docs: "docs/rules/convex-auth-env-missing.md",
    messages: {
      missing:
        '{{names}} {{verb}} not set on the {{target}} deployment ({{source}}); Convex Auth throws "Missing environment variable" on sign-in.',
    },
    fixes: {
      missing: "Set {{keysHint}}with `npx convex env set{{flag}} NAME` (value on stdin).",
    },
  },
  async check({ doctor, report }) {
    if (!isConvexAuthV1(doctor) || !installedSdk(convexAuth, doctor.facts.dependencies)) return;
    const required = libraryEnvNames(doctor);
    const auth = [...doctor.backend.modules.values()].find((module) => module.convexAuth);
    for (const target of ["dev", "prod"] as const) {
      const env = await doctor.env(target);
      if (!env) continue;
      const missing = required.filter((name) => !(name in env.values));
      if (missing.length === 0) continue;
      const keys = missing.includes("JWT_PRIVATE_KEY") || missing.includes("JWKS");
      report({
        messageId: "missing",
        data: {
          names: missing.join(", "),
          verb: missing.length === 1 ? "is" : "are",
          target,
          source: env.source,
          flag: target === "prod" ? " --prod" : "",
          keysHint: keys
            ? `the keys with \`authwire keys${target === "prod" ? " --prod" : ""}\` and the rest `
            : "them ",
        },
        file: auth?.file ?? null,
        line: auth?.convexAuth?.line,
        target,
      });
    }
  },
});
