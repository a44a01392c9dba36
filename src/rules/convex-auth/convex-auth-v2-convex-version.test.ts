import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { viteConvexAuthV2 } from "../../../test/helpers/convex-auth-v2-app.ts";
import rule from "./convex-auth-v2-convex-version.ts";

const app = viteConvexAuthV2();
const withConvex = (range: string) => ({
  ...app.files,
  "package.json": app.files["package.json"]!.replace('"convex": "1.48.0"', `"convex": "${range}"`),
});
ruleTester(rule, {
  valid: [
    { name: "convex 1.48.0", files: app.files },
    { name: "near miss: ^1.48.0 allows nothing older", files: withConvex("^1.48.0") },
    {
      name: "installed 1.51.0 wins over an old-looking range",
      files: { ...withConvex("^1.40.0"), "node_modules/convex/package.json": '{"version":"1.51.0"}' },
    },
    {
      name: "near miss: the lockfile pins 1.50.0 under an old-looking range (no node_modules)",
      files: {
        ...withConvex("^1.40.0"),
        "package-lock.json": JSON.stringify({ packages: { "node_modules/convex": { version: "1.50.0" } } }),
      },
    },
  ],
  invalid: [
    {
      name: "convex ^1.47.0 in package.json",
      files: withConvex("^1.47.0"),
      errors: [{ messageId: "old", file: "package.json", message: "^1.47.0" }],
    },
    {
      name: "installed convex 1.40.0",
      files: { ...app.files, "node_modules/convex/package.json": '{"version":"1.40.0"}' },
      errors: [{ messageId: "old", message: "1.40.0 (node_modules)" }],
    },
    {
      name: "locked convex 1.44.0 (the lockfile keeps it below 1.48 whatever the range allows)",
      files: {
        ...withConvex("^1.44.0"),
        "package-lock.json": JSON.stringify({ packages: { "node_modules/convex": { version: "1.44.0" } } }),
      },
      errors: [{ messageId: "old", message: "1.44.0 (package-lock.json)" }],
    },
  ],
});
