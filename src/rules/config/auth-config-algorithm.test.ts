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
    {
      name: "HS256 in an entry that also lacks jwks (every problem of an entry is reported)",
      files: withFiles(app, {
        "convex/auth.config.ts": app.files["convex/auth.config.ts"]!.replace('"RS256"', '"HS256"').replace(
          "      jwks: process.env.JWT_JWKS_URL!,\n",
          "",
        ),
      }),
      errors: [{ messageId: "unsupported", line: 9, message: "HS256" }],
    },
  ],
});
