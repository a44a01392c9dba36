import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-http-routes-missing.ts";

const app = viteConvexAuth();
const withWebhook = `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";

const http = httpRouter();
http.route({ path: "/hook", method: "POST", handler: httpAction(async () => new Response()) });

export default http;
`;
ruleTester(rule, {
  valid: [
    { name: "template http.ts", files: app.files },
    {
      name: "near miss: Clerk app with its own http.ts",
      files: withFiles(viteClerk(), { "convex/http.ts": withWebhook }),
    },
  ],
  invalid: [
    {
      name: "http.ts without addHttpRoutes (fixed)",
      files: withFiles(app, { "convex/http.ts": withWebhook }),
      errors: [{ messageId: "noCall", file: "convex/http.ts" }],
      output: {
        "convex/http.ts": `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { auth } from "./auth";

const http = httpRouter();

auth.addHttpRoutes(http);
http.route({ path: "/hook", method: "POST", handler: httpAction(async () => new Response()) });

export default http;
`,
      },
    },
    {
      name: "no http.ts (created)",
      files: withFiles(app, { "convex/http.ts": undefined }),
      errors: [{ messageId: "noFile" }],
      output: {
        "convex/http.ts": `import { httpRouter } from "convex/server";\nimport { auth } from "./auth";\n\nconst http = httpRouter();\n\nauth.addHttpRoutes(http);\n\nexport default http;\n`,
      },
    },
    {
      name: "no default export",
      files: withFiles(app, {
        "convex/http.ts": `import { httpRouter } from "convex/server";\nimport { auth } from "./auth";\nconst http = httpRouter();\nauth.addHttpRoutes(http);\n`,
      }),
      errors: [{ messageId: "noDefault", line: 4 }],
    },
  ],
});
