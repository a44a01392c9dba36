/** React + Vite: `<ConvexProvider>` in the entry becomes `<ConvexAuthProvider>` (tokens in localStorage). */
import type { Kit } from "../../changes/kit.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { convexBridgeEdit } from "../shared/index.ts";

export const CONVEX_AUTH_PROVIDER = convexBridgeEdit({
  bridge: { name: "ConvexAuthProvider" },
  imports: [{ from: "@convex-dev/auth/react", named: ["ConvexAuthProvider"] }],
});

/** The file that renders the Convex provider (the entry unless another module does). */
export function clientEntry(facts: ProjectFacts, fallback: string): string {
  return facts.entries.convexProvider ?? facts.entries.main ?? fallback;
}

export function planVite(facts: ProjectFacts, kit: Kit): void {
  kit.file(clientEntry(facts, `src/main.${facts.typescript ? "tsx" : "jsx"}`), CONVEX_AUTH_PROVIDER);
}
