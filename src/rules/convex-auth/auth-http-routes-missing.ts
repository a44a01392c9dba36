/**
 * AW502: Convex Auth serves its OIDC discovery, JWKS and OAuth callbacks from `convex/http.ts`
 * (`auth.addHttpRoutes(http)`, with the router as default export). Without them Convex can't
 * verify the tokens Convex Auth issues. Fixable when http.ts is missing or lacks the call (and
 * makes its router with `const http = httpRouter()`, the shape the edit helper recognises).
 */
import { addHttpRouterCall } from "../../edit/ts/http.ts";
import { defineRule } from "../define.ts";
import { fileEdit, functionsFile, isConvexAuthV1 } from "../helpers.ts";
import { PROFILES, installedSdk } from "../../providers/profiles.ts";

const convexAuth = PROFILES["convex-auth"];

/** `auth.addHttpRoutes(http)` after the router is made (creating http.ts when missing). */
const addAuthRoutes = () =>
  addHttpRouterCall({ statement: "auth.addHttpRoutes(http);", imports: [{ from: "./auth", named: ["auth"] }] });

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
      noFile:
        "{{dir}}/http.ts doesn't exist, so Convex Auth's /.well-known/openid-configuration, JWKS and OAuth callback routes aren't served and no token validates.",
      noCall:
        "{{file}} never calls auth.addHttpRoutes(http): Convex can't fetch Convex Auth's discovery document or JWKS.",
      noDefault: "{{file}} calls addHttpRoutes but has no default export, so Convex serves none of its routes.",
    },
    fixes: {
      noFile:
        "Create {{dir}}/http.ts with httpRouter(), auth.addHttpRoutes(http) and `export default http` (authwire doctor --fix does).",
      noCall: "Add `auth.addHttpRoutes(http);` after `const http = httpRouter();` (authwire doctor --fix does).",
      noDefault: "Add `export default http;` at the end of {{file}}.",
    },
  },
  async check({ doctor, report }) {
    if (!isConvexAuthV1(doctor) || !installedSdk(convexAuth, doctor.facts.dependencies)) return;
    const path = await functionsFile(doctor, "http");
    if (!path) {
      const target = `${doctor.convexDir}/http.ts`;
      report({
        messageId: "noFile",
        data: { dir: doctor.convexDir },
        file: `${doctor.convexDir}/auth.ts`,
        edits: fileEdit(target, undefined, addAuthRoutes(), "serve Convex Auth's routes"),
      });
      return;
    }
    const module = doctor.backend.modules.get(path);
    if (!module) return; // unparsable: reported as a skipped file
    if (module.addHttpRoutes.length === 0) {
      const source = await doctor.read(path);
      const edits =
        source === undefined ? undefined : fileEdit(path, source, addAuthRoutes(), "register Convex Auth's routes");
      report({ messageId: "noCall", data: { file: path }, file: path, edits });
      return;
    }
    if (!module.hasDefaultExport)
      report({ messageId: "noDefault", data: { file: path }, file: path, line: module.addHttpRoutes[0]!.line });
  },
});
