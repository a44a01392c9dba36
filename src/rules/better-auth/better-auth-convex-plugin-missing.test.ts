import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBetterAuth, withFiles } from "../../../test/helpers/better-auth-app.ts";
import rule from "./better-auth-convex-plugin-missing.ts";

const app = viteBetterAuth();
const auth = app.files["convex/auth.ts"]!;

ruleTester(rule, {
  valid: [
    { name: "what add writes", files: app.files },
    {
      name: "near miss: the plugin imported under another name",
      files: withFiles(app, {
        "convex/auth.ts": auth
          .replace("import { convex, crossDomain }", "import { convex as convexPlugin, crossDomain }")
          .replace("convex({ authConfig })", "convexPlugin({ authConfig })"),
      }),
    },
  ],
  invalid: [
    {
      name: "plugins without convex()",
      files: withFiles(app, { "convex/auth.ts": auth.replace(", convex({ authConfig })]", "]") }),
      errors: [{ messageId: "server", file: "convex/auth.ts", line: 13 }],
    },
    {
      name: "no plugins at all, and a client without convexClient()",
      files: withFiles(app, {
        "convex/auth.ts": auth.replace("    plugins: [crossDomain({ siteUrl }), convex({ authConfig })],\n", ""),
        "src/lib/auth-client.ts": app.files["src/lib/auth-client.ts"]!.replace("convexClient(), ", ""),
      }),
      errors: [
        { messageId: "server", file: "convex/auth.ts" },
        { messageId: "client", file: "src/lib/auth-client.ts", severity: "info" },
      ],
    },
  ],
});
