/** Where the Convex side of a recipe goes. */
import type { ProjectFacts } from "../../project/facts.ts";

/** The app's `auth.config.ts` (or `.js`): the existing one, else a new one in the functions folder. */
export function authConfigPath(facts: ProjectFacts): string {
  return facts.convex.authConfigFiles[0] ?? `${facts.convex.dir}/auth.config.${facts.typescript ? "ts" : "js"}`;
}
