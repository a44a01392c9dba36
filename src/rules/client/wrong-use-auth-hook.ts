/**
 * AW304: the `useAuth` prop of the Convex bridge comes from the wrong place: another provider's
 * SDK, a different Clerk package than the app's <ClerkProvider> (separate React contexts), or a
 * provider's raw hook passed to the generic ConvexProviderWithAuth. A framework SDK and the React
 * SDK it is built on (the profile's `reactSdk`) share one context: not reported.
 * A local wrapper (`@/providers/ClerkProvider`) is followed to the package it renders; in a monorepo
 * the bridge is paired with the nearest <ClerkProvider> (the most folders in common).
 */
import { renderedComponents } from "../../analysis/client.ts";
import { defineRule } from "../define.ts";
import type { DoctorContext } from "../context.ts";
import { dependenciesOf } from "../../project/lockfiles.ts";
import { PROFILES, PROFILE_ORDER, isProfileModule } from "../../providers/profiles.ts";

/** Bridge → where its useAuth must come from, for the providers whose profile says so. */
const EXPECTED = new Map(
  PROFILE_ORDER.flatMap((profile) => {
    const { bridge, useAuthFrom } = profile.client;
    if (!bridge || useAuthFrom.length === 0) return [];
    const scoped = useAuthFrom.every((module) => module.endsWith("/"));
    const expected = {
      matches: (source: string) =>
        useAuthFrom.some((module) =>
          module.endsWith("/") ? source.startsWith(module) : source === module || source.startsWith(`${module}/`),
        ),
      label: scoped ? `the app's ${profile.title} package` : useAuthFrom.join(" or "),
    };
    return [[bridge.name, expected] as const];
  }),
);
/** A hook straight from an identity provider's SDK (not an adapter) given to the generic bridge. */
const isRawProviderHook = (source: string) =>
  PROFILE_ORDER.some((profile) => profile.client.provider !== null && isProfileModule(profile, source));

export default defineRule({
  meta: {
    code: "AW304",
    name: "wrong-use-auth-hook",
    category: "client",
    severity: "error",
    fixable: false,
    description: "The Convex bridge gets the wrong useAuth hook for the provider.",
    docs: "docs/rules/wrong-use-auth-hook.md",
    messages: {
      wrongModule: "<{{bridge}}> gets useAuth from {{module}}, but it needs the hook from {{expected}}.",
      otherClerkPackage:
        "<ConvexProviderWithClerk> gets useAuth from {{module}}, but <ClerkProvider> comes from {{providerModule}}: two packages, two React contexts, and the hook never sees the session.",
      rawHook:
        "<ConvexProviderWithAuth> gets {{name}} straight from {{module}}; it needs a hook returning { isLoading, isAuthenticated, fetchAccessToken }.",
      missing: "<{{bridge}}> has no useAuth prop.",
    },
    fixes: {
      wrongModule: "Import useAuth from {{expected}} and pass it: useAuth={useAuth}.",
      otherClerkPackage: "Import useAuth from {{providerModule}}, the same package as <ClerkProvider>.",
      rawHook: "Wrap it in an adapter hook (see docs.convex.dev/auth/advanced/custom-auth) and pass that.",
      missing: "Pass the provider's hook: useAuth={useAuth}.",
    },
  },
  async check({ doctor, report }) {
    const files = [...doctor.client.files.values()];
    // Where each <ClerkProvider> is rendered and the package it comes from, through any local
    // wrapper component. In a monorepo each app has its own: the bridge pairs with the nearest.
    const clerkProviders = files.flatMap((file) =>
      file.elements
        .flatMap((use) => renderedComponents(doctor.client, file, use))
        .filter((component) => component.imported === "ClerkProvider")
        .map((component) => ({ file: file.file, module: component.module })),
    );
    const nearestClerkProvider = (path: string) =>
      [...clerkProviders].sort((a, b) => sharedPrefix(b.file, path) - sharedPrefix(a.file, path))[0]?.module;
    for (const file of files) {
      for (const use of file.elements) {
        const where = { file: file.file, line: use.line, column: use.column };
        const expected = EXPECTED.get(use.name);
        if (!expected && use.name !== "ConvexProviderWithAuth") continue;
        const value = use.attributes.get("useAuth");
        if (value === undefined) {
          report({ messageId: "missing", data: { bridge: use.name }, ...where });
          continue;
        }
        const binding = value ? file.imports.get(value) : undefined;
        if (!binding) continue; // a local hook or an expression: not judged
        if (use.name === "ConvexProviderWithAuth") {
          if (isRawProviderHook(binding.module))
            report({ messageId: "rawHook", data: { name: value, module: binding.module }, ...where });
          continue;
        }
        if (!expected!.matches(binding.module)) {
          report({
            messageId: "wrongModule",
            data: { bridge: use.name, module: binding.module, expected: expected!.label },
            ...where,
          });
          continue;
        }
        const clerkProviderModule = nearestClerkProvider(file.file);
        const providerBase = clerkProviderModule?.replace(/\/(?:server|components|client)$/, "");
        const hookBase = binding.module.replace(/\/(?:server|components|client)$/, "");
        if (
          use.name === "ConvexProviderWithClerk" &&
          providerBase &&
          providerBase !== hookBase &&
          !(await sharesContext(doctor, providerBase, hookBase))
        ) {
          report({
            messageId: "otherClerkPackage",
            data: { module: binding.module, providerModule: clerkProviderModule! },
            ...where,
          });
        }
      }
    }
  },
});

/**
 * Whether a Clerk framework SDK and the React SDK it may be built on share one React context: the
 * framework SDK depends on that very package (the profile's `reactSdk`), by its installed
 * package.json or the npm lockfile. Unknown counts as shared: the finding is an error, and it needs
 * the evidence.
 */
async function sharesContext(doctor: DoctorContext, a: string, b: string): Promise<boolean> {
  const react = PROFILES.clerk.client.reactSdk ?? [];
  const [framework, base] = react.includes(a) ? [b, a] : react.includes(b) ? [a, b] : [null, null];
  if (!framework || !base) return false;
  const dependencies = await dependenciesOf((path) => doctor.read(path), framework, doctor.facts.workspaceRoot);
  return dependencies === null || base in dependencies;
}

/** How many leading path segments two files share (`apps/web/a.tsx`, `apps/web/b/c.tsx` → 2). */
function sharedPrefix(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  let count = 0;
  while (count < left.length - 1 && count < right.length - 1 && left[count] === right[count]) count += 1;
  return count;
}
