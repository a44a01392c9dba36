import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteBaseline, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./env-parity.ts";

const base = viteBaseline();
const reader = `import { action } from "./_generated/server";
export const send = action({ args: {}, handler: async () => process.env.RESEND_API_KEY });
`;
const ca = viteConvexAuth();
ruleTester(rule, {
  valid: [
    {
      name: "both deployments have it",
      files: withFiles(base, { "convex/mail.ts": reader }),
      env: { dev: { RESEND_API_KEY: "a" }, prod: { RESEND_API_KEY: "b" } },
    },
    {
      name: "near miss: dev-only variable nobody reads",
      files: base.files,
      env: { dev: { DEBUG_FLAG: "1" }, prod: {} },
    },
    {
      name: "near miss: prod env unknown",
      files: withFiles(base, { "convex/mail.ts": reader }),
      env: { dev: { RESEND_API_KEY: "a" } },
    },
  ],
  invalid: [
    {
      name: "function reads a variable prod lacks",
      files: withFiles(base, { "convex/mail.ts": reader }),
      env: { dev: { RESEND_API_KEY: "a" }, prod: {} },
      errors: [{ messageId: "missingOnProd", file: "convex/mail.ts", line: 2, target: "prod" }],
    },
    {
      name: "Convex Auth: prod lacks JWKS and reuses dev's key",
      files: ca.files,
      env: {
        dev: ca.env.dev,
        prod: { SITE_URL: "https://app.example.com", JWT_PRIVATE_KEY: ca.env.dev!.JWT_PRIVATE_KEY! },
      },
      errors: [{ messageId: "missingOnProd", message: "JWKS" }, { messageId: "sameKey" }],
    },
  ],
});
