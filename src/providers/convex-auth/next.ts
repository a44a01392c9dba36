/**
 * Next.js. App Router: `ConvexAuthNextjsServerProvider` around `<html>` in the root layout,
 * `ConvexAuthNextjsProvider` in the "use client" Convex client provider (created when the app has
 * none), and `convexAuthNextjsMiddleware()` in proxy.ts (Next >= 16) / middleware.ts, which proxies
 * the auth routes and keeps the session cookies. Pages Router: client-only `ConvexAuthProvider`
 * in pages/_app (Convex Auth's server-side helpers are App Router only).
 */
import type { Kit } from "../../changes/kit.ts";
import { AuthwireError } from "../../errors.ts";
import { addImports, wrapJsxElement } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { nextMiddlewarePath } from "../frameworks.ts";
import { locateNextClientProvider, nextMiddlewareEdit, planNextClientProvider } from "../shared/index.ts";
import { CONVEX_AUTH_PROVIDER, clientEntry } from "./vite.ts";

const DOCS = "https://labs.convex.dev/auth/authz/nextjs";

export async function planNextApp(facts: ProjectFacts, kit: Kit): Promise<void> {
  const where = await locateNextClientProvider(facts);
  if ("problem" in where)
    throw new AuthwireError("unsupported", `convex-auth can't wire this Next.js app: ${where.problem}.`, {
      docsUrl: DOCS,
    });
  planNextClientProvider(facts, kit, where, {
    bridge: {
      bridge: { name: "ConvexAuthNextjsProvider" },
      imports: [{ from: "@convex-dev/auth/nextjs", named: ["ConvexAuthNextjsProvider"] }],
    },
  });
  kit.file(
    where.layout,
    addImports({ from: "@convex-dev/auth/nextjs/server", named: ["ConvexAuthNextjsServerProvider"] }),
  );
  kit.file(where.layout, wrapJsxElement({ element: "html", wrapper: "ConvexAuthNextjsServerProvider" }));
  const middleware = await nextMiddlewarePath(facts);
  kit.file(
    middleware.path,
    nextMiddlewareEdit({
      imports: [{ from: "@convex-dev/auth/nextjs/server", named: ["convexAuthNextjsMiddleware"] }],
      expression: "convexAuthNextjsMiddleware()",
      marker: "convexAuthNextjsMiddleware",
      matcher: [
        { path: "/((?!.*\\..*|_next).*)", comment: "every route except static files and Next.js internals" },
        { path: "/" },
        { path: "/(api|trpc)(.*)" },
      ],
      docs: DOCS,
    }),
    {
      reason: `proxy Convex Auth's /api/auth routes and keep its session cookies (${middleware.kind === "proxy" ? "Next >= 16: proxy" : "middleware"})`,
    },
  );
}

export function planNextPages(facts: ProjectFacts, kit: Kit): void {
  kit.file(clientEntry(facts, `pages/_app.${facts.typescript ? "tsx" : "jsx"}`), CONVEX_AUTH_PROVIDER);
}
