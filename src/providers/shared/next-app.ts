/**
 * Next.js App Router wiring every provider shares: the `"use client"` module that renders the
 * Convex provider (found, or created with the Convex quickstart's shape and rendered around
 * `{children}` in the root layout), the bridge inside it, and provider components the layout
 * itself renders around it (`<ClerkProvider>` must sit outside the client provider).
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { parseCode } from "../../code/parse.ts";
import { addImports, ensureFile, wrapJsxChild, wrapJsxElement, type ImportSpec } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import { convexBridgeEdit, type ConvexBridgeSpec, type JsxElementSpec } from "./convex-bridge.ts";

export interface NextClientProvider {
  /** The `"use client"` module rendering the Convex provider. */
  path: string;
  /** False: authwire creates it (the app renders no Convex provider yet). */
  exists: boolean;
  /** The root layout that renders it. */
  layout: string;
  /** The JSX name the layout renders it under. */
  element: string;
}

/** Where the app's Convex client provider is, or will be; a reason when the app's shape is unexpected. */
export async function locateNextClientProvider(facts: ProjectFacts): Promise<NextClientProvider | { problem: string }> {
  const layout = facts.entries.main;
  const routesDir = facts.entries.routesDir ?? (facts.entries.usesSrc ? "src/app" : "app");
  if (!layout) return { problem: `the app has no root layout (${routesDir}/layout.tsx)` };
  const found = facts.entries.convexProvider;
  if (found === layout) {
    return {
      problem: `${layout} renders the Convex provider itself; a provider with auth needs a "use client" module (the Convex quickstart's ConvexClientProvider). Move it there first`,
    };
  }
  if (!found) {
    return {
      path: `${routesDir}/ConvexClientProvider.${sourceExtension(facts, true)}`,
      exists: false,
      layout,
      element: "ConvexClientProvider",
    };
  }
  const element = (await layoutImportName(facts, layout, found)) ?? "ConvexClientProvider";
  return { path: found, exists: true, layout, element };
}

/** The local name the layout imports `target` under (relative or `@/` imports), if it does. */
async function layoutImportName(facts: ProjectFacts, layout: string, target: string): Promise<string | undefined> {
  const source = await facts.files.read(layout);
  if (source === undefined) return undefined;
  const parsed = parseCode(layout, source);
  if (!parsed.ok) return undefined;
  const stem = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "");
  const wanted = stem(target);
  for (const node of parsed.ast.program.body) {
    if (node.type !== "ImportDeclaration") continue;
    const from = node.source.value;
    const candidates = from.startsWith(".")
      ? [posix.join(posix.dirname(layout), from)]
      : from.startsWith("@/") || from.startsWith("~/")
        ? [from.slice(2), `src/${from.slice(2)}`]
        : [];
    if (!candidates.some((candidate) => stem(candidate) === wanted)) continue;
    const specifier = node.specifiers.find((s) => s.type === "ImportDefaultSpecifier" || s.type === "ImportSpecifier");
    if (specifier) return specifier.local.name;
  }
  return undefined;
}

/** The Convex Next.js quickstart's client provider, before any auth (a bridge edit follows). */
export function nextClientProviderBaseline(facts: ProjectFacts): string {
  const typed = facts.typescript;
  return [
    '"use client";',
    "",
    'import { ConvexProvider, ConvexReactClient } from "convex/react";',
    ...(typed ? ['import type { ReactNode } from "react";'] : []),
    "",
    `const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL${typed ? "!" : ""});`,
    "",
    `export function ConvexClientProvider({ children }${typed ? ": { children: ReactNode }" : ""}) {`,
    "  return (",
    "    <ConvexProvider client={convex}>",
    "      {children}",
    "    </ConvexProvider>",
    "  );",
    "}",
    "",
  ].join("\n");
}

/** The import path from one project file to another ("./ConvexClientProvider"). */
export function relativeImport(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.[cm]?[jt]sx?$/, "");
  return path.startsWith(".") ? path : `./${path}`;
}

export interface NextClientWiring {
  /** The bridge inside the client provider (and the identity provider's client-side providers). */
  bridge: ConvexBridgeSpec;
  /** Providers the root layout renders around the client provider, outermost first (`ClerkProvider`). */
  layoutWrappers?: JsxElementSpec[];
  layoutImports?: ImportSpec[];
}

/** Records the App Router wiring: client provider (created if missing), its use in the layout, layout providers. */
export function planNextClientProvider(
  facts: ProjectFacts,
  kit: Kit,
  where: NextClientProvider,
  wiring: NextClientWiring,
): void {
  if (!where.exists) {
    kit.file(where.path, ensureFile(nextClientProviderBaseline(facts)), {
      reason: 'create the "use client" Convex client provider',
    });
  }
  kit.file(where.path, convexBridgeEdit(wiring.bridge));
  if (!where.exists) {
    kit.file(where.layout, addImports({ from: relativeImport(where.layout, where.path), named: [where.element] }));
    kit.file(where.layout, wrapJsxChild({ parent: "body", child: "{children}", wrapper: where.element }));
  }
  for (const imports of wiring.layoutImports ?? []) kit.file(where.layout, addImports(imports));
  let inner = where.element;
  for (const wrapper of [...(wiring.layoutWrappers ?? [])].reverse()) {
    kit.file(where.layout, wrapJsxElement({ element: inner, wrapper: wrapper.name, props: wrapper.props }));
    inner = wrapper.name;
  }
}
