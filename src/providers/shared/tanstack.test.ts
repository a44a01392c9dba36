import { describe, expect, it } from "vitest";
import { unchanged } from "../../edit/index.ts";
import { detectProject } from "../../project/detect.ts";
import { memoryFiles } from "../../project/files.ts";
import { appFile, refusalOf, runEdit } from "../../../test/helpers/edits.ts";
import { rootBeforeLoadEdit, rootProvidersEdit } from "./tanstack-root.ts";
import { routerWrapEdit } from "./tanstack-router.ts";
import {
  startFilePath,
  startHasCsrfMiddleware,
  startMiddlewareEdit,
  type StartMiddlewareSpec,
} from "./tanstack-start.ts";

const clerkStart: StartMiddlewareSpec = {
  imports: [{ from: "@clerk/tanstack-react-start/server", named: ["clerkMiddleware"] }],
  middleware: "clerkMiddleware()",
  marker: "clerkMiddleware",
  csrf: true,
};

describe("start.ts request middleware", () => {
  it("creates start.ts with the provider's middleware after Start's CSRF check", () => {
    expect(runEdit(startMiddlewareEdit(clerkStart), undefined, "src/start.ts"))
      .toBe(`import { createCsrfMiddleware, createStart } from "@tanstack/react-start";
import { clerkMiddleware } from "@clerk/tanstack-react-start/server";

// A custom start.ts replaces Start's defaults, so the CSRF check for server functions is added here.
const csrfMiddleware = createCsrfMiddleware({
  filter: (ctx) => ctx.handlerType === "serverFn",
});

export const startInstance = createStart(() => ({
  requestMiddleware: [csrfMiddleware, clerkMiddleware()],
}));
`);
  });

  it("adds the middleware to an existing requestMiddleware array (template style, block body)", () => {
    const source = `import { createStart } from '@tanstack/react-start'\nimport { authkitMiddleware } from '@workos/authkit-tanstack-react-start'\n\nexport const startInstance = createStart(() => {\n  return {\n    requestMiddleware: [authkitMiddleware()],\n  }\n})\n`;
    expect(runEdit(startMiddlewareEdit(clerkStart), source, "src/start.ts")).toBe(
      `import { createStart } from '@tanstack/react-start'\nimport { authkitMiddleware } from '@workos/authkit-tanstack-react-start'\nimport { clerkMiddleware } from '@clerk/tanstack-react-start/server'\n\nexport const startInstance = createStart(() => {\n  return {\n    requestMiddleware: [authkitMiddleware(), clerkMiddleware()],\n  }\n})\n`,
    );
  });

  it("adds requestMiddleware when the options have none, and leaves it when present", () => {
    const source = `import { createStart } from "@tanstack/react-start";\n\nexport const startInstance = createStart(() => ({\n  defaultSsr: true,\n}));\n`;
    const out = runEdit(startMiddlewareEdit(clerkStart), source, "src/start.ts");
    expect(out).toContain("  defaultSsr: true,\n  requestMiddleware: [clerkMiddleware()],\n}));");
    expect(refusalOf(startMiddlewareEdit(clerkStart)("export const x = 1;\n", { path: "src/start.ts" }))).toContain(
      "no createStart(...) call",
    );
  });

  it("knows where start.ts goes and whether Start has the CSRF middleware", async () => {
    const facts = async (start: string) =>
      detectProject("/p", {
        files: memoryFiles({
          "package.json": JSON.stringify({
            dependencies: { "@tanstack/react-start": start, react: "19", convex: "1.48.0" },
          }),
          "tsconfig.json": "{}",
          "src/routes/__root.tsx": "",
          "src/router.tsx": "",
        }),
        env: {},
      });
    expect(startFilePath(await facts("^1.169.5"))).toBe("src/start.ts");
    expect(startHasCsrfMiddleware(await facts("^1.169.5"))).toBe(true);
    expect(startHasCsrfMiddleware(await facts("^1.167.0"))).toBe(false);
  });
});

const ROOT = appFile("tanstack-start-baseline", "src/routes/__root.tsx");

