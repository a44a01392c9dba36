/**
 * AW307: Convex Auth on the Next.js App Router renders <ConvexAuthNextjsProvider> without
 * <ConvexAuthNextjsServerProvider> around <html> in the root layout; the client provider then
 * has no cookies to read and sign-in never sticks. Fixable when the root layout is a server
 * component (no "use client") with exactly one <html>: wraps it in the server provider and
 * imports it, as Convex Auth's Next.js setup does. Also: the browser-only <ConvexAuthProvider>
 * beside convexAuthNextjsMiddleware, whose auth checks read cookies that provider never sets.
 */
import { chain } from "../../edit/edit.ts";
import { addImports } from "../../edit/ts/imports.ts";
import { wrapJsxElement } from "../../edit/ts/jsx.ts";
import type { DoctorContext } from "../context.ts";
import { defineRule, type FileEdit } from "../define.ts";
import { fileEdit } from "../helpers.ts";
import { PROFILES } from "../../providers/profiles.ts";

const SERVER_PROVIDER_MODULE = PROFILES["convex-auth"].exports.ConvexAuthNextjsServerProvider!;
const NEXTJS_PROVIDER_MODULE = PROFILES["convex-auth"].exports.ConvexAuthNextjsProvider!;
const REACT_PROVIDER_MODULE = PROFILES["convex-auth"].exports.ConvexAuthProvider!;
const MIDDLEWARE_MODULE = PROFILES["convex-auth"].exports.convexAuthNextjsMiddleware!;

const wrapInServerProvider = () =>
  chain(
    "wrap <html> in <ConvexAuthNextjsServerProvider>",
    wrapJsxElement({ element: "html", wrapper: "ConvexAuthNextjsServerProvider" }),
    addImports({ from: SERVER_PROVIDER_MODULE, named: ["ConvexAuthNextjsServerProvider"] }),
  );

/** The edit of the root layout, when it is a server component the wrap fits. */
async function layoutEdit(doctor: DoctorContext): Promise<FileEdit[] | undefined> {
  const layout = doctor.facts.entries.main;
  if (!layout || !/(?:^|\/)layout\.[jt]sx$/.test(layout)) return undefined;
  const parsed = await doctor.parse(layout);
  if (!parsed?.ok || parsed.ast.program.directives.some((directive) => directive.value.value === "use client"))
    return undefined;
  return fileEdit(
    layout,
    await doctor.read(layout),
    wrapInServerProvider(),
    "provide Convex Auth's cookies to the client provider",
  );
}

export default defineRule({
  meta: {
    code: "AW307",
    name: "convex-auth-next-server-provider",
    category: "client",
    severity: "error",
    fixable: true,
    description: "ConvexAuthNextjsProvider is used without ConvexAuthNextjsServerProvider.",
    docs: "docs/rules/convex-auth-next-server-provider.md",
    messages: {
      missing:
        "<ConvexAuthNextjsProvider> needs <ConvexAuthNextjsServerProvider> around <html> in {{layout}}, and none is rendered.",
      cookieless:
        "<ConvexAuthProvider> keeps the session in the browser's storage, but {{middleware}} checks it with convexAuthNextjsMiddleware, which reads Convex Auth's cookies: no cookie is ever set, so every signed-in user looks signed out to it (protected routes send them back to sign-in).",
    },
    fixes: {
      missing: `Wrap the root layout's <html> in <ConvexAuthNextjsServerProvider> from ${SERVER_PROVIDER_MODULE}{{auto}}.`,
      cookieless: `Render <ConvexAuthNextjsProvider> from ${NEXTJS_PROVIDER_MODULE} instead, and wrap the root layout's <html> in <ConvexAuthNextjsServerProvider> from ${SERVER_PROVIDER_MODULE}; or drop the middleware's auth checks and gate pages on the client.`,
    },
  },
  async check({ doctor, report }) {
    if (doctor.facts.framework.name !== "next-app") return;
    const files = [...doctor.client.files.values()];
    if (files.some((file) => file.elements.some((use) => use.name === "ConvexAuthNextjsServerProvider"))) return;
    // A middleware that asks whether the caller is signed in (`convexAuth.isAuthenticated()`), not
    // one that only proxies /api/auth.
    const middleware = files.find((file) =>
      [...file.imports.values()].some(
        (binding) => binding.imported === "convexAuthNextjsMiddleware" && binding.module === MIDDLEWARE_MODULE,
      ),
    );
    const browserOnly = middleware
      ? files.flatMap((file) =>
          file.elements
            .filter((use) => use.name === "ConvexAuthProvider" && use.from?.module === REACT_PROVIDER_MODULE)
            .map((use) => ({ file: file.file, use })),
        )[0]
      : undefined;
    const checks = middleware !== undefined && /\bisAuthenticated\b/.test((await doctor.read(middleware.file)) ?? "");
    if (
      middleware &&
      checks &&
      browserOnly &&
      !files.some((file) => file.elements.some((use) => use.name === "ConvexAuthNextjsProvider"))
    ) {
      report({
        messageId: "cookieless",
        data: { middleware: middleware.file },
        file: browserOnly.file,
        line: browserOnly.use.line,
        column: browserOnly.use.column,
      });
      return;
    }
    for (const file of files) {
      const use = file.elements.find((element) => element.name === "ConvexAuthNextjsProvider");
      if (use) {
        const edits = await layoutEdit(doctor);
        report({
          messageId: "missing",
          data: {
            layout: doctor.facts.entries.main ?? "app/layout.tsx",
            auto: edits ? " (authwire doctor --fix does)" : "",
          },
          file: file.file,
          line: use.line,
          column: use.column,
          edits,
        });
        return;
      }
    }
  },
});
