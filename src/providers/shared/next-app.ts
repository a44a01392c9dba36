/**
 * Next.js App Router wiring every provider shares: the `"use client"` module that renders the
 * Convex provider (found, or created with the Convex quickstart's shape and rendered around
 * `{children}` in the root layout), the bridge inside it, and provider components the layout
 * itself renders around it (`<ClerkProvider>` must sit outside the client provider).
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { parseCode } from "../../code/parse.ts";
import {
  addImports,
  defineEdit,
  ensureFile,
  refuse,
  wrapJsxChild,
  wrapJsxElement,
  type ImportSpec,
} from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import { convexBridgeEdit, type ConvexBridgeSpec, type JsxElementSpec } from "./convex-bridge.ts";

export interface NextClientProvider {
  /** The `"use client"` module rendering the Convex provider. */
  path: string;
  /** False: authwire creates it (the app renders no Convex provider yet). */
  exists: boolean;
  /** The root layout. */
  layout: string;
  /** The JSX name `renderedIn` renders it under. */
  element: string;
  /**
   * The layout (or other file) that renders the provider: the root layout, or a nested one such as
   * `app/product/layout.tsx` in template-nextjs-shadcn. Providers that must sit around the client
   * provider (`<ClerkProvider>`) go there.
   */
  renderedIn: string;
  /** `renderedIn` is a "use client" module (server-only providers can't be rendered there). */
  renderedInClient?: boolean;
  /** How `renderedIn` imports it: the module specifier as written, and whether it's the default export. */
  imported?: { from: string; default: boolean };
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
      renderedIn: layout,
    };
  }
  const rendering = await renderingFile(facts, layout, routesDir, found);
  if (rendering) {
    return {
      path: found,
      exists: true,
      layout,
      element: rendering.element,
      renderedIn: rendering.path,
      imported: rendering.imported,
      ...(rendering.client ? { renderedInClient: true } : {}),
    };
  }
  return { path: found, exists: true, layout, element: "ConvexClientProvider", renderedIn: layout };
}

const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/;
const LAYOUT_FILE = /(^|\/)layout\.[jt]sx?$/;

/**
 * The file that imports the client provider module and renders it: the root layout first, then
 * the other layouts under the routes folder (shallowest first), then any other code file.
 */
async function renderingFile(
  facts: ProjectFacts,
  layout: string,
  routesDir: string,
  provider: string,
): Promise<
  { path: string; element: string; client: boolean; imported: { from: string; default: boolean } } | undefined
> {
  const inRoutes = facts.codeFiles.filter((path) => path.startsWith(`${routesDir}/`) && path !== provider);
  const depth = (path: string) => path.split("/").length;
  const layouts = inRoutes
    .filter((path) => LAYOUT_FILE.test(path) && path !== layout)
    .sort((a, b) => depth(a) - depth(b));
  const others = facts.codeFiles.filter((path) => path !== provider && path !== layout && !layouts.includes(path));
  for (const path of [layout, ...layouts, ...others]) {
    const imported = await importOf(facts, path, provider);
    if (!imported) continue;
    const source = (await facts.files.read(path)) ?? "";
    if (new RegExp(`<${imported.name}\\b`).test(source)) {
      return {
        path,
        element: imported.name,
        client: USE_CLIENT.test(source),
        imported: { from: imported.from, default: imported.default },
      };
    }
  }
  return undefined;
}

/** The local name `layout` imports `target` under (relative or `@/` imports), the specifier and its kind. */
async function importOf(
  facts: ProjectFacts,
  layout: string,
  target: string,
): Promise<{ name: string; from: string; default: boolean } | undefined> {
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
    if (specifier) return { name: specifier.local.name, from, default: specifier.type === "ImportDefaultSpecifier" };
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
  /**
   * Providers rendered around the client provider, outermost first (`ClerkProvider`), in the layout
   * that renders it (`renderedIn`: the root layout, or a nested one).
   */
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
  const wrappers = wiring.layoutWrappers ?? [];
  if (wrappers.length > 0 && where.renderedInClient) {
    kit.file(
      where.renderedIn,
      defineEdit(`render <${wrappers[0]!.name}> around <${where.element}>`, () =>
        refuse(
          `${where.renderedIn} renders <${where.element}> but is a "use client" module, and <${wrappers[0]!.name}> must be rendered by a server layout. Render <${where.element}> from a layout (app/layout.tsx or a nested layout.tsx) first.`,
        ),
      ),
    );
    return;
  }
  for (const imports of wiring.layoutImports ?? []) kit.file(where.renderedIn, addImports(imports));
  let inner = where.element;
  for (const wrapper of [...wrappers].reverse()) {
    kit.file(where.renderedIn, wrapJsxElement({ element: inner, wrapper: wrapper.name, props: wrapper.props }));
    inner = wrapper.name;
  }
}
