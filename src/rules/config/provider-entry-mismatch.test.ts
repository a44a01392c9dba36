import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import {
  CLERK_AUTH_CONFIG,
  CONVEX_AUTH_CONFIG,
  WORKOS_AUTH_CONFIG,
  viteAuth0,
  viteClerk,
  viteConvexAuth,
  viteWorkos,
  withFiles,
} from "../../../test/helpers/projects.ts";
import rule from "./provider-entry-mismatch.ts";

const auth0 = viteAuth0();
ruleTester(rule, {
  valid: [
    { name: "Clerk", files: viteClerk().files },
    { name: "WorkOS", files: viteWorkos().files },
    { name: "Auth0 client IDs agree", files: auth0.files, env: auth0.env },
    { name: "near miss: Convex Auth with CONVEX_SITE_URL", files: viteConvexAuth().files },
  ],
  invalid: [
    {
      name: "Clerk audience not convex",
      files: withFiles(viteClerk(), { "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace('"convex"', '"my-app"') }),
      errors: [{ messageId: "clerkAudience", line: 3 }],
    },
    {
      name: "WorkOS without the user_management entry",
      files: withFiles(viteWorkos(), {
        "convex/auth.config.ts": WORKOS_AUTH_CONFIG.replace(
          /    \{\n      type: "customJwt",\n      issuer: `https:\/\/api\.workos\.com\/user_management[\s\S]*?\n    \},\n/,
          "",
        ),
      }),
      errors: [{ messageId: "workosMissing", message: "user_management" }],
    },
    {
      name: "Auth0 applicationID differs from the client ID",
      files: auth0.files,
      env: { dev: { ...auth0.env.dev, AUTH0_CLIENT_ID: "someOtherApp" } },
      errors: [{ messageId: "auth0ClientId", target: "dev" }],
    },
    {
      name: "Convex Auth on the .convex.cloud URL",
      files: withFiles(viteConvexAuth(), {
        "convex/auth.config.ts": CONVEX_AUTH_CONFIG.replace("CONVEX_SITE_URL", "CONVEX_CLOUD_URL"),
      }),
      errors: [{ messageId: "cloudUrl" }],
    },
  ],
});
