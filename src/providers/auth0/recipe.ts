/**
 * `authwire add auth0`: Convex trusts ID tokens from the Auth0 tenant for the application's client
 * ID (auth.config.ts + AUTH0_DOMAIN / AUTH0_CLIENT_ID on the deployment), the app renders
 * Auth0Provider and Convex's Auth0 bridge (client.ts), and the human sets the application's URLs
 * and refresh-token rotation. Facts: docs/internals/provider-setup.md#auth0.
 */
import { addAuthConfigProvider } from "../../edit/index.ts";
import { AuthwireError } from "../../errors.ts";
import { defineRecipe, type OptionValues } from "../define.ts";
import { clientEnvPrefix, localOrigin } from "../frameworks.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { authConfigPath } from "../shared/index.ts";
import { planClient } from "./client.ts";
import { AUTH0_STEPS, options } from "./options.ts";
import { applicationSettingsUrl, parseAuth0Domain, parseClientId, parseProdUrl } from "./values.ts";

const allOptions = { ...COMMON_OPTIONS, ...options };
type Values = OptionValues<typeof allOptions>;

interface Resolved {
  domain?: string;
  clientId?: string;
  prodDomain?: string;
  prodClientId?: string;
  prodUrl?: string;
}

/** Checked values; prod ones only from the prod flags, and never the development application. */
export function resolveAuth0(values: Values): Resolved {
  const resolved: Resolved = {
    domain: values.auth0Domain ? parseAuth0Domain(values.auth0Domain, "--auth0-domain") : undefined,
    clientId: values.auth0ClientId ? parseClientId(values.auth0ClientId, "--auth0-client-id") : undefined,
  };
  if (!values.prod) return resolved;
  resolved.prodDomain = values.prodAuth0Domain
    ? parseAuth0Domain(values.prodAuth0Domain, "--prod-auth0-domain")
    : undefined;
  resolved.prodClientId = values.prodAuth0ClientId
    ? parseClientId(values.prodAuth0ClientId, "--prod-auth0-client-id")
    : undefined;
  resolved.prodUrl = values.prodUrl ? parseProdUrl(values.prodUrl) : undefined;
  if (resolved.prodClientId && resolved.prodClientId === resolved.clientId) {
    throw new AuthwireError(
      "dev_instance_on_prod",
      "--prod-auth0-client-id is the development application's client ID; production needs its own Auth0 application.",
      {
        hint: "Create a production application (a separate production tenant is best) and pass its Client ID and Domain.",
        docsUrl: "https://auth0.com/docs/get-started/auth0-overview/create-tenants/set-up-multiple-environments",
      },
    );
  }
  return resolved;
}

/** The application's URL settings, exact, from the detected dev port (and the production origin). */
function urlStep(domain: string | undefined, clientId: string | undefined, origins: string[], which: string) {
  const list = origins.join(", ");
  return {
    title: `In the ${which} Auth0 application's Settings, set Allowed Callback URLs, Allowed Logout URLs and Allowed Web Origins to: ${list}`,
    url: applicationSettingsUrl(domain, clientId),
    why: `The app sends users back to ${origins[0]} after login and logout (redirect_uri and returnTo are window.location.origin) and fetches tokens from it; Auth0 rejects origins not listed.`,
  };
}

function rotationStep(domain: string | undefined, clientId: string | undefined, which: string) {
  return {
    title: `In the same Settings page of the ${which} application, turn on Refresh Token Rotation ("Allow Refresh Token Rotation") and save`,
    url: applicationSettingsUrl(domain, clientId),
    why: "The provider uses refresh tokens (useRefreshTokens, cached in local storage) so sessions survive reloads; without rotation Auth0 returns no refresh token and users are signed out.",
  };
}

