/**
 * The v2 client per framework. React + Vite (and the Pages Router, client only): the entry's
 * `<ConvexProvider>` becomes `<ConvexAuthProvider api={api.auth}>` (tokens in localStorage, the
 * session functions of convex/auth.ts). Next.js App Router (Next >= 16): see next.ts.
 */
import { dirname, posix } from "node:path";
import type { Kit } from "../../../changes/kit.ts";
import type { ProjectFacts } from "../../../project/facts.ts";
import { convexBridgeEdit } from "../../shared/index.ts";
import { clientEntry } from "../vite.ts";

/** The import path of `<convex dir>/_generated/api` from a project file. */
export function apiImportPath(fromFile: string, convexDir: string): string {
  const path = posix.relative(dirname(fromFile), `${convexDir}/_generated/api`);
  return path.startsWith(".") ? path : `./${path}`;
}

export function convexAuthProviderV2(file: string, facts: ProjectFacts) {
  return convexBridgeEdit({
    bridge: { name: "ConvexAuthProvider", props: { api: "{api.auth}" } },
    imports: [
      { from: "@convex-dev/auth/react", named: ["ConvexAuthProvider"] },
      { from: apiImportPath(file, facts.convex.dir), named: ["api"] },
    ],
  });
}

export function planViteV2(facts: ProjectFacts, kit: Kit): void {
  const file = clientEntry(facts, `src/main.${facts.typescript ? "tsx" : "jsx"}`);
  kit.file(file, convexAuthProviderV2(file, facts), {
    reason: "ConvexAuthProvider with the session functions of convex/auth.ts",
  });
}

export function planNextPagesV2(facts: ProjectFacts, kit: Kit): void {
  const file = clientEntry(facts, `pages/_app.${facts.typescript ? "tsx" : "jsx"}`);
  kit.file(file, convexAuthProviderV2(file, facts), {
    reason: "ConvexAuthProvider (client only: v2's server helpers are for the App Router)",
  });
}
