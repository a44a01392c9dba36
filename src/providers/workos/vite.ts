/**
 * React + Vite: `AuthKitProvider` (@workos-inc/authkit-react) around `ConvexProviderWithAuthKit`
 * (@convex-dev/workos) in the file that renders the Convex provider. AuthKit runs in the browser:
 * the callback is handled by the provider itself, so there is no route file. (provider-setup.md §6.4)
 */
import type { Kit } from "../../changes/kit.ts";
import { addImports, removeUnusedImport, replaceJsxElement, wrapJsxElement } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression } from "../frameworks.ts";
import { VERSIONS } from "../versions.ts";

export function planVite(facts: ProjectFacts, kit: Kit): void {
  const main = facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${facts.typescript ? "tsx" : "jsx"}`;
  kit.file(main, addImports({ from: "@workos-inc/authkit-react", named: ["AuthKitProvider", "useAuth"] }));
  kit.file(main, addImports({ from: "@convex-dev/workos", named: ["ConvexProviderWithAuthKit"] }));
  kit.file(main, replaceJsxElement({ element: "ConvexProvider", name: "ConvexProviderWithAuthKit", props: { useAuth: "{useAuth}" } }));
  kit.file(
    main,
    wrapJsxElement({
      element: "ConvexProviderWithAuthKit",
      wrapper: "AuthKitProvider",
      props: {
        clientId: `{${clientEnvExpression("vite", "WORKOS_CLIENT_ID")}}`,
        redirectUri: `{${clientEnvExpression("vite", "WORKOS_REDIRECT_URI")}}`,
      },
    }),
  );
  kit.file(main, removeUnusedImport({ from: "convex/react", name: "ConvexProvider" }));
  kit.install("@workos-inc/authkit-react", VERSIONS["@workos-inc/authkit-react"]);
  kit.install("@convex-dev/workos", VERSIONS["@convex-dev/workos"]);
}
