/**
 * `authwire add workos`: WorkOS AuthKit for React + Vite, Next.js App Router and TanStack Start,
 * with a Convex-managed WorkOS team (convex.json `authKit`, provisioned by `npx convex dev`) or an
 * existing one (client ID and API key on the deployment, dashboard settings listed). Every URL
 * uses the dev server's detected port. (docs/internals/provider-setup.md#workos, docs/internals/convex-auth.md#convexjson)
 */
import { randomBytes } from "node:crypto";
import type { Kit } from "../../changes/kit.ts";
import { CONVEX_JSON_SCHEMA_PATH } from "../../config/convex-json.ts";
import { parseDotenv, type EnvValues } from "../../config/dotenv.ts";
import { addAuthConfigProvider } from "../../edit/index.ts";
import { AuthwireError, type HumanStep } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { defineRecipe, humanStep, type OptionValues } from "../define.ts";
import { authConfigPath } from "../shared/index.ts";
import { devSection, mergeAuthKit, productionSections, type AuthKitSections } from "./convex-json.ts";
import { planNext } from "./next.ts";
import { options, WORKOS_DEV_KEYS, WORKOS_PROD_KEYS } from "./options.ts";
import { parseProdUrl, workosSettings, type WorkosFramework, type WorkosSettings } from "./settings.ts";
import { planTanstack } from "./tanstack.ts";
import { planVite } from "./vite.ts";

const allOptions = { ...COMMON_OPTIONS, ...options };
type Values = OptionValues<typeof allOptions>;

export const DOCS = "https://docs.convex.dev/auth/authkit";
export const WORKOS_DASHBOARD = "https://dashboard.workos.com/";
export const WORKOS_SESSIONS = "https://dashboard.workos.com/environment/authentication/sessions";
/** authkit-nextjs and the TanStack SDK refuse shorter cookie passwords (AW209). */
export const COOKIE_PASSWORD_MIN = 32;

/** The step a managed team needs once: provisioning asks questions, so it needs a terminal. */
export function runConvexDevStep(settings: WorkosSettings): HumanStep {
  const local = settings.server
    ? `WORKOS_CLIENT_ID, WORKOS_API_KEY and ${settings.redirectVar}`
    : `${settings.clientIdVar} and ${settings.redirectVar}`;
  const step = humanStep(
    "Run `npx convex dev` in a terminal once",
    "https://docs.convex.dev/auth/authkit/auto-provision",
    `The first run provisions WorkOS interactively: it creates or links the Convex-managed WorkOS team (you accept WorkOS's terms and pick an email) and an AuthKit environment for this dev deployment, sets WORKOS_CLIENT_ID and WORKOS_API_KEY on the deployment, writes ${local} to .env.local and registers ${settings.redirectUri} and ${settings.origin} with WorkOS. It can't ask without a terminal, so authwire leaves it to you; restart it if it is already running.`,
  );
  return { ...step, command: "npx convex dev --once" };
}

