/**
 * TanStack Start: @workos/authkit-tanstack-react-start. Its request middleware (src/start.ts)
 * keeps the session cookie; `/callback`, `/sign-in` and `/sign-up` are server routes; the router's
 * `InnerWrap` renders `AuthKitProvider` (it uses router hooks) around `ConvexProviderWithAuth`;
 * the root route's `beforeLoad` gives the SSR Convex client the user's token. (docs/internals/provider-setup.md#workos)
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import {
  rootBeforeLoadEdit,
  rootContextTypeEdit,
  routeTreeEdit,
  routerContextEdit,
  routerWrapEdit,
  startFilePath,
  startHasCsrfMiddleware,
  startMiddlewareEdit,
  refuseBridgeElsewhere,
} from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { authKitAdapterHook } from "./hooks.ts";
import type { WorkosSettings } from "./settings.ts";

export const TANSTACK_PACKAGE = "@workos/authkit-tanstack-react-start";

const callbackRoute = (path: string) => `import { createFileRoute } from "@tanstack/react-router";
import { handleCallbackRoute } from "${TANSTACK_PACKAGE}";

// WorkOS sends users here after sign-in (WORKOS_REDIRECT_URI): exchanges the code for the session cookie.
export const Route = createFileRoute("${path}")({
  server: {
    handlers: {
      GET: handleCallbackRoute(),
    },
  },
});
`;

const redirectRoute = (
  path: string,
  getter: "getSignInUrl" | "getSignUpUrl",
) => `import { createFileRoute } from "@tanstack/react-router";
import { ${getter} } from "${TANSTACK_PACKAGE}";

// Starts the WorkOS-hosted ${path.slice(1)} page; ?returnPathname=/somewhere comes back there afterwards.
export const Route = createFileRoute("${path}")({
  server: {
    handlers: {
      GET: async ({ request }) => {
        const returnPathname = new URL(request.url).searchParams.get("returnPathname");
        const url = await ${getter}(returnPathname ? { data: { returnPathname } } : undefined);
        return new Response(null, { status: 307, headers: { Location: url } });
      },
    },
  },
});
`;

/** The routes folder: beside the root route (src/routes). */
export function routesFolder(facts: ProjectFacts): string {
  return facts.entries.rootRoute ? posix.dirname(facts.entries.rootRoute) : "src/routes";
}

export async function planTanstackRoutes(facts: ProjectFacts, settings: WorkosSettings, kit: Kit): Promise<void> {
  const routes = routesFolder(facts);
  const ext = sourceExtension(facts, true);
  // The generated route tree must know the new paths before the next `vite dev` for them to type-check.
  const tree = `${posix.dirname(routes)}/routeTree.gen.ts`;
  if (await facts.files.exists(tree)) {
    kit.file(
      tree,
      routeTreeEdit([settings.callbackPath, "/sign-in", "/sign-up"].map((path) => ({ path, file: path.slice(1) }))),
    );
  }
  kit.file(
    `${routes}${settings.callbackPath}.${ext}`,
    createFile(callbackRoute(settings.callbackPath), "create the WorkOS callback route (handleCallbackRoute)"),
  );
  kit.file(
    `${routes}/sign-in.${ext}`,
    createFile(redirectRoute("/sign-in", "getSignInUrl"), "create the /sign-in route (redirects to WorkOS)"),
  );
  kit.file(
    `${routes}/sign-up.${ext}`,
    createFile(redirectRoute("/sign-up", "getSignUpUrl"), "create the /sign-up route (redirects to WorkOS)"),
  );
}

export async function planTanstack(facts: ProjectFacts, settings: WorkosSettings, kit: Kit): Promise<void> {
  kit.file(
    startFilePath(facts),
    startMiddlewareEdit({
      imports: [{ from: TANSTACK_PACKAGE, named: ["authkitMiddleware"] }],
      middleware: "authkitMiddleware()",
      marker: "authkitMiddleware",
      csrf: startHasCsrfMiddleware(facts),
    }),
    { reason: "read and refresh the AuthKit session cookie on every request" },
  );

  const router = facts.entries.convexProvider ?? facts.entries.main ?? `src/router.${sourceExtension(facts, true)}`;
  const bridge = { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromWorkOS}" } };
  // The official Clerk template renders its bridge in the root route, not the router: one Convex client, one provider.
  if (facts.entries.rootRoute && facts.entries.rootRoute !== router)
    await refuseBridgeElsewhere(facts.files, kit, facts.entries.rootRoute, bridge);
  kit.file(
    router,
    routerWrapEdit({
      // AuthKitProvider uses router hooks, so it renders inside the router.
      slot: "InnerWrap",
      bridge,
      wrappers: [{ name: "AuthKitProvider" }],
      imports: [
        { from: `${TANSTACK_PACKAGE}/client`, named: ["AuthKitProvider"] },
        { from: "convex/react", named: ["ConvexProviderWithAuth"] },
      ],
      code: [authKitAdapterHook("useAuthFromWorkOS", `${TANSTACK_PACKAGE}/client`, facts.typescript)],
    }),
  );

  if (facts.entries.rootRoute) {
    // beforeLoad reads ctx.context.convexQueryClient: the router must put it in its context.
    kit.file(router, routerContextEdit(["convexQueryClient"]));
    kit.file(facts.entries.rootRoute, rootContextTypeEdit(["convexQueryClient"]));
    kit.file(
      facts.entries.rootRoute,
      rootBeforeLoadEdit({
        imports: [{ from: TANSTACK_PACKAGE, named: ["getAuth"] }],
        beforeLoad: `async (ctx) => {
  const auth = await getAuth();
  // During SSR only (the only time serverHttpClient exists): Convex queries run as the signed-in user.
  if (auth.user) ctx.context.convexQueryClient.serverHttpClient?.setAuth(auth.accessToken);
  return { user: auth.user };
}`,
        marker: "setAuth",
      }),
    );
  }
  await planTanstackRoutes(facts, settings, kit);
  kit.install(TANSTACK_PACKAGE, VERSIONS[TANSTACK_PACKAGE]);
}
