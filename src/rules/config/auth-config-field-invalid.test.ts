import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { CLERK_AUTH_CONFIG, viteClerk, viteCustomJwt, viteWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-field-invalid.ts";

const app = viteClerk();
const TWO_ENTRIES = `export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN,
      applicationID: "convex",
    },
    {
      domain: "https://clerk.example.com",
      "applicationID": "convex",
    },
  ],
};
`;
const custom = viteCustomJwt();
ruleTester(rule, {
  valid: [
    { name: "Clerk entry", files: app.files },
    { name: "WorkOS two customJwt entries", files: viteWorkos().files },
    { name: "near miss: customJwt with all fields and satisfies", files: custom.files },
  ],
  invalid: [
    {
      name: "applicationId spelled wrong (fixed)",
      files: withFiles(app, { "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace("applicationID", "applicationId") }),
      errors: [{ messageId: "schema", file: "convex/auth.config.ts", line: 5, message: "spelled lowercase" }],
      output: { "convex/auth.config.ts": CLERK_AUTH_CONFIG },
    },
    {
      name: "two entries with applicationId, one quoted (both fixed in one plan)",
      files: withFiles(app, {
        "convex/auth.config.ts": TWO_ENTRIES.replace("applicationID", "applicationId").replace(
          '"applicationID"',
          '"applicationId"',
        ),
      }),
      errors: [
        { messageId: "schema", line: 5 },
        { messageId: "schema", line: 9 },
      ],
      output: { "convex/auth.config.ts": TWO_ENTRIES },
    },
    {
      name: "hallucinated jwksUri and domain on customJwt",
      files: withFiles(custom, {
        "convex/auth.config.ts": custom.files["convex/auth.config.ts"]!.replace(
          "jwks: process.env.JWT_JWKS_URL!,",
          'jwksUri: process.env.JWT_JWKS_URL!,\n      domain: "https://idp.example.com",',
        ),
      }),
      errors: [
        { messageId: "schema", message: "cannot have a 'domain'" },
        { messageId: "unknown", severity: "warning", message: "did you mean `jwks`" },
      ],
    },
  ],
});
