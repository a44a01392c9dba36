import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./local-env-targets-prod.ts";

const app = viteBaseline();
ruleTester(rule, {
  valid: [
    { name: "dev deployment", files: app.files },
    {
      name: "near miss: prod deploy key in a CI-only file",
      files: withFiles(app, { ".env.production": "CONVEX_DEPLOYMENT=prod:happy-animal-123\n" }),
    },
  ],
  invalid: [
    {
      name: ".env.local points at prod",
      files: withFiles(app, {
        ".env.local": "VITE_CONVEX_URL=https://x.convex.cloud\nCONVEX_DEPLOYMENT=prod:happy-animal-123 # team: me\n",
      }),
      errors: [{ messageId: "prod", file: ".env.local", line: 2 }],
    },
  ],
});
