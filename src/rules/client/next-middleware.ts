/**
 * AW305: Next.js middleware/proxy for providers that need it (Clerk, WorkOS AuthKit, Convex Auth
 * with server-side auth): missing, in a place Next never loads, both `middleware.ts` and
 * `proxy.ts`, `proxy.ts` on Next < 16 (silently unused: an auth bypass), or without the
 * provider's middleware.
 */
import semver from "semver";
import type { DoctorContext } from "../context.ts";
import { defineRule } from "../define.ts";
import { nextMajor } from "../helpers.ts";
import { PROFILES } from "../../providers/profiles.ts";

const NAMES = ["middleware", "proxy"] as const;
const EXTENSIONS = ["ts", "js", "mjs", "tsx", "jsx"];
const PROVIDER_MIDDLEWARE = new RegExp(
  `\\b(?:${Object.values(PROFILES)
    .flatMap((profile) => profile.client.nextMiddleware)
    .join("|")})\\b`,
);
/** Clerk's Next.js SDK (its server entry is `<sdk>/server`). */
const CLERK_NEXT = PROFILES.clerk.packages.byFramework["next-app"]!;
const CLERK_NEXT_SOURCE = CLERK_NEXT.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Providers whose Next.js SDK needs its middleware, in the order they are judged. */
const NEEDS_MIDDLEWARE = (["clerk", "workos", "convex-auth"] as const).map((id) => PROFILES[id]);

export default defineRule({
  meta: {
    code: "AW305",
    name: "next-middleware",
    category: "client",
    severity: "error",
    fixable: false,
    description: "Next.js middleware/proxy is missing, misplaced, doubled or doesn't run the provider's middleware.",
    docs: "docs/rules/next-middleware.md",
    messages: {
      missing:
        "{{provider}} on Next.js needs {{expected}} running {{middleware}}, and there is none: server-side auth calls fail{{extra}}.",
      missingNoServerAuth:
        "{{provider}} on Next.js expects {{expected}} running {{middleware}}; there is none, and no file calls its server-side auth yet (client components work without it).",
      both: "Both {{first}} and {{second}} exist; Next.js refuses to build with both.",
      misplaced: "{{file}} is not where Next.js loads it ({{expected}}), so it never runs.",
      proxyOnOld:
        "{{file}} is only loaded by Next.js 16+, but this app allows Next {{version}}: the file is ignored and nothing protects the routes.",
      deprecated: "{{file}} still works on Next.js 16 but is deprecated in favour of proxy.ts.",
      noProviderMiddleware: "{{file}} doesn't call {{middleware}}, so {{provider}}'s server-side auth has no session.",
    },
    fixes: {
      missing: "Create {{expected}} exporting {{middleware}}() as default (authwire add {{id}} writes it).",
      missingNoServerAuth:
        "Create {{expected}} exporting {{middleware}}() as default before using auth() or protecting routes (authwire add {{id}} writes it).",
      both: "Keep one: proxy.ts on Next 16+, middleware.ts on Next 15 or older (npx @next/codemod middleware-to-proxy).",
      misplaced: "Move it to {{expected}}.",
      proxyOnOld: "Rename it to middleware.ts, or upgrade to Next.js 16.",
      deprecated: "Rename it with `npx @next/codemod middleware-to-proxy`.",
      noProviderMiddleware: "Export {{middleware}}() (or call it inside your middleware).",
    },
  },
  async check({ doctor, report }) {
    const framework = doctor.facts.framework.name;
    if (framework !== "next-app" && framework !== "next-pages") return;
    const deps = doctor.facts.dependencies;
    const usesServerProvider = [...doctor.client.files.values()].some((file) =>
      file.elements.some((use) => use.name === "ConvexAuthNextjsServerProvider"),
    );
    // Convex Auth needs it only for server-side auth (its server provider); the others whenever
    // their Next.js SDK is installed.
    const needing = NEEDS_MIDDLEWARE.find(
      (profile) =>
        doctor.providers.has(profile.id) &&
        (profile.id === "convex-auth" ? usesServerProvider : deps[profile.packages.byFramework["next-app"] ?? ""]),
    );
    const need = needing
      ? {
          provider: needing.title,
          id: needing.id,
          // v2's Next.js helper is a proxy (Next 16); v1's a middleware.
          middleware:
            needing.id === "convex-auth" && doctor.facts.convexAuth?.major === 2
              ? "convexAuthNextjsProxy"
              : needing.client.nextMiddleware[0]!,
          extra: needing.client.withoutMiddleware ?? "",
        }
      : null;

    const major = nextMajor(doctor);
    const base = doctor.facts.entries.usesSrc ? "src/" : "";
    const found: string[] = [];
    for (const dir of ["", "src/", "app/", "src/app/", "pages/"]) {
      for (const name of NAMES) {
        for (const extension of EXTENSIONS) {
          const path = `${dir}${name}.${extension}`;
          if ((await doctor.read(path)) !== undefined) found.push(path);
        }
      }
    }
    const preferred = major !== null && major >= 16 ? "proxy" : "middleware";
    const expected = `${base}${preferred}.ts`;
    const placed = found.filter((path) => path.startsWith(base) && !path.slice(base.length).includes("/"));
    for (const path of found) {
      if (!placed.includes(path))
        report({
          messageId: "misplaced",
          data: { file: path, expected: `${base}${path.split("/").pop()}` },
          file: path,
        });
    }
    if (placed.length >= 2) {
      report({ messageId: "both", data: { first: placed[0]!, second: placed[1]! }, file: placed[1]! });
      return;
    }
    const file = placed[0];
    if (!file) {
      if (need && found.length === 0) {
        if (need.id === "clerk" && !(await usesClerkServerAuth(doctor))) {
          report({
            messageId: "missingNoServerAuth",
            data: { ...need, expected },
            file: "package.json",
            severity: "info",
          });
        } else {
          report({ messageId: "missing", data: { ...need, expected }, file: "package.json" });
        }
      }
      return;
    }
    const isProxy = file.includes("proxy.");
    if (isProxy && major !== null && major < 16) {
      report({
        messageId: "proxyOnOld",
        data: { file, version: doctor.facts.framework.version ?? String(major) },
        file,
      });
      return;
    }
    if (!isProxy && major !== null && major >= 16)
      report({ messageId: "deprecated", data: { file }, file, severity: "info" });
    if (need) {
      const source = (await doctor.read(file)) ?? "";
      // Clerk up to v5 also ships authMiddleware (v6 removed it), a session middleware as well.
      const clerkAuthMiddleware = need.id === "clerk" && clerkMajor(doctor) < 6 && /\bauthMiddleware\b/.test(source);
      if (!PROVIDER_MIDDLEWARE.test(source) && !clerkAuthMiddleware) {
        report({ messageId: "noProviderMiddleware", data: { file, ...need }, file, severity: "warning" });
      }
    }
  },
});

