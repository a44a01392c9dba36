/**
 * AW305: Next.js middleware/proxy for providers that need it (Clerk, WorkOS AuthKit, Convex Auth
 * with server-side auth): missing, in a place Next never loads, both `middleware.ts` and
 * `proxy.ts`, `proxy.ts` on Next < 16 (silently unused: an auth bypass), or without the
 * provider's middleware.
 */
import { defineRule } from "../define.ts";
import { nextMajor } from "../helpers.ts";

const NAMES = ["middleware", "proxy"] as const;
const EXTENSIONS = ["ts", "js", "mjs", "tsx", "jsx"];
const PROVIDER_MIDDLEWARE =
  /\b(?:clerkMiddleware|convexAuthNextjsMiddleware|convexAuthNextjsProxy|authkitMiddleware|authkitProxy|authkit)\b/;

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
      both: "Both {{first}} and {{second}} exist; Next.js refuses to build with both.",
      misplaced: "{{file}} is not where Next.js loads it ({{expected}}), so it never runs.",
      proxyOnOld:
        "{{file}} is only loaded by Next.js 16+, but this app allows Next {{version}}: the file is ignored and nothing protects the routes.",
      deprecated: "{{file}} still works on Next.js 16 but is deprecated in favour of proxy.ts.",
      noProviderMiddleware: "{{file}} doesn't call {{middleware}}, so {{provider}}'s server-side auth has no session.",
    },
    fixes: {
      missing: "Create {{expected}} exporting {{middleware}}() as default (authwire add {{id}} writes it).",
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
    const need =
      deps["@clerk/nextjs"] && doctor.providers.has("clerk")
        ? { provider: "Clerk", id: "clerk", middleware: "clerkMiddleware", extra: " (auth() throws)" }
        : deps["@workos-inc/authkit-nextjs"] && doctor.providers.has("workos")
          ? { provider: "WorkOS AuthKit", id: "workos", middleware: "authkitMiddleware", extra: " (withAuth() throws)" }
          : doctor.providers.has("convex-auth") && usesServerProvider
            ? {
                provider: "Convex Auth",
                id: "convex-auth",
                middleware:
                  doctor.facts.convexAuth?.major === 2 ? "convexAuthNextjsProxy" : "convexAuthNextjsMiddleware",
                extra: " and /api/auth returns 404",
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
        report({ messageId: "missing", data: { ...need, expected }, file: "package.json" });
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
      if (!PROVIDER_MIDDLEWARE.test(source)) {
        report({ messageId: "noProviderMiddleware", data: { file, ...need }, file, severity: "warning" });
      }
    }
  },
});
