import { describe, expect, it } from "vitest";
import { isRefusal, unchanged } from "../../edit/index.ts";
import { rootContextTypeEdit, routerContextEdit } from "./tanstack-context.ts";
import { tsconfigCovers } from "./tsconfig-node-types.ts";

const run = (edit: ReturnType<typeof routerContextEdit>, path: string, source: string) => edit(source, { path });

const TEMPLATE_ROUTER = `import { createRouter } from '@tanstack/react-router'
import { ConvexQueryClient } from '@convex-dev/react-query'

export function getRouter() {
  const convexQueryClient = new ConvexQueryClient(url)
  return createRouter({
    routeTree,
    context: { queryClient },
  })
}
`;

describe("routerContextEdit", () => {
  it("adds the clients the router owns to a context holding only queryClient", () => {
    const out = run(routerContextEdit(["convexClient", "convexQueryClient"]), "src/router.tsx", TEMPLATE_ROUTER);
    expect(out).toContain("context: { queryClient, convexClient: convexQueryClient.convexClient, convexQueryClient },");
    expect(run(routerContextEdit(["convexClient", "convexQueryClient"]), "src/router.tsx", out as string)).toBe(
      unchanged,
    );
  });

  it("uses the app's own ConvexReactClient, and creates the context when there is none", () => {
    const source = `const convex = new ConvexReactClient(url);
const qc = new ConvexQueryClient(convex);
export const router = createRouter({ routeTree });
`;
    expect(run(routerContextEdit(["convexClient", "convexQueryClient"]), "src/router.tsx", source)).toContain(
      "createRouter({ routeTree, context: { convexClient: convex, convexQueryClient: qc } })",
    );
  });

  it("refuses a router without a ConvexQueryClient, naming what is missing", () => {
    const result = run(routerContextEdit(["convexQueryClient"]), "src/router.tsx", "createRouter({ routeTree });\n");
    expect(isRefusal(result) && result.reason).toContain("no `new ConvexQueryClient(…)` found");
  });
});

describe("rootContextTypeEdit", () => {
  it("declares the keys in the template's multi-line type literal, in its style (no semicolons)", () => {
    const source = `import { createRootRouteWithContext } from '@tanstack/react-router'
import type { QueryClient } from '@tanstack/react-query'

export const Route = createRootRouteWithContext<{
  queryClient: QueryClient
}>()({ component: Root })
`;
    const out = run(rootContextTypeEdit(["convexClient", "convexQueryClient"]), "src/routes/__root.tsx", source);
    expect(out).toContain(`<{
  queryClient: QueryClient
  convexClient: ConvexReactClient
  convexQueryClient: ConvexQueryClient
}>()`);
    expect(out).toContain("import type { ConvexReactClient } from 'convex/react'");
    expect(out).toContain("import type { ConvexQueryClient } from '@convex-dev/react-query'");
    expect(run(rootContextTypeEdit(["convexClient", "convexQueryClient"]), "x.tsx", out as string)).toBe(unchanged);
  });

  it("a single-line literal and a local interface", () => {
    const inline = `export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({});\n`;
    expect(run(rootContextTypeEdit(["convexQueryClient"]), "r.tsx", inline)).toContain(
      "<{ queryClient: QueryClient; convexQueryClient: ConvexQueryClient }>",
    );
    const named = `interface Ctx {\n  queryClient: QueryClient;\n}\nexport const Route = createRootRouteWithContext<Ctx>()({});\n`;
    expect(run(rootContextTypeEdit(["convexQueryClient"]), "r.tsx", named)).toContain(
      "interface Ctx {\n  queryClient: QueryClient;\n  convexQueryClient: ConvexQueryClient;\n}",
    );
  });

  it("refuses createRootRoute without a context type", () => {
    const result = run(
      rootContextTypeEdit(["convexQueryClient"]),
      "r.tsx",
      "export const Route = createRootRoute({});\n",
    );
    expect(isRefusal(result) && result.reason).toContain("createRootRouteWithContext");
  });
});

describe("tsconfigCovers", () => {
  it.each([
    ["tsconfig.json", { include: ["src", "convex"] }, "convex/auth.config.ts", true],
    ["tsconfig.json", { include: ["**/*.ts", "**/*.tsx"] }, "convex/auth.config.ts", true],
    ["tsconfig.json", { include: ["**/*.ts"], exclude: ["node_modules", "convex"] }, "convex/auth.config.ts", false],
    ["tsconfig.json", { include: ["src"] }, "convex/auth.config.ts", false],
    ["tsconfig.json", {}, "convex/auth.config.ts", true],
    ["convex/tsconfig.json", { include: ["./**/*"], exclude: ["./_generated"] }, "convex/auth.config.ts", true],
    ["convex/tsconfig.json", { include: ["./**/*"], exclude: ["./_generated"] }, "convex/_generated/api.d.ts", false],
    ["tsconfig.app.json", { files: ["convex/auth.config.ts"], include: [] }, "convex/auth.config.ts", true],
  ])("%s %j covers %s: %s", (path, config, file, expected) => {
    expect(tsconfigCovers(path, config, file)).toBe(expected);
  });
});
