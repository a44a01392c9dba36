/** `authwire/recipes`: define a recipe (options, supports, plan through the kit) and plan it. */
export { defineRecipe, humanStep, planRecipe } from "./define.ts";
export type { OptionValues, Recipe, RecipeOption, RecipeOptions, Support } from "./define.ts";
export { RECIPES, RECIPE_OPTIONS, COMMON_OPTIONS } from "./index.ts";
