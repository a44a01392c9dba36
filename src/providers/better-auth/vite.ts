/**
 * Better Auth on React + Vite (a single-page app): the browser calls Better Auth on the
 * deployment's `.convex.site` URL, so the instance uses the crossDomain plugin, trusts SITE_URL and
 * serves its routes with CORS; the entry renders ConvexBetterAuthProvider.
 */
import type { Kit } from "../../changes/kit.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression, sourceExtension } from "../frameworks.ts";
import { planClient } from "./client.ts";
import type { BetterAuthMethod } from "./options.ts";

export function planVite(
  facts: ProjectFacts,
  kit: Kit,
  { methods, replace }: { methods: BetterAuthMethod[]; replace: boolean },
): void {
  const entry = facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${sourceExtension(facts, true)}`;
  planClient(facts, kit, {
    entry,
    codeDir: "src",
    spa: true,
    envExpression: clientEnvExpression("vite", "CONVEX_SITE_URL"),
    methods,
    replace,
    useClient: false,
  });
}
