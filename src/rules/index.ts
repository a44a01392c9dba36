/**
 * The rule registry, sorted by code. A rule is listed here by hand (no self-registration);
 * `npm run check:rules` fails when a rule file, its test, its doc page or this entry is missing.
 */
import type { Rule } from "./define.ts";
import authConfigMissing from "./config/auth-config-missing.ts";
import authConfigDuplicate from "./config/auth-config-duplicate.ts";
import secretInClientEnv from "./env/secret-in-client-env.ts";
import envFileNotGitignored from "./env/env-file-not-gitignored.ts";
import backendEnvOnlyLocal from "./env/backend-env-only-local.ts";
import devValuesOnProd from "./env/dev-values-on-prod.ts";
import envParity from "./env/env-parity.ts";
import clerkInstanceMismatch from "./env/clerk-instance-mismatch.ts";
import convexAuthKeysInvalid from "./env/convex-auth-keys-invalid.ts";
import siteUrlMismatch from "./env/site-url-mismatch.ts";
import workosCookiePasswordShort from "./env/workos-cookie-password-short.ts";
import envValueQuoted from "./env/env-value-quoted.ts";
import issuerEnvIsJwksUrl from "./env/issuer-env-is-jwks-url.ts";
import localEnvTargetsProd from "./env/local-env-targets-prod.ts";
import plainConvexProvider from "./client/plain-convex-provider.ts";
import providerNestingOrder from "./client/provider-nesting-order.ts";
import uiGatedOnProviderState from "./client/ui-gated-on-provider-state.ts";
import wrongUseAuthHook from "./client/wrong-use-auth-hook.ts";
import nextMiddleware from "./client/next-middleware.ts";
import twoAuthLibraries from "./client/two-auth-libraries.ts";
import convexAuthNextServerProvider from "./client/convex-auth-next-server-provider.ts";
import clerkJwtTemplate from "./client/clerk-jwt-template.ts";
import secondTokenSource from "./client/second-token-source.ts";
import workosAuthkitConfigMissing from "./workos/workos-authkit-config-missing.ts";
import workosRedirectPort from "./workos/workos-redirect-port.ts";
import workosRedirectMismatch from "./workos/workos-redirect-mismatch.ts";
import workosCallbackRouteMissing from "./workos/workos-callback-route-missing.ts";
import convexJsonInvalid from "./workos/convex-json-invalid.ts";
import workosSameClientDevProd from "./workos/workos-same-client-dev-prod.ts";
import authTablesMissing from "./convex-auth/auth-tables-missing.ts";
import authHttpRoutesMissing from "./convex-auth/auth-http-routes-missing.ts";
import authProvidersEmpty from "./convex-auth/auth-providers-empty.ts";
import convexAuthEnvMissing from "./convex-auth/convex-auth-env-missing.ts";
import authCoreVersion from "./convex-auth/auth-core-version.ts";
import parallelUsersTable from "./convex-auth/parallel-users-table.ts";
import convexAuthV2ComponentNotMounted from "./convex-auth/convex-auth-v2-component-not-mounted.ts";
import convexAuthV2ConvexVersion from "./convex-auth/convex-auth-v2-convex-version.ts";
import convexAuthV2ProviderMissing from "./convex-auth/convex-auth-v2-provider-missing.ts";
import convexAuthV2SubjectAsUserId from "./convex-auth/convex-auth-v2-subject-as-user-id.ts";
import convexAuthV2EnvMissing from "./convex-auth/convex-auth-v2-env-missing.ts";
import convexAuthV1Leftovers from "./convex-auth/convex-auth-v1-leftovers.ts";
import betterAuthVersion from "./better-auth/better-auth-version.ts";
import betterAuthEnvMissing from "./better-auth/better-auth-env-missing.ts";
import betterAuthOriginPort from "./better-auth/better-auth-origin-port.ts";
import betterAuthCrossDomainMissing from "./better-auth/better-auth-cross-domain-missing.ts";
import betterAuthConvexPluginMissing from "./better-auth/better-auth-convex-plugin-missing.ts";
import betterAuthUsersTable from "./better-auth/better-auth-users-table.ts";
import betterAuthDuplicateConvexAudience from "./better-auth/better-auth-duplicate-convex-audience.ts";
import betterAuthUserSetsPrivilege from "./better-auth/better-auth-user-sets-privilege.ts";
import clientSuppliedUserId from "./functions/client-supplied-user-id.ts";
import documentOwnerNotChecked from "./functions/document-owner-not-checked.ts";
import orgMembershipNotChecked from "./functions/org-membership-not-checked.ts";
import weakRoleCheck from "./functions/weak-role-check.ts";
import anyCastInAuthPath from "./functions/any-cast-in-auth-path.ts";
import publicActionSpendsSecret from "./functions/public-action-spends-secret.ts";
import missingIdentityCheck from "./functions/missing-identity-check.ts";
import userLookupByEmail from "./functions/user-lookup-by-email.ts";
import userLookupWithoutIndex from "./functions/user-lookup-without-index.ts";
import userNeverCreated from "./functions/user-never-created.ts";
import authCtxAny from "./functions/auth-ctx-any.ts";
import identityNotNullChecked from "./functions/identity-not-null-checked.ts";
import authConfigFieldInvalid from "./config/auth-config-field-invalid.ts";
import authConfigDomainInvalid from "./config/auth-config-domain-invalid.ts";
import authConfigEnvMissing from "./config/auth-config-env-missing.ts";
import authConfigInsecure from "./config/auth-config-insecure.ts";
import authConfigAlgorithm from "./config/auth-config-algorithm.ts";
import authConfigNoProviders from "./config/auth-config-no-providers.ts";
import authConfigNotStatic from "./config/auth-config-not-static.ts";
import providerEntryMismatch from "./config/provider-entry-mismatch.ts";
import authConfigUnloadable from "./config/auth-config-unloadable.ts";
import authConfigEnvFallback from "./config/auth-config-env-fallback.ts";
import issuerUnreachable from "./config/issuer-unreachable.ts";
import discoveryIssuerMismatch from "./config/discovery-issuer-mismatch.ts";
import jwksUnusable from "./config/jwks-unusable.ts";

