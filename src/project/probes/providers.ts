import { parseCode } from "../../code/parse.ts";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import type { ProviderEvidence, ProviderId } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";

interface ProviderMarkers {
  packages: string[];
  /** Modules (besides `packages`) the client/backend identifiers are imported from. */
  modules: string[];
  /** Text that identifies this provider's entry in auth.config. */
  config: RegExp;
  /** JSX/identifiers in client code. */
  client: string[];
  /** Identifiers in Convex functions. */
  backend: string[];
}

/** How each provider shows itself in a project. Order matters: the first match names an entry. */
export const PROVIDER_MARKERS: Record<ProviderId, ProviderMarkers> = {
  workos: {
    packages: [
      "@workos-inc/authkit-react",
      "@workos-inc/authkit-nextjs",
      "@workos/authkit-tanstack-react-start",
      "@convex-dev/workos",
      "@convex-dev/workos-authkit",
    ],
    modules: [],
    config: /WORKOS_CLIENT_ID|api\.workos\.com|getAuthConfigProviders/,
    client: ["ConvexProviderWithAuthKit", "AuthKitProvider"],
    backend: [],
  },
  clerk: {
    packages: [
      "@clerk/clerk-react",
      "@clerk/react",
      "@clerk/nextjs",
      "@clerk/tanstack-react-start",
      "@clerk/expo",
      "@clerk/clerk-expo",
    ],
    modules: ["convex/react-clerk"],
    config: /CLERK_[A-Z_]*|clerk\.accounts\.dev|\bclerk\./,
    client: ["ConvexProviderWithClerk", "ClerkProvider"],
    backend: [],
  },
  auth0: {
    packages: ["@auth0/auth0-react", "@auth0/nextjs-auth0"],
    modules: ["convex/react-auth0"],
    config: /AUTH0_[A-Z_]*|auth0\.com/,
    client: ["ConvexProviderWithAuth0", "Auth0Provider"],
    backend: [],
  },
  "better-auth": {
    packages: ["@convex-dev/better-auth"],
    modules: [],
    config: /\bgetAuthConfigProvider\b/,
    client: ["ConvexBetterAuthProvider"],
    backend: ["createClient"],
  },
  "convex-auth": {
    packages: ["@convex-dev/auth"],
    modules: [],
    config: /CONVEX_SITE_URL/,
    client: ["ConvexAuthProvider", "ConvexAuthNextjsProvider", "ConvexAuthNextjsServerProvider"],
    backend: ["convexAuth"],
  },
  "custom-jwt": {
    packages: [],
    modules: ["convex/react"],
    config: /customJwt/,
    client: ["ConvexProviderWithAuth"],
    backend: [],
  },
};

const ORDER: ProviderId[] = ["workos", "clerk", "auth0", "better-auth", "convex-auth", "custom-jwt"];

/** Modules whose default export is a component definition a provider mounts with `app.use(…)`. */
const COMPONENT_MODULES: Partial<Record<ProviderId, RegExp>> = {
  "better-auth": /^@convex-dev\/better-auth\/convex\.config(?:\.js)?$|(?:^|\/)betterAuth\/convex\.config(?:\.[jt]s)?$/,
};

/** Classifies one auth.config provider entry by its source text; unknown OIDC entries are custom. */
export function classifyConfigEntry(text: string): { id: ProviderId; marker: string } {
  for (const id of ORDER) {
    const match = PROVIDER_MARKERS[id].config.exec(text);
    if (match) return { id, marker: id === "custom-jwt" ? "customJwt provider" : match[0] };
  }
  return { id: "custom-jwt", marker: "OIDC provider" };
}

/** The source text of each entry of `providers: [...]`, or the whole file when it isn't a literal. */
export function providerEntryTexts(path: string, source: string): string[] {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return [source];
  const entries: string[] = [];
  let found = false;
  walk(parsed.ast.program, (node, context) => {
    if (found) return context.skip();
    if (node.type !== "ObjectProperty" || propertyKeyName(node) !== "providers") return;
    const value = unwrapExpression(node.value);
    if (value.type !== "ArrayExpression") return;
    found = true;
    for (const element of value.elements) {
      if (element) entries.push(source.slice(element.start ?? 0, element.end ?? 0));
    }
  });
  return found ? entries : [source];
}

