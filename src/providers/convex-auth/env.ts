/**
 * The deployment variables Convex Auth reads, per target: SITE_URL, the key pair (generated here,
 * kept when the deployment already has one), and each method's client IDs, secrets and API key,
 * pending with the exact dashboard step when not given. (docs/internals/provider-setup.md#convex-auth)
 */
import type { Kit } from "../../changes/kit.ts";
import { deploymentUrls } from "../../config/deployment-urls.ts";
import { AuthwireError, type HumanStep } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import type { OptionValues } from "../define.ts";
import type { COMMON_OPTIONS } from "../index.ts";
import { localOrigin } from "../frameworks.ts";
import { generateConvexAuthKeys } from "./key-material.ts";
import { GITHUB_APP, GOOGLE_CLIENT, PROD_SITE, RESEND_KEY, options as OPTIONS, type Method } from "./options.ts";

export type ConvexAuthOptions = OptionValues<typeof COMMON_OPTIONS & typeof OPTIONS>;
type Target = "dev" | "prod";

const KEY_PAIR = ["JWT_PRIVATE_KEY", "JWKS"];

/** The deployment's HTTP Actions URL (`https://<name>.convex.site`) when the project names its dev deployment. */
export function devSiteUrl(facts: ProjectFacts): string | undefined {
  return facts.convex.deployment ? deploymentUrls(facts.convex.deployment)?.CONVEX_SITE_URL : undefined;
}

/** The OAuth callback URL on a deployment, exact when known, else with how to find it. */
export function callbackUrl(facts: ProjectFacts, target: Target, provider: string): string {
  const path = `/api/auth/callback/${provider}`;
  const site = target === "dev" ? devSiteUrl(facts) : undefined;
  if (site) return `${site}${path}`;
  const dashboard = target === "prod" ? "npx convex dashboard --prod" : "npx convex dashboard";
  return `https://<your ${target} deployment>.convex.site${path} (its HTTP Actions URL: \`${dashboard}\` → Settings → URL & Deploy Key)`;
}

