import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextWorkos, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-callback-route-missing.ts";

const app = nextWorkos();
ruleTester(rule, {
  valid: [
    { name: "app/callback/route.ts exists", files: app.files },
    { name: "near miss: Vite needs no route file", files: viteWorkos().files },
  ],
  invalid: [
    { name: "route missing", files: withFiles(app, { "app/callback/route.ts": undefined }), errors: [{ messageId: "missing", message: "app/callback/route.ts" }] },
    {
      name: "redirect to /auth/callback, route at /callback",
      files: withFiles(app, { ".env.local": "NEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/auth/callback\n", "convex.json": "{}" }),
      errors: [{ messageId: "missing", file: ".env.local", message: "/auth/callback" }],
    },
  ],
});
