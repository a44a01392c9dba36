import { describe, expect, it } from "vitest";
import { unchanged } from "../../edit/index.ts";
import { refusalOf, runEdit } from "../../../test/helpers/edits.ts";
import { nextMiddlewareEdit, type NextMiddlewareSpec } from "./next-middleware.ts";

const clerk: NextMiddlewareSpec = {
  imports: [{ from: "@clerk/nextjs/server", named: ["clerkMiddleware"] }],
  expression: "clerkMiddleware()",
  marker: "clerkMiddleware",
  matcher: [
    {
      path: "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
      comment: "Skip Next.js internals and static files",
    },
    { path: "/(api|trpc)(.*)", comment: "Always run for API routes" },
  ],
  docs: "https://clerk.com/docs/reference/nextjs/clerk-middleware",
};

describe("nextMiddlewareEdit", () => {
  it("creates the file with the middleware and Next's matcher", () => {
    expect(runEdit(nextMiddlewareEdit(clerk), undefined, "proxy.ts"))
      .toBe(`import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = {
  matcher: [
    // Skip Next.js internals and static files
    "/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    // Always run for API routes
    "/(api|trpc)(.*)",
  ],
};
`);
  });

  it("leaves a file whose middleware already uses it (with route protection) alone", () => {
    const source = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server'\nconst isProtected = createRouteMatcher(['/server'])\nexport default clerkMiddleware(async (auth, req) => {\n  if (isProtected(req)) await auth.protect()\n})\n`;
    expect(nextMiddlewareEdit(clerk)(source, { path: "middleware.ts" })).toBe(unchanged);
  });

  it("refuses to stack a second middleware on another provider's, saying how to compose", () => {
    const source = `import { convexAuthNextjsMiddleware } from "@convex-dev/auth/nextjs/server";\n\nexport default convexAuthNextjsMiddleware();\n`;
    expect(refusalOf(nextMiddlewareEdit(clerk)(source, { path: "src/proxy.ts" }))).toBe(
      "src/proxy.ts:3 already exports another middleware; Next.js runs one per app, so call clerkMiddleware(…) inside it by hand (https://clerk.com/docs/reference/nextjs/clerk-middleware).",
    );
  });

  it("refuses a named `middleware` function too, and a file with no middleware", () => {
    expect(
      refusalOf(nextMiddlewareEdit(clerk)("export function middleware() {}\n", { path: "middleware.ts" })),
    ).toContain("already exports another middleware");
    expect(refusalOf(nextMiddlewareEdit(clerk)("export const config = {};\n", { path: "middleware.ts" }))).toContain(
      "exports no middleware",
    );
  });

  it("recognises the middleware under any of its names (authkitProxy or its older alias authkitMiddleware)", () => {
    const workos: NextMiddlewareSpec = {
      ...clerk,
      imports: [{ from: "@workos-inc/authkit-nextjs", named: ["authkitProxy"] }],
      expression: "authkitProxy()",
      marker: ["authkitProxy", "authkitMiddleware"],
    };
    const template = `import { authkitMiddleware } from "@workos-inc/authkit-nextjs";\n\nexport default authkitMiddleware({ eagerAuth: true });\n`;
    expect(nextMiddlewareEdit(workos)(template, { path: "proxy.ts" })).toBe(unchanged);
    expect(
      refusalOf(nextMiddlewareEdit(workos)("export default clerkMiddleware();\n", { path: "proxy.ts" })),
    ).toContain("call authkitProxy(…) inside it by hand");
  });
});
