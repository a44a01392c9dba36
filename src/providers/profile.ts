/**
 * What a provider *is*, as data: its packages, Convex components, client wiring, env names,
 * development-value markers and auth.config shape. One `providers/<id>/profile.ts` per provider is
 * the only place this knowledge lives; detection (src/project/probes), the doctor rules, the
 * checklist, the token judge and the scaffold read it from the registry (`./profiles.ts`), and the
 * recipe next to the profile reads it too. A profile imports nothing but types, so anything may
 * load it cheaply.
 *
 * Adding a provider: write `providers/<id>/profile.ts` exporting `defineProfile({...})`, add the id
 * to `ProviderId` (src/project/facts.ts) and one line to `PROFILES` in ./profiles.ts (the type checker
 * points at the registry until you do). Fields that don't apply stay empty (`[]`, `{}`, null).
 */
import type { FrameworkName, ProviderId } from "../project/facts.ts";

/** A value that shows a development instance (a test key, a dev-tenant host), wrong on production. */
export interface DevValueMarker {
  /** What it is, in a sentence fragment: "a development publishable key (pk_test_…)". */
  what: string;
  /** error: production users can't sign in; warning: likely a mistake. */
  severity: "error" | "warning";
  /** The value starts with this (keys). */
  prefix?: string;
  /** The host of the value (a URL or a bare domain) matches this (issuers). */
  host?: RegExp;
}

export interface ProviderProfile {
  /** = folder = CLI argument = JSON provider name. */
  id: ProviderId;
  /** How people name it in prose: "Clerk", "WorkOS AuthKit". */
  title: string;
  packages: {
    /**
     * Every npm package whose presence in package.json shows the app uses this provider (detect,
     * AW306), the current ones first, then older names and other platforms'.
     */
    sdk: readonly string[];
    /** The SDK package `add` installs (or expects) per framework. */
    byFramework: Partial<Record<FrameworkName, string>>;
    /**
     * Import sources that belong to the provider's SDKs, for reading code: a package name (its
     * subpaths count too) or an npm scope ending in "/" (all of its packages).
     */
    modules: readonly string[];
    /** Peer packages the SDK needs in a range, with the range assumed when node_modules can't be read. */
    peers: Readonly<Record<string, string>>;
    /** The exact versions `add` installs (pinned for Node >= 20). */
    versions: Readonly<Record<string, string>>;
    /** Packages the Convex functions `add` writes import (they must resolve from the backend package). */
    backend: readonly string[];
  };
  /** Convex components (npm packages mounted in convex.config.ts or imported as Convex helpers). */
  components: readonly string[];
  /** Where each export other code refers to by name is imported from ("getAuthUserId" → module). */
  exports: Readonly<Record<string, string>>;
  client: {
    /** The Convex bridge (`<ConvexProviderWithClerk>`) and its module; null when none is specific. */
    bridge: { name: string; module: string } | null;
    /** The provider's own context provider, which must wrap the bridge. */
    provider: string | null;
    /** Modules the bridge's `useAuth` prop may come from (empty: any). */
    useAuthFrom: readonly string[];
    /**
     * The React SDK the provider's framework SDKs are built on: they re-export its context provider
     * and hooks, so a hook from it beside a framework SDK's provider sees the same session when that
     * SDK depends on it (AW304). Empty when the provider has none.
     */
    reactSdk?: readonly string[];
    /** Hooks that expose the provider's own signed-in state, not Convex's (AW303). */
    stateHooks: readonly string[];
    /** Components that gate UI on the provider's own state (`<SignedIn>`). */
    stateComponents: readonly string[];
    /** Other identifiers in client code that show the provider (detection). */
    markers: readonly string[];
    /** Next.js middleware the SDK exports (the first is the one to use); empty when it needs none. */
    nextMiddleware: readonly string[];
    /** What breaks without that middleware, appended to AW305's message (" (auth() throws)"). */
    withoutMiddleware?: string;
  };
  backend: {
    /** Identifiers imported in Convex functions that show the provider (detection). */
    markers: readonly string[];
    /** The module a convex.config.ts `app.use(…)` mounts the provider's component from (detection). */
    componentMount?: RegExp;
    /**
     * Tables an export spread into defineSchema brings (`...authTables`), with their fields'
     * validators: what the app's functions read and return without the app's schema naming them.
     */
    spreadTables?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
  };
  env: {
    /** Client-exposed variables without the framework prefix (`CLERK_PUBLISHABLE_KEY` → VITE_…). */
    client: readonly string[];
    /** Variables set on the Convex deployment (read by auth.config or the provider's code). */
    deployment: readonly string[];
  };
  /** Development-instance values that don't belong on the production deployment (AW204). */
  devValues: readonly DevValueMarker[];
  /** Dashboard and docs pages other layers point users at, by purpose ("convexIntegration"). */
  urls: Readonly<Record<string, string>>;
  authConfig: {
    /** Text in an auth.config entry that identifies this provider (the first profile to match names it). */
    marker: RegExp | null;
    /** The entry type the provider's tokens need. */
    type: "oidc" | "customJwt";
    /** The env variable the entry's domain/issuer reads, when the provider has a conventional one. */
    domainEnv: string | null;
    /** The applicationID its tokens carry as `aud`: a literal, an env variable, or null (none fixed). */
    applicationID: { literal: string } | { env: string } | null;
  };
}

/** Identity helper: keeps the literal types and checks the shape. */
export function defineProfile<const P extends ProviderProfile>(profile: P): P {
  return profile;
}

/** True when `source` (an import source) belongs to the provider's SDKs. */
export function isProfileModule(profile: ProviderProfile, source: string): boolean {
  return profile.packages.modules.some((module) =>
    module.endsWith("/") ? source.startsWith(module) : source === module || source.startsWith(`${module}/`),
  );
}

/** The first of the provider's SDK packages the app depends on, or null. */
export function installedSdk(profile: ProviderProfile, dependencies: Record<string, string>): string | null {
  return profile.packages.sdk.find((name) => dependencies[name] !== undefined) ?? null;
}

/** The dev-instance marker a value matches, or null. `host` is the value's host, when it is a URL or domain. */
export function devValueMarker(profile: ProviderProfile, value: string, host: string | null): DevValueMarker | null {
  return (
    profile.devValues.find(
      (marker) =>
        (marker.prefix !== undefined && value.startsWith(marker.prefix)) ||
        (marker.host !== undefined && host !== null && marker.host.test(host)),
    ) ?? null
  );
}
