import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { CLERK_AUTH_CONFIG, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-config-env-fallback.ts";

ruleTester(rule, {
  valid: [
    { name: "no fallback", files: viteClerk().files },
    {
      name: "near miss: non-null assertion",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace("CLERK_JWT_ISSUER_DOMAIN,", "CLERK_JWT_ISSUER_DOMAIN!,"),
      }),
    },
    {
      name: "near miss: a fallback after a built-in URL (CONVEX_SITE_URL is set on every deployment)",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace(
          "process.env.CLERK_JWT_ISSUER_DOMAIN,",
          "process.env.CONVEX_SITE_URL || process.env.SITE_URL,",
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "?? fallback",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace(
          "CLERK_JWT_ISSUER_DOMAIN,",
          'CLERK_JWT_ISSUER_DOMAIN ?? "https://x.clerk.accounts.dev",',
        ),
      }),
      errors: [{ messageId: "fallback", line: 4, severity: "info" }],
    },
    {
      name: "a const with a fallback used in issuer, jwks and applicationID is one finding",
      files: withFiles(viteClerk(), {
        "convex/auth.config.ts": `const clientId = process.env.WORKOS_CLIENT_ID || "client_01";

export default {
  providers: [
    {
      type: "customJwt",
      issuer: \`https://api.workos.com/user_management/\${clientId}\`,
      jwks: \`https://api.workos.com/sso/jwks/\${clientId}\`,
      algorithm: "RS256",
    },
    { type: "customJwt", issuer: "https://api.workos.com/", applicationID: clientId, jwks: \`https://api.workos.com/sso/jwks/\${clientId}\`, algorithm: "RS256" },
  ],
};
`,
      }),
      errors: [{ messageId: "fallback", line: 1, severity: "info", message: "WORKOS_CLIENT_ID || …" }],
    },
  ],
});
