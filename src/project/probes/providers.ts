import { parseCode } from "../../code/parse.ts";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import type { ProviderEvidence, ProviderId } from "../facts.ts";
import type { ProjectFiles } from "../files.ts";
import { PROFILE_ORDER, type ProviderProfile } from "../../providers/profiles.ts";

interface ProviderMarkers {
  /** Packages in package.json that show the provider (SDKs and Convex components). */
  packages: readonly string[];
  /** Import sources the client/backend identifiers come from (the SDKs' modules, the bridge's). */
  modules: readonly string[];
  /** Text that identifies this provider's entry in auth.config. */
  config: RegExp | null;
  /** JSX/identifiers in client code. */
  client: readonly string[];
  /** Identifiers in Convex functions. */
  backend: readonly string[];
}

/** How a provider shows itself in a project, read from its profile (src/providers/<id>/profile.ts). */
function markersOf(profile: ProviderProfile): ProviderMarkers {
  const { bridge, provider, markers } = profile.client;
  return {
    packages: [...profile.packages.sdk, ...profile.components],
    modules: [...profile.packages.modules, ...profile.components, ...(bridge ? [bridge.module] : [])],
    config: profile.authConfig.marker,
    client: [...(bridge ? [bridge.name] : []), ...(provider ? [provider] : []), ...markers],
    backend: profile.backend.markers,
  };
}

/** Order matters: the first match names an entry. */
const ORDER: ProviderId[] = PROFILE_ORDER.map((profile) => profile.id);
const MARKERS = new Map(PROFILE_ORDER.map((profile) => [profile.id, markersOf(profile)]));
const markers = (id: ProviderId): ProviderMarkers => MARKERS.get(id)!;

/** Modules whose default export is a component definition a provider mounts with `app.use(…)`. */
const COMPONENT_MODULES = new Map(
  PROFILE_ORDER.flatMap((profile) =>
    profile.backend.componentMount ? [[profile.id, profile.backend.componentMount] as const] : [],
  ),
);

/** Classifies one auth.config provider entry by its source text; unknown OIDC entries are custom. */
export function classifyConfigEntry(text: string): { id: ProviderId; marker: string } {
  for (const id of ORDER) {
    const match = markers(id).config?.exec(text);
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
    for (const pkg of markers(id).packages) if (deps[pkg]) add(id, `package.json: ${pkg}`);
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
      const found = markers(id);
      for (const name of inConvex ? found.backend : found.client) {
        if (!source.includes(name)) continue;
        imports ??= importedNames(path, source);
        const from = imports.get(name);
        if (from === undefined || !importedFromProvider(from, name, found)) continue;
        // The generic bridge also wires AuthKit on Next/TanStack; only count it as custom when alone.
        if (id === "custom-jwt" && /AuthKitProvider|useAuthFromAuthKit|useAuthFromWorkOS/.test(source)) continue;
        add(id, `${path}: ${name}`);
      }
    }
  }
  // The generic bridge (ConvexProviderWithAuth) is how apps wire an SDK that has no bridge of its
  // own (Clerk through its framework-free browser SDK): beside a provider's SDK it is no evidence of a custom JWT;
  // only a custom auth.config entry is.
  const custom = evidence.get("custom-jwt");
  if (custom && ORDER.some((id) => id !== "custom-jwt" && evidence.has(id))) {
    const kept = custom.filter((line) => isConfigLine(line, input));
    if (kept.length > 0) evidence.set("custom-jwt", kept);
    else evidence.delete("custom-jwt");
  }
  return ORDER.filter((id) => evidence.has(id)).map((name) => ({ name, evidence: evidence.get(name)! }));
}

function isConfigLine(line: string, input: { authConfigFiles: string[] }): boolean {
  return input.authConfigFiles.some((path) => line.startsWith(`${path}: `));
}

/** The provider components `convex.config` mounts: `app.use(betterAuth)` of a known definition. */
export function componentMounts(path: string, source: string): [ProviderId, string][] {
  const parsed = parseCode(path, source);
  if (!parsed.ok) return [];
  const definitions = new Map<string, ProviderId>();
  for (const statement of parsed.ast.program.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    for (const [id, module] of COMPONENT_MODULES) {
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
  const matches = (module: string) =>
    module.endsWith("/") ? from.startsWith(module) : from === module || from.startsWith(`${module}/`);
  if (modules.some(matches)) return true;
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
