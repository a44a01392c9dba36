import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextClerk, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./second-token-source.ts";

const next = nextClerk();
const provider = next.files["components/ConvexClientProvider.tsx"]!;
/** The bridge's client also gets a token by hand, in an effect. */
const withSetAuth = provider
  .replace('import { ReactNode } from "react";', 'import { ReactNode, useEffect } from "react";')
  .replace(
    "  return (\n    <ConvexProviderWithClerk",
    '  const { getToken } = useAuth();\n  useEffect(() => {\n    convex.setAuth(async () => getToken({ template: "convex" }));\n  }, [getToken]);\n  return (\n    <ConvexProviderWithClerk',
  );
const SHARED_CLIENT = `import { ConvexReactClient } from "convex/react";\nexport const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n`;

ruleTester(rule, {
  valid: [
    { name: "the bridge alone", files: next.files },
    { name: "Vite template", files: viteClerk().files },
    {
      name: "near miss: setAuth on another client (an HTTP client for server calls) beside the bridge",
      files: withFiles(next, {
        "components/ConvexClientProvider.tsx": provider.replace(
          "export default function",
          'import { ConvexHttpClient } from "convex/browser";\nconst http = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\nexport async function callAsUser(token: string) {\n  http.setAuth(token);\n}\n\nexport default function',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "setAuth in an effect on the client the Clerk bridge gets",
      files: withFiles(next, { "components/ConvexClientProvider.tsx": withSetAuth }),
      errors: [
        {
          messageId: "twoSources",
          file: "components/ConvexClientProvider.tsx",
          line: 13,
          message: "components/ConvexClientProvider.tsx:16",
        },
      ],
    },
    {
      name: "one client exported from lib/convex.ts, set by hand in another file",
      files: withFiles(next, {
        "lib/convex.ts": SHARED_CLIENT,
        "components/ConvexClientProvider.tsx": provider.replace(
          "const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n",
          'import { convex } from "@/lib/convex";\n',
        ),
        "components/TokenSync.tsx": `"use client";\nimport { useAuth } from "@clerk/nextjs";\nimport { convex } from "../lib/convex";\n\nexport function TokenSync() {\n  const { getToken } = useAuth();\n  convex.setAuth(() => getToken());\n  return null;\n}\n`,
      }),
      errors: [{ messageId: "twoSources", file: "components/TokenSync.tsx", line: 7 }],
    },
  ],
});
