/**
 * `authwire add workos` options: each is a CLI flag, an MCP option (its key) and, when a human
 * must fetch the value, the dashboard step that yields it. Kept light (types only) so
 * `authwire add --help` doesn't load the recipe.
 */
import type { HumanStep } from "../../errors.ts";
import type { RecipeOptions } from "../define.ts";

export const WORKOS_DEV_KEYS: HumanStep = {
  title: "Copy the client ID and API key of your WorkOS staging environment (Quick start)",
  url: "https://dashboard.workos.com/get-started",
  why: "WORKOS_CLIENT_ID tells Convex whose tokens to trust (auth.config.ts reads it); WORKOS_API_KEY lets the Convex CLI and the server SDKs call WorkOS.",
};

export const WORKOS_PROD_KEYS: HumanStep = {
  title: "Copy the client ID and API key of your WorkOS production environment (switch the dashboard to Production)",
  url: "https://dashboard.workos.com/api-keys",
  why: "Production uses its own WorkOS environment: its own client ID, API key and redirect URI. The staging client must not sign users into production.",
};

export const options = {
  workosTeam: {
    flag: "--workos-team",
    description:
      "managed (default: Convex creates the WorkOS team and an AuthKit environment per deployment, configured from convex.json) or existing (your own WorkOS team: pass its client ID and API key)",
  },
  workosClientId: {
    flag: "--workos-client-id",
    description: "the client ID (client_…) of your WorkOS staging environment (existing team)",
    env: ["dev:WORKOS_CLIENT_ID", "local:WORKOS_CLIENT_ID", "local:VITE_WORKOS_CLIENT_ID"],
    obtainedBy: WORKOS_DEV_KEYS,
  },
  workosApiKey: {
    flag: "--workos-api-key",
    description: "the API key (sk_test_…) of your WorkOS staging environment (existing team)",
    secret: true,
    fromEnv: "WORKOS_API_KEY",
    env: ["dev:WORKOS_API_KEY", "local:WORKOS_API_KEY"],
    obtainedBy: WORKOS_DEV_KEYS,
  },
  prodWorkosClientId: {
    flag: "--prod-workos-client-id",
    description:
      "the client ID of your WorkOS production environment (existing team, with --prod; never the staging one)",
    env: ["prod:WORKOS_CLIENT_ID"],
    obtainedBy: WORKOS_PROD_KEYS,
  },
  prodWorkosApiKey: {
    flag: "--prod-workos-api-key",
    description: "the API key (sk_live_…) of your WorkOS production environment (existing team, with --prod)",
    secret: true,
    fromEnv: "PROD_WORKOS_API_KEY",
    env: ["prod:WORKOS_API_KEY"],
    obtainedBy: WORKOS_PROD_KEYS,
  },
  prodUrl: {
    flag: "--prod-url",
    description:
      "the production app's origin (https://app.example.com), for its redirect URI, CORS origin and homepage (with --prod; a managed team defaults to Vercel's build variables)",
  },
} as const satisfies RecipeOptions;
