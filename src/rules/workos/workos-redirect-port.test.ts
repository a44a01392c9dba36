import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextWorkos, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./workos-redirect-port.ts";

const app = viteWorkos();
ruleTester(rule, {
  valid: [
    { name: "Vite on 5173 everywhere", files: app.files },
    { name: "Next on 3000", files: nextWorkos().files },
    {
      name: "near miss: production redirect URI on another host",
      files: withFiles(app, { ".env.production": "VITE_WORKOS_REDIRECT_URI=https://app.example.com/callback\n" }),
    },
  ],
  invalid: [
    {
      name: "Vite dev server moved to 5174 by the dev script",
      files: withFiles(app, {
        "package.json": app.files["package.json"]!.replace('"dev": "vite"', '"dev": "vite --port 5174"'),
      }),
      errors: [
        { messageId: "port", file: "convex.json", line: 7 },
        { messageId: "port", file: "convex.json", line: 16 },
        { messageId: "port", file: ".env.local", line: 4 },
      ],
    },
  ],
});
