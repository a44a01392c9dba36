import { describe, expect, it } from "vitest";
import { moduleOf } from "../fixture.test-helper.ts";

const CASES = [
  {
    title: "routes with path and pathPrefix, Convex Auth's routes",
    source: `import { httpRouter } from "convex/server";
import { auth } from "./auth";
const http = httpRouter();
auth.addHttpRoutes(http);
http.route({ path: "/webhook", method: "POST", handler: h });
http.route({ pathPrefix: \`/files/\`, method: "GET", handler: h });
http.route({ path: dynamic, method: "GET", handler: h });
export default http;`,
    routes: ["/webhook", "/files/"],
    addHttpRoutes: 1,
    convexAuth: null,
  },
  {
    title: "convexAuth providers: names, calls, unknown entries",
    source: `import { convexAuth } from "@convex-dev/auth/server";
import GitHub from "@auth/core/providers/github";
import { Password } from "@convex-dev/auth/providers/Password";
export const { auth, signIn } = convexAuth({ providers: [GitHub, Password({ id: "p" }), ...more] });`,
    routes: [],
    addHttpRoutes: 0,
    convexAuth: ["GitHub", "Password", "?"],
  },
  {
    title: "convexAuth with a non-literal provider list",
    source: `import { convexAuth } from "@convex-dev/auth/server";\nexport const { auth } = convexAuth({ providers });`,
    routes: [],
    addHttpRoutes: 0,
    convexAuth: null as string[] | null,
    convexAuthCalled: true,
  },
];

describe("http collector", () => {
  it.each(CASES)("$title", async ({ source, routes, addHttpRoutes, convexAuth, ...rest }) => {
    const module = await moduleOf(source, "convex/http.ts");
    expect(module.httpRoutes.map((route) => route.path)).toEqual(routes);
    expect(module.addHttpRoutes).toHaveLength(addHttpRoutes);
    if ("convexAuthCalled" in rest) expect(module.convexAuth?.providers).toBeNull();
    else expect(module.convexAuth?.providers ?? null).toEqual(convexAuth);
  });
});
