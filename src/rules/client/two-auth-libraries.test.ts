import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteClerk, viteConvexAuth, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./two-auth-libraries.ts";

const app = viteConvexAuth();
const pkg = JSON.parse(app.files["package.json"]!);
ruleTester(rule, {
  valid: [
    { name: "Convex Auth only", files: app.files },
    {
      name: "near miss: two Clerk packages",
      files: withFiles(viteClerk(), {
        "package.json": JSON.stringify(
          { ...pkg, dependencies: { convex: "1", "@clerk/clerk-react": "5", "@clerk/backend": "1" } },
          null,
          2,
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "Convex Auth and Better Auth",
      files: withFiles(app, {
        "package.json": JSON.stringify(
          { ...pkg, dependencies: { ...pkg.dependencies, "@convex-dev/better-auth": "^0.7.0" } },
          null,
          2,
        ),
      }),
      errors: [{ messageId: "two", file: "package.json", message: "Better Auth" }],
    },
  ],
});
