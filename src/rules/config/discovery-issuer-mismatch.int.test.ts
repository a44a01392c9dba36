import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { CLERK_AUTH_CONFIG, viteClerk, withFiles } from "../../../test/helpers/projects.ts";
import { good, missing, otherIssuer, slash } from "../../../test/helpers/online-issuer.ts";
import rule from "./discovery-issuer-mismatch.ts";

// The issuers are served by a local issuer on 127.0.0.1 (test/helpers/online-issuer.ts).
const app = viteClerk();
const dev = (domain: string) => ({ dev: { CLERK_JWT_ISSUER_DOMAIN: domain } });
ruleTester(rule, {
  valid: [
    { name: "local issuer: the document's issuer is the domain", files: app.files, env: dev(good), online: true },
    {
      name: "near miss: only a trailing slash differs (Convex trims both)",
      files: app.files,
      env: dev(slash),
      online: true,
    },
    { name: "near miss: an unreachable issuer is AW113's", files: app.files, env: dev(missing), online: true },
    { name: "near miss: offline", files: app.files, env: dev(otherIssuer) },
  ],
  invalid: [
    {
      name: "local issuer: the document names https://login.example.com",
      files: app.files,
      env: dev(otherIssuer),
      online: true,
      errors: [
        {
          messageId: "mismatch",
          target: "dev",
          file: "convex/auth.config.ts",
          line: 4,
          message: "says the issuer is https://login.example.com",
        },
      ],
    },
    {
      name: "a literal domain (no env needed): reported without a deployment",
      files: withFiles(app, {
        "convex/auth.config.ts": CLERK_AUTH_CONFIG.replace(
          "process.env.CLERK_JWT_ISSUER_DOMAIN",
          JSON.stringify(otherIssuer),
        ),
      }),
      online: true,
      errors: [{ messageId: "mismatch", message: "domain in auth.config" }],
    },
  ],
});
