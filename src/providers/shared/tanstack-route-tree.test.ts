import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APPS } from "../../../test/helpers/edits.ts";
import { isRefusal, unchanged } from "../../edit/index.ts";
import { routeName, routeTreeEdit } from "./tanstack-route-tree.ts";

const PATH = "src/routeTree.gen.ts";
const TREE = readFileSync(join(APPS, "tanstack-start-baseline", PATH), "utf8");

function apply(content: string, entries: { path: string; file: string }[]): string {
  const result = routeTreeEdit(entries)(content, { path: PATH });
  if (isRefusal(result)) throw new Error(result.reason);
  if (result === unchanged) throw new Error("unchanged");
  return result;
}

describe("the generated route tree kept in step with new routes", () => {
  it("names routes as TanStack's generator does (routePathToVariable)", () => {
    expect(routeName("/callback")).toBe("Callback");
    expect(routeName("/sign-in")).toBe("SignIn");
    expect(routeName("/auth/callback")).toBe("AuthCallback");
    expect(routeName("/api/auth/$")).toBe("ApiAuthSplat");
    expect(routeName("/posts/$postId")).toBe("PostsPostId");
    expect(routeName("/v1.2")).toBe("V1Dot2");
    expect(routeName("/404")).toBe("R404");
  });

  it("enters a splat route under the root with the generator's identifiers, in every map", () => {
    const after = apply(TREE, [{ path: "/api/auth/$", file: "api/auth/$" }]);
    expect(after).toContain("import { Route as ApiAuthSplatRouteImport } from './routes/api/auth/$'");
    expect(after).toContain(
      "const ApiAuthSplatRoute = ApiAuthSplatRouteImport.update({\n  id: '/api/auth/$',\n  path: '/api/auth/$',\n  getParentRoute: () => rootRouteImport,\n} as any)",
    );
    expect(after).toContain(
      "export interface FileRoutesByFullPath {\n  '/': typeof IndexRoute\n  '/api/auth/$': typeof ApiAuthSplatRoute\n}",
    );
    expect(after).toContain("id: '__root__' | '/' | '/api/auth/$'");
    expect(after).toContain(
      "    '/api/auth/$': {\n      id: '/api/auth/$'\n      path: '/api/auth/$'\n      fullPath: '/api/auth/$'\n      preLoaderRoute: typeof ApiAuthSplatRouteImport\n      parentRoute: typeof rootRouteImport\n    }",
    );
    expect(after).toContain(
      "const rootRouteChildren: RootRouteChildren = {\n  IndexRoute: IndexRoute,\n  ApiAuthSplatRoute: ApiAuthSplatRoute,\n}",
    );
  });

  it("enters only the routes the tree lacks; a second run is unchanged", () => {
    const once = apply(TREE, [{ path: "/callback", file: "callback" }]);
    const both = apply(once, [
      { path: "/callback", file: "callback" },
      { path: "/sign-in", file: "sign-in" },
    ]);
    expect(both.match(/CallbackRouteImport.update/g)).toHaveLength(1);
    expect(both).toContain("fullPaths: '/' | '/callback' | '/sign-in'");
    expect(routeTreeEdit([{ path: "/sign-in", file: "sign-in" }])(both, { path: PATH })).toBe(unchanged);
  });

  it("refuses a file that isn't shaped like the generated tree, naming the fix", () => {
    const result = routeTreeEdit([{ path: "/callback", file: "callback" }])("export const routeTree = 1;\n", {
      path: PATH,
    });
    expect(isRefusal(result) && result.reason).toContain("run `vite dev` once to regenerate it");
  });
});