export default defineRecipe({
  id: "workos",
  docs: DOCS,
  options: allOptions,
  supports(facts) {
    switch (facts.framework.name) {
      case "vite":
      case "next-app":
      case "tanstack-start":
        return "ok";
      case "next-pages":
        return {
          unsupported:
            "@workos-inc/authkit-nextjs works with the Next.js App Router only (its proxy/middleware session, route handlers and server components); the Pages Router has no supported AuthKit path. Move the pages that need sign-in to app/, then run this again",
        };
      case "expo":
        return { unsupported: "WorkOS AuthKit has no documented React Native/Expo integration with Convex" };
      default:
        return {
          unsupported:
            "authwire wires WorkOS AuthKit into React + Vite, Next.js App Router and TanStack Start apps; no such framework was detected (try --framework)",
        };
    }
  },
  async plan(facts, values, kit) {
    const framework = facts.framework.name as WorkosFramework;
    const settings = workosSettings(facts, framework);
    const localEnv = parseDotenv((await facts.files.read(".env.local")) ?? "");
    const team = resolveTeam(values);
    const prod = values.prod ? resolveProd(values, team, localEnv, settings) : undefined;

    planAuthConfig(facts, kit);
    kit.env(settings.redirectVar, {
      target: "local",
      value: settings.redirectUri,
      reason: `the WorkOS callback on the dev server's port (${settings.portSource})`,
    });
    if (settings.server) planCookiePassword(localEnv, kit);

    if (team === "managed") await planManaged(facts, settings, localEnv, prod, kit);
    else planExisting(settings, values, localEnv, prod, kit);

    if (framework === "vite") planVite(facts, kit);
    else if (framework === "next-app") await planNext(facts, settings, kit);
    else await planTanstack(facts, settings, kit);
  },
  nextSteps(facts, values, { setDeploymentEnv }) {
    const framework = facts.framework.name;
    const team = values.workosTeam ?? (values.workosClientId ? "existing" : "managed");
    const steps: string[] = [];
    if (team === "existing") {
      const clientId = typeof values.workosClientId === "string" ? values.workosClientId : "<client id>";
      steps.push(
        `Run \`npx convex dev\`: it pushes convex/auth.config.ts to the dev deployment, which must have WORKOS_CLIENT_ID set first${setDeploymentEnv ? ` (authwire sets it when a deployment is configured; else: npx convex env set WORKOS_CLIENT_ID ${clientId})` : ""}.`,
      );
    }
    if (framework === "vite") {
      steps.push(
        "Sign in with `const { signIn, signOut, user } = useAuth()` from @workos-inc/authkit-react; gate Convex data with <Authenticated> / useConvexAuth() from convex/react.",
      );
    } else if (framework === "next-app") {
      steps.push(
        "Link to /sign-in and /sign-up; sign out with `signOut()` from @workos-inc/authkit-nextjs; gate Convex data with <Authenticated> / useConvexAuth() from convex/react.",
      );
      steps.push(
        "Server components: `const { accessToken } = await withAuth()`, then pass `{ token: accessToken }` to preloadQuery/fetchQuery.",
      );
    } else {
      steps.push(
        "Run `npm run dev` once: TanStack Start regenerates src/routeTree.gen.ts with the new /callback, /sign-in and /sign-up routes (type-checking fails until it has).",
      );
      steps.push(
        "Link to /sign-in and /sign-up; gate Convex data with <Authenticated> / useConvexAuth() from convex/react.",
      );
    }
    return steps;
  },
});

function resolveTeam(values: Values): "managed" | "existing" {
  const team = values.workosTeam ?? (values.workosClientId ? "existing" : "managed");
  if (team !== "managed" && team !== "existing") {
    throw new AuthwireError("usage", `--workos-team takes managed or existing, not "${team}".`);
  }
  if (team === "managed") {
    for (const [key, flag] of [
      ["workosClientId", "--workos-client-id"],
      ["prodWorkosClientId", "--prod-workos-client-id"],
    ] as const) {
      if (values[key] !== undefined) {
        throw new AuthwireError("usage", `${flag} is for --workos-team existing.`, {
          hint: "With a Convex-managed team, `npx convex dev` provisions the dev environment and production gets its own in the Convex dashboard.",
        });
      }
    }
  }
  if (!values.prod) {
    for (const [key, flag] of [
      ["prodWorkosClientId", "--prod-workos-client-id"],
      ["prodUrl", "--prod-url"],
    ] as const) {
      if (values[key] !== undefined) throw new AuthwireError("usage", `${flag} needs --prod.`);
    }
  }
  return team;
}

interface ProdSetup {
  /** The production origin, when `--prod-url` gave one. */
  origin?: string;
}

/** Production is a separate WorkOS environment: refuse the staging client or key for it. */
function resolveProd(
  values: Values,
  team: "managed" | "existing",
  localEnv: EnvValues,
  settings: WorkosSettings,
): ProdSetup {
  let origin: string | undefined;
  if (values.prodUrl !== undefined) {
    const parsed = parseProdUrl(values.prodUrl);
    if ("problem" in parsed) throw new AuthwireError("usage", parsed.problem);
    origin = parsed.origin;
  }
  if (team === "existing") {
    const devClient = values.workosClientId ?? localEnv[settings.clientIdVar] ?? localEnv.WORKOS_CLIENT_ID;
    if (values.prodWorkosClientId !== undefined && values.prodWorkosClientId === devClient) {
      throw new AuthwireError(
        "usage",
        `--prod-workos-client-id is the staging client ${devClient}; production needs the client ID of your WorkOS production environment.`,
        {
          hint: `${WORKOS_PROD_KEYS.title}: ${WORKOS_PROD_KEYS.url}`,
        },
      );
    }
    if (
      values.prodWorkosApiKey !== undefined &&
      values.prodWorkosApiKey === (values.workosApiKey ?? localEnv.WORKOS_API_KEY)
    ) {
      throw new AuthwireError(
        "usage",
        "The production WorkOS API key is the staging one; production needs the API key of your WorkOS production environment.",
        {
          hint: `${WORKOS_PROD_KEYS.title}: ${WORKOS_PROD_KEYS.url}`,
        },
      );
    }
  }
  return { ...(origin && { origin }) };
}

