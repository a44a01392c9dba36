import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import rule from "./convex-auth-v2-provider-missing.ts";

const app = viteConvexAuthV2();
const V1_ENTRY = 'export default { providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }] };\n';
ruleTester(rule, {
  valid: [
    { name: "convexAuthProvider() listed", files: app.files },
    {
      name: "near miss: beside a Clerk entry",
      files: {
        ...app.files,
        "convex/auth.config.ts":
          'import { convexAuthProvider } from "@convex-dev/auth/server";\nexport default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }, convexAuthProvider()] };\n',
      },
    },
  ],
  invalid: [
    {
      name: "still v1's entry",
      files: { ...app.files, "convex/auth.config.ts": V1_ENTRY },
      errors: [
        { messageId: "v1Entry", file: "convex/auth.config.ts", line: 1 },
        { messageId: "missing", file: "convex/auth.config.ts" },
      ],
    },
    {
      name: "a hand-written customJwt entry with another audience",
      files: {
        ...app.files,
        "convex/auth.config.ts":
          'export default { providers: [{ type: "customJwt", issuer: process.env.CONVEX_CLOUD_URL + "/components/auth", jwks: "https://x.convex.cloud/.well-known/jwks.json", algorithm: "ES256", applicationID: "convex" }] };\n',
      },
      errors: [{ messageId: "missing", file: "convex/auth.config.ts" }],
    },
  ],
});
