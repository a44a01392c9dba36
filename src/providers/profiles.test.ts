import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { PROVIDER_IDS } from "../project/facts.ts";
import { PROFILE_ORDER, PROFILES, profileOfPackage, type ProviderProfile } from "./profiles.ts";
import { devValueMarker, installedSdk, isProfileModule } from "./profile.ts";

const SRC = join(import.meta.dirname, "..");

/** Every source file under src/, as a POSIX path relative to src/ (tests and edit fixtures excluded). */
function sourceFiles(dir = SRC): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.test\.[jt]sx?$/.test(entry.name)) {
      found.push(relative(SRC, full).split(sep).join("/"));
    }
  }
  return found.filter((path) => !path.startsWith("edit/cases/") && !path.includes("/testing/"));
}

/** The names a profile owns: its packages (SDKs, components, peers, what it installs) and npm scopes. */
function ownedNames(profile: ProviderProfile): string[] {
  const packageOf = (module: string) =>
    module
      .split("/")
      .slice(0, module.startsWith("@") ? 2 : 1)
      .join("/");
  const names = new Set<string>([
    ...profile.packages.sdk,
    ...profile.components,
    ...Object.keys(profile.packages.peers),
    ...Object.keys(profile.packages.versions),
    ...Object.values(profile.packages.byFramework),
    ...Object.values(profile.exports).map(packageOf),
    ...profile.packages.modules,
  ]);
  // `convex` and its subpaths (convex/react-clerk) belong to Convex, not to a provider.
  // A package named like a provider id ("better-auth") is written as that id everywhere (ProviderId).
  return [...names].filter(
    (name) => name !== "convex" && !name.startsWith("convex/") && !(PROVIDER_IDS as readonly string[]).includes(name),
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where `name` appears in `text` as a package name (a subpath counts; a longer name does not). */
function mentions(text: string, name: string): boolean {
  // Regex sources write `@clerk\/`: read them as the name they match.
  const plain = text.replace(/\\\//g, "/");
  const tail = name.endsWith("/") ? "" : "(?![\\w.-])";
  return new RegExp(`(?<![\\w@/.-])${escape(name)}${tail}`).test(plain);
}

describe("provider profiles", () => {
  it("has one profile per provider id, keyed by its own id", () => {
    expect(Object.keys(PROFILES).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const [id, profile] of Object.entries(PROFILES)) expect(profile.id).toBe(id);
    expect(PROFILE_ORDER.map((profile) => profile.id).sort()).toEqual([...PROVIDER_IDS].sort());
    // The catch-all classifies last.
    expect(PROFILE_ORDER.at(-1)?.id).toBe("custom-jwt");
  });

  it("keeps each provider's package names in its own folder (plus the registry)", () => {
    const files = sourceFiles().map((path) => ({ path, text: readFileSync(join(SRC, path), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    const strays: string[] = [];
    for (const profile of Object.values(PROFILES)) {
      const names = ownedNames(profile);
      for (const { path, text } of files) {
        if (path.startsWith(`providers/${profile.id}/`) || path === "providers/profiles.ts") continue;
        for (const name of names) if (mentions(text, name)) strays.push(`${path}: ${name} (${profile.id})`);
      }
    }
    expect(strays).toEqual([]);
  });

  it("finds a stray package name the way the check above reads files", () => {
    expect(mentions('import { x } from "@clerk/nextjs/server";', "@clerk/nextjs")).toBe(true);
    expect(mentions("/^@clerk\\/(?:react)$/", "@clerk/")).toBe(true);
    expect(mentions('"@convex-dev/authkit"', "@convex-dev/auth")).toBe(false);
    expect(mentions('"@convex-dev/workos-authkit"', "@convex-dev/workos")).toBe(false);
    expect(mentions('"@convex-dev/better-auth"', "better-auth")).toBe(false);
  });

  it("answers module, package and dev-value questions from the profile", () => {
    expect(isProfileModule(PROFILES.clerk, "@clerk/nextjs/server")).toBe(true);
    expect(isProfileModule(PROFILES.clerk, "convex/react-clerk")).toBe(false);
    expect(isProfileModule(PROFILES["convex-auth"], "@convex-dev/auth/server")).toBe(true);
    expect(isProfileModule(PROFILES["convex-auth"], "@convex-dev/authx")).toBe(false);
    expect(installedSdk(PROFILES.clerk, { "@clerk/clerk-react": "^5" })).toBe("@clerk/clerk-react");
    expect(installedSdk(PROFILES.clerk, { react: "^19" })).toBeNull();
    expect(profileOfPackage("@convex-dev/workos")?.id).toBe("workos");
    expect(profileOfPackage("@auth/core")?.id).toBe("convex-auth");
    expect(profileOfPackage("react")).toBeNull();
    expect(devValueMarker(PROFILES.clerk, "pk_test_abc", null)?.severity).toBe("error");
    expect(devValueMarker(PROFILES.clerk, "x", "happy-cat-1.clerk.accounts.dev")).not.toBeNull();
    expect(devValueMarker(PROFILES.clerk, "x", "clerk.example.com")).toBeNull();
    expect(devValueMarker(PROFILES.auth0, "x", "dev-abc123.us.auth0.com")?.severity).toBe("warning");
  });

  it("pins every package a profile installs to an exact version", () => {
    for (const profile of Object.values(PROFILES)) {
      for (const [name, version] of Object.entries(profile.packages.versions)) {
        expect(version, `${profile.id}: ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
      }
      for (const name of Object.values(profile.packages.byFramework)) {
        expect(profile.packages.sdk, `${profile.id}: ${name}`).toContain(name);
      }
    }
  });
});
