/**
 * The provider recipes `authwire add` knows, loaded only when used. Their options (flags) are kept
 * in light `<id>/options.ts` modules so `authwire add --help` doesn't load the recipes.
 */
import type { ProviderId } from "../project/facts.ts";
import type { Recipe, RecipeOptions } from "./define.ts";
import { options as auth0 } from "./auth0/options.ts";
import { options as betterAuth } from "./better-auth/options.ts";
import { options as clerk } from "./clerk/options.ts";
import { options as convexAuth } from "./convex-auth/options.ts";
import { options as customJwt } from "./custom-jwt/options.ts";
import { options as workos } from "./workos/options.ts";

export const RECIPES: Partial<Record<ProviderId, () => Promise<Recipe>>> = {
  "convex-auth": async () => (await import("./convex-auth/recipe.ts")).default,
  "better-auth": async () => (await import("./better-auth/recipe.ts")).default,
  clerk: async () => (await import("./clerk/recipe.ts")).default,
  workos: async () => (await import("./workos/recipe.ts")).default,
  auth0: async () => (await import("./auth0/recipe.ts")).default,
  "custom-jwt": async () => (await import("./custom-jwt/recipe.ts")).default,
};

/** Every recipe's options by provider, for the CLI's flags and the MCP schema. */
export const RECIPE_OPTIONS: Partial<Record<ProviderId, RecipeOptions>> = {
  "convex-auth": convexAuth,
  "better-auth": betterAuth,
  clerk,
  workos,
  auth0,
  "custom-jwt": customJwt,
};

/** Options every recipe takes (`add` handles them before the recipe runs, or passes them on). */
export const COMMON_OPTIONS = {
  prod: { flag: "--prod", type: "boolean", description: "also set up the production deployment" },
} as const satisfies RecipeOptions;

export async function loadRecipe(provider: string): Promise<Recipe> {
  const load = RECIPES[provider as ProviderId];
  if (!load) return Promise.reject(new Error(`no recipe for ${provider}`));
  return load();
}
