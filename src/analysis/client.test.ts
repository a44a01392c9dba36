import { describe, expect, it } from "vitest";
import { analyze } from "./fixture.test-helper.ts";

const MAIN = `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient, useConvexAuth } from "convex/react";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
export function Root() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const token = getToken({ template: "convex" });
  return <ClerkProvider publishableKey="pk" afterSignOutUrl={url}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><App flag /></ConvexProviderWithClerk></ClerkProvider>;
}
export default Root;
`;

describe("client collector", () => {
  it("reads imports, JSX elements with ancestors and attributes, hooks, env reads, token templates, exports", async () => {
    const facts = await analyze({ "src/main.tsx": MAIN });
    const file = facts.client.files.get("src/main.tsx")!;
    expect(file.elements.map((element) => [element.name, element.from?.module ?? null, element.ancestors])).toEqual([
      ["ClerkProvider", "@clerk/clerk-react", []],
      ["ConvexProviderWithClerk", "convex/react-clerk", ["ClerkProvider"]],
      ["App", null, ["ClerkProvider", "ConvexProviderWithClerk"]],
    ]);
    expect(Object.fromEntries(file.elements[0]!.attributes)).toEqual({
      publishableKey: '"pk"',
      afterSignOutUrl: "url",
    });
    expect(Object.fromEntries(file.elements[1]!.attributes)).toEqual({ client: "convex", useAuth: "useAuth" });
    expect(Object.fromEntries(file.elements[2]!.attributes)).toEqual({ flag: "true" });
    expect(file.hookCalls.map((hook) => [hook.name, hook.from?.module])).toEqual([["useConvexAuth", "convex/react"]]);
    expect(file.hookDestructures.map((d) => [d.hook, d.keys])).toEqual([
      ["useConvexAuth", ["isLoading", "isAuthenticated"]],
    ]);
    expect(file.envReads.map((read) => read.name)).toEqual(["VITE_CONVEX_URL"]);
    expect(file.templateTokens).toHaveLength(1);
    expect([...file.exports].sort()).toEqual(["Root", "default"]);
  });

  it.each([
    { title: "process.env", source: `const a = process.env.NEXT_PUBLIC_A;`, reads: ["NEXT_PUBLIC_A"] },
    { title: "import.meta.env", source: `const a = import.meta.env.VITE_A;`, reads: ["VITE_A"] },
    { title: "computed reads are not recorded", source: `const a = process.env["X"];`, reads: [] },
    { title: "other objects' env", source: `const a = config.env.X; const b = process.env;`, reads: [] },
  ])("env reads: $title", async ({ source, reads }) => {
    const facts = await analyze({ "src/a.ts": source });
    expect(facts.client.files.get("src/a.ts")?.envReads.map((read) => read.name)).toEqual(reads);
  });
});