describe("root route", () => {
  const beforeLoad = rootBeforeLoadEdit({
    declarations: [
      {
        name: "fetchClerkAuth",
        code: 'const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {\n  const { userId, getToken } = await auth();\n  return { userId, token: await getToken() };\n});',
        imports: [
          { from: "@tanstack/react-start", named: ["createServerFn"] },
          { from: "@clerk/tanstack-react-start/server", named: ["auth"] },
        ],
      },
    ],
    beforeLoad:
      "async (ctx) => {\n  const { userId, token } = await fetchClerkAuth();\n  // During SSR only (the only time serverHttpClient exists), authenticate Convex queries.\n  if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);\n  return { userId, token };\n}",
    marker: "setAuth",
  });

  it("adds the SSR token to beforeLoad, with the server function it calls", () => {
    const out = runEdit(beforeLoad, ROOT, "src/routes/__root.tsx");
    expect(out).toContain(`import appCss from "~/styles/app.css?url";
import { createServerFn } from "@tanstack/react-start";
import { auth } from "@clerk/tanstack-react-start/server";

const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const { userId, getToken } = await auth();
  return { userId, token: await getToken() };
});

export const Route`);
    expect(out).toContain(`  component: RootComponent,
  beforeLoad: async (ctx) => {
    const { userId, token } = await fetchClerkAuth();
    // During SSR only (the only time serverHttpClient exists), authenticate Convex queries.
    if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);
    return { userId, token };
  },
});`);
  });

  it("leaves a beforeLoad that already sets the token, and refuses to merge into another one", () => {
    const setting = ROOT.replace(
      "  component: RootComponent,",
      "  beforeLoad: async ({ context }) => {\n    context.convexQueryClient.serverHttpClient?.setAuth(await token());\n  },\n  component: RootComponent,",
    );
    expect(beforeLoad(setting, { path: "src/routes/__root.tsx" })).toBe(unchanged);
    const other = ROOT.replace(
      "  component: RootComponent,",
      "  beforeLoad: () => ({ theme: 'dark' }),\n  component: RootComponent,",
    );
    expect(refusalOf(beforeLoad(other, { path: "src/routes/__root.tsx" }))).toBe(
      "src/routes/__root.tsx:18 already has a beforeLoad; add the SSR token to it by hand: ctx.context.convexQueryClient.serverHttpClient?.setAuth(token).",
    );
  });

  const providers = rootProvidersEdit({
    providers: [
      { name: "ClerkProvider" },
      { name: "ConvexProviderWithClerk", props: { client: "{convexClient}", useAuth: "{useAuth}" } },
    ],
    imports: [
      { from: "@clerk/tanstack-react-start", named: ["ClerkProvider", "useAuth"] },
      { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
    ],
    statements: ["const { convexClient } = Route.useRouteContext();"],
  });

  it("renders the providers inside <body> around the page, with the client from the route context", () => {
    const out = runEdit(providers, ROOT, "src/routes/__root.tsx");
    expect(out).toContain(`function RootDocument({ children }: { children: ReactNode }) {
  const { convexClient } = Route.useRouteContext();
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body>
        <ClerkProvider>
          <ConvexProviderWithClerk client={convexClient} useAuth={useAuth}>
            {children}
          </ConvexProviderWithClerk>
        </ClerkProvider>
        <Scripts />
      </body>
    </html>
  );
}`);
  });

  it("is done when the root route already renders them around its document (template-tanstack-start-clerk)", () => {
    const source = `function RootComponent() {\n  const context = useRouteContext({ from: Route.id });\n  return (\n    <ClerkProvider>\n      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>\n        <RootDocument>\n          <Outlet />\n        </RootDocument>\n      </ConvexProviderWithClerk>\n    </ClerkProvider>\n  );\n}\n\nfunction RootDocument({ children }: { children: React.ReactNode }) {\n  return (\n    <html>\n      <body>\n        {children}\n      </body>\n    </html>\n  );\n}\n`;
    expect(providers(source, { path: "src/routes/__root.tsx" })).toBe(unchanged);
    // Without ClerkProvider around it, the bridge alone isn't the whole wiring: planned as usual.
    const bare = source.replace("<ClerkProvider>", "<>").replace("</ClerkProvider>", "</>");
    expect(typeof providers(bare, { path: "src/routes/__root.tsx" })).not.toBe("symbol");
  });

  it("turns an expression-bodied component into a block for the statement", () => {
    const source = `import { Outlet } from "@tanstack/react-router";\nexport const Route = createRootRoute({ component: Root });\nconst Root = () => (\n  <html>\n    <body>\n      <Outlet />\n    </body>\n  </html>\n);\n`;
    const out = runEdit(providers, source, "src/routes/__root.tsx");
    expect(out.endsWith("    </html>\n  );\n};\n")).toBe(true);
    expect(out).toContain(
      "const Root = () => {\n  const { convexClient } = Route.useRouteContext();\n  return (\n    <html>\n      <body>\n        <ClerkProvider>",
    );
  });
});

describe("router Wrap / InnerWrap", () => {
  const ROUTER = appFile("tanstack-start-baseline", "src/router.tsx");
  const edit = (slot: "Wrap" | "InnerWrap") =>
    routerWrapEdit({
      slot,
      bridge: { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromAcme}" } },
      wrappers: [{ name: "AcmeProvider" }],
      imports: [
        { from: "convex/react", named: ["ConvexProviderWithAuth"] },
        { from: "acme", named: ["AcmeProvider"] },
        { from: "./useAuthFromAcme", named: ["useAuthFromAcme"] },
      ],
    });

  it("replaces the plain provider in Wrap and moves it to InnerWrap (inside the router)", () => {
    const out = runEdit(edit("InnerWrap"), ROUTER, "src/router.tsx");
    expect(out).toContain(
      "    InnerWrap: ({ children }) => <AcmeProvider><ConvexProviderWithAuth client={convexQueryClient.convexClient} useAuth={useAuthFromAcme}>{children}</ConvexProviderWithAuth></AcmeProvider>,",
    );
    expect(out).toContain('import { ConvexReactClient, ConvexProviderWithAuth } from "convex/react";');
  });

  it("keeps it in Wrap when asked", () => {
    expect(runEdit(edit("Wrap"), ROUTER, "src/router.tsx")).toContain("    Wrap: ({ children }) => <AcmeProvider>");
  });

  it("refuses to guess when the router has both Wrap and InnerWrap", () => {
    const both = ROUTER.replace("    Wrap:", "    InnerWrap: ({ children }) => <>{children}</>,\n    Wrap:");
    expect(refusalOf(edit("InnerWrap")(both, { path: "src/router.tsx" }))).toContain(
      "the router has both Wrap and InnerWrap",
    );
  });
});
