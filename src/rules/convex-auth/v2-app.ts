/**
 * What the Convex Auth v2 rules (AW51x) read from an app: convex.config.ts (the components it
 * mounts, under which names, and the env `defineApp({ env })` declares) and the required
 * components of convex/auth.ts (`components.<name>`). Parsed once per doctor run, statically.
 */
import type { Node } from "@babel/types";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import type { DoctorContext } from "../context.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

export interface MountedComponent {
  /** The module the definition comes from, without `.js` (Convex Auth's `<package>/convex.config`). */
  from: string;
  /** `name` option, if any. */
  name: string | null;
  line: number;
  column: number;
}

export interface V2App {
  /** convex.config.ts (or .js), or null when the app has none. */
  file: string | null;
  mounted: MountedComponent[];
  /** `defineApp({ env: { NAME: v.string() | v.optional(…) } })`. */
  env: { name: string; optional: boolean; line: number }[];
  /** `components.<name>` read in the functions folder, with where. */
  used: { name: string; file: string; line: number; column: number }[];
}

export const CORE_MODULE = `${CONVEX_AUTH_PACKAGE}/convex.config`;

const cache = new WeakMap<DoctorContext, Promise<V2App>>();

export function readV2App(doctor: DoctorContext): Promise<V2App> {
  let app = cache.get(doctor);
  if (!app) {
    app = load(doctor);
    cache.set(doctor, app);
  }
  return app;
}

async function load(doctor: DoctorContext): Promise<V2App> {
  const app: V2App = { file: null, mounted: [], env: [], used: [] };
  for (const extension of ["ts", "js"]) {
    const path = `${doctor.convexDir}/convex.config.${extension}`;
    const parsed = await doctor.parse(path);
    const source = await doctor.read(path);
    if (!parsed || source === undefined) continue;
    app.file = path;
    if (!parsed.ok) break;
    const imports = new Map<string, string>();
    for (const statement of parsed.ast.program.body) {
      if (statement.type !== "ImportDeclaration") continue;
      for (const specifier of statement.specifiers)
        if (specifier.type === "ImportDefaultSpecifier")
          imports.set(specifier.local.name, statement.source.value.replace(/\.js$/, ""));
    }
    walk(parsed.ast.program, (node) => {
      if (node.type !== "CallExpression") return;
      const callee = node.callee;
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "use" &&
        node.arguments[0]?.type === "Identifier"
      ) {
        const from = imports.get(node.arguments[0].name);
        if (!from) return;
        const options = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
        let name: string | null = null;
        if (options?.type === "ObjectExpression") {
          for (const property of options.properties) {
            if (property.type === "ObjectProperty" && propertyKeyName(property) === "name") {
              const value = unwrapExpression(property.value);
              name = value.type === "StringLiteral" ? value.value : "(dynamic)";
            }
          }
        }
        app.mounted.push({ from, name, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
      }
      if (callee.type === "Identifier" && callee.name === "defineApp") {
        const options = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
        if (options?.type !== "ObjectExpression") return;
        for (const property of options.properties) {
          if (property.type !== "ObjectProperty" || propertyKeyName(property) !== "env") continue;
          const env = unwrapExpression(property.value);
          if (env.type !== "ObjectExpression") continue;
          for (const entry of env.properties) {
            if (entry.type !== "ObjectProperty") continue;
            const key = propertyKeyName(entry);
            if (!key) continue;
            const text = doctorSlice(source, entry.value);
            app.env.push({ name: key, optional: /^v\.optional\(/.test(text), line: entry.loc?.start.line ?? 1 });
          }
        }
      }
    });
    break;
  }
  for (const path of doctor.facts.codeFiles) {
    if (!path.startsWith(`${doctor.convexDir}/`) || path.includes("/_generated/")) continue;
    const source = await doctor.read(path);
    if (!source?.includes("components.")) continue;
    const lines = source.split("\n");
    lines.forEach((text, index) => {
      for (const match of text.matchAll(/\bcomponents\.(auth\w*)\b/g))
        app.used.push({ name: match[1]!, file: path, line: index + 1, column: (match.index ?? 0) + 1 });
    });
  }
  return app;
}

function doctorSlice(source: string, node: Node): string {
  return source.slice(node.start ?? 0, node.end ?? 0);
}

/** The default `components.<name>` of a packaged Convex Auth component module. */
export function defaultComponentName(from: string): string | null {
  if (from === CORE_MODULE) return "auth";
  const prefix = `${CONVEX_AUTH_PACKAGE}/components/`;
  const suffix = "/convex.config";
  if (!from.startsWith(prefix) || !from.endsWith(suffix)) return null;
  const method = from.slice(prefix.length, -suffix.length);
  return /^\w+$/.test(method) ? `auth${method.charAt(0).toUpperCase()}${method.slice(1)}` : null;
}
