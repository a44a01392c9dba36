/**
 * `authwire add convex-auth`: what `npx @convex-dev/auth` does, as a reviewable, non-interactive
 * plan — SITE_URL and a fresh RS256 key pair on the deployment (kept when already there), the
 * chosen sign-in methods in convex/auth.ts with their env (pending with the dashboard step when
 * not given), the HTTP routes, authTables, the auth.config entry, convex/tsconfig.json, the client
 * provider for the framework and a small sign-in component. (docs/internals/provider-setup.md#convex-auth)
 */
import { AuthwireError } from "../../errors.ts";
import { createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { defineRecipe } from "../define.ts";
import { COMMON_OPTIONS } from "../index.ts";
import { localOrigin } from "../frameworks.ts";
import { VERSIONS } from "../versions.ts";
import { planBackend } from "./backend.ts";
import { callbackUrl, checkOptionUse, planEnv, type ConvexAuthOptions } from "./env.ts";
import { METHOD_SPECS, parseMethods } from "./methods.ts";
import { METHODS, options, type Method } from "./options.ts";
import { planNextApp, planNextPages } from "./next.ts";
import { signInComponent } from "./sign-in.ts";
import { planVite } from "./vite.ts";
import { nextStepsV2, planV2 } from "./v2/recipe.ts";

/** The line the plan follows: v1 where the app already uses v1 (never migrated silently), else v2. */
export function convexAuthLine(facts: ProjectFacts): 1 | 2 {
  return facts.convexAuth?.major === 1 ? 1 : 2;
}

const DOCS = "https://labs.convex.dev/auth/setup";

function methodsOf(values: ConvexAuthOptions): Method[] {
  const { methods, unknown } = parseMethods(values.methods);
  if (unknown.length > 0) {
    throw new AuthwireError(
      "usage",
      `--methods: unknown sign-in method${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`,
      {
        hint: `Choose from: ${METHODS.join(", ")}.`,
      },
    );
  }
  return methods;
}

/** Where the sign-in component goes: beside the app's code, never in a routes folder. */
export function signInPath(facts: ProjectFacts): string {
  const src = facts.framework.name === "vite" || facts.entries.usesSrc ? "src/" : "";
  return facts.framework.name === "vite" ? `${src}SignIn.tsx` : `${src}components/SignIn.tsx`;
}

export default defineRecipe({
  id: "convex-auth",
  docs: DOCS,
  options: { ...COMMON_OPTIONS, ...options },
  supports(facts) {
    if (convexAuthLine(facts) === 2 && facts.framework.name === "tanstack-start") {
      return {
        unsupported:
          "Convex Auth v2 has no TanStack Start helper (its only SSR client provider is Next.js's) and authwire doesn't hand-wire @convex-dev/auth/ssr there; use Clerk or WorkOS AuthKit on TanStack Start",
      };
    }
    const next = facts.framework.name === "next-app" || facts.framework.name === "next-pages";
    if (convexAuthLine(facts) === 2 && next && facts.framework.major !== null && facts.framework.major < 16) {
      return {
        unsupported: `Convex Auth v2 needs Next 16 (@convex-dev/auth 2.x declares next ^16: proxy.ts and its server helpers), and this app has next ${facts.framework.version}; upgrade Next first`,
      };
    }
    switch (facts.framework.name) {
      case "vite":
      case "next-app":
      case "next-pages":
        return "ok";
      case "tanstack-start":
        return {
          unsupported:
            "Convex Auth on TanStack Start is not documented by Convex and `npm create convex` doesn't offer it; use Clerk or WorkOS AuthKit there (or wire ConvexAuthProvider by hand, at your own risk)",
        };
      case "expo":
        return {
          unsupported:
            "Expo needs ConvexAuthProvider with secure token storage, which authwire doesn't wire yet; follow https://labs.convex.dev/auth/setup",
        };
      default:
        return {
          unsupported: "authwire could not tell the app's framework; pass --framework vite or --framework next",
        };
    }
  },
  async plan(facts, values, kit) {
    if (convexAuthLine(facts) === 2) return planV2(facts, values, kit);
    const methods = methodsOf(values);
    checkOptionUse(values, methods);
    kit.install("@convex-dev/auth", VERSIONS["@convex-dev/auth"]);
    kit.install("@auth/core", VERSIONS["@auth/core"]);
    await planEnv(facts, values, methods, kit);
    await planBackend(facts, methods, kit);
    if (facts.framework.name === "vite") planVite(facts, kit);
    else if (facts.framework.name === "next-app") await planNextApp(facts, kit);
    else planNextPages(facts, kit);
    if (facts.typescript) {
      kit.file(
        signInPath(facts),
        createFile(
          signInComponent(methods, { client: facts.framework.name === "next-app" }),
          "add a sign-in component for the chosen methods",
        ),
      );
    }
  },
  nextSteps(facts, values) {
    if (convexAuthLine(facts) === 2) return nextStepsV2(facts, values);
    const methods = parseMethods(values.methods).methods;
    const steps = [
      `This app is on Convex Auth v1 (${facts.convexAuth?.version ?? "0.0.x"}), so authwire kept it on v1. Convex Auth v2 (@convex-dev/auth 2.x) is the current release; moving is a manual migration (components, convexAuthProvider(), no keys): https://docs.convex.dev/auth/convex-auth.`,
      "Run `npx convex dev`: it pushes convex/auth.ts, http.ts, the schema and auth.config.ts. Sign-in needs SITE_URL, JWT_PRIVATE_KEY and JWKS on the deployment: authwire sets them when a deployment is configured; if none was, run `authwire add convex-auth` again once `npx convex dev` has made one.",
    ];
    if (facts.typescript)
      steps.push(
        `Render <SignIn /> from ${signInPath(facts)} where users should sign in (it shows a sign-out button once they are).`,
      );
    for (const provider of ["github", "google"] as const) {
      if (methods.includes(provider)) {
        steps.push(
          `${METHOD_SPECS[provider].label} OAuth callback URL: ${callbackUrl(facts, "dev", provider)} (homepage / origin: ${localOrigin(facts)}).`,
        );
      }
    }
    if (methods.includes("resend-otp") || methods.includes("magic-link")) {
      steps.push(
        "Emails go out from Resend's test sender (onboarding@resend.dev) until you verify a domain in Resend and change `from`.",
      );
    }
    steps.push(
      "`authwire keys` checks JWT_PRIVATE_KEY and JWKS on the deployment; `authwire keys --rotate` replaces them (everyone is signed out).",
    );
    steps.push("`authwire doctor` checks the whole setup.");
    return steps;
  },
});
