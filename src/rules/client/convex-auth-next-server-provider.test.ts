import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextConvexAuth, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-next-server-provider.ts";

const app = nextConvexAuth();
const UNWRAPPED = `import { ConvexClientProvider } from "./ConvexClientProvider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ConvexClientProvider>{children}</ConvexClientProvider>
      </body>
    </html>
  );
}
`;
/** The client wrapper with the browser-only provider, and a layout without the server provider. */
const BROWSER_ONLY = {
  "app/layout.tsx": UNWRAPPED,
  "app/ConvexClientProvider.tsx": app.files["app/ConvexClientProvider.tsx"]!.replace(
    'import { ConvexAuthNextjsProvider } from "@convex-dev/auth/nextjs";',
    'import { ConvexAuthProvider } from "@convex-dev/auth/react";',
  ).replaceAll("ConvexAuthNextjsProvider", "ConvexAuthProvider"),
};
ruleTester(rule, {
  valid: [
    { name: "server provider around html", files: app.files },
    { name: "near miss: Vite uses ConvexAuthProvider", files: viteConvexAuth().files },
    {
      name: "near miss: Next.js without server-side auth (ConvexAuthProvider, no convexAuthNextjsMiddleware)",
      files: withFiles(app, { ...BROWSER_ONLY, "proxy.ts": undefined }),
    },
    {
      name: "near miss: a middleware that only proxies /api/auth (no isAuthenticated check)",
      files: withFiles(app, {
        ...BROWSER_ONLY,
        "proxy.ts": `import { convexAuthNextjsMiddleware } from "@convex-dev/auth/nextjs/server";\nexport default convexAuthNextjsMiddleware();\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "layout without ConvexAuthNextjsServerProvider (one-line html wrapped in place)",
      files: withFiles(app, {
        "app/layout.tsx": `import { ConvexClientProvider } from "./ConvexClientProvider";\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body><ConvexClientProvider>{children}</ConvexClientProvider></body></html>;\n}\n`,
      }),
      errors: [{ messageId: "missing", file: "app/ConvexClientProvider.tsx" }],
      output: {
        "app/layout.tsx": `import { ConvexClientProvider } from "./ConvexClientProvider";\nimport { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <ConvexAuthNextjsServerProvider><html><body><ConvexClientProvider>{children}</ConvexClientProvider></body></html></ConvexAuthNextjsServerProvider>;\n}\n`,
      },
    },
    {
      name: "the template's layout without the server provider (wrapped and re-indented)",
      files: withFiles(app, { "app/layout.tsx": UNWRAPPED }),
      errors: [{ messageId: "missing", file: "app/ConvexClientProvider.tsx" }],
      output: {
        "app/layout.tsx": app.files["app/layout.tsx"]!.replace(
          `import { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";\nimport { ConvexClientProvider } from "./ConvexClientProvider";\n`,
          `import { ConvexClientProvider } from "./ConvexClientProvider";\nimport { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";\n`,
        ),
      },
    },
    {
      name: "the browser-only ConvexAuthProvider beside convexAuthNextjsMiddleware (its checks read cookies nobody sets)",
      files: withFiles(app, BROWSER_ONLY),
      errors: [{ messageId: "cookieless", file: "app/ConvexClientProvider.tsx", line: 10, message: "proxy.ts" }],
    },
    {
      name: "a client-component layout: reported, no fix (the server provider can't render there)",
      files: withFiles(app, { "app/layout.tsx": `"use client";\n${UNWRAPPED}` }),
      errors: [{ messageId: "missing", file: "app/ConvexClientProvider.tsx" }],
    },
  ],
});
