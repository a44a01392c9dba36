/**
 * `authwire add clerk`: Convex trusts the Clerk instance's tokens (auth.config.ts +
 * CLERK_JWT_ISSUER_DOMAIN on the deployment), the app renders Clerk's provider and Convex's Clerk
 * bridge, and the human turns on the Convex integration in Clerk. Per framework: vite.ts, next.ts
 * (App and Pages Router), tanstack.ts. Facts: docs/internals/provider-setup.md#clerk.
 */
import semver from "semver";
import { addAuthConfigProvider } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { defineRecipe, type OptionValues } from "../define.ts";
import { clientEnvPrefix, isNext } from "../frameworks.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { authConfigPath } from "../shared/index.ts";
import { resolveClerk } from "./keys.ts";
import { planNext } from "./next.ts";
import { CLERK_STEPS, options } from "./options.ts";
import { planTanstack } from "./tanstack.ts";
import { planVite } from "./vite.ts";

const allOptions = { ...COMMON_OPTIONS, ...options };
type Values = OptionValues<typeof allOptions>;

/** @clerk/nextjs 7 (Clerk Core 3) needs Next.js 15.2.3 or newer. */
const NEXT_MINIMUM = "15.2.3";

function nextTooOld(facts: ProjectFacts): boolean {
  const range = facts.framework.version;
  const minimum = range && semver.validRange(range) ? semver.minVersion(range) : null;
  return minimum !== null && semver.lt(minimum, NEXT_MINIMUM);
}

function hostingStep(facts: ProjectFacts) {
  const key = `${clientEnvPrefix(facts.framework.name)}CLERK_PUBLISHABLE_KEY`;
  const server = facts.framework.name === "vite" ? "" : " and CLERK_SECRET_KEY=sk_live_…";
  return {
    title: `Set ${key}=pk_live_…${server} (the production instance's keys) where your production frontend is built and served`,
    why: "authwire writes the development keys to .env.local only; the production build must use the production instance's keys, or users sign in to the wrong instance.",
  };
}

export default defineRecipe({
  id: "clerk",
  docs: "https://docs.convex.dev/auth/clerk",
  options: allOptions,
  supports(facts) {
    switch (facts.framework.name) {
      case "vite":
        return "ok";
      case "next-app":
      case "next-pages":
        return nextTooOld(facts)
          ? {
              unsupported: `@clerk/nextjs ${"7"} (Clerk Core 3) needs Next.js ${NEXT_MINIMUM} or newer and the app allows ${facts.framework.version}; upgrade Next.js first`,
            }
          : "ok";
      case "tanstack-start":
        return facts.entries.rootRoute
          ? "ok"
          : {
              unsupported:
                "no root route (src/routes/__root.tsx) was found, and Clerk's provider and SSR token go there",
            };
      case "expo":
        return {
          unsupported:
            "Clerk on Expo needs @clerk/expo with a secure-store token cache and native configuration that authwire doesn't write yet; follow https://docs.convex.dev/auth/clerk (React Native)",
        };
      default:
        return {
          unsupported: "authwire couldn't tell the app's framework; pass --framework vite, next or tanstack-start",
        };
    }
  },
  async plan(facts, values: Values, kit) {
    const prod = Boolean(values.prod);
    const issuers = resolveClerk(values, prod);

    // Convex: trust the instance's issuer, with the audience the Convex integration puts in tokens.
    kit.file(
      authConfigPath(facts),
      addAuthConfigProvider({ provider: { domain: { env: "CLERK_JWT_ISSUER_DOMAIN" }, applicationID: "convex" } }),
      {
        reason: 'trust the Clerk instance\'s tokens (domain: CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex")',
      },
    );
    kit.env("CLERK_JWT_ISSUER_DOMAIN", {
      target: "dev",
      value: issuers.issuer,
      obtainedBy: CLERK_STEPS.apiKeys,
      reason: "auth.config.ts reads it: the development instance's Frontend API URL (the tokens' issuer)",
    });
    if (prod) {
      kit.env("CLERK_JWT_ISSUER_DOMAIN", {
        target: "prod",
        value: issuers.prodIssuer,
        obtainedBy: CLERK_STEPS.production,
        reason: "auth.config.ts reads it on production: the production instance's Frontend API URL",
      });
    }

    // The browser's Clerk client.
    kit.env(`${clientEnvPrefix(facts.framework.name)}CLERK_PUBLISHABLE_KEY`, {
      target: "local",
      value: values.clerkPublishableKey,
      obtainedBy: CLERK_STEPS.apiKeys,
      reason: "Clerk's provider reads it in the browser (a public key)",
    });
    if (facts.framework.name === "vite") planVite(facts, kit);
    else if (isNext(facts.framework.name)) await planNext(facts, values, kit);
    else await planTanstack(facts, values, kit);

    kit.humanStep(CLERK_STEPS.integration);
    kit.humanStep(CLERK_STEPS.signOutIn);
    if (prod) {
      kit.humanStep(CLERK_STEPS.production);
      kit.humanStep(hostingStep(facts));
    }
  },
  nextSteps(_facts, values, { setDeploymentEnv }) {
    // With --no-env the plan's steps hold the command; said once, there.
    const issuer = setDeploymentEnv ? resolveClerk(values, false).issuer : undefined;
    return [
      `Run \`npx convex dev\`: it pushes convex/auth.config.ts to the dev deployment, which must have CLERK_JWT_ISSUER_DOMAIN set first${issuer ? ` (authwire sets it when a deployment is configured; else: npx convex env set CLERK_JWT_ISSUER_DOMAIN ${issuer})` : ""}.`,
      "Render <AuthButtons /> (authwire created it) where users sign in; gate data on Convex's <Authenticated>, not on Clerk's own state.",
      "In Convex functions, ctx.auth.getUserIdentity() now returns the Clerk user (null when signed out).",
      ...(values.prod
        ? [
            "Deploy with `npx convex deploy`: it pushes auth.config.ts to production, which trusts the production instance.",
          ]
        : []),
    ];
  },
});
