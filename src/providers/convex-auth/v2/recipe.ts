/**
 * `authwire add convex-auth` on an app without Convex Auth: v2 (`@convex-dev/auth` 2.x). There is
 * no CLI and no key material: the deployment signs the tokens itself (convex >= 1.48). The plan
 * installs compatible packages, mounts the components, writes the app's users table, createUser
 * mutations and convex/auth.ts, puts `convexAuthProvider()` in auth.config, sets the env the
 * methods need, and wires the client (docs/internals/convex-auth-v2.md).
 */
import { runningVersion } from "../../../project/lockfiles.ts";
import type { Kit } from "../../../changes/kit.ts";
import { AuthwireError } from "../../../errors.ts";
import { createFile } from "../../../edit/index.ts";
import type { ProjectFacts } from "../../../project/facts.ts";
import { localOrigin } from "../../frameworks.ts";
import type { ConvexAuthOptions } from "../env.ts";
import { planBackendV2 } from "./backend.ts";
import { apiImportPath, planNextPagesV2, planViteV2 } from "./client.ts";
import { callbackUrlV2, planEnvV2 } from "./env.ts";
import { V1_ONLY_METHODS, V2_METHODS, V2_METHOD_SPECS, parseV2Methods, type V2Method } from "./methods.ts";
import { planNextAppV2 } from "./next.ts";
import { signInComponentV2 } from "./sign-in.ts";

/** The versions that work together: @convex-dev/auth 2.x needs convex >= 1.48 (1.48.0 runs on Node 20). */
export const V2_VERSIONS = {
  "@convex-dev/auth": "2.0.0",
  convex: "1.48.0",
  "@convex-dev/resend": "0.2.8",
  "convex-helpers": "0.1.135",
} as const;

export function v2MethodsOf(values: ConvexAuthOptions): V2Method[] {
  const { methods, v1Only, unknown } = parseV2Methods(values.methods);
  if (v1Only.length > 0) {
    throw new AuthwireError(
      "usage",
      `--methods: ${v1Only.join(", ")} ${v1Only.length === 1 ? "is" : "are"} Convex Auth v1 only; new apps get v2.`,
      {
        hint: `${v1Only.map((name) => `${name}: ${V1_ONLY_METHODS[name]}`).join("; ")}. v2 offers: ${V2_METHODS.join(", ")}.`,
      },
    );
  }
  if (unknown.length > 0) {
    throw new AuthwireError(
      "usage",
      `--methods: unknown sign-in method${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`,
      {
        hint: `Convex Auth v2 offers: ${V2_METHODS.join(", ")}.`,
      },
    );
  }
  return methods;
}

/** Options that only make sense with a method are usage errors without it. */
function checkV2OptionUse(options: ConvexAuthOptions, methods: V2Method[]): void {
  const needs: [keyof ConvexAuthOptions, V2Method, string][] = [
    ["githubClientId", "github", "--github-client-id"],
    ["githubClientSecret", "github", "--github-client-secret-stdin"],
    ["googleClientId", "google", "--google-client-id"],
    ["googleClientSecret", "google", "--google-client-secret-stdin"],
    ["prodGithubClientId", "github", "--prod-github-client-id"],
    ["prodGithubClientSecret", "github", "--prod-github-client-secret-stdin"],
    ["prodGoogleClientId", "google", "--prod-google-client-id"],
    ["prodGoogleClientSecret", "google", "--prod-google-client-secret-stdin"],
    ["appleClientId", "apple", "--apple-client-id"],
    ["appleTeamId", "apple", "--apple-team-id"],
    ["appleKeyId", "apple", "--apple-key-id"],
    ["applePrivateKey", "apple", "--apple-private-key-stdin"],
    ["resendApiKey", "email-password", "--resend-api-key-stdin"],
  ];
  for (const [key, method, flag] of needs) {
    if (options[key] !== undefined && !methods.includes(method))
      throw new AuthwireError("usage", `${flag} is for the ${method} sign-in method; add ${method} to --methods.`);
  }
  const prodOnly = [
    "siteUrl",
    "prodGithubClientId",
    "prodGithubClientSecret",
    "prodGoogleClientId",
    "prodGoogleClientSecret",
  ] as const;
  if (!options.prod && prodOnly.some((key) => options[key] !== undefined))
    throw new AuthwireError("usage", "--site-url and the --prod-* options set up production; add --prod.");
}

