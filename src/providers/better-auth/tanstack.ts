/**
 * Better Auth on TanStack Start, as the component's TanStack Start guide sets it up
 * (framework-guides/tanstack-start.mdx at 0.12.5): same-origin through a proxy route
 * (`src/routes/api/auth/$.ts` → `convexBetterAuthReactStart().handler`), server helpers in
 * `src/lib/auth-server.ts`, the root route's beforeLoad fetching the Convex token in a server
 * function and setting it on Convex's SSR HTTP client, and `<ConvexBetterAuthProvider>` with that
 * token inside the root route, and `ssr.noExternal: ["@convex-dev/better-auth"]` in vite.config. The router keeps its ConvexProvider/Wrap (as the Clerk recipe does);
 * its context must carry convexClient and convexQueryClient.
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { addViteSsrNoExternal, createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression, sourceExtension } from "../frameworks.ts";
import {
  rootBeforeLoadEdit,
  rootContextTypeEdit,
  rootProvidersEdit,
  routeTreeEdit,
  routerContextEdit,
} from "../shared/index.ts";
import { planNodeTypesFor } from "../shared/tsconfig-node-types.ts";
import { relativeImport } from "../shared/index.ts";
import { BRIDGE } from "./client.ts";
import type { BetterAuthMethod } from "./options.ts";
import { authClientSource, signInSource } from "./ui.ts";

export function startAuthServerSource(typescript: boolean): string {
  const bang = typescript ? "!" : "";
  return [
    'import { convexBetterAuthReactStart } from "@convex-dev/better-auth/react-start";',
    "",
    "// Server-side helpers: the /api/auth proxy handler, the user's Convex token, and Convex calls made with it.",
    "export const { handler, getToken, fetchAuthQuery, fetchAuthMutation, fetchAuthAction } = convexBetterAuthReactStart({",
    `  convexUrl: process.env.VITE_CONVEX_URL${bang},`,
    `  convexSiteUrl: process.env.VITE_CONVEX_SITE_URL${bang},`,
    "});",
    "",
  ].join("\n");
}

export function proxyRouteSource(authServerImport: string): string {
  return [
    'import { createFileRoute } from "@tanstack/react-router";',
    `import { handler } from "${authServerImport}";`,
    "",
    "// Better Auth's routes, proxied to the deployment's .convex.site URL (same origin for the browser).",
    'export const Route = createFileRoute("/api/auth/$")({',
    "  server: {",
    "    handlers: {",
    "      GET: ({ request }) => handler(request),",
    "      POST: ({ request }) => handler(request),",
    "    },",
    "  },",
    "});",
    "",
  ].join("\n");
}

const VITE_CONFIGS = ["vite.config.ts", "vite.config.mts", "vite.config.js", "vite.config.mjs"];

export async function planTanstack(
  facts: ProjectFacts,
  kit: Kit,
  { methods }: { methods: BetterAuthMethod[]; replace: boolean },
): Promise<void> {
  const root = facts.entries.rootRoute!;
  const routes = posix.dirname(root);
  const base = posix.dirname(routes); // src
  const ext = sourceExtension(facts, false);
  const authServer = `${base}/lib/auth-server.${ext}`;
  const authClient = `${base}/lib/auth-client.${ext}`;
  kit.file(
    authServer,
    createFile(
      startAuthServerSource(facts.typescript),
      "create the TanStack Start server helpers (convexBetterAuthReactStart)",
    ),
  );
  await planNodeTypesFor(facts, kit, authServer);
  kit.file(
    authClient,
    createFile(
      authClientSource({
        spa: false,
        envExpression: clientEnvExpression("tanstack-start", "CONVEX_SITE_URL"),
        typescript: facts.typescript,
      }),
      "create the Better Auth client",
    ),
  );
  const route = `${routes}/api/auth/$.${sourceExtension(facts, false)}`;
  const tree = `${base}/routeTree.gen.ts`;
  if (await facts.files.exists(tree)) kit.file(tree, routeTreeEdit([{ path: "/api/auth/$", file: "api/auth/$" }]));
  kit.file(
    route,
    createFile(proxyRouteSource(relativeImport(route, authServer)), "proxy /api/auth/* to the deployment"),
  );

  const router = facts.entries.main ?? `${base}/router.${sourceExtension(facts, true)}`;
  kit.file(router, routerContextEdit(["convexClient", "convexQueryClient"]));
  kit.file(root, rootContextTypeEdit(["convexClient", "convexQueryClient"]));
  kit.file(
    root,
    rootBeforeLoadEdit({
      declarations: [
        {
          name: "fetchConvexToken",
          code: [
            "// The signed-in user's Convex token, read from the session cookie on the server.",
            'const fetchConvexToken = createServerFn({ method: "GET" }).handler(async () => {',
            "  return (await getToken()) ?? null;",
            "});",
          ].join("\n"),
          imports: [
            { from: "@tanstack/react-start", named: ["createServerFn"] },
            { from: relativeImport(root, authServer), named: ["getToken"] },
          ],
        },
      ],
      beforeLoad: [
        "async (ctx) => {",
        "  const token = await fetchConvexToken();",
        "  // During SSR only (the only time serverHttpClient exists), authenticate Convex queries with it.",
        "  if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);",
        "  return { isAuthenticated: Boolean(token), token };",
        "}",
      ].join("\n"),
      marker: "setAuth",
    }),
  );
  kit.file(
    root,
    rootProvidersEdit({
      providers: [
        {
          name: BRIDGE,
          props: { client: "{convexClient}", authClient: "{providerAuthClient}", initialToken: "{token}" },
        },
      ],
      imports: [
        { from: "@convex-dev/better-auth/react", named: [BRIDGE] },
        { from: relativeImport(root, authClient), named: ["providerAuthClient"] },
      ],
      statements: ["const { convexClient, token } = Route.useRouteContext();"],
    }),
  );
  // The guide's vite.config: bundle the component's package for SSR (its ESM server helpers).
  for (const config of VITE_CONFIGS) {
    if (!(await facts.files.exists(config))) continue;
    kit.file(config, addViteSsrNoExternal({ packages: ["@convex-dev/better-auth"] }));
    break;
  }
  const signIn = `${base}/components/SignIn.${sourceExtension(facts, true)}`;
  kit.file(
    signIn,
    createFile(
      signInSource({
        methods,
        authClientImport: relativeImport(signIn, authClient),
        useClient: false,
        typescript: facts.typescript,
      }),
      "add a sign-in form (email and password, social buttons), gated on Convex's auth state",
    ),
  );
}
