/**
 * Clerk on TanStack Start (docs.convex.dev/client/tanstack/tanstack-start/clerk, Clerk's TanStack
 * quickstart): `clerkMiddleware()` in src/start.ts, the Clerk session token set on Convex's SSR
 * HTTP client in the root route's beforeLoad (plain `getToken()`: with the Convex integration the
 * session token already has aud "convex"), and `<ClerkProvider>` + `<ConvexProviderWithClerk>`
 * inside `<body>` of the root route. The router keeps its plain ConvexProvider in Wrap, as in the docs.
 */
import type { Kit } from "../../changes/kit.ts";
import { createFile, defineEdit, refuse } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import type { OptionValues } from "../define.ts";
import { sourceExtension } from "../frameworks.ts";
import {
  otherBridgeIn,
  rootBeforeLoadEdit,
  rootContextTypeEdit,
  routerContextEdit,
  rootProvidersEdit,
  startFilePath,
  startHasCsrfMiddleware,
  startMiddlewareEdit,
} from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { CLERK_STEPS, type options } from "./options.ts";
import { authButtonsSource } from "./ui.ts";

const CLERK = "@clerk/tanstack-react-start";

const BRIDGE = { name: "ConvexProviderWithClerk", props: { client: "{convexClient}", useAuth: "{useAuth}" } };

export async function planTanstack(facts: ProjectFacts, values: OptionValues<typeof options>, kit: Kit): Promise<void> {
  kit.install(CLERK, VERSIONS[CLERK]);
  kit.env("CLERK_SECRET_KEY", {
    target: "local",
    secret: true,
    value: values.clerkSecretKey,
    obtainedBy: CLERK_STEPS.apiKeys,
    reason: "clerkMiddleware() and auth() verify sessions with it on the server",
  });
  kit.file(
    startFilePath(facts),
    startMiddlewareEdit({
      imports: [{ from: `${CLERK}/server`, named: ["clerkMiddleware"] }],
      middleware: "clerkMiddleware()",
      marker: "clerkMiddleware",
      csrf: startHasCsrfMiddleware(facts),
    }),
  );
  const root = facts.entries.rootRoute!;
  // The router's Wrap keeps its plain ConvexProvider; another provider's bridge there would fight Clerk's.
  const router = facts.entries.main;
  const routerSource = router ? await facts.files.read(router) : undefined;
  const taken = router && routerSource !== undefined ? otherBridgeIn(router, routerSource, BRIDGE) : undefined;
  if (taken) {
    kit.file(
      root,
      defineEdit("render Clerk's providers in the root route", () => refuse(taken)),
    );
    return;
  }
  // The root route reads convexClient and convexQueryClient from the router context: the router must put them there.
  kit.file(
    router ?? `src/router.${sourceExtension(facts, true)}`,
    routerContextEdit(["convexClient", "convexQueryClient"]),
  );
  kit.file(root, rootContextTypeEdit(["convexClient", "convexQueryClient"]));
  kit.file(
    root,
    rootBeforeLoadEdit({
      declarations: [
        {
          name: "fetchClerkAuth",
          code: [
            'const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {',
            "  const { userId, getToken } = await auth();",
            "  return { userId, token: await getToken() };",
            "});",
          ].join("\n"),
          imports: [
            { from: "@tanstack/react-start", named: ["createServerFn"] },
            { from: `${CLERK}/server`, named: ["auth"] },
          ],
        },
      ],
      beforeLoad: [
        "async (ctx) => {",
        "  const { userId, token } = await fetchClerkAuth();",
        "  // During SSR only (the only time serverHttpClient exists), authenticate Convex queries with Clerk's token.",
        "  if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);",
        "  return { userId, token };",
        "}",
      ].join("\n"),
      marker: "setAuth",
    }),
  );
  kit.file(
    root,
    rootProvidersEdit({
      providers: [{ name: "ClerkProvider" }, BRIDGE],
      imports: [
        { from: CLERK, named: ["ClerkProvider", "useAuth"] },
        { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
      ],
      statements: ["const { convexClient } = Route.useRouteContext();"],
    }),
  );
  kit.file(
    `src/AuthButtons.${sourceExtension(facts, true)}`,
    createFile(
      authButtonsSource(CLERK, { useClient: false }),
      "add AuthButtons (sign in / user menu, gated on Convex's auth state)",
    ),
  );
}