export default defineRecipe({
  id: "auth0",
  docs: "https://docs.convex.dev/auth/auth0",
  options: allOptions,
  supports(facts) {
    switch (facts.framework.name) {
      case "vite":
      case "next-app":
      case "next-pages":
        return "ok";
      case "tanstack-start":
        return {
          unsupported:
            "Convex documents no Auth0 setup for TanStack Start, and Auth0's React SDK is client-only: there is no Auth0 token on the server for the root route's beforeLoad, so SSR queries would run signed out. Use Clerk or WorkOS AuthKit on TanStack Start, or wire Auth0Provider + ConvexProviderWithAuth0 by hand (client-only)",
        };
      case "expo":
        return {
          unsupported:
            "Convex documents no Auth0 setup for Expo / React Native (react-native-auth0 needs a custom useAuth adapter); use add custom-jwt or wire it by hand",
        };
      default:
        return { unsupported: "authwire couldn't tell the app's framework; pass --framework vite or next" };
    }
  },
  async plan(facts, values: Values, kit) {
    const prod = Boolean(values.prod);
    const resolved = resolveAuth0(values);

    kit.file(
      authConfigPath(facts),
      addAuthConfigProvider({
        provider: { domain: { env: "AUTH0_DOMAIN" }, applicationID: { env: "AUTH0_CLIENT_ID" } },
      }),
      {
        reason:
          "trust ID tokens from the Auth0 tenant (domain: AUTH0_DOMAIN) for the application (applicationID: AUTH0_CLIENT_ID)",
      },
    );
    const backend = [
      ["AUTH0_DOMAIN", resolved.domain, resolved.prodDomain, "the tenant's domain (the tokens' issuer)"],
      [
        "AUTH0_CLIENT_ID",
        resolved.clientId,
        resolved.prodClientId,
        "the application's client ID (the ID token's audience)",
      ],
    ] as const;
    for (const [name, dev, production, what] of backend) {
      kit.env(name, {
        target: "dev",
        value: dev,
        obtainedBy: AUTH0_STEPS.application,
        reason: `auth.config.ts reads it: ${what}`,
      });
      if (prod)
        kit.env(name, {
          target: "prod",
          value: production,
          obtainedBy: AUTH0_STEPS.production,
          reason: `auth.config.ts reads it on production: ${what}`,
        });
    }
    const prefix = clientEnvPrefix(facts.framework.name);
    kit.env(`${prefix}AUTH0_DOMAIN`, {
      target: "local",
      value: resolved.domain,
      obtainedBy: AUTH0_STEPS.application,
      reason: "Auth0Provider reads it in the browser",
    });
    kit.env(`${prefix}AUTH0_CLIENT_ID`, {
      target: "local",
      value: resolved.clientId,
      obtainedBy: AUTH0_STEPS.application,
      reason: "Auth0Provider reads it in the browser",
    });

    await planClient(facts, kit);

    kit.humanStep(urlStep(resolved.domain, resolved.clientId, [localOrigin(facts)], "development"));
    kit.humanStep(rotationStep(resolved.domain, resolved.clientId, "development"));
    if (prod) {
      kit.humanStep(
        urlStep(
          resolved.prodDomain,
          resolved.prodClientId,
          [resolved.prodUrl ?? "https://<your production origin> (pass --prod-url to have it filled in)"],
          "production",
        ),
      );
      kit.humanStep(rotationStep(resolved.prodDomain, resolved.prodClientId, "production"));
      kit.humanStep({
        title: `Set ${prefix}AUTH0_DOMAIN and ${prefix}AUTH0_CLIENT_ID to the production application's values where your production frontend is built`,
        why: "authwire writes the development values to .env.local only; the production build must sign in with the production application.",
      });
    }
  },
  nextSteps(facts, values, { setDeploymentEnv }) {
    // With --no-env the plan's steps hold the commands; said once, there.
    const resolved = setDeploymentEnv ? resolveAuth0(values) : {};
    const set = [
      resolved.domain && `AUTH0_DOMAIN ${resolved.domain}`,
      resolved.clientId && `AUTH0_CLIENT_ID ${resolved.clientId}`,
    ].filter(Boolean);
    return [
      `Run \`npx convex dev\`: it pushes convex/auth.config.ts to the dev deployment, which must have AUTH0_DOMAIN and AUTH0_CLIENT_ID set first${set.length > 0 ? ` (authwire sets them when a deployment is configured; else: ${set.map((s) => `npx convex env set ${s}`).join(" && ")})` : ""}.`,
      "Render <AuthButtons /> (authwire created it) where users log in; gate data on Convex's <Authenticated>, not on useAuth0().isAuthenticated.",
      `Start the app on ${localOrigin(facts)}: the URLs in Auth0 must match that origin exactly.`,
      ...(values.prod
        ? [
            "Deploy with `npx convex deploy`: it pushes auth.config.ts to production, which trusts the production application.",
          ]
        : []),
    ];
  },
});
