import { describe, expect, it } from "vitest";
import { appFile, refusalOf, runEdit } from "../../../test/helpers/edits.ts";
import { unchanged } from "../../edit/index.ts";
import { convexBridgeEdit, refuseOtherBridge } from "./convex-bridge.ts";

const clerk = convexBridgeEdit({
  bridge: { name: "ConvexProviderWithClerk", props: { useAuth: "{useAuth}" } },
  wrappers: [{ name: "ClerkProvider", props: { publishableKey: "{import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}" } }],
  imports: [
    { from: "@clerk/react", named: ["ClerkProvider", "useAuth"] },
    { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
  ],
});

describe("convexBridgeEdit", () => {
  it("turns the Vite quickstart's main.tsx into the Clerk wiring the Convex docs show", () => {
    const out = runEdit(clerk, appFile("vite-baseline", "src/main.tsx"), "src/main.tsx");
    expect(out).toBe(`import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConvexReactClient } from "convex/react";
import App from "./App";
import { ClerkProvider, useAuth } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import "./index.css";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  </StrictMode>,
);
`);
  });

  it("is already done on an app wired the same way", () => {
    expect(clerk(appFile("vite-clerk-done", "src/main.tsx"), { path: "src/main.tsx" })).toBe(unchanged);
  });

  it("nests several providers outermost first, and adds an adapter hook the bridge uses", () => {
    const edit = convexBridgeEdit({
      bridge: { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromAcme}" } },
      wrappers: [{ name: "AcmeProvider" }, { name: "AcmeSession", props: { mode: '"spa"' } }],
      imports: [
        { from: "convex/react", named: ["ConvexProviderWithAuth"] },
        { from: "acme", named: ["AcmeProvider", "AcmeSession", "useAcme"] },
      ],
      code: [{ name: "useAuthFromAcme", code: "function useAuthFromAcme() {\n  return useAcme();\n}" }],
    });
    const out = runEdit(
      edit,
      appFile("next-app-baseline", "app/ConvexClientProvider.tsx"),
      "app/ConvexClientProvider.tsx",
    );
    expect(out).toContain(
      'return <AcmeProvider><AcmeSession mode="spa"><ConvexProviderWithAuth client={convex} useAuth={useAuthFromAcme}>{children}</ConvexProviderWithAuth></AcmeSession></AcmeProvider>;',
    );
    expect(out).toContain('import { ConvexReactClient, ConvexProviderWithAuth } from "convex/react";');
    expect(out.endsWith("}\n\nfunction useAuthFromAcme() {\n  return useAcme();\n}\n")).toBe(true);
  });

  it("refuses a file that another provider's bridge already feeds (one Convex client, one provider)", () => {
    const reason = refusalOf(clerk(appFile("vite-convex-auth-done", "src/main.tsx"), { path: "src/main.tsx" }));
    expect(reason).toBe(
      "src/main.tsx:12 renders <ConvexAuthProvider>, another provider's Convex bridge; one Convex client takes its token from one provider. Remove that provider first, or wire <ConvexProviderWithClerk> by hand.",
    );
  });

  it("refuses the generic bridge when it is fed by another hook", () => {
    const edit = convexBridgeEdit({
      bridge: { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromAcme}" } },
      imports: [{ from: "convex/react", named: ["ConvexProviderWithAuth"] }],
    });
    const reason = refusalOf(edit(appFile("vite-custom-jwt-done", "src/main.tsx"), { path: "src/main.tsx" }));
    expect(reason).toContain("already renders <ConvexProviderWithAuth useAuth={useAuthFromSessionToken}>");
  });

  it("a bridge that reads the client from the route context is already wired (template-tanstack-start-clerk)", () => {
    const root = `function RootComponent() {\n  const context = useRouteContext({ from: Route.id });\n  return (\n    <ClerkProvider>\n      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>\n        <Outlet />\n      </ConvexProviderWithClerk>\n    </ClerkProvider>\n  );\n}\n`;
    const clerkRoot = { name: "ConvexProviderWithClerk", props: { client: "{convexClient}", useAuth: "{useAuth}" } };
    expect(refuseOtherBridge(clerkRoot)(root, { path: "src/routes/__root.tsx" })).toBe(unchanged);
    const other = root.replace("context.convexClient", "otherClient");
    expect(refusalOf(refuseOtherBridge(clerkRoot)(other, { path: "src/routes/__root.tsx" }))).toContain(
      "already renders <ConvexProviderWithClerk client={otherClient}>",
    );
    // Another provider's bridge in the root route is refused for a bridge planned in the router.
    const generic = { name: "ConvexProviderWithAuth", props: { useAuth: "{useAuthFromWorkOS}" } };
    expect(refusalOf(refuseOtherBridge(generic)(root, { path: "src/routes/__root.tsx" }))).toContain(
      "src/routes/__root.tsx:5 renders <ConvexProviderWithClerk>, another provider's Convex bridge",
    );
  });

  it("refuses a file without a Convex provider, naming it", () => {
    const reason = refusalOf(clerk("export const x = 1;\n", { path: "src/main.tsx" }));
    expect(reason).toBe("src/main.tsx has no <ConvexProvider> element to replace with <ConvexProviderWithClerk>.");
  });
});