/** Every provider in use, each with "file: why" evidence lines. */
export async function detectProviders(
  files: ProjectFiles,
  deps: Record<string, string>,
  input: {
    authConfigFiles: string[];
    codeFiles: string[];
    functionsDir: string;
    convexJson: Record<string, unknown> | null;
  },
): Promise<ProviderEvidence[]> {
  const evidence = new Map<ProviderId, string[]>();
  const add = (id: ProviderId, line: string) => {
    const lines = evidence.get(id) ?? [];
    if (!lines.includes(line)) lines.push(line);
    evidence.set(id, lines);
  };

  for (const id of ORDER) {
    for (const pkg of PROVIDER_MARKERS[id].packages) if (deps[pkg]) add(id, `package.json: ${pkg}`);
  }
  for (const path of input.authConfigFiles) {
    const source = await files.read(path);
    if (source === undefined) continue;
    for (const text of providerEntryTexts(path, source)) {
      const { id, marker } = classifyConfigEntry(text);
      add(id, `${path}: ${marker}`);
    }
  }
  if (input.convexJson && typeof input.convexJson.authKit === "object" && input.convexJson.authKit !== null) {
    add("workos", "convex.json: authKit");
  }
  for (const path of input.codeFiles) {
    const source = await files.read(path);
    if (source === undefined) continue;
    const inConvex = path.startsWith(`${input.functionsDir}/`);
    if (path === `${input.functionsDir}/convex.config.ts` || path === `${input.functionsDir}/convex.config.js`)
      for (const [id, mount] of componentMounts(path, source)) add(id, `${path}: app.use(${mount})`);
    let imports: Map<string, string> | undefined;
    for (const id of ORDER) {
      const markers = PROVIDER_MARKERS[id];
      for (const name of inConvex ? markers.backend : markers.client) {
        if (!source.includes(name)) continue;
        imports ??= importedNames(path, source);
        const from = imports.get(name);
        if (from === undefined || !importedFromProvider(from, name, markers)) continue;
        // The generic bridge also wires AuthKit on Next/TanStack; only count it as custom when alone.
        if (id === "custom-jwt" && /AuthKitProvider|useAuthFromAuthKit|useAuthFromWorkOS/.test(source)) continue;
        add(id, `${path}: ${name}`);
      }
    }
  }
  return ORDER.filter((id) => evidence.has(id)).map((name) => ({ name, evidence: evidence.get(name)! }));
}

/** The provider components `convex.config` mounts: `app.use(betterAuth)` of a known definition. */
export function componentMounts(path: string, source: string): [ProviderId, string][] {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return [];
  const definitions = new Map<string, ProviderId>();
  for (const statement of parsed.ast.program.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    for (const [id, module] of Object.entries(COMPONENT_MODULES) as [ProviderId, RegExp][]) {
      if (!module.test(statement.source.value)) continue;
      for (const specifier of statement.specifiers)
        if (specifier.type === "ImportDefaultSpecifier") definitions.set(specifier.local.name, id);
    }
  }
  const mounts: [ProviderId, string][] = [];
  if (definitions.size === 0) return mounts;
  walk(parsed.ast.program, (node) => {
    if (node.type !== "CallExpression" || node.callee.type !== "MemberExpression") return;
    const property = node.callee.property;
    if (property.type !== "Identifier" || property.name !== "use") return;
    const first = node.arguments[0];
    const id = first?.type === "Identifier" ? definitions.get(first.name) : undefined;
    if (id && first?.type === "Identifier") mounts.push([id, first.name]);
  });
  return mounts;
}

function importedFromProvider(from: string, name: string, markers: ProviderMarkers): boolean {
  const modules = [...markers.packages, ...markers.modules];
  if (modules.some((module) => from === module || from.startsWith(`${module}/`))) return true;
  // Templates inline the bridge component (e.g. ./ConvexProviderWithAuthKit).
  return from.startsWith(".") && name.startsWith("ConvexProviderWith");
}

/** Local name → module for every named import of a file. */
function importedNames(path: string, source: string): Map<string, string> {
  const names = new Map<string, string>();
  const parsed = parseCode(path, source);
  if (!parsed.ok) return names;
  for (const statement of parsed.ast.program.body) {
    if (statement.type !== "ImportDeclaration") continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportSpecifier") {
        const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
        names.set(imported, statement.source.value);
      }
    }
  }
  return names;
}
