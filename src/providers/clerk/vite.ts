/** Clerk on React + Vite: `<ClerkProvider>` around `<ConvexProviderWithClerk>` in the entry (docs.convex.dev/auth/clerk). */
import type { Kit } from "../../changes/kit.ts";
import { createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression, sourceExtension } from "../frameworks.ts";
import { convexBridgeEdit } from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { authButtonsSource } from "./ui.ts";

/** `@clerk/react` (Core 3) for new setups; an app already on the deprecated `@clerk/clerk-react` keeps it. */
export function clerkReactPackage(facts: ProjectFacts): "@clerk/react" | "@clerk/clerk-react" {
  return facts.dependencies["@clerk/clerk-react"] && !facts.dependencies["@clerk/react"]
    ? "@clerk/clerk-react"
    : "@clerk/react";
}

export function planVite(facts: ProjectFacts, kit: Kit): void {
  const clerk = clerkReactPackage(facts);
  if (clerk === "@clerk/react") kit.install("@clerk/react", VERSIONS["@clerk/react"]);
  const entry = facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${sourceExtension(facts, true)}`;
  kit.file(
    entry,
    convexBridgeEdit({
      bridge: { name: "ConvexProviderWithClerk", props: { useAuth: "{useAuth}" } },
      wrappers: [
        {
          name: "ClerkProvider",
          props: { publishableKey: `{${clientEnvExpression("vite", "CLERK_PUBLISHABLE_KEY")}}` },
        },
      ],
      imports: [
        { from: clerk, named: ["ClerkProvider", "useAuth"] },
        { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
      ],
    }),
  );
  kit.file(
    `src/AuthButtons.${sourceExtension(facts, true)}`,
    createFile(
      authButtonsSource(clerk, { useClient: false }),
      "add AuthButtons (sign in / user menu, gated on Convex's auth state)",
    ),
  );
}