/** The lowest major version of Clerk's Next.js SDK the app allows (Infinity when unknown). */
function clerkMajor(doctor: DoctorContext): number {
  const range = doctor.facts.dependencies[CLERK_NEXT];
  const min = range && semver.validRange(range) ? semver.minVersion(range) : null;
  return min ? min.major : Infinity;
}

/**
 * Whether any app file calls Clerk on the server: imports from the Next.js SDK's /server entry, or
 * `auth` / `currentUser` from the SDK itself (v4/v5), or v5's server ClerkProvider (it reads auth() itself).
 */
async function usesClerkServerAuth(doctor: DoctorContext): Promise<boolean> {
  const convexPrefix = `${doctor.convexDir}/`;
  for (const path of doctor.facts.codeFiles) {
    if (path.startsWith(convexPrefix)) continue;
    const source = await doctor.read(path);
    if (source === undefined || !source.includes(CLERK_NEXT)) continue;
    if (new RegExp(`from\\s+["']${CLERK_NEXT_SOURCE}\\/server["']`).test(source)) return true;
    for (const match of source.matchAll(
      new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${CLERK_NEXT_SOURCE}["']`, "g"),
    )) {
      const names = match[1]!.split(",").map((part) => part.trim().split(/\s+as\s+/)[0]);
      if (names.some((name) => name === "auth" || name === "currentUser")) return true;
      const clientFile = /^\s*["']use client["']/m.test(source.slice(0, 200));
      if (names.includes("ClerkProvider") && !clientFile && clerkMajor(doctor) === 5) return true;
    }
  }
  return false;
}
