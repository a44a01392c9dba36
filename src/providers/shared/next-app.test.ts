import { describe, expect, it } from "vitest";
import { collectPlan } from "../../changes/collect.ts";
import { createKit } from "../../changes/kit.ts";
import type { PlanItem } from "../../changes/plan.ts";
import { detectProject } from "../../project/detect.ts";
import { diskFiles, memoryFiles } from "../../project/files.ts";
import { APPS } from "../../../test/helpers/edits.ts";
import { join } from "node:path";
import { locateNextClientProvider, planNextClientProvider, relativeImport, type NextClientWiring } from "./next-app.ts";

const clerkWiring: NextClientWiring = {
  bridge: {
    bridge: { name: "ConvexProviderWithClerk", props: { useAuth: "{useAuth}" } },
    imports: [
      { from: "@clerk/nextjs", named: ["useAuth"] },
      { from: "convex/react-clerk", named: ["ConvexProviderWithClerk"] },
    ],
  },
  layoutWrappers: [{ name: "ClerkProvider" }],
  layoutImports: [{ from: "@clerk/nextjs", named: ["ClerkProvider"] }],
};

const PKG = JSON.stringify({ dependencies: { next: "16.4.6", convex: "1.48.0", react: "^19.3.1" } });
const LAYOUT = `import "./globals.css";

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>
        {children}
      </body>
    </html>
  );
}
`;

async function plan(facts: Awaited<ReturnType<typeof detectProject>>, wiring = clerkWiring) {
  const where = await locateNextClientProvider(facts);
  if ("problem" in where) throw new Error(where.problem);
  const kit = createKit("test");
  planNextClientProvider(facts, kit, where, wiring);
  const result = await collectPlan(kit, { files: facts.files, git: false });
  return {
    where,
    items: Object.fromEntries(result.items.map((item) => [item.path, item])) as Record<string, PlanItem>,
  };
}

const after = (item: PlanItem | undefined) => (item && item.action !== "skip" ? item.after : undefined);

