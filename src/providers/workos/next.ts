/**
 * Next.js App Router: @workos-inc/authkit-nextjs. The session lives in a cookie the proxy (Next
 * 16) or middleware (Next 15) keeps fresh; `/callback` exchanges WorkOS's code for it, `/sign-in`
 * and `/sign-up` start the hosted flow; the client provider hands AuthKit's access token to
 * Convex through `ConvexProviderWithAuth`. (docs/internals/provider-setup.md#workos)
 */
import type { Kit } from "../../changes/kit.ts";
import { createFile } from "../../edit/index.ts";
import { AuthwireError } from "../../errors.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { nextMiddlewarePath, sourceExtension } from "../frameworks.ts";
import { locateNextClientProvider, nextMiddlewareEdit, planNextClientProvider } from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { authKitAdapterHook } from "./hooks.ts";
import type { WorkosSettings } from "./settings.ts";

export const NEXT_PACKAGE = "@workos-inc/authkit-nextjs";

const CALLBACK_ROUTE = `import { handleAuth } from "${NEXT_PACKAGE}";

// WorkOS sends users here after sign-in (NEXT_PUBLIC_WORKOS_REDIRECT_URI): exchanges the code for the session cookie.
export const GET = handleAuth();
`;

const redirectRoute = (getter: "getSignInUrl" | "getSignUpUrl") => `import { redirect } from "next/navigation";
import { ${getter} } from "${NEXT_PACKAGE}";

// Starts the WorkOS-hosted ${getter === "getSignInUrl" ? "sign-in" : "sign-up"} page.
export async function GET() {
  redirect(await ${getter}());
}
`;

/** `app/callback/route.ts`, `app/sign-in/route.ts`, `app/sign-up/route.ts` (or under src/app). */
export function planNextRoutes(facts: ProjectFacts, settings: WorkosSettings, kit: Kit): void {
  const app = facts.entries.routesDir ?? (facts.entries.usesSrc ? "src/app" : "app");
  const ext = sourceExtension(facts, false);
  kit.file(
    `${app}${settings.callbackPath}/route.${ext}`,
    createFile(CALLBACK_ROUTE, "create the WorkOS callback route (handleAuth)"),
  );
  kit.file(
    `${app}/sign-in/route.${ext}`,
    createFile(redirectRoute("getSignInUrl"), "create the /sign-in route (redirects to WorkOS)"),
  );
  kit.file(
    `${app}/sign-up/route.${ext}`,
    createFile(redirectRoute("getSignUpUrl"), "create the /sign-up route (redirects to WorkOS)"),
  );
}

/** Next's standard matcher: every route but its internals and static files; API routes always. */
const MATCHER = [
  {
    path: "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    comment: "Skip Next.js internals and static files, unless found in search params",
  },
  { path: "/(api|trpc)(.*)", comment: "Always run for API routes" },
];

export async function planNext(facts: ProjectFacts, settings: WorkosSettings, kit: Kit): Promise<void> {
  const where = await locateNextClientProvider(facts);
  if ("problem" in where)
    throw new AuthwireError("unsupported", `authwire can't wire WorkOS AuthKit into this app: ${where.problem}.`);
  planNextClientProvider(facts, kit, where, {
    bridge: {
      bridge: { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromAuthKit}" } },
      wrappers: [{ name: "AuthKitProvider" }],
      imports: [
        { from: `${NEXT_PACKAGE}/components`, named: ["AuthKitProvider"] },
        { from: "convex/react", named: ["ConvexProviderWithAuth"] },
      ],
      code: [authKitAdapterHook("useAuthFromAuthKit", `${NEXT_PACKAGE}/components`, facts.typescript)],
    },
  });

  // The session cookie is read and refreshed on every request: proxy.ts on Next >= 16, middleware.ts before.
  const middleware = await nextMiddlewarePath(facts);
  kit.file(
    middleware.path,
    nextMiddlewareEdit({
      imports: [{ from: NEXT_PACKAGE, named: ["authkitProxy"] }],
      expression: "authkitProxy()",
      marker: ["authkitProxy", "authkitMiddleware", "authkit"],
      matcher: MATCHER,
      docs: "https://github.com/workos/authkit-nextjs#middleware",
    }),
    {
      reason: `keep the AuthKit session cookie fresh on every request (${middleware.kind}.ts for Next ${facts.framework.major ?? "16"})`,
    },
  );
  planNextRoutes(facts, settings, kit);
  kit.install(NEXT_PACKAGE, VERSIONS[NEXT_PACKAGE]);
}
