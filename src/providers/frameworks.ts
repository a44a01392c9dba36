/**
 * Framework knowledge every recipe shares, as pure functions of the project facts: env-var
 * prefixes, where Next's proxy/middleware goes, the app's local origin. (docs/internals/provider-setup.md#frameworks)
 */
import { clientEnvPrefix } from "../project/client-env.ts";
import type { FrameworkName, ProjectFacts } from "../project/facts.ts";

export { clientEnvPrefix };

/** How client code reads a public variable: `import.meta.env.VITE_X` or `process.env.NEXT_PUBLIC_X`. */
export function clientEnvExpression(framework: FrameworkName, name: string): string {
  const full = `${clientEnvPrefix(framework)}${name}`;
  return framework === "vite" || framework === "tanstack-start" ? `import.meta.env.${full}` : `process.env.${full}!`;
}

export function isNext(framework: FrameworkName): boolean {
  return framework === "next-app" || framework === "next-pages";
}

/**
 * Next runs request middleware from `proxy.ts` since 16 and `middleware.ts` before; the file sits at
 * the root, or in `src/` when the app keeps its code there. An existing file of either name wins,
 * so authwire never creates the second one (both at once fails the build).
 */
export async function nextMiddlewarePath(
  facts: ProjectFacts,
): Promise<{ path: string; exists: boolean; kind: "proxy" | "middleware" }> {
  const dir = facts.entries.usesSrc ? "src/" : "";
  for (const kind of ["proxy", "middleware"] as const) {
    for (const extension of ["ts", "js"]) {
      for (const base of [dir, dir === "" ? "src/" : ""]) {
        const path = `${base}${kind}.${extension}`;
        if (await facts.files.exists(path)) return { path, exists: true, kind };
      }
    }
  }
  const kind = (facts.framework.major ?? 16) >= 16 ? "proxy" : "middleware";
  return { path: `${dir}${kind}.${facts.typescript ? "ts" : "js"}`, exists: false, kind };
}

/** `http://localhost:<port>`, from the detected dev server port. */
export function localOrigin(facts: ProjectFacts): string {
  return `http://localhost:${facts.devServer.port ?? 3000}`;
}

/** The extension new source files get: `.tsx`/`.ts` for TypeScript apps, `.jsx`/`.js` otherwise. */
export function sourceExtension(facts: ProjectFacts, jsx: boolean): string {
  return facts.typescript ? (jsx ? "tsx" : "ts") : jsx ? "jsx" : "js";
}
