/**
 * The deployment variables Convex Auth v2 needs (docs/internals/convex-auth-v2.md#env): none for the
 * core (the deployment signs the tokens with its own key), SITE_URL for OAuth, passkeys and the
 * emailed links, each OAuth method's client credentials (bound to its component through
 * `defineApp({ env })`), and RESEND_API_KEY for email-password. Pending with the dashboard step
 * when not given.
 */
import type { Kit } from "../../../changes/kit.ts";
import { deploymentUrls } from "../../../config/deployment-urls.ts";
import type { HumanStep } from "../../../errors.ts";
import type { ProjectFacts } from "../../../project/facts.ts";
import { localOrigin } from "../../frameworks.ts";
import { checkProdSiteUrl, type ConvexAuthOptions } from "../env.ts";
import { APPLE_KEY, GITHUB_APP, GOOGLE_CLIENT, PROD_SITE, RESEND_KEY } from "../options.ts";
import { V2_METHOD_SPECS, needsSiteUrl, type V2Method } from "./methods.ts";

type Target = "dev" | "prod";

/** The OAuth callback URL v2 serves: `${CONVEX_SITE_URL}${httpPrefix}/callback`. */
export function callbackUrlV2(facts: ProjectFacts, target: Target, method: "github" | "google" | "apple"): string {
  const path = `/oauth/${method}/callback`;
  const site =
    target === "dev" && facts.convex.deployment ? deploymentUrls(facts.convex.deployment)?.CONVEX_SITE_URL : undefined;
  if (site) return `${site}${path}`;
  const dashboard = target === "prod" ? "npx convex dashboard --prod" : "npx convex dashboard";
  return `https://<your ${target} deployment>.convex.site${path} (its HTTP Actions URL: \`${dashboard}\` → Settings → URL & Deploy Key)`;
}

function oauthStep(
  facts: ProjectFacts,
  target: Target,
  method: "github" | "google" | "apple",
  site: string,
): HumanStep {
  const base = method === "github" ? GITHUB_APP : method === "google" ? GOOGLE_CLIENT : APPLE_KEY;
  const which = target === "prod" ? "a separate one for production" : "one for development";
  const callback = callbackUrlV2(facts, target, method);
  const why =
    method === "github"
      ? `Homepage URL: ${site}. Authorization callback URL: ${callback}.`
      : method === "google"
        ? `Authorized JavaScript origin: ${site}. Authorized redirect URI: ${callback}.`
        : `Return URL: ${callback}.`;
  return { title: `${base.title} (${which})`, url: base.url, why: `${why} Each deployment needs its own.` };
}

/** Option values per method and target: component env name → the option's value. */
function oauthValues(options: ConvexAuthOptions, method: V2Method, target: Target): Record<string, string | undefined> {
  if (method === "github")
    return target === "dev"
      ? { CLIENT_ID: options.githubClientId, CLIENT_SECRET: options.githubClientSecret }
      : { CLIENT_ID: options.prodGithubClientId, CLIENT_SECRET: options.prodGithubClientSecret };
  if (method === "google")
    return target === "dev"
      ? { CLIENT_ID: options.googleClientId, CLIENT_SECRET: options.googleClientSecret }
      : { CLIENT_ID: options.prodGoogleClientId, CLIENT_SECRET: options.prodGoogleClientSecret };
  if (method === "apple" && target === "dev")
    return {
      CLIENT_ID: options.appleClientId,
      TEAM_ID: options.appleTeamId,
      KEY_ID: options.appleKeyId,
      PRIVATE_KEY: options.applePrivateKey,
    };
  return {};
}

async function planTarget(
  facts: ProjectFacts,
  target: Target,
  methods: V2Method[],
  options: ConvexAuthOptions,
  kit: Kit,
): Promise<void> {
  const siteUrl =
    target === "dev"
      ? localOrigin(facts)
      : options.siteUrl === undefined
        ? undefined
        : checkProdSiteUrl(options.siteUrl);
  if (needsSiteUrl(methods)) {
    kit.env("SITE_URL", {
      target,
      value: siteUrl,
      obtainedBy: PROD_SITE,
      keepExisting: target === "dev" || siteUrl === undefined,
      reason:
        target === "dev"
          ? "the app's origin for OAuth redirects, passkeys and emailed links: the dev server"
          : "the app's origin on production",
    });
  }
  const siteShown = siteUrl ?? "your production URL";
  for (const method of methods) {
    const spec = V2_METHOD_SPECS[method];
    if (method === "github" || method === "google" || method === "apple") {
      const step = oauthStep(facts, target, method, siteShown);
      const values = oauthValues(options, method, target);
      const component = spec.components[0]!;
      for (const [componentName, appName] of Object.entries(component.env ?? {})) {
        const env = spec.env.find((entry) => entry.name === appName)!;
        kit.env(appName, {
          target,
          value: values[componentName],
          secret: env.secret,
          obtainedBy: step,
          // The deployment's value is kept unless a new one is given.
          keepExisting: values[componentName] === undefined,
          reason: `${env.reason} (bound to ${component.name}'s ${componentName})`,
        });
      }
    }
    if (method === "email-password") {
      kit.env("RESEND_API_KEY", {
        target,
        secret: true,
        value: options.resendApiKey,
        obtainedBy: RESEND_KEY,
        keepExisting: options.resendApiKey === undefined,
        reason: "sends the verification and recovery emails",
      });
    }
  }
}

/** Records every deployment variable: dev always, prod with --prod. */
export async function planEnvV2(
  facts: ProjectFacts,
  options: ConvexAuthOptions,
  methods: V2Method[],
  kit: Kit,
): Promise<void> {
  await planTarget(facts, "dev", methods, options, kit);
  if (options.prod) await planTarget(facts, "prod", methods, options, kit);
}