describe("Next.js App Router client provider", () => {
  it("edits the quickstart's app/ConvexClientProvider.tsx and wraps it in the layout", async () => {
    const root = join(APPS, "next-app-baseline");
    const facts = await detectProject(root, { files: diskFiles(root), env: {} });
    const { where, items } = await plan(facts);
    expect(where).toEqual({
      path: "app/ConvexClientProvider.tsx",
      exists: true,
      layout: "app/layout.tsx",
      element: "ConvexClientProvider",
      renderedIn: "app/layout.tsx",
      imported: { from: "./ConvexClientProvider", default: false },
    });
    expect(after(items["app/ConvexClientProvider.tsx"])).toContain(
      "return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;",
    );
    expect(after(items["app/layout.tsx"])).toContain(
      "      <body>\n        <ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>\n      </body>",
    );
    expect(after(items["app/layout.tsx"])).toContain('import { ClerkProvider } from "@clerk/nextjs";');
  });

  it("creates the client provider when the app has none and renders it around {children}", async () => {
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": PKG,
        "tsconfig.json": "{}",
        "src/app/layout.tsx": LAYOUT,
        "src/app/page.tsx": "export default () => null;\n",
      }),
      env: {},
    });
    const { where, items } = await plan(facts);
    expect(where).toMatchObject({ path: "src/app/ConvexClientProvider.tsx", exists: false });
    expect(items["src/app/ConvexClientProvider.tsx"]?.action).toBe("create");
    expect(after(items["src/app/ConvexClientProvider.tsx"])).toBe(`"use client";

import { ConvexReactClient } from "convex/react";
import type { ReactNode } from "react";
import { useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`);
    expect(after(items["src/app/layout.tsx"])).toBe(`import "./globals.css";
import { ConvexClientProvider } from "./ConvexClientProvider";
import { ClerkProvider } from "@clerk/nextjs";

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider>
          <ConvexClientProvider>
            {children}
          </ConvexClientProvider>
        </ClerkProvider>
      </body>
    </html>
  );
}
`);
  });

  it("finds a template-style default export imported through @/", async () => {
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": PKG,
        "tsconfig.json": "{}",
        "app/layout.tsx": `import Providers from "@/components/ConvexClientProvider";\n\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <html><body><Providers>{children}</Providers></body></html>;\n}\n`,
        "components/ConvexClientProvider.tsx": `"use client";\nimport { ConvexProvider, ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\nexport default function P({ children }: { children: React.ReactNode }) {\n  return <ConvexProvider client={convex}>{children}</ConvexProvider>;\n}\n`,
      }),
      env: {},
    });
    const { where, items } = await plan(facts);
    expect(where).toMatchObject({ path: "components/ConvexClientProvider.tsx", exists: true, element: "Providers" });
    expect(after(items["app/layout.tsx"])).toContain(
      "<ClerkProvider><Providers>{children}</Providers></ClerkProvider>",
    );
  });

  it("wraps the provider where a nested layout renders it (template-nextjs-shadcn's app/product/layout.tsx)", async () => {
    const root = join(APPS, "next-app-nested-provider");
    const facts = await detectProject(root, { files: diskFiles(root), env: {} });
    const { where, items } = await plan(facts);
    expect(where).toEqual({
      path: "components/ConvexClientProvider.tsx",
      exists: true,
      layout: "app/layout.tsx",
      element: "ConvexClientProvider",
      renderedIn: "app/product/layout.tsx",
      imported: { from: "@/components/ConvexClientProvider", default: true },
    });
    expect(items["app/layout.tsx"]).toBeUndefined();
    const nested = after(items["app/product/layout.tsx"]);
    expect(nested).toContain('import { ClerkProvider } from "@clerk/nextjs";');
    expect(nested).toMatch(
      /<ClerkProvider>\s*<ConvexClientProvider>[\s\S]*\{children\}[\s\S]*<\/ConvexClientProvider>\s*<\/ClerkProvider>/,
    );
    expect(after(items["components/ConvexClientProvider.tsx"])).toContain("<ConvexProviderWithClerk client={convex}");
  });

  it("prefers the root layout, then the shallowest nested layout that renders the provider", async () => {
    const provider = `"use client";\nimport { ConvexProvider, ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\nexport function ConvexClientProvider({ children }: { children: React.ReactNode }) {\n  return <ConvexProvider client={convex}>{children}</ConvexProvider>;\n}\n`;
    const nested = (from: string) =>
      `import { ConvexClientProvider as Convex } from "${from}";\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <Convex>{children}</Convex>;\n}\n`;
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": PKG,
        "app/layout.tsx": LAYOUT,
        "app/ConvexClientProvider.tsx": provider,
        "app/(app)/dashboard/settings/layout.tsx": nested("../../../ConvexClientProvider"),
        "app/(app)/layout.tsx": nested("../ConvexClientProvider"),
      }),
      env: {},
    });
    const { where, items } = await plan(facts);
    expect(where).toMatchObject({ renderedIn: "app/(app)/layout.tsx", element: "Convex" });
    expect(after(items["app/(app)/layout.tsx"])).toContain(
      "<ClerkProvider><Convex>{children}</Convex></ClerkProvider>",
    );
    expect(items["app/(app)/dashboard/settings/layout.tsx"]).toBeUndefined();
  });

  it('refuses a server-only provider when a "use client" module renders the client provider', async () => {
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": PKG,
        "app/layout.tsx": `import Shell from "./Shell";\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <html><body><Shell>{children}</Shell></body></html>;\n}\n`,
        "app/Shell.tsx": `"use client";\nimport { ConvexClientProvider } from "./ConvexClientProvider";\nexport default function Shell({ children }: { children: React.ReactNode }) {\n  return <ConvexClientProvider>{children}</ConvexClientProvider>;\n}\n`,
        "app/ConvexClientProvider.tsx": `"use client";\nimport { ConvexProvider, ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\nexport function ConvexClientProvider({ children }: { children: React.ReactNode }) {\n  return <ConvexProvider client={convex}>{children}</ConvexProvider>;\n}\n`,
      }),
      env: {},
    });
    const { where, items } = await plan(facts);
    expect(where).toMatchObject({ renderedIn: "app/Shell.tsx", renderedInClient: true });
    expect(items["app/Shell.tsx"]).toMatchObject({ action: "skip", problem: {} });
    expect(items["app/Shell.tsx"]?.reason).toContain(
      'app/Shell.tsx renders <ConvexClientProvider> but is a "use client" module',
    );
  });

  it("says why when the layout renders the Convex provider itself", async () => {
    const facts = await detectProject("/p", {
      files: memoryFiles({
        "package.json": PKG,
        "app/layout.tsx": `"use client";\nimport { ConvexProvider } from "convex/react";\nexport default function L({ children }) {\n  return <html><body><ConvexProvider client={c}>{children}</ConvexProvider></body></html>;\n}\n`,
      }),
      env: {},
    });
    expect(await locateNextClientProvider(facts)).toEqual({
      problem:
        'app/layout.tsx renders the Convex provider itself; a provider with auth needs a "use client" module (the Convex quickstart\'s ConvexClientProvider). Move it there first',
    });
  });

  it("a second plan after applying is only skips", async () => {
    const root = join(APPS, "next-app-baseline");
    const facts = await detectProject(root, { files: diskFiles(root), env: {} });
    const first = await plan(facts);
    const files: Record<string, string> = {};
    for (const path of ["package.json", "tsconfig.json", "app/page.tsx"]) files[path] = (await facts.files.read(path))!;
    for (const [path, item] of Object.entries(first.items)) if (item.action !== "skip") files[path] = item.after;
    const again = await plan(await detectProject("/p", { files: memoryFiles(files), env: {} }));
    expect(Object.values(again.items).map((item) => item.action)).toEqual(["skip", "skip"]);
  });

  it("builds relative imports between project files", () => {
    expect(relativeImport("app/layout.tsx", "app/ConvexClientProvider.tsx")).toBe("./ConvexClientProvider");
    expect(relativeImport("src/app/layout.tsx", "src/components/P.tsx")).toBe("../components/P");
  });
});
