import { ruleTester } from "../../../test/helpers/rule-tester.ts";
import { nextBaseline, nextClerk, nextConvexAuth, nextWorkos, withFiles } from "../../../test/helpers/projects.ts";
import rule from "./next-middleware.ts";

const clerk = nextClerk();
const SERVER_AUTH_PAGE = `import { auth } from "@clerk/nextjs/server";

export default async function Dashboard() {
  const { userId } = await auth();
  return <p>{userId}</p>;
}
`;
const CLERK_V4_MIDDLEWARE = `import { authMiddleware } from "@clerk/nextjs";

export default authMiddleware({ publicRoutes: ["/"] });

export const config = { matcher: ["/((?!.+\\\\.[\\\\w]+$|_next).*)", "/"] };
`;
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
      name: "Clerk v4 authMiddleware is its session middleware",
      files: next15(
        withFiles(clerk, {
          "proxy.ts": undefined,
          "middleware.ts": CLERK_V4_MIDDLEWARE,
          "package.json": clerk.files["package.json"]!.replace(
            /"@clerk\/nextjs": "[^"]*"/,
            '"@clerk/nextjs": "^4.29.1"',
          ),
        }),
      ),
    },
    {
      name: "near miss: middleware.ts on Next 15",
      files: next15(withFiles(clerk, { "proxy.ts": undefined, "middleware.ts": clerk.files["proxy.ts"]! })),
    },
  ],
  invalid: [
    {
      name: "missing for Clerk while a server component calls auth()",
      files: withFiles(clerk, { "proxy.ts": undefined, "app/dashboard/page.tsx": SERVER_AUTH_PAGE }),
      errors: [{ messageId: "missing", file: "package.json", message: "proxy.ts" }],
    },
    {
      name: "missing for Clerk with client components only: info",
      files: withFiles(clerk, { "proxy.ts": undefined }),
      errors: [{ messageId: "missingNoServerAuth", severity: "info" }],
    },
    {
      name: "Clerk 6 dropped authMiddleware: it doesn't count",
      files: next15(withFiles(clerk, { "proxy.ts": undefined, "middleware.ts": CLERK_V4_MIDDLEWARE })),
      errors: [{ messageId: "noProviderMiddleware", severity: "warning" }],
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
