/**
 * Next.js App Router (Next >= 16) for Convex Auth v2 (docs/internals/convex-auth-v2.md#clients): a
 * `convex-auth.ts` module with `setupConvexAuthServer` (the POST route handlers) and
 * `setupConvexAuthNextjs` (proxy, server provider); the three POST routes under `app/auth/`;
 * `proxy.ts`; and the root layout rendering `ConvexAuthNextjsServerProvider` (which renders the
 * client provider with the session's token) in place of the app's plain Convex client provider.
 */
import type { Kit } from "../../../changes/kit.ts";
import { AuthwireError } from "../../../errors.ts";
import { addImports, createFile, removeUnusedImport, replaceJsxElement, wrapJsxChild } from "../../../edit/index.ts";
import type { ProjectFacts } from "../../../project/facts.ts";
import { nextMiddlewarePath, sourceExtension } from "../../frameworks.ts";
import { locateNextClientProvider, nextMiddlewareEdit, relativeImport } from "../../shared/index.ts";
import { apiImportPath } from "./client.ts";
import { V2_METHOD_SPECS, type V2Method } from "./methods.ts";

const DOCS = "https://docs.convex.dev/auth/convex-auth";

export function serverModule(methods: V2Method[], apiPath: string): string {
  const signIn = methods.flatMap((method) => V2_METHOD_SPECS[method].ssrSignIn);
  return `import { setupConvexAuthServer } from "@convex-dev/auth/ssr";
import { setupConvexAuthNextjs } from "@convex-dev/auth/ssr/nextjs";
import { api } from "${apiPath}";

const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL!;

/** Convex Auth's POST route handlers (app/auth/signin, refresh, signout); sign-in serves only these functions. */
export const auth = setupConvexAuthServer({
  convexUrl,
  refreshSession: api.auth.refreshSession,
  signOut: api.auth.signOut,
  signIn: [
${signIn.map((name) => `    api.auth.${name},`).join("\n")}
  ],
  cookieOptions: { secure: process.env.NODE_ENV === "production" },
});

export const { convexAuthNextjsProxy, convexAuthNextjsAccessToken, isAuthenticatedNextjs, ConvexAuthNextjsServerProvider } =
  setupConvexAuthNextjs({
    convexUrl,
    refreshSession: api.auth.refreshSession,
    isAuthenticated: api.auth.isAuthenticated,
  });
`;
}

const ROUTES = { signin: "convexProxyHandler", refresh: "refreshHandler", signout: "signOutHandler" } as const;

export async function planNextAppV2(facts: ProjectFacts, methods: V2Method[], kit: Kit): Promise<void> {
  if (facts.framework.major !== null && facts.framework.major < 16) {
    throw new AuthwireError(
      "unsupported",
      `Convex Auth v2's Next.js helpers need Next 16 (its proxy.ts); this app has next ${facts.framework.version}. Upgrade Next first`,
      { docsUrl: DOCS },
    );
  }
  const where = await locateNextClientProvider(facts);
  if ("problem" in where)
    throw new AuthwireError("unsupported", `convex-auth can't wire this Next.js app: ${where.problem}.`, {
      docsUrl: DOCS,
    });
  const base = facts.entries.usesSrc ? "src/" : "";
  const ts = sourceExtension(facts, false);
  const server = `${base}convex-auth.${ts}`;
  kit.file(server, createFile(serverModule(methods, apiImportPath(server, facts.convex.dir))), {
    reason: "Convex Auth's server helpers: the /auth route handlers, the proxy and the server provider",
  });
  const routesDir = facts.entries.routesDir ?? `${base}app`;
  for (const [route, handler] of Object.entries(ROUTES)) {
    const path = `${routesDir}/auth/${route}/route.${ts}`;
    kit.file(
      path,
      createFile(`import { auth } from "${relativeImport(path, server)}";\n\nexport const POST = auth.${handler};\n`),
      { reason: `POST /auth/${route}: Convex Auth's ${handler}` },
    );
  }
  const middleware = await nextMiddlewarePath(facts);
  kit.file(
    middleware.path,
    nextMiddlewareEdit({
      imports: [{ from: relativeImport(middleware.path, server), named: ["convexAuthNextjsProxy"] }],
      expression: "convexAuthNextjsProxy()",
      marker: "convexAuthNextjsProxy",
      matcher: [
        {
          path: "/((?!auth|_next/static|_next/image|favicon.ico).*)",
          comment: "every route except Convex Auth's /auth routes, static files and Next.js internals",
        },
      ],
      docs: DOCS,
    }),
    { reason: "refresh the session cookie before pages render (Next 16: proxy.ts)" },
  );
  if (where.exists) {
    kit.file(
      where.renderedIn,
      addImports({ from: relativeImport(where.renderedIn, server), named: ["ConvexAuthNextjsServerProvider"] }),
    );
    kit.file(where.renderedIn, replaceJsxElement({ element: where.element, name: "ConvexAuthNextjsServerProvider" }), {
      reason: `render ConvexAuthNextjsServerProvider (it creates the Convex client with the session's token) instead of <${where.element}>`,
    });
    kit.file(
      where.renderedIn,
      removeUnusedImport({
        from: where.imported?.from ?? relativeImport(where.renderedIn, where.path),
        name: where.element,
        default: where.imported?.default ?? false,
      }),
    );
  } else {
    kit.file(
      where.layout,
      addImports({ from: relativeImport(where.layout, server), named: ["ConvexAuthNextjsServerProvider"] }),
    );
    kit.file(
      where.layout,
      wrapJsxChild({ parent: "body", child: "{children}", wrapper: "ConvexAuthNextjsServerProvider" }),
    );
  }
}
