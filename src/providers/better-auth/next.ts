/**
 * Better Auth on Next.js (App Router), as the component's Next.js guide sets it up: the browser
 * talks to the app's own origin, `app/api/auth/[...all]/route.ts` proxies to the deployment
 * (`convexBetterAuthNextJs().handler`), `lib/auth-server.ts` exports the server helpers (getToken,
 * fetchAuthQuery…), and the "use client" Convex client provider renders ConvexBetterAuthProvider.
 */
import type { Kit } from "../../changes/kit.ts";
import { AuthwireError } from "../../errors.ts";
import { createFile } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { clientEnvExpression, sourceExtension } from "../frameworks.ts";
import { locateNextClientProvider, nextClientProviderBaseline, relativeImport } from "../shared/index.ts";
import { ensureFile } from "../../edit/index.ts";
import { addImports, wrapJsxChild } from "../../edit/index.ts";
import { planClient } from "./client.ts";
import { DOCS, type BetterAuthMethod } from "./options.ts";

export function authServerSource(typescript: boolean): string {
  const bang = typescript ? "!" : "";
  return [
    'import { convexBetterAuthNextJs } from "@convex-dev/better-auth/nextjs";',
    "",
    "// Server-side helpers: the /api/auth proxy handler, and Convex calls made with the user's token.",
    "export const { handler, preloadAuthQuery, isAuthenticated, getToken, fetchAuthQuery, fetchAuthMutation, fetchAuthAction } =",
    "  convexBetterAuthNextJs({",
    `    convexUrl: process.env.NEXT_PUBLIC_CONVEX_URL${bang},`,
    `    convexSiteUrl: process.env.NEXT_PUBLIC_CONVEX_SITE_URL${bang},`,
    "  });",
    "",
  ].join("\n");
}

export function routeSource(authServerImport: string): string {
  return [`import { handler } from "${authServerImport}";`, "", "export const { GET, POST } = handler;", ""].join("\n");
}

export async function planNext(
  facts: ProjectFacts,
  kit: Kit,
  { methods, replace }: { methods: BetterAuthMethod[]; replace: boolean },
): Promise<void> {
  const where = await locateNextClientProvider(facts);
  if ("problem" in where)
    throw new AuthwireError("unsupported", `better-auth can't wire this Next.js app: ${where.problem}.`, {
      docsUrl: DOCS,
    });
  const codeDir = facts.entries.usesSrc ? "src" : ".";
  const base = codeDir === "." ? "" : `${codeDir}/`;
  const routesDir = facts.entries.routesDir ?? `${base}app`;
  const authServer = `${base}lib/auth-server.${sourceExtension(facts, false)}`;
  kit.file(
    authServer,
    createFile(authServerSource(facts.typescript), "create the Next.js server helpers (convexBetterAuthNextJs)"),
  );
  const route = `${routesDir}/api/auth/[...all]/route.${sourceExtension(facts, false)}`;
  kit.file(route, createFile(routeSource(relativeImport(route, authServer)), "proxy /api/auth/* to the deployment"));

  if (!where.exists) {
    kit.file(where.path, ensureFile(nextClientProviderBaseline(facts)), {
      reason: 'create the "use client" Convex client provider',
    });
    kit.file(where.layout, addImports({ from: relativeImport(where.layout, where.path), named: [where.element] }));
    kit.file(where.layout, wrapJsxChild({ parent: "body", child: "{children}", wrapper: where.element }));
  }
  planClient(facts, kit, {
    entry: where.path,
    codeDir: codeDir === "." ? "" : codeDir,
    spa: false,
    envExpression: clientEnvExpression(facts.framework.name, "CONVEX_SITE_URL"),
    methods,
    replace,
    useClient: true,
  });
}
