/**
 * Library functions an auth.config may call to build a provider entry, and what each call evaluates
 * to in Convex's sandbox, so the static evaluator sees inside them instead of stopping at "a
 * function call". One entry per function, keyed by the module it is imported from.
 *
 * Better Auth: `getAuthConfigProvider(opts?)` from the component's `/auth-config` entry
 * (the component 0.12.5, src/auth-config.ts) returns
 *   { type: "customJwt", issuer: `${process.env.CONVEX_SITE_URL}`, applicationID: "convex",
 *     algorithm: "RS256", jwks: `${process.env.CONVEX_SITE_URL}${opts?.basePath ?? "/api/auth"}/convex/jwks` }
 * or, with `opts.jwks` (a static JWKS), a `data:` URI built from that JSON at load time.
 *
 * Convex Auth v2: `convexAuthProvider()` from Convex Auth's `/server` entry (2.0.0
 * src/server/authProvider.ts) reads CONVEX_CLOUD_URL when the module loads and returns a customJwt
 * entry: issuer `${CONVEX_CLOUD_URL}/components/auth`, JWKS `${CONVEX_CLOUD_URL}/.well-known/jwks.json`,
 * applicationID "convex-auth", ES256.
 */
import type { SourceLocation, StaticValue } from "./static-value.ts";
import { PROFILES } from "../providers/profiles.ts";

export interface LibraryCall {
  /** The module the function is imported from. */
  module: string;
  /** The exported name. */
  name: string;
  /** Env variables the function reads when it runs (the module's source doesn't show them). */
  envReads: string[];
  /** The value of the call, from its evaluated arguments. */
  expand(args: StaticValue[], loc: SourceLocation, snippet: string): StaticValue;
}

export const BETTER_AUTH_CONFIG_FUNCTION = "getAuthConfigProvider";
export const BETTER_AUTH_CONFIG_MODULE = PROFILES["better-auth"].exports[BETTER_AUTH_CONFIG_FUNCTION]!;

function siteUrl(loc: SourceLocation): StaticValue {
  return { kind: "env", name: "CONVEX_SITE_URL", syntax: "process.env", loc };
}

function string(value: string, loc: SourceLocation): StaticValue {
  return { kind: "string", value, loc };
}

const getAuthConfigProvider: LibraryCall = {
  module: BETTER_AUTH_CONFIG_MODULE,
  name: BETTER_AUTH_CONFIG_FUNCTION,
  envReads: ["CONVEX_SITE_URL"],
  expand(args, loc, snippet) {
    const dynamic = (reason: string): StaticValue => ({ kind: "dynamic", reason, snippet, loc });
    const options = args[0];
    let basePath: StaticValue = string("/api/auth", loc);
    let staticJwks: StaticValue | undefined;
    if (options && options.kind !== "undefined") {
      if (options.kind === "dynamic") return options;
      if (options.kind !== "object") return dynamic("getAuthConfigProvider's options are not an object literal");
      for (const entry of options.entries) {
        if (entry.key === "basePath" && entry.value.kind !== "undefined") basePath = entry.value;
        if (entry.key === "jwks" && entry.value.kind !== "undefined") staticJwks = entry.value;
      }
    }
    const jwks: StaticValue = staticJwks
      ? {
          kind: "dynamic",
          reason: "a static JWKS (getAuthConfigProvider({ jwks })), turned into a data: URI when the config loads",
          snippet,
          loc: staticJwks.loc,
          // The component's documented form: nothing to report, though the URI's text is unknown.
          expected: true,
        }
      : basePath.kind === "dynamic"
        ? basePath
        : { kind: "concat", parts: [siteUrl(loc), basePath, string("/convex/jwks", loc)], loc };
    return {
      kind: "object",
      loc,
      entries: [
        { key: "type", keyLoc: loc, value: string("customJwt", loc) },
        { key: "issuer", keyLoc: loc, value: { kind: "concat", parts: [siteUrl(loc)], loc } },
        { key: "applicationID", keyLoc: loc, value: string("convex", loc) },
        { key: "algorithm", keyLoc: loc, value: string("RS256", loc) },
        { key: "jwks", keyLoc: loc, value: jwks },
      ],
    };
  },
};

const convexAuthProvider: LibraryCall = {
  module: `${PROFILES["convex-auth"].packages.sdk[0]!}/server`,
  name: "convexAuthProvider",
  envReads: ["CONVEX_CLOUD_URL"],
  expand(args, loc, snippet) {
    if (args.length > 0) return { kind: "dynamic", reason: "convexAuthProvider() with arguments", snippet, loc };
    const cloud: StaticValue = { kind: "env", name: "CONVEX_CLOUD_URL", syntax: "process.env", loc };
    const entry = (key: string, value: StaticValue) => ({ key, keyLoc: loc, value });
    return {
      kind: "object",
      loc,
      entries: [
        entry("type", string("customJwt", loc)),
        entry("applicationID", string("convex-auth", loc)),
        entry("issuer", { kind: "concat", parts: [cloud, string("/components/auth", loc)], loc }),
        entry("jwks", { kind: "concat", parts: [cloud, string("/.well-known/jwks.json", loc)], loc }),
        entry("algorithm", string("ES256", loc)),
      ],
    };
  },
};

export const LIBRARY_CALLS: readonly LibraryCall[] = [getAuthConfigProvider, convexAuthProvider];

export function findLibraryCall(module: string, name: string): LibraryCall | undefined {
  return LIBRARY_CALLS.find((call) => call.module === module && call.name === name);
}
