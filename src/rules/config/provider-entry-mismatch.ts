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
import { PROFILES, installedSdk } from "../../providers/profiles.ts";
import { clientEnvNames } from "../../project/client-env.ts";

const convexAuth = PROFILES["convex-auth"];
import type { ProviderEvidence } from "../../project/facts.ts";

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

const auth0 = PROFILES.auth0;
const clerk = PROFILES.clerk;
/** Where the app keeps the Auth0 client ID it signs in with: each framework's client variable, then the plain name. */
const AUTH0_CLIENT_VARS =
  auth0.authConfig.applicationID && "env" in auth0.authConfig.applicationID
    ? [...clientEnvNames(auth0.authConfig.applicationID.env), auth0.authConfig.applicationID.env]
    : [];
const CLERK_AUDIENCE =
  clerk.authConfig.applicationID && "literal" in clerk.authConfig.applicationID
    ? clerk.authConfig.applicationID.literal
    : "convex";

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
      if (isClerk && appId?.kind === "string" && appId.value !== CLERK_AUDIENCE) {
        report({ messageId: "clerkAudience", data: { value: appId.value }, ...entry.where });
      }
    }

    // WorkOS
    const workosEntries = entries.filter((entry) => /api\.workos\.com|WORKOS/.test(entry.issuer));
    // An issuer authwire can't read (a template over an imported value: AW109 says so) may be the
    // missing one, so nothing is claimed missing.
    const unreadIssuer = entries.some((entry) => entry.provider.fields.issuer?.value.kind === "dynamic");
    if (doctor.providers.has("workos") && workosEntries.length > 0 && !unreadIssuer) {
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
    const auth0Entry = entries.find((entry) => /auth0\.com|AUTH0/i.test(entry.domain));
    if (auth0Entry && doctor.providers.has("auth0")) {
      const local = (await doctor.localEnv()).filter((entry) => !isTemplateEnvFile(entry.path));
      let client: { name: string; file: string; value: string } | undefined;
      for (const name of AUTH0_CLIENT_VARS) {
        const found = local.find((entry) => entry.values[name]);
        if (found) {
          client = { name, file: found.path, value: found.values[name]!.trim() };
          break;
        }
      }
      const literalAppId = auth0Entry.applicationID?.kind === "string";
      if (!client && literalAppId) {
        // No client ID in a local env file: the deployment's AUTH0_CLIENT_ID names the app (a literal
        // applicationID doesn't read it, so nothing else compares the two).
        const dev = await doctor.env("dev");
        const value = dev?.values.AUTH0_CLIENT_ID?.trim();
        if (dev && value) client = { name: "AUTH0_CLIENT_ID", file: `the dev deployment's env (${dev.source})`, value };
      }
      const evaluated = checks.targets.dev?.providers.find((provider) => provider.index === auth0Entry.provider.index);
      const configured =
        evaluated?.applicationID ??
        (auth0Entry.applicationID?.kind === "string" ? auth0Entry.applicationID.value : null);
      if (client && configured && configured !== client.value) {
        report({
          messageId: "auth0ClientId",
          data: { configured, clientVar: client.name, file: client.file },
          ...auth0Entry.where,
          target: evaluated ? "dev" : undefined,
        });
      }
    }

    // Convex Auth
    for (const entry of entries) {
      if (/\.convex\.cloud|CONVEX_CLOUD_URL/.test(entry.domain))
        report({ messageId: "cloudUrl", data: { index: entry.provider.index }, ...entry.where });
    }
    if (
      isConvexAuthV1(doctor) &&
      installedSdk(convexAuth, doctor.facts.dependencies) &&
      convexAuthIssuesTheTokens(doctor.facts.providers)
    ) {
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

/**
 * Whether Convex Auth gives the client its token: its client provider is used, or no other provider
 * is. A `convexAuth()` backend beside another provider's client bridge is a migration left half-done
 * (AW306 reports it), and that provider's entry is the one tokens are checked against.
 */
function convexAuthIssuesTheTokens(detected: readonly ProviderEvidence[]): boolean {
  const clientMarkers = convexAuth.client.markers;
  const inUse = detected.find((provider) => provider.name === "convex-auth");
  if (inUse?.evidence.some((line) => clientMarkers.some((marker) => line.endsWith(`: ${marker}`)))) return true;
  return !detected.some((provider) => provider.name !== "convex-auth");
}
