/**
 * Next.js App Router: @workos-inc/authkit-nextjs. The session lives in a cookie the proxy (Next
 * 16) or middleware (Next 15) keeps fresh; `/callback` exchanges WorkOS's code for it, `/sign-in`
 * and `/sign-up` start the hosted flow; the client provider hands AuthKit's access token to
 * Convex through `ConvexProviderWithAuth`. (provider-setup.md §6.5)
 */
import type { Kit } from "../../changes/kit.ts";
import { createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import { VERSIONS } from "../versions.ts";
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
  kit.file(`${app}${settings.callbackPath}/route.${ext}`, createFile(CALLBACK_ROUTE, "create the WorkOS callback route (handleAuth)"));
  kit.file(`${app}/sign-in/route.${ext}`, createFile(redirectRoute("getSignInUrl"), "create the /sign-in route (redirects to WorkOS)"));
  kit.file(`${app}/sign-up/route.${ext}`, createFile(redirectRoute("getSignUpUrl"), "create the /sign-up route (redirects to WorkOS)"));
}

export async function planNext(facts: ProjectFacts, settings: WorkosSettings, kit: Kit): Promise<void> {
  planNextRoutes(facts, settings, kit);
  kit.install(NEXT_PACKAGE, VERSIONS[NEXT_PACKAGE]);
}
