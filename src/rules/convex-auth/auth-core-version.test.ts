import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./auth-core-version.ts";

const app = viteConvexAuth();
const setCore = (range: string) =>
  withFiles(app, {
    "package.json": app.files["package.json"]!.replace('"@auth/core": "0.41.1"', `"@auth/core": "${range}"`),
  });
ruleTester(rule, {
  valid: [
    { name: "0.41.1 pinned", files: app.files },
    { name: "near miss: ^0.41.3 still intersects", files: setCore("^0.41.3") },
  ],
  invalid: [
    {
      name: "stale 0.37.0 from an old guide",
      files: setCore("0.37.0"),
      errors: [{ messageId: "declared", file: "package.json", message: "^0.41.1" }],
    },
    {
      name: "installed version outside the peer range",
      files: withFiles(app, {
        "package.json": app.files["package.json"]!.replace('"@auth/core": "0.41.1", ', ""),
        "node_modules/@auth/core/package.json": '{"name":"@auth/core","version":"0.40.0"}',
        "node_modules/@convex-dev/auth/package.json":
          '{"name":"@convex-dev/auth","peerDependencies":{"@auth/core":"^0.41.1"}}',
      }),
      errors: [{ messageId: "installed", message: "0.40.0" }],
    },
  ],
});
