/**
 * `authwire add clerk`'s options: the CLI flags, the MCP option names (the keys) and the human
 * step that yields each value. Kept free of imports so `authwire add --help` stays cheap.
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";

/** The dashboard pages the values come from (also the recipe's human steps). */
export const CLERK_STEPS = {
  apiKeys: {
    title:
      "Copy the publishable key (pk_test_…) and the secret key (sk_test_…) from the API keys page of your Clerk app's development instance",
    url: "https://dashboard.clerk.com/~/api-keys",
    why: "The publishable key goes to the browser and tells authwire the instance's Frontend API URL (the issuer Convex trusts); Next.js and TanStack Start also need the secret key on the server.",
  },
  integration: {
    title: "Activate the Convex integration in the Clerk dashboard",
    url: "https://dashboard.clerk.com/apps/setup/convex",
    why: 'Only then do Clerk\'s session tokens carry aud: "convex", the applicationID in convex/auth.config.ts; without it Convex rejects every token. The page also shows the Frontend API URL.',
  },
  signOutIn: {
    title: "Sign out of the app and sign back in once the integration is active",
    why: 'A session started before the integration keeps a token without aud: "convex" until it is renewed, and Convex rejects it.',
  },
  production: {
    title:
      "Open your Clerk production instance: activate the Convex integration there too, and copy its publishable key (pk_live_…) and Frontend API URL (https://clerk.<your-domain>)",
    url: "https://clerk.com/docs/deployments/overview",
    why: "A production instance is separate from the development one (integrations don't copy over); the prod Convex deployment must trust its issuer, never the development one.",
  },
} satisfies Record<string, HumanStep>;

export const options = {
  clerkPublishableKey: {
    flag: "--clerk-publishable-key",
    description: "the Clerk publishable key of the development instance (pk_test_…); the issuer is read from it",
    obtainedBy: CLERK_STEPS.apiKeys,
    env: ["VITE_CLERK_PUBLISHABLE_KEY", "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "dev:CLERK_JWT_ISSUER_DOMAIN"],
  },
  clerkIssuer: {
    flag: "--clerk-issuer",
    description: "the Frontend API URL (https://….clerk.accounts.dev); default: read from the publishable key",
    obtainedBy: CLERK_STEPS.integration,
  },
  clerkSecretKey: {
    flag: "--clerk-secret-key",
    description: "the Clerk secret key (sk_test_…; Next.js and TanStack Start)",
    secret: true,
    fromEnv: "CLERK_SECRET_KEY",
    obtainedBy: CLERK_STEPS.apiKeys,
    env: ["local:CLERK_SECRET_KEY"],
  },
  prodClerkPublishableKey: {
    flag: "--prod-clerk-publishable-key",
    description: "with --prod: the production instance's publishable key (pk_live_…); the prod issuer is read from it",
    obtainedBy: CLERK_STEPS.production,
    env: ["prod:CLERK_JWT_ISSUER_DOMAIN"],
  },
  prodClerkIssuer: {
    flag: "--prod-clerk-issuer",
    description:
      "with --prod: the production Frontend API URL (https://clerk.<your-domain>); default: read from --prod-clerk-publishable-key",
    obtainedBy: CLERK_STEPS.production,
  },
} satisfies RecipeOptions;
