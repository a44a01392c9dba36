/**
 * AW307: Convex Auth on the Next.js App Router renders <ConvexAuthNextjsProvider> without
 * <ConvexAuthNextjsServerProvider> around <html> in the root layout; the client provider then
 * has no cookies to read and sign-in never sticks.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW307",
    name: "convex-auth-next-server-provider",
    category: "client",
    severity: "error",
    fixable: false,
    description: "ConvexAuthNextjsProvider is used without ConvexAuthNextjsServerProvider.",
    docs: "docs/rules/convex-auth-next-server-provider.md",
    messages: {
      missing: "<ConvexAuthNextjsProvider> needs <ConvexAuthNextjsServerProvider> around <html> in {{layout}}, and none is rendered.",
    },
    fixes: {
      missing: "Wrap the root layout's <html> in <ConvexAuthNextjsServerProvider> from @convex-dev/auth/nextjs/server.",
    },
  },
  check({ doctor, report }) {
    if (doctor.facts.framework.name !== "next-app") return;
    const files = [...doctor.client.files.values()];
    if (files.some((file) => file.elements.some((use) => use.name === "ConvexAuthNextjsServerProvider"))) return;
    for (const file of files) {
      const use = file.elements.find((element) => element.name === "ConvexAuthNextjsProvider");
      if (use) {
        report({ messageId: "missing", data: { layout: doctor.facts.entries.main ?? "app/layout.tsx" }, file: file.file, line: use.line, column: use.column });
        return;
      }
    }
  },
});
