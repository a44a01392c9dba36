/**
 * AW502: Convex Auth serves its OIDC discovery, JWKS and OAuth callbacks from `convex/http.ts`
 * (`auth.addHttpRoutes(http)`, with the router as default export). Without them Convex can't
 * verify the tokens Convex Auth issues. Fixable when http.ts is missing or lacks the call.
 */
import { defineRule } from "../define.ts";
import { functionsFile } from "../helpers.ts";

const HTTP_FILE = `import { httpRouter } from "convex/server";
import { auth } from "./auth";

const http = httpRouter();

auth.addHttpRoutes(http);

export default http;
`;

/** Inserts `auth.addHttpRoutes(http);` before the default export; null when the file's shape is unknown. */
export function addHttpRoutes(source: string): string | null {
  const match = /^export default (\w+);?\s*$/m.exec(source);
  if (!match || match.index === undefined) return null;
  let result = `${source.slice(0, match.index)}auth.addHttpRoutes(${match[1]});\n\n${source.slice(match.index)}`;
  if (!/import\s*\{[^}]*\bauth\b[^}]*\}\s*from\s*["']\.\/auth(?:\.js)?["']/.test(result)) {
    const lastImport = [...result.matchAll(/^import [^;]+;\s*$/gm)].pop();
    const at = lastImport?.index !== undefined ? lastImport.index + lastImport[0].length : 0;
    result = `${result.slice(0, at)}${at > 0 && result[at - 1] !== "\n" ? "\n" : ""}import { auth } from "./auth";\n${result.slice(at)}`;
  }
  return result;
}

export default defineRule({
  meta: {
    code: "AW502",
    name: "auth-http-routes-missing",
    category: "convex-auth",
    severity: "error",
    fixable: true,
    description: "convex/http.ts doesn't register Convex Auth's routes.",
    docs: "docs/rules/auth-http-routes-missing.md",
    messages: {
      noFile: "{{dir}}/http.ts doesn't exist, so Convex Auth's /.well-known/openid-configuration, JWKS and OAuth callback routes aren't served and no token validates.",
      noCall: "{{file}} never calls auth.addHttpRoutes(http): Convex can't fetch Convex Auth's discovery document or JWKS.",
      noDefault: "{{file}} calls addHttpRoutes but has no default export, so Convex serves none of its routes.",
    },
    fixes: {
      noFile: "Create {{dir}}/http.ts with httpRouter(), auth.addHttpRoutes(http) and `export default http` (authwire doctor --fix does).",
      noCall: "Add `auth.addHttpRoutes(http);` before `export default http` (authwire doctor --fix does).",
      noDefault: "Add `export default http;` at the end of {{file}}.",
    },
  },
  async check({ doctor, report }) {
    if (!doctor.providers.has("convex-auth") || !doctor.facts.dependencies["@convex-dev/auth"]) return;
    const path = await functionsFile(doctor, "http");
    if (!path) {
      const target = `${doctor.convexDir}/http.ts`;
      report({
        messageId: "noFile",
        data: { dir: doctor.convexDir },
        file: `${doctor.convexDir}/auth.ts`,
        edits: [{ path: target, before: null, after: HTTP_FILE, reason: "serve Convex Auth's routes" }],
      });
      return;
    }
    const module = doctor.backend.modules.get(path);
    if (!module) return; // unparsable: reported as a skipped file
    if (module.addHttpRoutes.length === 0) {
      const source = (await doctor.read(path)) ?? "";
      const after = addHttpRoutes(source);
      report({ messageId: "noCall", data: { file: path }, file: path, edits: after ? [{ path, before: source, after, reason: "register Convex Auth's routes" }] : undefined });
      return;
    }
    if (!module.hasDefaultExport) report({ messageId: "noDefault", data: { file: path }, file: path, line: module.addHttpRoutes[0]!.line });
  },
});
