import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk } from "../../../test/helpers/projects.ts";
import { closed, good, html, keysUrl, missing } from "../../../test/helpers/online-issuer.ts";
import rule from "./issuer-unreachable.ts";

// The issuers are served by a local issuer on 127.0.0.1 (test/helpers/online-issuer.ts).
const app = viteClerk();
const dev = (domain: string) => ({ dev: { CLERK_JWT_ISSUER_DOMAIN: domain } });
ruleTester(rule, {
  valid: [
    { name: "local issuer: discovery answers", files: app.files, env: dev(good), online: true },
    { name: "near miss: without --online nothing is fetched", files: app.files, env: dev(missing) },
    {
      // Connection refused says nothing about the issuer (this machine may be offline): the
      // checklist says "couldn't check" instead (src/rules/online.test.ts).
      name: "near miss: nothing listens on the port",
      files: app.files,
      env: { dev: dev(closed).dev, prod: dev(closed).dev },
      online: true,
    },
    {
      name: "near miss: the domain serves a JWKS itself (AW211 reports that)",
      files: app.files,
      env: dev(keysUrl),
      online: true,
    },
  ],
  invalid: [
    {
      name: "local issuer: discovery answers 404",
      files: app.files,
      env: dev(missing),
      online: true,
      errors: [{ messageId: "unreachable", target: "dev", file: "convex/auth.config.ts", message: "HTTP 404" }],
    },
    {
      name: "local issuer: discovery is an HTML page",
      files: app.files,
      env: dev(html),
      online: true,
      errors: [{ messageId: "unreachable", message: "text/html" }],
    },
    {
      name: "local issuer: discovery answers 404 on both deployments",
      files: app.files,
      env: { dev: dev(missing).dev, prod: dev(missing).dev },
      online: true,
      errors: [{ messageId: "unreachable", message: "dev and prod deployments" }],
    },
  ],
});
