/** Commands that only make sense in a Convex app say so up front (exit 2) instead of answering for an empty config. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { AuthwireError } from "../errors.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts } from "../project/facts.ts";

/** A Convex app has `convex` in package.json or a functions folder (convex/ or convex.json's `functions`). */
export function isConvexApp(facts: ProjectFacts): boolean {
  return facts.convex.version !== null || existsSync(join(facts.root, facts.convex.dir));
}

export function notConvexApp(facts: ProjectFacts): AuthwireError {
  return new AuthwireError(
    "not_a_convex_app",
    `${facts.root} is not a Convex app: package.json has no convex dependency and there is no ${facts.convex.dir}/ folder.`,
    {
      hint: "Run authwire in a Convex app's folder (or pass --cwd). To start one: npm create convex@latest",
    },
  );
}

/** Detects the project in `cwd` (exit 2 for a missing folder or no package.json) and checks it is a Convex app. */
export async function requireConvexApp(cwd: string): Promise<ProjectFacts> {
  const facts = await detectProject(resolve(cwd));
  if (!isConvexApp(facts)) throw notConvexApp(facts);
  return facts;
}
