/**
 * Auth0's client wiring (docs.convex.dev/auth/auth0): `<Auth0Provider>` around
 * `<ConvexProviderWithAuth0>` (from convex/react-auth0, which sends Auth0's ID token), with refresh
 * tokens kept in local storage. React + Vite: src/main.tsx. Next.js App Router: the "use client"
 * ConvexClientProvider (created when missing); Pages Router: pages/_app.tsx (Convex's Pages Router
 * demo). On Next the redirect URI is guarded, since these modules also render on the server.
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { createFile, defineEdit, refuse } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression, isNext, sourceExtension } from "../frameworks.ts";
import {
  convexBridgeEdit,
  locateNextClientProvider,
  planNextClientProvider,
  type ConvexBridgeSpec,
} from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { authButtonsSource } from "./ui.ts";

function bridge(facts: ProjectFacts): ConvexBridgeSpec {
  const framework = facts.framework.name;
  const redirect = isNext(framework)
    ? 'typeof window === "undefined" ? undefined : window.location.origin'
    : "window.location.origin";
  return {
    bridge: { name: "ConvexProviderWithAuth0" },
    wrappers: [
      {
        name: "Auth0Provider",
        props: {
          domain: `{${clientEnvExpression(framework, "AUTH0_DOMAIN")}}`,
          clientId: `{${clientEnvExpression(framework, "AUTH0_CLIENT_ID")}}`,
          authorizationParams: `{{ redirect_uri: ${redirect} }}`,
          useRefreshTokens: "{true}",
          cacheLocation: '"localstorage"',
        },
      },
    ],
    imports: [
      { from: "@auth0/auth0-react", named: ["Auth0Provider"] },
      { from: "convex/react-auth0", named: ["ConvexProviderWithAuth0"] },
    ],
  };
}

const UI_REASON = "add AuthButtons (log in / log out, gated on Convex's auth state)";

export async function planClient(facts: ProjectFacts, kit: Kit): Promise<void> {
  kit.install("@auth0/auth0-react", VERSIONS["@auth0/auth0-react"]);
  const jsx = sourceExtension(facts, true);
  switch (facts.framework.name) {
    case "vite": {
      kit.file(
        facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${jsx}`,
        convexBridgeEdit(bridge(facts)),
      );
      kit.file(`src/AuthButtons.${jsx}`, createFile(authButtonsSource({ useClient: false }), UI_REASON));
      return;
    }
    case "next-pages": {
      kit.file(
        facts.entries.main ?? `${facts.entries.routesDir ?? "pages"}/_app.${jsx}`,
        convexBridgeEdit(bridge(facts)),
      );
      kit.file(
        `${facts.entries.usesSrc ? "src/" : ""}components/AuthButtons.${jsx}`,
        createFile(authButtonsSource({ useClient: false }), UI_REASON),
      );
      return;
    }
    default: {
      const where = await locateNextClientProvider(facts);
      if ("problem" in where) {
        kit.file(
          facts.entries.main ?? "app/layout.tsx",
          defineEdit("wire Auth0 into the client provider", () => refuse(`${where.problem}.`)),
        );
        return;
      }
      planNextClientProvider(facts, kit, where, { bridge: bridge(facts) });
      kit.file(
        `${posix.dirname(where.path)}/AuthButtons.${jsx}`,
        createFile(authButtonsSource({ useClient: true }), UI_REASON),
      );
    }
  }
}
