/**
 * `authwire add better-auth`: Better Auth through the Convex component `@convex-dev/better-auth`
 * (docs/internals/better-auth.md). Packages pinned inside the component's peer range, the component
 * mounted in convex/convex.config.ts, the instance in convex/auth.ts, its routes in http.ts,
 * `getAuthConfigProvider()` in auth.config.ts, BETTER_AUTH_SECRET (generated here) and SITE_URL on
 * the deployment, the deployment's site URL in .env.local, and the client per framework: vite.ts
 * (SPA, crossDomain), next.ts (App Router, proxied), tanstack.ts (Start, proxied).
 */
import semver from "semver";
import { AuthwireError } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { defineRecipe, type OptionValues } from "../define.ts";
import { localOrigin } from "../frameworks.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { authConfigPath } from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import {
  addBetterAuthConfigProvider,
  ensureInstance,
  mountComponent,
  registerRoutes,
  removeReplacedRoutes,
  type BetterAuthShape,
} from "./backend.ts";
import { planEnv } from "./env.ts";
import { planNext } from "./next.ts";
import { BETTER_AUTH_METHODS, DOCS, options, type BetterAuthMethod } from "./options.ts";
import { planTanstack } from "./tanstack.ts";
import { planVite } from "./vite.ts";

const allOptions = { ...COMMON_OPTIONS, ...options };
type Values = OptionValues<typeof allOptions>;

/** The component's peer range for better-auth (npm @convex-dev/better-auth@0.12.5 package.json). */
export const BETTER_AUTH_PEER_RANGE = ">=1.6.11 <1.7.0";
/** The component needs convex >= 1.25.0 (peer ^1.25.0; its client throws below). */
export const CONVEX_MINIMUM = "1.25.0";

export function methodsOf(values: Values): BetterAuthMethod[] {
  const given = values.methods ?? ["password"];
  const unknown = given.filter((method) => !(BETTER_AUTH_METHODS as readonly string[]).includes(method));
  if (unknown.length > 0)
    throw new AuthwireError(
      "usage",
      `--methods: unknown sign-in method${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`,
      {
        hint: `Better Auth here takes: ${BETTER_AUTH_METHODS.join(", ")}.`,
      },
    );
  if (given.length === 0) throw new AuthwireError("usage", "--methods needs at least one sign-in method.");
  return BETTER_AUTH_METHODS.filter((method) => given.includes(method));
}

/** The providers other than Better Auth the app already uses (with the evidence). */
export function otherProviders(facts: ProjectFacts): { name: string; evidence: string[] }[] {
  return facts.providers.filter((provider) => provider.name !== "better-auth");
}

function shapeOf(facts: ProjectFacts): BetterAuthShape {
  return facts.framework.name === "vite" ? "spa" : "server";
}

/** A version range the app already declares that lies outside `range` (its lowest version does). */
function outside(declared: string | undefined, range: string): boolean {
  if (!declared || !semver.validRange(declared)) return false;
  const lowest = semver.minVersion(declared);
  return lowest !== null && !semver.satisfies(lowest, range);
}

