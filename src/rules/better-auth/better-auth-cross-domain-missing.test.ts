import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-cross-domain-missing.ts";

const app = viteBetterAuth();
const auth = app.files["convex/auth.ts"]!;

ruleTester(rule, {
  valid: [
    { name: "what add writes for Vite", files: app.files },
    {
      name: "near miss: plugins built elsewhere (not a static array)",
      files: withFiles(app, {
        "convex/auth.ts": auth.replace(
          "plugins: [crossDomain({ siteUrl }), convex({ authConfig })],",
          "plugins: makePlugins(),",
        ),
      }),
    },
    {
      name: "CORS as an object",
      files: withFiles(app, {
        "convex/http.ts": app.files["convex/http.ts"]!.replace(
          "{ cors: true }",
          '{ cors: { allowedOrigins: ["http://localhost:5173"] } }',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "the Next.js setup copied into a Vite app",
      files: withFiles(app, {
        "convex/auth.ts": auth.replace("crossDomain({ siteUrl }), ", ""),
        "convex/http.ts": app.files["convex/http.ts"]!.replace(", { cors: true }", ""),
        "src/lib/auth-client.ts": app.files["src/lib/auth-client.ts"]!.replace(", crossDomainClient()]", "]"),
      }),
      errors: [
        { messageId: "plugin", file: "convex/auth.ts", line: 13 },
        { messageId: "cors", file: "convex/http.ts", line: 6 },
        { messageId: "client", file: "src/lib/auth-client.ts", line: 4 },
      ],
    },
    {
      name: "cors: false",
      files: withFiles(app, { "convex/http.ts": app.files["convex/http.ts"]!.replace("cors: true", "cors: false") }),
      errors: [{ messageId: "cors", file: "convex/http.ts" }],
    },
  ],
});
