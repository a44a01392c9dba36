/**
 * The code `authwire users` writes, in house style (two-space indents, double quotes,
 * semicolons; the edit helpers fit it to each file). Backend modules are lists of declarations
 * (addTopLevelDeclarations), so one path serves a new file and a file that has some of them
 * already: the exported ones it lacks are added, with the helpers they need. docs/internals/provider-setup.md#scaffold-patterns has the patterns.
 */
import type { DeclarationSpec as Declaration, ImportSpec } from "../edit/index.ts";
import type { ProviderId } from "../project/facts.ts";
import { PROFILES } from "../providers/profiles.ts";

export type { Declaration };

const SERVER = "./_generated/server";
const QUERY_CTX: ImportSpec = { from: SERVER, named: ["QueryCtx"], typeOnly: true };

/** A profile field the store mutation copies from the identity, and the expression that reads it. */
export interface ProfileField {
  field: "name" | "email" | "pictureUrl";
  expression: string;
}

/** What each provider's tokens carry (docs/internals/convex-auth.md#identity). */
export function profileFields(provider: ProviderId): ProfileField[] {
  // OIDC providers (Clerk, Auth0) map standard claims to typed fields; customJwt (WorkOS, custom
  // JWT) keeps every claim under its raw name, so `picture` stays `picture`.
  const customJwt = provider === "workos" || provider === "custom-jwt";
  return [
    { field: "name", expression: "identity.name" },
    { field: "email", expression: "identity.email" },
    {
      field: "pictureUrl",
      expression: customJwt
        ? 'typeof identity.picture === "string" ? identity.picture : undefined'
        : "identity.pictureUrl",
    },
  ];
}

export function usersTable(fields: ProfileField[], index: string): string {
  return [
    "defineTable({",
    "  tokenIdentifier: v.string(),",
    ...fields.map(({ field }) => `  ${field}: v.optional(v.string()),`),
    `}).index(${JSON.stringify(index)}, ["tokenIdentifier"])`,
  ].join("\n");
}

export const USERS_HEADER = `/**
 * The signed-in user. Added by authwire users: read it with getCurrentUser(ctx) /
 * getCurrentUserOrThrow(ctx) in your functions, or useQuery(api.users.current) on the client.
 */
`;

export interface TokenUsersOptions {
  provider: ProviderId;
  /** The index on tokenIdentifier ("by_token", or the one the users table already has). */
  index: string;
  /** What the profile copies: field → expression (a required field gets a fallback). */
  profile: { field: string; expression: string }[];
  /** Generate the store mutation (false when another function already creates users). */
  store: boolean;
}

/** `convex/users.ts` for token providers: users keyed by tokenIdentifier, stored on first login. */
export function tokenUsersDeclarations(options: TokenUsersOptions): Declaration[] {
  const declarations: Declaration[] = [
    {
      name: "userByToken",
      code: `/** The stored user for a token identifier (issuer + subject), or null. */
async function userByToken(ctx: QueryCtx, tokenIdentifier: string) {
  return await ctx.db
    .query("users")
    .withIndex(${JSON.stringify(options.index)}, (q) => q.eq("tokenIdentifier", tokenIdentifier))
    .unique();
}`,
      imports: [QUERY_CTX],
    },
  ];
  if (options.store) {
    const entries = options.profile.map(({ field, expression }) => `    ${field}: ${expression},`).join("\n");
    declarations.push(
      {
        name: "profileFrom",
        code: `/** The profile fields the identity provider puts in its token (absent ones stay unset). */
function profileFrom(identity: UserIdentity) {
  return {
${entries}
  };
}`,
        imports: [{ from: "convex/server", named: ["UserIdentity"], typeOnly: true }],
      },
      {
        name: "store",
        code: `/**
 * Stores the signed-in user on first login and keeps their profile up to date; returns their id.
 * The client calls it once Convex has accepted the token (useStoreUserEffect does).
 */
export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) {
      throw new Error("Not authenticated");
    }
    const profile = profileFrom(identity);
    const user = await userByToken(ctx, identity.tokenIdentifier);
    if (user !== null) {
      const changed = (Object.keys(profile) as (keyof typeof profile)[]).some((key) => user[key] !== profile[key]);
      if (changed) {
        await ctx.db.patch(user._id, profile);
      }
      return user._id;
    }
    return await ctx.db.insert("users", { ...profile, tokenIdentifier: identity.tokenIdentifier });
  },
});`,
        imports: [{ from: SERVER, named: ["mutation"] }],
      },
    );
  }
  declarations.push(
    {
      name: "getCurrentUser",
      code: `/** The signed-in user's document, or null when signed out or not stored yet. */
export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await userByToken(ctx, identity.tokenIdentifier);
}`,
      imports: [QUERY_CTX],
    },
    {
      name: "getCurrentUserOrThrow",
      code: `/** The signed-in user's document; throws when signed out or not stored yet. */
export async function getCurrentUserOrThrow(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    throw new Error("Not authenticated");
  }
  const user = await userByToken(ctx, identity.tokenIdentifier);
  if (user === null) {
    throw new Error("User not stored yet: call the store mutation once signed in (useStoreUserEffect does)");
  }
  return user;
}`,
      imports: [QUERY_CTX],
    },
    currentQuery(),
  );
  return declarations;
}