/** The two customJwt entries of every WorkOS setup, keyed on WORKOS_CLIENT_ID (docs/internals/provider-setup.md#workos). */
function planAuthConfig(facts: ProjectFacts, kit: Kit): void {
  const path = authConfigPath(facts);
  const clientId = { env: "WORKOS_CLIENT_ID" };
  const jwks = { template: ["https://api.workos.com/sso/jwks/", clientId] };
  kit.file(
    path,
    addAuthConfigProvider({
      provider: {
        type: "customJwt",
        issuer: "https://api.workos.com/",
        algorithm: "RS256",
        jwks,
        applicationID: clientId,
      },
    }),
    { reason: "trust WorkOS tokens for this client (the shared issuer, checked against the client ID as audience)" },
  );
  kit.file(
    path,
    addAuthConfigProvider({
      provider: {
        type: "customJwt",
        issuer: { template: ["https://api.workos.com/user_management/", clientId] },
        algorithm: "RS256",
        jwks,
      },
    }),
    { reason: "trust AuthKit access tokens (the client's own user-management issuer; they carry no audience)" },
  );
}

/** A fresh WORKOS_COOKIE_PASSWORD unless .env.local holds one long enough (never regenerated). */
function planCookiePassword(localEnv: EnvValues, kit: Kit): void {
  const current = localEnv.WORKOS_COOKIE_PASSWORD;
  if (current !== undefined && current.length >= COOKIE_PASSWORD_MIN) return;
  kit.env("WORKOS_COOKIE_PASSWORD", {
    target: "local",
    secret: true,
    value: randomBytes(32).toString("base64url"),
    reason:
      current === undefined
        ? "encrypts the AuthKit session cookie (random, 43 characters)"
        : `the one in .env.local has ${current.length} characters; AuthKit needs at least ${COOKIE_PASSWORD_MIN}`,
  });
}

async function planManaged(
  facts: ProjectFacts,
  settings: WorkosSettings,
  localEnv: EnvValues,
  prod: ProdSetup | undefined,
  kit: Kit,
): Promise<void> {
  const sections: AuthKitSections = { dev: devSection(settings), ...(prod && productionSections(prod.origin)) };
  const schemaText = await facts.files.read(CONVEX_JSON_SCHEMA_PATH);
  kit.file("convex.json", mergeAuthKit(sections, { schemaText }), {
    reason: `authKit for the Convex-managed WorkOS team: ${settings.redirectUri} and ${settings.origin} on the dev server's port (${settings.portSource})`,
  });
  // .env.local already has the client ID once `npx convex dev` has provisioned this deployment.
  if (localEnv[settings.clientIdVar] === undefined) kit.humanStep(runConvexDevStep(settings));
  if (prod) {
    kit.humanStep(
      humanStep(
        "Create the production AuthKit environment in the Convex dashboard: your production deployment → Settings → Integrations → WorkOS Authentication",
        "https://dashboard.convex.dev",
        "`npx convex dev` provisions dev deployments only; production gets its own WorkOS environment (a team or project admin creates it), so staging users and settings never reach production. `npx convex deploy` then configures it from convex.json's authKit.prod.",
      ),
    );
    kit.humanStep(hostEnvStep(settings, prod.origin, "managed"));
  }
}

