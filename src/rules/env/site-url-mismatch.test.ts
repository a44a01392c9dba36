import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./site-url-mismatch.ts";

const app = viteConvexAuth();
ruleTester(rule, {
  valid: [
    { name: "SITE_URL on 5173 for Vite", files: app.files, env: app.env },
    {
      name: "near miss: custom port in the dev script matches",
      files: withFiles(app, {
        "package.json": app.files["package.json"]!.replace('"dev": "vite"', '"dev": "vite --port 4000"'),
      }),
      env: { dev: { SITE_URL: "http://localhost:4000" } },
    },
    {
      name: "near miss: Clerk app with a SITE_URL of its own",
      files: viteClerk().files,
      env: { dev: { SITE_URL: "http://localhost:3000" } },
    },
  ],
  invalid: [
    {
      name: "dev SITE_URL on 3000 for a Vite app",
      files: app.files,
      env: { dev: { ...app.env.dev, SITE_URL: "http://localhost:3000" } },
      errors: [{ messageId: "port", target: "dev", message: "5173" }],
    },
    {
      name: "prod SITE_URL localhost",
      files: app.files,
      env: { prod: { ...app.env.prod, SITE_URL: "http://localhost:5173" } },
      errors: [{ messageId: "localhostOnProd", severity: "error" }],
    },
    {
      name: "SITE_URL not a URL",
      files: app.files,
      env: { dev: { ...app.env.dev, SITE_URL: "localhost:5173" } },
      errors: [{ messageId: "notUrl" }],
    },
  ],
});