export default defineRecipe({
  id: "better-auth",
  docs: DOCS,
  options: allOptions,
  supports(facts) {
    switch (facts.framework.name) {
      case "vite":
      case "next-app":
        return "ok";
      case "tanstack-start":
        return facts.entries.rootRoute
          ? "ok"
          : { unsupported: "no root route (src/routes/__root.tsx) was found, and the SSR token goes there" };
      case "next-pages":
        return {
          unsupported:
            "the component's Next.js helpers (convexBetterAuthNextJs, the /api/auth route handler) are for the App Router; move to the App Router first, or use Clerk, Auth0 or Convex Auth on the Pages Router",
        };
      case "expo":
        return {
          unsupported:
            "Expo needs @better-auth/expo with secure storage and an app scheme, which authwire doesn't write yet; follow https://labs.convex.dev/better-auth/framework-guides/expo",
        };
      default:
        return {
          unsupported: "authwire couldn't tell the app's framework; pass --framework vite, next or tanstack-start",
        };
    }
  },
  async plan(facts, values: Values, kit) {
    const methods = methodsOf(values);
    const replace = Boolean(values.replace);
    const others = otherProviders(facts);
    if (others.length > 0 && !replace) {
      const names = others.map((provider) => `${provider.name} (${provider.evidence[0]})`).join(", ");
      throw new AuthwireError(
        "unsupported",
        `better-auth can't set up this app: it already uses ${names}, and one Convex client takes its tokens from one provider (Better Auth's convex() plugin also refuses a second applicationID "convex" entry).`,
        { hint: "Pass --replace to replace it with Better Auth, or remove it first.", docsUrl: DOCS },
      );
    }
    if (outside(facts.dependencies["better-auth"], BETTER_AUTH_PEER_RANGE) && !replace) {
      // The install below pins a version inside the range; say so in the plan rather than failing.
      kit.humanStep({
        title: `better-auth moves from ${facts.dependencies["better-auth"]} to ${VERSIONS["better-auth"]}`,
        why: `@convex-dev/better-auth ${VERSIONS["@convex-dev/better-auth"]} supports better-auth ${BETTER_AUTH_PEER_RANGE} only (its adapter breaks on 1.7); keep every @better-auth/* package on the same 1.6.x.`,
      });
    }
    kit.install("@convex-dev/better-auth", VERSIONS["@convex-dev/better-auth"]);
    kit.install("better-auth", VERSIONS["better-auth"]);
    if (outside(facts.convex.version ?? undefined, `>=${CONVEX_MINIMUM}`)) kit.install("convex", VERSIONS.convex);

    const shape = shapeOf(facts);
    const dir = facts.convex.dir;
    const ext = facts.typescript ? "ts" : "js";
    const existing = async (name: string) =>
      (await facts.files.exists(`${dir}/${name}.js`)) && !(await facts.files.exists(`${dir}/${name}.ts`))
        ? `${dir}/${name}.js`
        : `${dir}/${name}.${ext}`;
    kit.file(await existing("convex.config"), mountComponent());
    kit.file(authConfigPath(facts), addBetterAuthConfigProvider({ replace }), {
      reason: 'trust Better Auth\'s tokens: getAuthConfigProvider() (RS256, issuer CONVEX_SITE_URL, aud "convex")',
    });
    kit.file(await existing("auth"), ensureInstance({ shape, methods, typescript: facts.typescript }, { replace }));
    const http = await existing("http");
    if (replace) kit.file(http, removeReplacedRoutes());
    kit.file(http, registerRoutes(shape), {
      reason: `serve Better Auth's routes (/api/auth/*, the JWKS)${shape === "spa" ? " with CORS for the SPA's origin" : ""}`,
    });

    await planEnv(facts, values, methods, shape === "spa", kit);
    if (facts.framework.name === "vite") planVite(facts, kit, { methods, replace });
    else if (facts.framework.name === "next-app") await planNext(facts, kit, { methods, replace });
    else await planTanstack(facts, kit, { methods, replace });
  },
  nextSteps(facts, values) {
    return [
      "Run `npx convex dev`: it pushes the component, convex/auth.ts, http.ts and auth.config.ts. The deployment needs BETTER_AUTH_SECRET and SITE_URL first: authwire sets them when a deployment is configured; if none was, run `authwire add better-auth` again once `npx convex dev` has made one.",
      `Render <SignIn /> where users sign in; gate data on Convex's <Authenticated> (useConvexAuth), not on Better Auth's useSession. The dev server must run on ${localOrigin(facts)} (SITE_URL): Better Auth rejects other origins ("Invalid origin").`,
      "In Convex functions, `await authComponent.getAuthUser(ctx)` (convex/auth.ts) returns the signed-in user and throws when signed out; `safeGetAuthUser` returns undefined instead.",
      ...(values.prod
        ? [
            "Deploy with `npx convex deploy`: production has its own BETTER_AUTH_SECRET and SITE_URL (your production URL).",
          ]
        : []),
      ...(values.replace
        ? [
            "The replaced provider's packages, env variables and any provider component it rendered around the Convex bridge are still there: remove them once Better Auth works.",
          ]
        : []),
      "`authwire doctor` checks the whole setup (AW7xx are Better Auth's rules).",
    ];
  },
});