function oauthStep(facts: ProjectFacts, target: Target, provider: "github" | "google", siteUrl: string): HumanStep {
  const base = provider === "github" ? GITHUB_APP : GOOGLE_CLIENT;
  const which = target === "prod" ? "a separate one for production" : "one for development";
  const callback = callbackUrl(facts, target, provider);
  const why =
    provider === "github"
      ? `Homepage URL: ${siteUrl}. Authorization callback URL: ${callback}.`
      : `Authorized JavaScript origin: ${siteUrl}. Authorized redirect URI: ${callback}.`;
  return { title: `${base.title} (${which})`, url: base.url, why: `${why} Each deployment needs its own OAuth app.` };
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
  if (/^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/.test(url.hostname)) {
    throw new AuthwireError("usage", `--site-url is the production SITE_URL; ${url.host} is a local address.`, {
      hint: "Pass the URL your app is served from in production (https://…).",
    });
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** Records the variables of one deployment. */
async function planTarget(
  facts: ProjectFacts,
  target: Target,
  methods: Method[],
  values: {
    siteUrl?: string;
    githubId?: string;
    githubSecret?: string;
    googleId?: string;
    googleSecret?: string;
    resendKey?: string;
  },
  kit: Kit,
): Promise<void> {
  const siteShown = values.siteUrl ?? (target === "prod" ? "your production URL" : localOrigin(facts));
  kit.env("SITE_URL", {
    target,
    value: values.siteUrl,
    obtainedBy: PROD_SITE,
    // A SITE_URL the deployment already has is kept unless one is given for it (as npx @convex-dev/auth does).
    keepExisting: target === "dev" || values.siteUrl === undefined,
    reason:
      target === "dev"
        ? "where Convex Auth sends users back after OAuth and email links: the dev server"
        : "where Convex Auth sends users back on production",
  });
  // A fresh pair per deployment: production never gets the dev keys.
  const keys = await generateConvexAuthKeys();
  kit.env("JWT_PRIVATE_KEY", {
    target,
    secret: true,
    value: keys.JWT_PRIVATE_KEY,
    keepExisting: KEY_PAIR,
    reason: "signs the session tokens (PKCS#8 RS256, generated now)",
  });
  kit.env("JWKS", {
    target,
    value: keys.JWKS,
    keepExisting: KEY_PAIR,
    reason: "the public key the tokens are verified with",
  });

  for (const provider of ["github", "google"] as const) {
    if (!methods.includes(provider)) continue;
    const step = oauthStep(facts, target, provider, siteShown);
    const NAME = provider.toUpperCase();
    const [id, secret] =
      provider === "github" ? [values.githubId, values.githubSecret] : [values.googleId, values.googleSecret];
    kit.env(`AUTH_${NAME}_ID`, { target, value: id, obtainedBy: step, reason: `${provider} OAuth client ID` });
    kit.env(`AUTH_${NAME}_SECRET`, {
      target,
      secret: true,
      value: secret,
      obtainedBy: step,
      reason: `${provider} OAuth client secret`,
    });
  }
  if (methods.includes("resend-otp") || methods.includes("magic-link")) {
    kit.env("AUTH_RESEND_KEY", {
      target,
      secret: true,
      value: values.resendKey,
      obtainedBy: RESEND_KEY,
      reason: "sends the sign-in emails",
    });
  }
}

/** The flag as the user types it (`--github-client-secret-stdin` for a secret). */
function flagOf(key: keyof typeof OPTIONS): string {
  const option: { flag: string; secret?: boolean } = OPTIONS[key];
  return option.secret ? `${option.flag}-stdin` : option.flag;
}

/** Options that only make sense with a method or with --prod are usage errors without them. */
export function checkOptionUse(options: ConvexAuthOptions, methods: Method[]): void {
  const needs: [keyof typeof OPTIONS, Method][] = [
    ["githubClientId", "github"],
    ["githubClientSecret", "github"],
    ["googleClientId", "google"],
    ["googleClientSecret", "google"],
    ["prodGithubClientId", "github"],
    ["prodGithubClientSecret", "github"],
    ["prodGoogleClientId", "google"],
    ["prodGoogleClientSecret", "google"],
  ];
  for (const [key, method] of needs) {
    if (options[key] !== undefined && !methods.includes(method)) {
      throw new AuthwireError(
        "usage",
        `${flagOf(key)} is for the ${method} sign-in method; add ${method} to --methods.`,
      );
    }
  }
  if (options.resendApiKey !== undefined && !methods.includes("resend-otp") && !methods.includes("magic-link")) {
    throw new AuthwireError(
      "usage",
      "--resend-api-key is for the resend-otp and magic-link methods; add one of them to --methods.",
    );
  }
  const prodOnly = [
    "siteUrl",
    "prodGithubClientId",
    "prodGithubClientSecret",
    "prodGoogleClientId",
    "prodGoogleClientSecret",
  ] as const;
  const given = prodOnly.filter((key) => options[key] !== undefined);
  if (!options.prod && given.length > 0) {
    throw new AuthwireError(
      "usage",
      `${given.map(flagOf).join(", ")} ${given.length === 1 ? "sets" : "set"} up production; add --prod.`,
    );
  }
}

/** Records every deployment variable: dev always, prod with --prod. */
export async function planEnv(
  facts: ProjectFacts,
  options: ConvexAuthOptions,
  methods: Method[],
  kit: Kit,
): Promise<void> {
  await planTarget(
    facts,
    "dev",
    methods,
    {
      siteUrl: localOrigin(facts),
      githubId: options.githubClientId,
      githubSecret: options.githubClientSecret,
      googleId: options.googleClientId,
      googleSecret: options.googleClientSecret,
      resendKey: options.resendApiKey,
    },
    kit,
  );
  if (!options.prod) return;
  await planTarget(
    facts,
    "prod",
    methods,
    {
      siteUrl: options.siteUrl === undefined ? undefined : checkProdSiteUrl(options.siteUrl),
      githubId: options.prodGithubClientId,
      githubSecret: options.prodGithubClientSecret,
      googleId: options.prodGoogleClientId,
      googleSecret: options.prodGoogleClientSecret,
      resendKey: options.resendApiKey,
    },
    kit,
  );
}
