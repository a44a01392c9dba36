/**
 * The doctor's backend analysis, for the scaffold commands: the same one walk over the project's
 * code that `authwire doctor` runs (no rules, no deployment env), so `users` and `protect` see
 * the functions, the schema and the identity checks exactly as the AW5xx/AW6xx rules do.
 */
import { noEnvSource } from "../config/env-source.ts";
import { AuthwireError } from "../errors.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import type { RegisteredFunction } from "../rules/analysis/backend.ts";
import { createDoctorContext, type DoctorContext } from "../rules/context.ts";
import { runEngine } from "../rules/engine.ts";
import { PROFILES, installedSdk } from "../providers/profiles.ts";

/** Builds the doctor's context and fills its backend index (the code pass only). */
export async function analyzeProject(facts: ProjectFacts): Promise<DoctorContext> {
  const context = createDoctorContext(facts, { envSource: noEnvSource("not needed") });
  await runEngine(context, []);
  return context;
}

/**
 * The provider the scaffold writes code for: Convex Auth when the app uses it, else the first
 * token provider detection found (Clerk, WorkOS, Auth0, custom JWT). None: a usage error.
 */
export function scaffoldProvider(facts: ProjectFacts, command: string): ProviderId {
  const found = facts.providers.map((provider) => provider.name);
  if (found.includes("convex-auth") && installedSdk(PROFILES["convex-auth"], facts.dependencies)) return "convex-auth";
  const token = found.find((name) => name !== "convex-auth") ?? found[0];
  if (!token) {
    throw new AuthwireError(
      "unsupported",
      `authwire ${command} needs an auth provider, and none was found in this app.`,
      {
        hint: "Set one up first: authwire add <convex-auth|clerk|workos|auth0|custom-jwt>.",
      },
    );
  }
  return token;
}

/** `convex/users.ts` export `store` → `api.users.store` (the client's reference to a public function). */
export function functionReference(convexDir: string, fn: Pick<RegisteredFunction, "file" | "name">): string {
  const module = fn.file.slice(convexDir.length + 1).replace(/\.[cm]?[jt]sx?$/, "");
  const path = module
    .split("/")
    .map((part) => (/^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`));
  return `api${path.join("")}${/^[A-Za-z_$][\w$]*$/.test(fn.name) ? `.${fn.name}` : `[${JSON.stringify(fn.name)}]`}`;
}