export const RULES: readonly Rule[] = [
  authConfigMissing,
  authConfigDuplicate,
  secretInClientEnv,
  envFileNotGitignored,
  backendEnvOnlyLocal,
  devValuesOnProd,
  envParity,
  clerkInstanceMismatch,
  convexAuthKeysInvalid,
  siteUrlMismatch,
  workosCookiePasswordShort,
  envValueQuoted,
  issuerEnvIsJwksUrl,
  localEnvTargetsProd,
  plainConvexProvider,
  providerNestingOrder,
  uiGatedOnProviderState,
  wrongUseAuthHook,
  nextMiddleware,
  twoAuthLibraries,
  convexAuthNextServerProvider,
  clerkJwtTemplate,
  secondTokenSource,
  workosAuthkitConfigMissing,
  workosRedirectPort,
  workosRedirectMismatch,
  workosCallbackRouteMissing,
  convexJsonInvalid,
  workosSameClientDevProd,
  authTablesMissing,
  authHttpRoutesMissing,
  authProvidersEmpty,
  convexAuthEnvMissing,
  authCoreVersion,
  parallelUsersTable,
  convexAuthV2ComponentNotMounted,
  convexAuthV2ConvexVersion,
  convexAuthV2ProviderMissing,
  convexAuthV2SubjectAsUserId,
  convexAuthV2EnvMissing,
  convexAuthV1Leftovers,
  betterAuthVersion,
  betterAuthEnvMissing,
  betterAuthOriginPort,
  betterAuthCrossDomainMissing,
  betterAuthConvexPluginMissing,
  betterAuthUsersTable,
  betterAuthDuplicateConvexAudience,
  betterAuthUserSetsPrivilege,
  clientSuppliedUserId,
  missingIdentityCheck,
  userLookupByEmail,
  userLookupWithoutIndex,
  userNeverCreated,
  authCtxAny,
  identityNotNullChecked,
  documentOwnerNotChecked,
  orgMembershipNotChecked,
  weakRoleCheck,
  anyCastInAuthPath,
  publicActionSpendsSecret,
  authConfigFieldInvalid,
  authConfigDomainInvalid,
  authConfigEnvMissing,
  authConfigInsecure,
  authConfigAlgorithm,
  authConfigNoProviders,
  authConfigNotStatic,
  providerEntryMismatch,
  authConfigUnloadable,
  authConfigEnvFallback,
  issuerUnreachable,
  discoveryIssuerMismatch,
  jwksUnusable,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

export function findRule(codeOrName: string): Rule | undefined {
  const key = codeOrName.trim();
  return RULES.find((rule) => rule.meta.code.toLowerCase() === key.toLowerCase() || rule.meta.name === key);
}
