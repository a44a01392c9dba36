/**
 * Clerk on Next.js: `@clerk/nextjs`, `clerkMiddleware()` in proxy.ts (Next >= 16) or middleware.ts,
 * and the client wiring. App Router: `<ClerkProvider>` in the root layout around the "use client"
 * ConvexClientProvider, which renders `<ConvexProviderWithClerk>` (docs.convex.dev/auth/clerk).
 * Pages Router (not in the Convex docs; Clerk's Pages Router quickstart + the same bridge):
 * `<ClerkProvider {...pageProps}>` around `<ConvexProviderWithClerk>` in pages/_app.tsx.
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { createFile, defineEdit, refuse } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import type { OptionValues } from "../define.ts";
import { nextMiddlewarePath, sourceExtension } from "../frameworks.ts";
import {
  convexBridgeEdit,
  locateNextClientProvider,
  nextMiddlewareEdit,
  planNextClientProvider,
  type ConvexBridgeSpec,
  type NextMiddlewareSpec,
} from "../shared/index.ts";
import { VERSIONS } from "../versions.ts";
import { CLERK_STEPS, type options } from "./options.ts";
import { authButtonsSource } from "./ui.ts";

export const CLERK_MIDDLEWARE: NextMiddlewareSpec = {
  imports: [{ from: "@clerk/nextjs/server", named: ["clerkMiddleware"] }],
  expression: "clerkMiddleware()",
  marker: "clerkMiddleware",
  matcher: [
    {
      path: "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
      comment: "Skip Next.js internals and static files, unless found in search params",
    },
    { path: "/(api|trpc)(.*)", comment: "Always run for API routes" },
    { path: "/__clerk/(.*)", comment: "Clerk's Frontend API proxy path" },
  ],
  docs: "https://clerk.com/docs/reference/nextjs/clerk-middleware",
};

const BRIDGE: ConvexBridgeSpec = {
  bridge: { name: "ConvexProviderWithClerk", props: { useAuth: "{useAuth}" } },
  imports: [
    { from: "@clerk/nextjs", named: ["useAuth"] },
    { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
  ],
};

export async function planNext(facts: ProjectFacts, values: OptionValues<typeof options>, kit: Kit): Promise<void> {
  kit.install("@clerk/nextjs", VERSIONS["@clerk/nextjs"]);
  kit.env("CLERK_SECRET_KEY", {
    target: "local",
    secret: true,
    value: values.clerkSecretKey,
    obtainedBy: CLERK_STEPS.apiKeys,
    reason: "clerkMiddleware() and auth() verify sessions with it on the server",
  });
  kit.file((await nextMiddlewarePath(facts)).path, nextMiddlewareEdit(CLERK_MIDDLEWARE));

  const components = facts.entries.usesSrc ? "src/components" : "components";
  if (facts.framework.name === "next-pages") {
    const app = facts.entries.main ?? `${facts.entries.routesDir ?? "pages"}/_app.${sourceExtension(facts, true)}`;
    kit.file(
      app,
      convexBridgeEdit({
        ...BRIDGE,
        wrappers: [{ name: "ClerkProvider", props: { "{...pageProps}": true } }],
        imports: [{ from: "@clerk/nextjs", named: ["ClerkProvider", "useAuth"] }, ...BRIDGE.imports.slice(1)],
      }),
    );
    kit.file(
      `${components}/AuthButtons.${sourceExtension(facts, true)}`,
      createFile(
        authButtonsSource("@clerk/nextjs", { useClient: false }),
        "add AuthButtons (sign in / user menu, gated on Convex's auth state)",
      ),
    );
    return;
  }

  const where = await locateNextClientProvider(facts);
  if ("problem" in where) {
    kit.file(
      facts.entries.main ?? "app/layout.tsx",
      defineEdit("wire Clerk into the client provider", () => refuse(`${where.problem}.`)),
    );
    return;
  }
  planNextClientProvider(facts, kit, where, {
    bridge: BRIDGE,
    layoutWrappers: [{ name: "ClerkProvider" }],
    layoutImports: [{ from: "@clerk/nextjs", named: ["ClerkProvider"] }],
  });
  kit.file(
    `${posix.dirname(where.path)}/AuthButtons.${sourceExtension(facts, true)}`,
    createFile(
      authButtonsSource("@clerk/nextjs", { useClient: true }),
      "add AuthButtons (sign in / user menu, gated on Convex's auth state)",
    ),
  );
}
