/**
 * `authwire add convex-auth` options (flags), kept light: the CLI builds `add --help` from them
 * without loading the recipe. The key is the camelCase of the flag (the MCP/JSON name).
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";
import { V2_METHODS } from "./v2/methods.ts";

/** The sign-in methods `--methods` takes, in the order the plan and the sign-in UI list them. */
export const METHODS = ["password", "github", "google", "resend-otp", "magic-link", "anonymous"] as const;
export type Method = (typeof METHODS)[number];

const CALLBACK_NOTE = "callback URL: your deployment's HTTP Actions URL + /api/auth/callback/";

export const GITHUB_APP: HumanStep = {
  title: "Create a GitHub OAuth app and copy its client ID and a client secret",
  url: "https://github.com/settings/applications/new",
  why: `Convex Auth signs users in with GitHub through it. Homepage URL: your SITE_URL; ${CALLBACK_NOTE}github.`,
};
export const GOOGLE_CLIENT: HumanStep = {
  title: "Create a Google OAuth client (Web application) and copy its client ID and secret",
  url: "https://console.cloud.google.com/apis/credentials",
  why: `Convex Auth signs users in with Google through it. Authorized JavaScript origin: your SITE_URL; authorized redirect URI: ${CALLBACK_NOTE}google.`,
};
export const RESEND_KEY: HumanStep = {
  title: "Create a Resend API key",
  url: "https://resend.com/api-keys",
  why: "Convex Auth sends the sign-in codes and links by email through Resend.",
};
export const APPLE_KEY: HumanStep = {
  title: "Create a Sign in with Apple Services ID and key, and note the team ID, key ID and the .p8 key",
  url: "https://developer.apple.com/account/resources/identifiers/list/serviceId",
  why: "Convex Auth v2 signs users in with Apple through them. Return URL: your deployment's HTTP Actions URL + /oauth/apple/callback (Apple refuses localhost).",
};
export const PROD_SITE: HumanStep = {
  title: "Decide the production URL of your app (e.g. https://app.example.com)",
  why: "On production, Convex Auth redirects back to SITE_URL after OAuth and magic links; pass it with --site-url.",
};

export const options = {
  methods: {
    flag: "--methods",
    type: "list",
    description: `sign-in methods, comma-separated. v2 (new apps): ${V2_METHODS.join(", ")}; v1 apps: ${METHODS.join(", ")} (default: password)`,
  },
  githubClientId: {
    flag: "--github-client-id",
    description: "the GitHub OAuth app's client ID (dev deployment)",
    env: ["dev:AUTH_GITHUB_ID", "dev:AUTH_GITHUB_CLIENT_ID"],
    obtainedBy: GITHUB_APP,
  },
  githubClientSecret: {
    flag: "--github-client-secret",
    description: "the GitHub OAuth app's client secret (dev deployment)",
    secret: true,
    fromEnv: "AUTH_GITHUB_SECRET",
    env: ["dev:AUTH_GITHUB_SECRET", "dev:AUTH_GITHUB_CLIENT_SECRET"],
    obtainedBy: GITHUB_APP,
  },
  googleClientId: {
    flag: "--google-client-id",
    description: "the Google OAuth client ID (dev deployment)",
    env: ["dev:AUTH_GOOGLE_ID", "dev:AUTH_GOOGLE_CLIENT_ID"],
    obtainedBy: GOOGLE_CLIENT,
  },
  googleClientSecret: {
    flag: "--google-client-secret",
    description: "the Google OAuth client secret (dev deployment)",
    secret: true,
    fromEnv: "AUTH_GOOGLE_SECRET",
    env: ["dev:AUTH_GOOGLE_SECRET", "dev:AUTH_GOOGLE_CLIENT_SECRET"],
    obtainedBy: GOOGLE_CLIENT,
  },
  resendApiKey: {
    flag: "--resend-api-key",
    description: "the Resend API key: v2 email-password, v1 email codes and magic links (dev and, with --prod, prod)",
    secret: true,
    fromEnv: "AUTH_RESEND_KEY",
    env: ["AUTH_RESEND_KEY", "RESEND_API_KEY"],
    obtainedBy: RESEND_KEY,
  },
  siteUrl: {
    flag: "--site-url",
    description: "the production app's URL, for SITE_URL on the prod deployment (with --prod)",
    env: ["prod:SITE_URL"],
    obtainedBy: PROD_SITE,
  },
  prodGithubClientId: {
    flag: "--prod-github-client-id",
    description: "the client ID of a separate GitHub OAuth app for production (with --prod)",
    env: ["prod:AUTH_GITHUB_ID", "prod:AUTH_GITHUB_CLIENT_ID"],
    obtainedBy: GITHUB_APP,
  },
  prodGithubClientSecret: {
    flag: "--prod-github-client-secret",
    description: "its client secret (with --prod)",
    secret: true,
    fromEnv: "PROD_AUTH_GITHUB_SECRET",
    env: ["prod:AUTH_GITHUB_SECRET", "prod:AUTH_GITHUB_CLIENT_SECRET"],
    obtainedBy: GITHUB_APP,
  },
  prodGoogleClientId: {
    flag: "--prod-google-client-id",
    description: "the client ID of a separate Google OAuth client for production (with --prod)",
    env: ["prod:AUTH_GOOGLE_ID", "prod:AUTH_GOOGLE_CLIENT_ID"],
    obtainedBy: GOOGLE_CLIENT,
  },
  prodGoogleClientSecret: {
    flag: "--prod-google-client-secret",
    description: "its client secret (with --prod)",
    secret: true,
    fromEnv: "PROD_AUTH_GOOGLE_SECRET",
    env: ["prod:AUTH_GOOGLE_SECRET", "prod:AUTH_GOOGLE_CLIENT_SECRET"],
    obtainedBy: GOOGLE_CLIENT,
  },
  appleClientId: {
    flag: "--apple-client-id",
    description: "v2 apple: the Services ID (dev deployment)",
    env: ["dev:AUTH_APPLE_CLIENT_ID"],
    obtainedBy: APPLE_KEY,
  },
  appleTeamId: {
    flag: "--apple-team-id",
    description: "v2 apple: the Apple developer team ID (dev deployment)",
    env: ["dev:AUTH_APPLE_TEAM_ID"],
    obtainedBy: APPLE_KEY,
  },
  appleKeyId: {
    flag: "--apple-key-id",
    description: "v2 apple: the Sign in with Apple key ID (dev deployment)",
    env: ["dev:AUTH_APPLE_KEY_ID"],
    obtainedBy: APPLE_KEY,
  },
  applePrivateKey: {
    flag: "--apple-private-key",
    description: "v2 apple: the Sign in with Apple private key, the .p8 file's contents (dev deployment)",
    secret: true,
    fromEnv: "AUTH_APPLE_PRIVATE_KEY",
    env: ["dev:AUTH_APPLE_PRIVATE_KEY"],
    obtainedBy: APPLE_KEY,
  },
} as const satisfies RecipeOptions;
