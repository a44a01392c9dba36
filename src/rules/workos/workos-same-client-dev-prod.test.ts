import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteWorkos } from "../../../test/helpers/projects.ts";
import rule from "./workos-same-client-dev-prod.ts";

const app = viteWorkos();
ruleTester(rule, {
  valid: [
    { name: "separate clients", files: app.files, env: app.env },
    { name: "near miss: prod unknown", files: app.files, env: { dev: app.env.dev } },
  ],
  invalid: [
    {
      name: "same client on both",
      files: app.files,
      env: { dev: app.env.dev, prod: { ...app.env.prod, WORKOS_CLIENT_ID: app.env.dev!.WORKOS_CLIENT_ID! } },
      errors: [{ messageId: "same", target: "prod" }],
    },
  ],
});