/** Where the sign-in component goes: beside the app's code, never in a routes folder. */
function signInPathV2(facts: ProjectFacts): string {
  const src = facts.framework.name === "vite" || facts.entries.usesSrc ? "src/" : "";
  return facts.framework.name === "vite" ? `${src}SignIn.tsx` : `${src}components/SignIn.tsx`;
}

export async function planV2(facts: ProjectFacts, values: ConvexAuthOptions, kit: Kit): Promise<void> {
  if (facts.framework.name === "tanstack-start") {
    throw new AuthwireError(
      "unsupported",
      "Convex Auth v2 has no TanStack Start helper (its only SSR client provider is Next.js's), so authwire doesn't wire it; use Clerk or WorkOS AuthKit there, or wire @convex-dev/auth/ssr by hand",
      { docsUrl: "https://docs.convex.dev/auth/convex-auth" },
    );
  }
  const methods = v2MethodsOf(values);
  checkV2OptionUse(values, methods);
  kit.install("@convex-dev/auth", V2_VERSIONS["@convex-dev/auth"]);
  // A minimum, not just a range: a lockfile can keep an app below 1.48 under `^1.44.0`.
  // A lockfile pinning convex below 1.48.0 keeps the app there under pnpm and yarn (docs/internals/convex-auth-v2.md#backend).
  const running = await runningVersion((path) => facts.files.read(path), "convex", facts.workspaceRoot);
  kit.install("convex", V2_VERSIONS.convex, { running: running?.version });
  if (methods.includes("email-password")) {
    kit.install("@convex-dev/resend", V2_VERSIONS["@convex-dev/resend"]);
    kit.install("convex-helpers", V2_VERSIONS["convex-helpers"]);
  }
  await planEnvV2(facts, values, methods, kit);
  await planBackendV2(facts, methods, kit);
  if (facts.framework.name === "vite") planViteV2(facts, kit);
  else if (facts.framework.name === "next-app") await planNextAppV2(facts, methods, kit);
  else planNextPagesV2(facts, kit);
  if (facts.typescript) {
    const path = signInPathV2(facts);
    kit.file(
      path,
      createFile(
        signInComponentV2(methods, {
          client: facts.framework.name === "next-app",
          apiPath: apiImportPath(path, facts.convex.dir),
        }),
        "add a sign-in component for the chosen methods",
      ),
    );
  }
}

export function nextStepsV2(facts: ProjectFacts, values: ConvexAuthOptions): string[] {
  const methods = parseV2Methods(values.methods).methods;
  const steps = [
    "Run `npx convex dev`: it pushes convex.config.ts (the auth components), auth.ts, users.ts, the schema and auth.config.ts. Convex Auth v2 needs no keys: the deployment signs the tokens itself.",
  ];
  if (facts.typescript) steps.push(`Render <SignIn /> from ${signInPathV2(facts)} where users should sign in.`);
  if (facts.framework.name === "next-app" && facts.entries.convexProvider)
    steps.push(
      `${facts.entries.convexProvider} is no longer rendered: ConvexAuthNextjsServerProvider creates the Convex client with the session's token. Delete it once nothing else imports it.`,
    );
  for (const method of ["github", "google", "apple"] as const) {
    if (methods.includes(method))
      steps.push(
        `${V2_METHOD_SPECS[method].label} callback URL: ${callbackUrlV2(facts, "dev", method)} (origin: ${localOrigin(facts)}).`,
      );
  }
  if (methods.includes("email-password"))
    steps.push(
      "Emails go out from Resend's test sender (onboarding@resend.dev) until you verify a domain in Resend and change `from` in convex/auth.ts; add the /validate-email and /reset-password pages the links open.",
    );
  steps.push(
    "Read the signed-in user with getAuthUserId(ctx) from @convex-dev/auth/server (a token's `sub` is the session, not the user).",
  );
  steps.push("`authwire doctor` checks the whole setup.");
  return steps;
}
