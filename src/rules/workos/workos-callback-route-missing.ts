/**
 * AW404: WorkOS AuthKit on Next.js or TanStack Start redirects to a callback path (default
 * /callback) that needs a route handler (`handleAuth()` / `handleCallbackRoute()`); without it
 * the sign-in ends on a 404.
 */
import { defineRule } from "../define.ts";
import { parseUrl } from "../helpers.ts";
import { workosRedirects } from "./redirects.ts";

export default defineRule({
  meta: {
    code: "AW404",
    name: "workos-callback-route-missing",
    category: "workos",
    severity: "error",
    fixable: false,
    description: "The WorkOS callback route is missing.",
    docs: "docs/rules/workos-callback-route-missing.md",
    messages: {
      missing: "WorkOS redirects to {{path}} but there is no {{expected}}: sign-in ends on a 404.",
    },
    fixes: {
      missing: "Create {{expected}} with {{handler}} (authwire add workos writes it).",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("workos")) return;
    const { name } = doctor.facts.framework;
    const deps = doctor.facts.dependencies;
    const next = name === "next-app" && deps["@workos-inc/authkit-nextjs"];
    const tanstack = name === "tanstack-start" && deps["@workos/authkit-tanstack-react-start"];
    if (!next && !tanstack) return;
    const { sites } = await workosRedirects(doctor);
    const paths = new Set<string>();
    for (const site of sites) {
      const url = parseUrl(site.value.trim());
      if (url) paths.add(url.pathname.replace(/\/+$/, "") || "/");
    }
    if (paths.size === 0) paths.add("/callback");
    for (const path of paths) {
      const segments = path.replace(/^\//, "");
      const candidates = next
        ? ["ts", "js", "tsx"].map((extension) => `${doctor.facts.entries.routesDir ?? "app"}/${segments}/route.${extension}`)
        : ["tsx", "ts", "jsx", "js"].flatMap((extension) => [`src/routes/${segments}.${extension}`, `src/routes/${segments}/index.${extension}`, `app/routes/${segments}.${extension}`]);
      let exists = false;
      for (const candidate of candidates) if ((await doctor.read(candidate)) !== undefined) exists = true;
      if (exists) continue;
      report({
        messageId: "missing",
        data: { path, expected: candidates[0]!, handler: next ? "export const GET = handleAuth()" : "a server GET handler: handleCallbackRoute()" },
        file: sites[0]?.file ?? "package.json",
        line: sites[0]?.line ?? 1,
        column: 1,
      });
    }
  },
});
