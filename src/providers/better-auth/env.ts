/**
 * The variables Better Auth needs (docs/internals/better-auth.md#env): on each deployment
 * BETTER_AUTH_SECRET (generated here, in this process; kept when the deployment has one, since the
 * component's signing keys are encrypted with it) and SITE_URL (the dev server's real port); in
 * .env.local the deployment's `.convex.site` URL the client and the server helpers call; the social
 * providers' client IDs and secrets on the deployment.
 */
import { randomBytes } from "node:crypto";
import type { Kit } from "../../changes/kit.ts";
import { deploymentUrls } from "../../config/deployment-urls.ts";
import { parseDotenv } from "../../config/dotenv.ts";
import { AuthwireError, type HumanStep } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvPrefix, localOrigin } from "../frameworks.ts";
import { BETTER_AUTH_STEPS, type BetterAuthMethod } from "./options.ts";

export interface EnvValues {
  prod?: boolean;
  siteUrl?: string;
  githubClientId?: string;
  githubClientSecret?: string;
  googleClientId?: string;
  googleClientSecret?: string;
}

/** A fresh BETTER_AUTH_SECRET: 32 random bytes, base64 (what `openssl rand -base64 32` gives). */
export function generateSecret(): string {
  return randomBytes(32).toString("base64");
}

export const CREATE_DEPLOYMENT: HumanStep = {
  title: "Run `npx convex dev` once to create the dev deployment",
  why: "The client calls the deployment's HTTP Actions URL (https://<name>.convex.site); it is known once a deployment exists. Then run `authwire add better-auth` again to fill it in.",
  command: "npx convex dev --once",
};

/**
 * The dev deployment's HTTP Actions URL, from what names it: `CONVEX_DEPLOYMENT` (a cloud
 * deployment), else `.env.local`'s `CONVEX_SELF_HOSTED_URL` or the client's `…CONVEX_URL` (a local or
 * self-hosted backend, whose site is on the next port).
 */
export async function devSiteUrl(facts: ProjectFacts): Promise<string | undefined> {
  const fromName = facts.convex.deployment ? deploymentUrls(facts.convex.deployment)?.CONVEX_SITE_URL : undefined;
  if (fromName) return fromName;
  const local = await facts.files.read(".env.local");
  if (local === undefined) return undefined;
  const env = parseDotenv(local);
  for (const name of ["CONVEX_SELF_HOSTED_URL", `${clientEnvPrefix(facts.framework.name)}CONVEX_URL`]) {
    const url = env[name] ? deploymentUrls(env[name])?.CONVEX_SITE_URL : undefined;
    if (url) return url;
  }
  return undefined;
}

/** `--site-url`: an absolute http(s) URL that is not a local address (production only). */
export function checkProdSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthwireError(
      "usage",
      `--site-url must be an absolute URL like https://app.example.com, not ${JSON.stringify(value)}.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AuthwireError("usage", `--site-url must be an http(s) URL, not ${url.protocol}.`);
  if (/^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/.test(url.hostname))
    throw new AuthwireError("usage", `--site-url is the production SITE_URL; ${url.host} is a local address.`);
  return url.origin;
}

function socialStep(method: "github" | "google", target: "dev" | "prod", callbackBase: string): HumanStep {
  const base = method === "github" ? BETTER_AUTH_STEPS.githubApp : BETTER_AUTH_STEPS.googleClient;
  const callback = `${callbackBase}/api/auth/callback/${method}`;
  return {
    ...base,
    title: `${base.title} (${target === "prod" ? "a separate one for production" : "one for development"})`,
    why: `${method === "github" ? "Authorization callback URL" : "Authorized redirect URI"}: ${callback}. ${base.why}`,
  };
}

/** Where OAuth providers send users back: the deployment for an SPA, the app (proxied) for Next/Start. */
function callbackBase(
  facts: ProjectFacts,
  target: "dev" | "prod",
  spa: boolean,
  site: string | undefined,
  prodSite?: string,
): string {
  if (!spa) return target === "dev" ? localOrigin(facts) : (prodSite ?? "<your production URL>");
  if (target === "dev") return site ?? "https://<your dev deployment>.convex.site";
  return "https://<your prod deployment>.convex.site";
}

export async function planEnv(
  facts: ProjectFacts,
  values: EnvValues,
  methods: BetterAuthMethod[],
  spa: boolean,
  kit: Kit,
): Promise<void> {
  const site = await devSiteUrl(facts);
  const prodSite = values.siteUrl === undefined ? undefined : checkProdSiteUrl(values.siteUrl);
  if (values.siteUrl !== undefined && !values.prod)
    throw new AuthwireError("usage", "--site-url sets up production; add --prod.");
  for (const method of ["github", "google"] as const) {
    const given =
      method === "github"
        ? (values.githubClientId ?? values.githubClientSecret)
        : (values.googleClientId ?? values.googleClientSecret);
    if (given !== undefined && !methods.includes(method))
      throw new AuthwireError(
        "usage",
        `--${method}-client-id/secret are for the ${method} sign-in method; add ${method} to --methods.`,
      );
  }

  for (const target of values.prod ? (["dev", "prod"] as const) : (["dev"] as const)) {
    kit.env("BETTER_AUTH_SECRET", {
      target,
      secret: true,
      value: generateSecret(),
      keepExisting: true,
      reason:
        "signs sessions and encrypts the component's signing keys (generated now; a value already there is kept, or every key would become unreadable)",
    });
    kit.env("SITE_URL", {
      target,
      value: target === "dev" ? localOrigin(facts) : prodSite,
      obtainedBy: BETTER_AUTH_STEPS.prodSite,
      reason:
        target === "dev"
          ? `the app's origin: the dev server (port ${facts.devServer.port ?? 3000}, ${facts.devServer.source})`
          : "the production app's origin",
    });
    for (const method of ["github", "google"] as const) {
      if (!methods.includes(method)) continue;
      const step = socialStep(method, target, callbackBase(facts, target, spa, site, prodSite));
      const NAME = method.toUpperCase();
      const [id, secret] =
        target === "prod"
          ? [undefined, undefined]
          : method === "github"
            ? [values.githubClientId, values.githubClientSecret]
            : [values.googleClientId, values.googleClientSecret];
      kit.env(`${NAME}_CLIENT_ID`, { target, value: id, obtainedBy: step, reason: `the ${method} OAuth client ID` });
      kit.env(`${NAME}_CLIENT_SECRET`, {
        target,
        secret: true,
        value: secret,
        obtainedBy: step,
        reason: `the ${method} OAuth client secret`,
      });
    }
  }

  // The client (and Next/Start's server helpers) call the deployment's HTTP Actions URL.
  kit.env(`${clientEnvPrefix(facts.framework.name)}CONVEX_SITE_URL`, {
    target: "local",
    value: site,
    obtainedBy: CREATE_DEPLOYMENT,
    reason: "the dev deployment's HTTP Actions URL (.convex.site), where Better Auth's routes are served",
  });
}
