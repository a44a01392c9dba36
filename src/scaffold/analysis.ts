/**
 * The code analysis for the scaffold commands (`users`, `protect`): the same CodeFacts doctor's
 * rules read (src/analysis), functions folder only, so they see the functions, the schema and the
 * identity checks exactly as the AW5xx/AW6xx rules do.
 */
import { analyzeCode } from "../analysis/analyze.ts";
import type { BackendIndex, CodeFacts, RegisteredFunction } from "../analysis/facts.ts";
import { BackendResolver } from "../analysis/resolver.ts";
import { AuthwireError } from "../errors.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import { PROFILES, installedSdk } from "../providers/profiles.ts";

export interface ProjectAnalysis {
  readonly code: CodeFacts;
  readonly backend: BackendIndex;
  /** Cross-file resolution over `backend` (memoized). */
  resolver(): BackendResolver;
}

/** Analyses the functions folder (no rules, no deployment env). */
export async function analyzeProject(facts: ProjectFacts): Promise<ProjectAnalysis> {
  const code = await analyzeCode({
    read: (path) => facts.files.read(path),
    codeFiles: facts.codeFiles,
    convexDir: facts.convex.dir,
    parts: { backend: true, client: false },
    ...(facts.config && { config: facts.config }),
  });
  let resolver: BackendResolver | undefined;
  return {
    code,
    backend: code.backend,
    resolver: () => (resolver ??= new BackendResolver(code.backend, facts.convex.dir)),
  };
}

/**
 * The provider the scaffold writes code for: Convex Auth when the app uses it, else the first
 * token provider detection found (Clerk, WorkOS, Auth0, custom JWT). None: a usage error.
 */
export function scaffoldProvider(facts: ProjectFacts, command: string): ProviderId {
  const found = facts.providers.map((provider) => provider.name);
  if (found.includes("convex-auth") && installedSdk(PROFILES["convex-auth"], facts.dependencies)) return "convex-auth";
  // Better Auth's component owns the users, whatever else auth.config lists.
  if (found.includes("better-auth")) return "better-auth";
  const token = found.find((name) => name !== "convex-auth") ?? found[0];
  if (!token) {
    throw new AuthwireError(
      "unsupported",
      `authwire ${command} needs an auth provider, and none was found in this app.`,
      {
        hint: "Set one up first: authwire add <convex-auth|better-auth|clerk|workos|auth0|custom-jwt>.",
      },
    );
  }
  return token;
}

/** The module of the functions folder exporting the Better Auth component client (`authComponent`), or null. */
export function authComponentModule(backend: BackendIndex, convexDir: string): string | null {
  const preferred = `${convexDir}/auth.ts`;
  if (backend.modules.get(preferred)?.exportNames.has("authComponent")) return preferred;
  for (const [file, module] of backend.modules) if (module.exportNames.has("authComponent")) return file;
  return null;
}

/** `convex/users.ts` export `store` → `api.users.store` (the client's reference to a public function). */
export function functionReference(convexDir: string, fn: Pick<RegisteredFunction, "file" | "name">): string {
  const module = fn.file.slice(convexDir.length + 1).replace(/\.[cm]?[jt]sx?$/, "");
  const path = module
    .split("/")
    .map((part) => (/^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`));
  return `api${path.join("")}${/^[A-Za-z_$][\w$]*$/.test(fn.name) ? `.${fn.name}` : `[${JSON.stringify(fn.name)}]`}`;
}
