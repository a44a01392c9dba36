import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteCustomJwt, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-algorithm.ts";

const app = viteCustomJwt();
ruleTester(rule, {
  valid: [
    { name: "RS256", files: app.files },
    {
      name: "near miss: ES256",
      files: withFiles(app, {
        "convex/auth.config.ts": app.files["convex/auth.config.ts"]!.replace('"RS256"', '"ES256"'),
      }),
    },
  ],
  invalid: [
    {
      name: "HS256",
      files: withFiles(app, {
        "convex/auth.config.ts": app.files["convex/auth.config.ts"]!.replace('"RS256"', '"HS256"'),
      }),
      errors: [{ messageId: "unsupported", line: 10, message: "HS256" }],
    },
  ],
});
