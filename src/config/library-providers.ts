/**
 * Provider entries that libraries build with a function call in auth.config, evaluated as the
 * library would build them, so the config checks and the token judge see inside the call.
 *
 * Convex Auth v2: `convexAuthProvider()` from `Convex Auth/server` (npm:Convex Auth@2.0.0
 * src/server/authProvider.ts) reads CONVEX_CLOUD_URL when the module loads and returns a customJwt
 * entry: issuer `${CONVEX_CLOUD_URL}/components/auth`, JWKS `${CONVEX_CLOUD_URL}/.well-known/jwks.json`,
 * applicationID "convex-auth", ES256.
 */
import type { EnvSourceSyntax, SourceLocation, StaticValue } from "./static-value.ts";
import { PROFILES } from "../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

export interface LibraryCall {
  /** The module the callee is imported from. */
  from: string;
  /** The callee's exported name. */
  imported: string;
  argumentCount: number;
}

export interface LibraryProvider {
  /** The env vars the call reads while the module loads. */
  envReads: { name: string; syntax: EnvSourceSyntax }[];
  /** The value the call returns, built at `loc`. */
  value(loc: SourceLocation): StaticValue;
}

const CONVEX_AUTH_CORE_PATH = "auth";

const convexAuthProvider: LibraryProvider = {
  envReads: [{ name: "CONVEX_CLOUD_URL", syntax: "process.env" }],
  value(loc) {
    const cloud: StaticValue = { kind: "env", name: "CONVEX_CLOUD_URL", syntax: "process.env", loc };
    const string = (value: string): StaticValue => ({ kind: "string", value, loc });
    const entry = (key: string, value: StaticValue) => ({ key, keyLoc: loc, value });
    return {
      kind: "object",
      loc,
      entries: [
        entry("type", string("customJwt")),
        entry("applicationID", string("convex-auth")),
        entry("issuer", { kind: "concat", parts: [cloud, string(`/components/${CONVEX_AUTH_CORE_PATH}`)], loc }),
        entry("jwks", { kind: "concat", parts: [cloud, string("/.well-known/jwks.json")], loc }),
        entry("algorithm", string("ES256")),
      ],
    };
  },
};

/** The library provider a call builds, or undefined when the call is not one authwire knows. */
export function libraryProvider(call: LibraryCall): LibraryProvider | undefined {
  if (
    call.from === `${CONVEX_AUTH_PACKAGE}/server` &&
    call.imported === "convexAuthProvider" &&
    call.argumentCount === 0
  )
    return convexAuthProvider;
  return undefined;
}
