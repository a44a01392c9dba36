/**
 * React + Vite: `AuthKitProvider` (@workos-inc/authkit-react) around `ConvexProviderWithAuthKit`
 * (@convex-dev/workos) in the file that renders the Convex provider. AuthKit runs in the browser:
 * the provider itself handles the callback, so there is no route file. (docs/internals/provider-setup.md#workos)
 */
import type { Kit } from "../../changes/kit.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression } from "../frameworks.ts";
import { convexBridgeEdit } from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";

export function planVite(facts: ProjectFacts, kit: Kit): void {
  const main = facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${facts.typescript ? "tsx" : "jsx"}`;
  kit.file(
    main,
    convexBridgeEdit({
      bridge: { name: "ConvexProviderWithAuthKit", props: { useAuth: "{useAuth}" } },
      wrappers: [
        {
          name: "AuthKitProvider",
          props: {
            clientId: `{${clientEnvExpression("vite", "WORKOS_CLIENT_ID")}}`,
            redirectUri: `{${clientEnvExpression("vite", "WORKOS_REDIRECT_URI")}}`,
          },
        },
      ],
      imports: [
        { from: "@workos-inc/authkit-react", named: ["AuthKitProvider", "useAuth"] },
        { from: "@convex-dev/workos", named: ["ConvexProviderWithAuthKit"] },
      ],
    }),
  );
  kit.install("@workos-inc/authkit-react", VERSIONS["@workos-inc/authkit-react"]);
  kit.install("@convex-dev/workos", VERSIONS["@convex-dev/workos"]);
}
