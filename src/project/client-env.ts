/**
 * Which env variables reach the browser, and which hold a secret by their name: the one owner of
 * the client-exposed prefixes and of the secret-name convention. Bundlers
 * inline variables with these prefixes into client code (Vite `VITE_`, Next.js `NEXT_PUBLIC_`,
 * Expo `EXPO_PUBLIC_`, Create React App `REACT_APP_`, SvelteKit/Astro `PUBLIC_`), so a secret never
 * goes there. Recipes name new client variables with `clientEnvPrefix`; `add` (refusing a secret
 * in a client variable) and doctor (AW201) ask `clientExposedPrefix`.
 */
import type { FrameworkName } from "./facts.ts";

/** The prefix each framework's bundler exposes (TanStack Start builds with Vite). */
const FRAMEWORK_PREFIX: Record<FrameworkName, string> = {
  vite: "VITE_",
  "tanstack-start": "VITE_",
  "next-app": "NEXT_PUBLIC_",
  "next-pages": "NEXT_PUBLIC_",
  expo: "EXPO_PUBLIC_",
  unknown: "VITE_",
};

/** Every prefix some bundler inlines into client code. */
export const CLIENT_EXPOSED_PREFIXES: readonly string[] = [
  ...new Set([...Object.values(FRAMEWORK_PREFIX), "REACT_APP_", "PUBLIC_"]),
];

/** The prefix that exposes a variable to client code in this framework (`import.meta.env` / `process.env`). */
export function clientEnvPrefix(framework: FrameworkName): string {
  return FRAMEWORK_PREFIX[framework];
}

/** The client-exposed prefix `name` starts with, or null when the variable stays on the server. */
export function clientExposedPrefix(name: string): string | null {
  return CLIENT_EXPOSED_PREFIXES.find((prefix) => name.startsWith(prefix)) ?? null;
}

/** `name` as each framework's client code may spell it (`AUTH0_CLIENT_ID` → VITE_AUTH0_CLIENT_ID, …). */
export function clientEnvNames(name: string): string[] {
  return [...new Set(Object.values(FRAMEWORK_PREFIX))].map((prefix) => `${prefix}${name}`);
}

const SECRET_NAME =
  /(?:SECRET|PRIVATE_KEY|API_KEY|DEPLOY_KEY|ADMIN_KEY|SIGNING_KEY|PASSWORD|_TOKEN$|_PRIVATE$|RESEND_KEY|SERVICE_ROLE)/;
// `_ID`: an identifier beside its secret (CLIENT_ID, MUX_SIGNING_KEY_ID), not the secret itself; a
// key its vendor calls public (VAPI_PUBLIC_API_KEY, STRIPE_PUBLIC_KEY).
const NOT_SECRET_NAME = /PUBLISHABLE|PUBLIC_(?:API_)?KEY|_URL$|_URI$|_ID$|_DOMAIN$/;

/** A name that, by convention, holds a secret (CLERK_SECRET_KEY, WORKOS_API_KEY, JWT_PRIVATE_KEY, MUX_SIGNING_KEY_PRIVATE…). */
export function isSecretName(name: string): boolean {
  const prefix = clientExposedPrefix(name);
  const bare = prefix ? name.slice(prefix.length) : name;
  return SECRET_NAME.test(bare) && !NOT_SECRET_NAME.test(bare);
}
