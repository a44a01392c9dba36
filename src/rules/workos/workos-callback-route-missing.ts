/**
 * AW404: WorkOS AuthKit on Next.js or TanStack Start redirects to a callback path (default
 * /callback) that needs a route handler (`handleAuth()` / `handleCallbackRoute()`); without it
 * the sign-in ends on a 404. A Next route inside route groups (`app/(auth)/callback/route.ts`)
 * counts. Fixable on the Next.js App Router: creates the route file with `handleAuth()` (what
 * the AuthKit docs write), for a plain path (not `/`, no dynamic segments).
 */
import { createFile } from "../../edit/edit.ts";
import { defineRule } from "../define.ts";
import { fileEdit, parseUrl } from "../helpers.ts";
import { workosRedirects } from "./redirects.ts";
import { PROFILES } from "../../providers/profiles.ts";

const workos = PROFILES.workos;
const NEXT_CALLBACK_ROUTE = `import { handleAuth } from "${workos.exports.handleAuth}";

export const GET = handleAuth();
`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `app/(group)/callback/(x)/route.ts` and the like: the URL path with any route groups between its
 * segments, or a catch-all that serves it (`app/api/auth/[...authkit]/route.ts` for /api/auth/callback).
 */
function nextRoutePattern(routesDir: string, segments: string): RegExp {
  const group = "(?:\\([^/]+\\)/)*";
  const parts = segments.split("/").map(escape);
  const catchAll = "\\[\\[?\\.\\.\\.[^/\\]]+\\]\\]?";
  const served = parts.map((_, index) => [...parts.slice(0, index), catchAll].join(`/${group}`));
  return new RegExp(
    `^${escape(routesDir)}/${group}(?:${[parts.join(`/${group}`), ...served].join("|")})/${group}route\\.[cm]?[jt]sx?$`,
  );
}

export default defineRule({
  meta: {
    code: "AW404",
    name: "workos-callback-route-missing",
    category: "workos",
    severity: "error",
    fixable: true,
    description: "The WorkOS callback route is missing.",
    docs: "docs/rules/workos-callback-route-missing.md",
    messages: {
      missing: "WorkOS redirects to {{path}} but there is no {{expected}}: sign-in ends on a 404.",
    },
    fixes: {
      missing: "Create {{expected}} with {{handler}}{{auto}}.",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("workos")) return;
    const { name } = doctor.facts.framework;
    const deps = doctor.facts.dependencies;
    const sdk = workos.packages.byFramework;
    const next = name === "next-app" && deps[sdk["next-app"] ?? ""];
    const tanstack = name === "tanstack-start" && deps[sdk["tanstack-start"] ?? ""];
    if (!next && !tanstack) return;
    const { sites } = await workosRedirects(doctor, { templates: true });
    const paths = new Set<string>();
    for (const site of sites) {
      const url = parseUrl(site.value.trim());
      if (url) paths.add(url.pathname.replace(/\/+$/, "") || "/");
    }
    if (paths.size === 0) paths.add("/callback");
    for (const path of paths) {
      const segments = path.replace(/^\//, "");
      const candidates = next
        ? ["ts", "js", "tsx"].map((extension) =>
            [doctor.facts.entries.routesDir ?? "app", segments, `route.${extension}`].filter(Boolean).join("/"),
          )
        : ["tsx", "ts", "jsx", "js"].flatMap((extension) => [
            `src/routes/${segments}.${extension}`,
            `src/routes/${segments}/index.${extension}`,
            `app/routes/${segments}.${extension}`,
          ]);
      let exists = false;
      for (const candidate of candidates) if ((await doctor.read(candidate)) !== undefined) exists = true;
      if (next) {
        const pattern = nextRoutePattern(doctor.facts.entries.routesDir ?? "app", segments);
        if (doctor.facts.codeFiles.some((file) => pattern.test(file))) exists = true;
      }
      if (exists) continue;
      const target = next
        ? [doctor.facts.entries.routesDir ?? "app", segments, `route.${doctor.facts.typescript ? "ts" : "js"}`]
            .filter(Boolean)
            .join("/")
        : candidates[0]!;
      const edits =
        next && /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/.test(segments)
          ? fileEdit(
              target,
              undefined,
              createFile(NEXT_CALLBACK_ROUTE, "the WorkOS callback route"),
              `handle WorkOS's redirect to ${path}`,
            )
          : undefined;
      report({
        messageId: "missing",
        data: {
          path,
          expected: target,
          handler: next ? "export const GET = handleAuth()" : "a server GET handler: handleCallbackRoute()",
          auto: edits ? " (authwire doctor --fix writes it)" : "",
        },
        file: sites[0]?.file ?? "package.json",
        line: sites[0]?.line ?? 1,
        column: 1,
        edits,
      });
    }
  },
});
