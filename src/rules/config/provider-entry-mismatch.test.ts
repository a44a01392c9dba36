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
/** An Auth0 app whose config names its client literally and whose client ID lives only on the deployment. */
const auth0Literal = (applicationID: string) =>
  withFiles(auth0, {
    "convex/auth.config.ts": `export default {\n  providers: [{ domain: "https://my-tenant.us.auth0.com", applicationID: "${applicationID}" }],\n};\n`,
    ".env.local": auth0.files[".env.local"]!.replace(/^VITE_AUTH0_CLIENT_ID=.*\n/m, ""),
  });
ruleTester(rule, {
  valid: [
    { name: "Clerk", files: viteClerk().files },
    { name: "WorkOS", files: viteWorkos().files },
    { name: "Auth0 client IDs agree", files: auth0.files, env: auth0.env },
    { name: "near miss: Convex Auth with CONVEX_SITE_URL", files: viteConvexAuth().files },
    {
      name: "WorkOS whose client id is imported: the issuers can't be read, so no entry is claimed missing",
      files: withFiles(viteWorkos(), {
        "convex/auth.config.ts": WORKOS_AUTH_CONFIG.replace(
          "const clientId = process.env.WORKOS_CLIENT_ID;",
          'import { envAuth } from "./lib/envAuth";\nconst clientId = envAuth.WORKOS_CLIENT_ID;',
        ),
        "convex/lib/envAuth.ts":
          "export const envAuth = { WORKOS_CLIENT_ID: process.env.WORKOS_CLIENT_ID } as const;\n",
      }),
    },
    {
      name: "Auth0 literal applicationID equal to the deployment's AUTH0_CLIENT_ID",
      files: auth0Literal("abcDEF123"),
      env: auth0.env,
    },
    {
      name: "Convex Auth backend left beside Clerk's client bridge: Clerk's entry is the one that counts",
      files: withFiles(viteClerk(), {
        "package.json": viteClerk().files["package.json"]!.replace(
          '"convex":',
          '"@convex-dev/auth": "^0.0.90", "convex":',
        ),
        "convex/auth.ts": `import { convexAuth } from "@convex-dev/auth/server";\nexport const { auth, signIn, signOut, store } = convexAuth({ providers: [] });\n`,
      }),
    },
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
      name: "Auth0 literal applicationID differs from the deployment's AUTH0_CLIENT_ID (no local client ID)",
      files: auth0Literal("oldClientId"),
      env: auth0.env,
      errors: [{ messageId: "auth0ClientId", message: "dev deployment" }],
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