/** `getCurrentUserOrThrow` over the module's `getCurrentUser` (null when signed out). */
function currentUserOrThrow(what: string): Declaration {
  return {
    name: "getCurrentUserOrThrow",
    code: `/** ${what}; throws when signed out. */
export async function getCurrentUserOrThrow(ctx: QueryCtx) {
  const user = await getCurrentUser(ctx);
  if (user === null) {
    throw new Error("Not authenticated");
  }
  return user;
}`,
    imports: [QUERY_CTX],
  };
}

function currentQuery(): Declaration {
  return {
    name: "current",
    code: `/** The signed-in user's document for the client: null when signed out (or not stored yet). */
export const current = query({
  args: {},
  handler: async (ctx) => {
    return await getCurrentUser(ctx);
  },
});`,
    imports: [{ from: SERVER, named: ["query"] }],
  };
}

/** `convex/users.ts` for Convex Auth: helpers over getAuthUserId and its own users table. */
export function convexAuthUsersDeclarations(): Declaration[] {
  return [
    {
      name: "getCurrentUser",
      code: `/** The signed-in user's document (Convex Auth's users table), or null when signed out. */
export async function getCurrentUser(ctx: QueryCtx) {
  const userId = await getAuthUserId(ctx);
  if (userId === null) {
    return null;
  }
  return await ctx.db.get(userId);
}`,
      imports: [{ from: PROFILES["convex-auth"].exports.getAuthUserId!, named: ["getAuthUserId"] }, QUERY_CTX],
    },
    currentUserOrThrow("The signed-in user's document"),
    currentQuery(),
  ];
}

/**
 * `convex/users.ts` for Better Auth: the component owns the users (its `user` table), so the
 * helpers read the session-checked user through the app's component client
 * (`authComponent.safeGetAuthUser(ctx)`, undefined when signed out or the session expired).
 */
export function betterAuthUsersDeclarations(authModule: string): Declaration[] {
  const client: ImportSpec = { from: authModule, named: ["authComponent"] };
  return [
    {
      name: "getCurrentUser",
      code: `/** The signed-in user (the Better Auth component's user document), or null when signed out or the session expired. */
export async function getCurrentUser(ctx: QueryCtx) {
  const user = await authComponent.safeGetAuthUser(ctx);
  return user ?? null;
}`,
      imports: [client, QUERY_CTX],
    },
    currentUserOrThrow("The signed-in user (the Better Auth component's user document)"),
    currentQuery(),
  ];
}

/** Where a provider's tokens carry the active organization and the user's role in it. */
export interface HookOptions {
  /** The import path of `convex/_generated/` from the hook's folder ("../convex/_generated"). */
  generated: string;
  /** The store mutation's reference (`api.users.store`). */
  store: string;
  /** The store mutation is authwire's (returns Id<"users">); else its return type is read from it. */
  ours: boolean;
}

/** The client hook from Convex's docs: store the user once authenticated, wait for its id. */
export function storeUserHook(options: HookOptions): string {
  const doc = `/**
 * Stores the signed-in user in Convex (${options.store}) once Convex has accepted their token,
 * and reports auth state that waits for the stored user: gate queries that need the user's
 * document on this hook instead of useConvexAuth. Added by authwire users.
 */`;
  const effect = `  useEffect(() => {
    if (!isAuthenticated) {
      return;
    }
    let cancelled = false;
    void storeUser().then((id) => {
      if (!cancelled) {
        setUserId(id);
      }
    });
    return () => {
      cancelled = true;
      setUserId(null);
    };
  }, [isAuthenticated, storeUser]);
  return {
    isLoading: isLoading || (isAuthenticated && userId === null),
    isAuthenticated: isAuthenticated && userId !== null,
  };
}
`;
  const typeImport = options.ours
    ? `import type { Id } from "${options.generated}/dataModel";\n`
    : `import type { FunctionReturnType } from "convex/server";\n`;
  const state = options.ours ? `Id<"users">` : `FunctionReturnType<typeof ${options.store}>`;
  return `import { useConvexAuth, useMutation } from "convex/react";
${options.ours ? "" : typeImport}import { useEffect, useState } from "react";
import { api } from "${options.generated}/api";
${options.ours ? typeImport : ""}
${doc}
export function useStoreUserEffect() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const [userId, setUserId] = useState<${state} | null>(null);
  const storeUser = useMutation(${options.store});
${effect}`;
}
