/**
 * `authwire add auth0`'s options: the CLI flags, the MCP option names (the keys) and the human
 * step that yields each value. Kept free of imports so `authwire add --help` stays cheap.
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";

export const AUTH0_STEPS = {
  application: {
    title:
      "Create a Single Page Application in Auth0 (Applications → Create Application → Single Page Web Applications) and copy its Domain and Client ID from the Settings tab",
    url: "https://manage.auth0.com/#/applications",
    why: "Convex trusts ID tokens issued by the tenant's domain whose audience is this client ID; the React SDK signs in with the same two values.",
  },
  production: {
    title:
      "Create the production Auth0 application (a separate production tenant is best) and copy its Domain and Client ID",
    url: "https://manage.auth0.com/#/applications",
    why: "The production deployment must trust the production application's tokens, never the development one's.",
  },
} satisfies Record<string, HumanStep>;

export const options = {
  auth0Domain: {
    flag: "--auth0-domain",
    description: "the Auth0 application's Domain (your-tenant.us.auth0.com, or your custom domain)",
    obtainedBy: AUTH0_STEPS.application,
    env: ["VITE_AUTH0_DOMAIN", "NEXT_PUBLIC_AUTH0_DOMAIN", "dev:AUTH0_DOMAIN"],
  },
  auth0ClientId: {
    flag: "--auth0-client-id",
    description: "the Auth0 application's Client ID (the ID token's audience, Convex's applicationID)",
    obtainedBy: AUTH0_STEPS.application,
    env: ["VITE_AUTH0_CLIENT_ID", "NEXT_PUBLIC_AUTH0_CLIENT_ID", "dev:AUTH0_CLIENT_ID"],
  },
  prodAuth0Domain: {
    flag: "--prod-auth0-domain",
    description: "with --prod: the production application's Domain",
    obtainedBy: AUTH0_STEPS.production,
    env: ["prod:AUTH0_DOMAIN"],
  },
  prodAuth0ClientId: {
    flag: "--prod-auth0-client-id",
    description: "with --prod: the production application's Client ID (not the development one)",
    obtainedBy: AUTH0_STEPS.production,
    env: ["prod:AUTH0_CLIENT_ID"],
  },
  prodUrl: {
    flag: "--prod-url",
    description: "with --prod: the production app's origin (https://app.example.com), for Auth0's allowed URLs",
  },
} satisfies RecipeOptions;
