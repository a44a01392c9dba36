/**
 * `authwire add better-auth` options (flags), kept free of heavy imports so `authwire add --help`
 * stays cheap. The flags shared with `add convex-auth` (--methods, --github-client-id, --site-url…)
 * mean the same thing there; the deployment variables they fill are Better Auth's.
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";

/** The sign-in methods `--methods` takes; email and password is the default. */
export const BETTER_AUTH_METHODS = ["password", "github", "google"] as const;
export type BetterAuthMethod = (typeof BETTER_AUTH_METHODS)[number];

export const DOCS = "https://labs.convex.dev/better-auth";

export const BETTER_AUTH_STEPS = {
  githubApp: {
    title: "Create a GitHub OAuth app and copy its client ID and a client secret",
    url: "https://github.com/settings/applications/new",
    why: "Better Auth signs users in with GitHub through it; the callback URL ends in /api/auth/callback/github.",
  },
  googleClient: {
    title: "Create a Google OAuth client (Web application) and copy its client ID and secret",
    url: "https://console.cloud.google.com/apis/credentials",
    why: "Better Auth signs users in with Google through it; the redirect URI ends in /api/auth/callback/google.",
  },
  prodSite: {
    title: "Decide the production URL of your app (e.g. https://app.example.com)",
    why: "On production, Better Auth trusts requests from SITE_URL only (anything else is rejected as an invalid origin); pass it with --site-url.",
  },
} satisfies Record<string, HumanStep>;

export const options = {
  methods: {
    flag: "--methods",
    type: "list",
    description: `sign-in methods, comma-separated: ${BETTER_AUTH_METHODS.join(", ")} (default: password)`,
  },
  githubClientId: {
    flag: "--github-client-id",
    description: "the GitHub OAuth app's client ID (dev deployment)",
    env: ["dev:GITHUB_CLIENT_ID"],
    obtainedBy: BETTER_AUTH_STEPS.githubApp,
  },
  githubClientSecret: {
    flag: "--github-client-secret",
    description: "the GitHub OAuth app's client secret (dev deployment)",
    secret: true,
    fromEnv: "GITHUB_CLIENT_SECRET",
    env: ["dev:GITHUB_CLIENT_SECRET"],
    obtainedBy: BETTER_AUTH_STEPS.githubApp,
  },
  googleClientId: {
    flag: "--google-client-id",
    description: "the Google OAuth client ID (dev deployment)",
    env: ["dev:GOOGLE_CLIENT_ID"],
    obtainedBy: BETTER_AUTH_STEPS.googleClient,
  },
  googleClientSecret: {
    flag: "--google-client-secret",
    description: "the Google OAuth client secret (dev deployment)",
    secret: true,
    fromEnv: "GOOGLE_CLIENT_SECRET",
    env: ["dev:GOOGLE_CLIENT_SECRET"],
    obtainedBy: BETTER_AUTH_STEPS.googleClient,
  },
  siteUrl: {
    flag: "--site-url",
    description: "the production app's URL, for SITE_URL on the prod deployment (with --prod)",
    env: ["prod:SITE_URL"],
    obtainedBy: BETTER_AUTH_STEPS.prodSite,
  },
  replace: {
    flag: "--replace",
    type: "boolean",
    description:
      "Better Auth: replace the app's other auth provider (its auth.config entries and its Convex client bridge)",
  },
} as const satisfies RecipeOptions;
