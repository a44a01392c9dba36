import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-providers-empty.ts";

const app = viteConvexAuth();
ruleTester(rule, {
  valid: [
    { name: "Password provider", files: app.files },
    {
      name: "near miss: providers from a variable",
      files: withFiles(app, {
        "convex/auth.ts": `import { convexAuth } from "@convex-dev/auth/server";\nimport { providers } from "./providers";\nexport const { auth, signIn, signOut, store } = convexAuth({ providers });\n`,
      }),
    },
  ],
  invalid: [
    {
      name: "as npx @convex-dev/auth writes it",
      files: withFiles(app, {
        "convex/auth.ts": `import { convexAuth } from "@convex-dev/auth/server";\n\nexport const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({\n  providers: [],\n});\n`,
      }),
      errors: [{ messageId: "empty", file: "convex/auth.ts", line: 3 }],
    },
  ],
});
