import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextConvexAuth, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./convex-auth-next-server-provider.ts";

const app = nextConvexAuth();
ruleTester(rule, {
  valid: [
    { name: "server provider around html", files: app.files },
    { name: "near miss: Vite uses ConvexAuthProvider", files: viteConvexAuth().files },
  ],
  invalid: [
    {
      name: "layout without ConvexAuthNextjsServerProvider",
      files: withFiles(app, { "app/layout.tsx": `import { ConvexClientProvider } from "./ConvexClientProvider";\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body><ConvexClientProvider>{children}</ConvexClientProvider></body></html>;\n}\n` }),
      errors: [{ messageId: "missing", file: "app/ConvexClientProvider.tsx" }],
    },
  ],
});
