/**
 * AW110: an auth.config entry doesn't match the provider it is for. Clerk's applicationID must be
 * "convex"; WorkOS AuthKit needs both of its customJwt entries; Auth0's applicationID is the
 * client ID the app signs in with; Convex Auth's domain is CONVEX_SITE_URL (the .convex.site
 * URL, never .convex.cloud).
 */
import type { StaticValue } from "../../config/auth-config.ts";
import { defineRule } from "../define.ts";
import { isTemplateEnvFile, isConvexAuthV1 } from "../helpers.ts";
import { authConfigChecks } from "./evaluate.ts";

/** The value as text: literals as written, env reads as ${NAME}, anything else as …. */
export function textOf(value: StaticValue | undefined): string {
  if (!value) return "";
  switch (value.kind) {
    case "string":
      return value.value;
    case "env":
      return `\${${value.name}}`;
    case "concat":
      return value.parts.map(textOf).join("");
    case "number":
    case "boolean":
      return String(value.value);
    default:
      return "…";
  }
}

const AUTH0_CLIENT_VARS = [
  "VITE_AUTH0_CLIENT_ID",
  "NEXT_PUBLIC_AUTH0_CLIENT_ID",
  "EXPO_PUBLIC_AUTH0_CLIENT_ID",
  "AUTH0_CLIENT_ID",
];

export default defineRule({
  meta: {
    code: "AW110",
    name: "provider-entry-mismatch",
    category: "config",
    severity: "error",
    fixable: false,
    description: "An auth.config entry doesn't match its provider (Clerk, WorkOS, Auth0, Convex Auth).",
    docs: "docs/rules/provider-entry-mismatch.md",
    messages: {
      clerkAudience:
        'The Clerk entry\'s applicationID is "{{value}}"; Clerk\'s Convex integration (and the `convex` JWT template) issue tokens with aud "convex", so none match.',
      workosMissing: "WorkOS AuthKit needs two customJwt entries and the one for {{which}} is missing: {{effect}}",
      auth0ClientId:
        "The Auth0 entry's applicationID ({{configured}}) differs from the client ID the app signs in with ({{clientVar}} in {{file}}): Auth0 ID tokens carry the client ID as aud.",
      convexAuthDomain:
        "Convex Auth issues tokens from CONVEX_SITE_URL (https://<deployment>.convex.site), but no entry's domain is that URL: every token is rejected.",
      cloudUrl:
        "Provider {{index}}'s domain is the .convex.cloud URL; Convex Auth's issuer is the .convex.site URL (process.env.CONVEX_SITE_URL).",
    },
    fixes: {
      clerkAudience: 'Set applicationID: "convex".',
      workosMissing: "Add the entry: {{entry}} (see docs.convex.dev/auth/authkit).",
      auth0ClientId:
        "Set applicationID to the same client ID (e.g. process.env.AUTH0_CLIENT_ID, set on the deployment to the app's client ID).",
      convexAuthDomain: 'Use { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }.',
      cloudUrl: "Use domain: process.env.CONVEX_SITE_URL.",
    },
  },
  async check({ doctor, report }) {
    const checks = await authConfigChecks(doctor);
    if (!checks?.raw.providers) return;
    const file = checks.raw.file!;
    const entries = checks.raw.providers.map((provider) => ({
      provider,
      domain: textOf(provider.fields.domain?.value),
      issuer: textOf(provider.fields.issuer?.value),
      applicationID: provider.fields.applicationID?.value,
      where: { file, line: provider.location.line, column: provider.location.column },
    }));

    // Clerk
    for (const entry of entries) {
      const isClerk = /CLERK|clerk\.accounts\.dev|\/\/clerk\./i.test(entry.domain);
      const appId = entry.applicationID;
      if (isClerk && appId?.kind === "string" && appId.value !== "convex") {
        report({ messageId: "clerkAudience", data: { value: appId.value }, ...entry.where });
      }
    }

    // WorkOS
    const workosEntries = entries.filter((entry) => /api\.workos\.com|WORKOS/.test(entry.issuer));
    if (doctor.providers.has("workos") && workosEntries.length > 0) {
      const hasShared = workosEntries.some((entry) => /^https:\/\/api\.workos\.com\/?$/.test(entry.issuer));
      const hasUserManagement = workosEntries.some((entry) => /user_management\//.test(entry.issuer));
      const where = workosEntries[0]!.where;
      if (!hasUserManagement) {
        report({
          messageId: "workosMissing",
          data: {
            which: "AuthKit access tokens (issuer https://api.workos.com/user_management/<clientId>)",
            effect: 'the tokens AuthKit sends are rejected with "No auth provider found".',
            entry:
              '{ type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` }',
          },
          ...where,
        });
      }
      if (!hasShared) {
        report({
          messageId: "workosMissing",
          data: {
            which: "SSO tokens (issuer https://api.workos.com/)",
            effect: "tokens issued with the shared issuer are rejected.",
            entry:
              '{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", applicationID: clientId, jwks: `https://api.workos.com/sso/jwks/${clientId}` }',
          },
          ...where,
          severity: "warning",
        });
      }
    }

    // Auth0
    const auth0 = entries.find((entry) => /auth0\.com|AUTH0/i.test(entry.domain));
    if (auth0 && doctor.providers.has("auth0")) {
      const local = (await doctor.localEnv()).filter((entry) => !isTemplateEnvFile(entry.path));
      let client: { name: string; file: string; value: string } | undefined;
      for (const name of AUTH0_CLIENT_VARS) {
        const found = local.find((entry) => entry.values[name]);
        if (found) {
          client = { name, file: found.path, value: found.values[name]!.trim() };
          break;
        }
      }
      const evaluated = checks.targets.dev?.providers.find((provider) => provider.index === auth0.provider.index);
      const configured =
        evaluated?.applicationID ?? (auth0.applicationID?.kind === "string" ? auth0.applicationID.value : null);
      if (client && configured && configured !== client.value) {
        report({
          messageId: "auth0ClientId",
          data: { configured, clientVar: client.name, file: client.file },
          ...auth0.where,
          target: evaluated ? "dev" : undefined,
        });
      }
    }

    // Convex Auth
    for (const entry of entries) {
      if (/\.convex\.cloud|CONVEX_CLOUD_URL/.test(entry.domain))
        report({ messageId: "cloudUrl", data: { index: entry.provider.index }, ...entry.where });
    }
    if (isConvexAuthV1(doctor) && doctor.facts.dependencies["@convex-dev/auth"]) {
      const ok = entries.some(
        (entry) => /CONVEX_SITE_URL|CUSTOM_AUTH_SITE_URL|\.convex\.site/.test(entry.domain) || entry.domain === "…",
      );
      if (!ok && !entries.some((entry) => /\.convex\.cloud|CONVEX_CLOUD_URL/.test(entry.domain))) {
        report({
          messageId: "convexAuthDomain",
          file,
          line: checks.raw.providersLocation?.line,
          column: checks.raw.providersLocation?.column,
        });
      }
    }
  },
});
