import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import {
  CLERK_AUTH_CONFIG,
  tanstackClerk,
  viteBaseline,
  viteClerk,
  withFiles,
} from "../../../test/helpers/projects.ts";
import rule from "./plain-convex-provider.ts";

ruleTester(rule, {
  valid: [
    { name: "Clerk bridge", files: viteClerk().files },
    { name: "near miss: baseline without auth config", files: viteBaseline().files },
    { name: "near miss: TanStack keeps ConvexProvider in Wrap and the bridge in __root", files: tanstackClerk().files },
    {
      name: "plain ConvexProvider, the app's own adapter sets the token (convex.setAuth)",
      files: withFiles(viteBaseline(), {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG,
        "src/ConvexAuth.tsx": `import { useAuth } from "@clerk/clerk-react";\nimport { useEffect } from "react";\nimport { convex } from "./convex";\nexport function ClerkConvexAdapter() {\n  const { getToken } = useAuth();\n  useEffect(() => { convex.setAuth(() => getToken({ template: "convex" })); }, [getToken]);\n  return null;\n}\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "auth.config added but main.tsx still plain",
      files: withFiles(viteBaseline(), { "convex/auth.config.ts": CLERK_AUTH_CONFIG }),
      errors: [{ messageId: "plain", file: "src/main.tsx", line: 9 }],
    },
  ],
});