function planExisting(
  settings: WorkosSettings,
  values: Values,
  localEnv: EnvValues,
  prod: ProdSetup | undefined,
  kit: Kit,
): void {
  const clientId = values.workosClientId;
  const apiKey = values.workosApiKey;
  kit.env("WORKOS_CLIENT_ID", {
    target: "dev",
    value: clientId,
    obtainedBy: WORKOS_DEV_KEYS,
    reason: "auth.config.ts reads it",
  });
  kit.env("WORKOS_API_KEY", {
    target: "dev",
    value: apiKey,
    secret: true,
    obtainedBy: WORKOS_DEV_KEYS,
    reason: "lets the Convex CLI configure the WorkOS environment",
  });
  kit.env(settings.clientIdVar, {
    target: "local",
    value: clientId,
    obtainedBy: WORKOS_DEV_KEYS,
    reason: "the app's AuthKit client",
  });
  if (settings.server) {
    kit.env("WORKOS_API_KEY", {
      target: "local",
      value: apiKey,
      secret: true,
      obtainedBy: WORKOS_DEV_KEYS,
      reason: "the AuthKit server SDK calls WorkOS with it",
    });
  }
  // Listed when this client is being set up; a re-run with the client already in .env.local (and
  // redirect URI unchanged) doesn't repeat steps authwire can't check.
  const settled =
    clientId !== undefined &&
    localEnv[settings.clientIdVar] === clientId &&
    localEnv[settings.redirectVar] === settings.redirectUri;
  if (!settled) dashboardSteps(settings, settings.origin, "staging").forEach((step) => kit.humanStep(step));
  if (prod) {
    kit.env("WORKOS_CLIENT_ID", {
      target: "prod",
      value: values.prodWorkosClientId,
      obtainedBy: WORKOS_PROD_KEYS,
      reason: "auth.config.ts reads it in production",
    });
    kit.env("WORKOS_API_KEY", {
      target: "prod",
      value: values.prodWorkosApiKey,
      secret: true,
      obtainedBy: WORKOS_PROD_KEYS,
      reason: "the production WorkOS environment's key",
    });
    dashboardSteps(settings, prod.origin ?? "https://<your production domain>", "production").forEach((step) =>
      kit.humanStep(step),
    );
    kit.humanStep(hostEnvStep(settings, prod.origin, "existing"));
  }
}

/** The WorkOS dashboard settings an existing team makes by hand, with the real values. */
export function dashboardSteps(
  settings: WorkosSettings,
  origin: string,
  environment: "staging" | "production",
): HumanStep[] {
  const redirectUri = `${origin}${settings.callbackPath}`;
  const where = environment === "staging" ? "staging environment" : "production environment";
  const port = environment === "staging" ? ` (the dev server's port, from ${settings.portSource})` : "";
  const more = settings.server
    ? `the sign-out redirect ${origin} and the sign-in endpoint ${origin}/sign-in`
    : `and the sign-out redirect ${origin}`;
  return [
    humanStep(
      `WorkOS dashboard (${where}) → Redirects: add the redirect URI ${redirectUri}`,
      WORKOS_DASHBOARD,
      `WorkOS sends users back after sign-in only to a registered redirect URI; this is the app's ${settings.callbackPath} route${port}.`,
    ),
    humanStep(
      `WorkOS dashboard (${where}) → Authentication → Sessions → CORS: add ${origin}`,
      WORKOS_SESSIONS,
      "The browser calls WorkOS from this origin to get and refresh access tokens; other origins are blocked.",
    ),
    humanStep(
      `WorkOS dashboard (${where}) → Redirects: set the app homepage URL ${origin}, ${more}`,
      WORKOS_DASHBOARD,
      settings.server
        ? "signOut() returns users to the sign-out redirect (required for sign-out); sign-ins that start outside the app (impersonation, a bookmarked hosted page) go to the sign-in endpoint."
        : "signOut() returns users to the sign-out redirect; the homepage is where WorkOS links back to the app.",
    ),
  ];
}

/** The production variables that live in the host (Vercel, Netlify…), not in Convex. */
function hostEnvStep(settings: WorkosSettings, origin: string | undefined, team: "managed" | "existing"): HumanStep {
  const redirect = origin ? `${origin}${settings.callbackPath}` : "https://<your production domain>/callback";
  const clientId = team === "existing" ? "the production client ID" : "the production environment's client ID";
  const vars = settings.server
    ? `WORKOS_CLIENT_ID (${clientId}), WORKOS_API_KEY (its API key), WORKOS_COOKIE_PASSWORD (a new random secret of 32+ characters) and ${settings.redirectVar}=${redirect}`
    : `${settings.clientIdVar} (${clientId}) and ${settings.redirectVar}=${redirect}${team === "managed" ? ", plus WORKOS_CLIENT_ID and WORKOS_API_KEY for `npx convex deploy` to configure the environment from convex.json" : ""}`;
  return humanStep(
    `Set the production environment variables in your host: ${vars}`,
    undefined,
    "The production build and server read these from the host, not from .env.local; the redirect URI must be the production callback, never localhost.",
  );
}
