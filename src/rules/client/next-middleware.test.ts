import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextBaseline, nextClerk, nextConvexAuth, nextWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./next-middleware.ts";

const clerk = nextClerk();
const next15 = (files: Record<string, string>) => ({
  ...files,
  "package.json": files["package.json"]!.replace('"next": "^16.3.0"', '"next": "^15.2.3"'),
});
ruleTester(rule, {
  valid: [
    { name: "Clerk proxy.ts on Next 16", files: clerk.files },
    { name: "Convex Auth proxy.ts", files: nextConvexAuth().files },
    { name: "WorkOS proxy.ts", files: nextWorkos().files },
    { name: "near miss: baseline without auth needs no middleware", files: nextBaseline().files },
    {
      name: "near miss: middleware.ts on Next 15",
      files: next15(withFiles(clerk, { "proxy.ts": undefined, "middleware.ts": clerk.files["proxy.ts"]! })),
    },
  ],
  invalid: [
    {
      name: "missing for Clerk",
      files: withFiles(clerk, { "proxy.ts": undefined }),
      errors: [{ messageId: "missing", file: "package.json", message: "proxy.ts" }],
    },
    {
      name: "both files",
      files: withFiles(clerk, { "middleware.ts": clerk.files["proxy.ts"]! }),
      errors: [{ messageId: "both" }],
    },
    {
      name: "proxy.ts on Next 15",
      files: next15(clerk.files),
      errors: [{ messageId: "proxyOnOld", file: "proxy.ts" }],
    },
    {
      name: "middleware.ts on Next 16 is deprecated",
      files: withFiles(clerk, { "proxy.ts": undefined, "middleware.ts": clerk.files["proxy.ts"]! }),
      errors: [{ messageId: "deprecated", severity: "info" }],
    },
    {
      name: "misplaced inside app/",
      files: withFiles(clerk, { "proxy.ts": undefined, "app/proxy.ts": clerk.files["proxy.ts"]! }),
      errors: [{ messageId: "misplaced", file: "app/proxy.ts" }],
    },
    {
      name: "proxy without the provider's middleware",
      files: withFiles(clerk, { "proxy.ts": "export default function proxy() {}\n" }),
      errors: [{ messageId: "noProviderMiddleware", severity: "warning" }],
    },
  ],
});
