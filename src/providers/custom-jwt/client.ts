/**
 * The custom JWT client wiring: `ConvexProviderWithAuth useAuth={useAuthFrom<Name>}` replaces the
 * plain ConvexProvider, and the generated hook (hook.ts) lives in its own module next to it.
 * React + Vite: the entry (src/main.tsx). Next.js App Router: the "use client" ConvexClientProvider
 * (created when missing); Pages Router: pages/_app.tsx, hook in lib/. TanStack Start: the router's
 * InnerWrap (inside the router, where IdP SDKs can use its hooks).
 */
import { posix } from "node:path";
import type { Kit } from "../../changes/kit.ts";
import { createFile, defineEdit, refuse } from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import {
  convexBridgeEdit,
  locateNextClientProvider,
  planNextClientProvider,
  relativeImport,
  routerWrapEdit,
  type ConvexBridgeSpec,
  refuseBridgeElsewhere,
} from "../shared/index.ts";
import { hookName, hookSource } from "./hook.ts";

export interface HookOptions {
  name: string;
  issuer?: string;
  applicationId?: string;
}

function bridge(entry: string, hookPath: string, name: string): ConvexBridgeSpec {
  const hook = hookName(name);
  return {
    bridge: { name: "ConvexProviderWithAuth", props: { useAuth: `{${hook}}` } },
    imports: [
      { from: "convex/react", named: ["ConvexProviderWithAuth"] },
      { from: relativeImport(entry, hookPath), named: [hook] },
    ],
  };
}

export async function planClient(facts: ProjectFacts, kit: Kit, hook: HookOptions): Promise<void> {
  const file = `${hookName(hook.name)}.${sourceExtension(facts, false)}`;
  const source = hookSource(hook.name, {
    typescript: facts.typescript,
    issuer: hook.issuer,
    applicationId: hook.applicationId,
  });
  const addHook = (path: string) =>
    kit.file(
      path,
      createFile(source, `add the ${hookName(hook.name)} hook for ConvexProviderWithAuth (connect it to your IdP)`),
    );
  const jsx = sourceExtension(facts, true);
  switch (facts.framework.name) {
    case "vite": {
      const entry = facts.entries.convexProvider ?? facts.entries.main ?? `src/main.${jsx}`;
      const hookPath = `${posix.dirname(entry)}/${file}`;
      kit.file(entry, convexBridgeEdit(bridge(entry, hookPath, hook.name)));
      addHook(hookPath);
      return;
    }
    case "next-pages": {
      const entry = facts.entries.main ?? `${facts.entries.routesDir ?? "pages"}/_app.${jsx}`;
      const hookPath = `${facts.entries.usesSrc ? "src/" : ""}lib/${file}`;
      kit.file(entry, convexBridgeEdit(bridge(entry, hookPath, hook.name)));
      addHook(hookPath);
      return;
    }
    case "tanstack-start": {
      const entry = facts.entries.main ?? `src/router.${jsx}`;
      const hookPath = `${posix.dirname(entry)}/${file}`;
      const spec = bridge(entry, hookPath, hook.name);
      // A bridge in the root route (the official Clerk template's) feeds the same Convex client.
      if (facts.entries.rootRoute && facts.entries.rootRoute !== entry)
        await refuseBridgeElsewhere(facts.files, kit, facts.entries.rootRoute, spec.bridge);
      kit.file(entry, routerWrapEdit({ ...spec, slot: "InnerWrap" }));
      addHook(hookPath);
      return;
    }
    default: {
      const where = await locateNextClientProvider(facts);
      if ("problem" in where) {
        kit.file(
          facts.entries.main ?? "app/layout.tsx",
          defineEdit("wire the custom JWT into the client provider", () => refuse(`${where.problem}.`)),
        );
        return;
      }
      const hookPath = `${posix.dirname(where.path)}/${file}`;
      planNextClientProvider(facts, kit, where, { bridge: bridge(where.path, hookPath, hook.name) });
      addHook(hookPath);
    }
  }
}
