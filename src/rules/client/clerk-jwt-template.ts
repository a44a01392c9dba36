/**
 * AW308: `getToken({ template: "convex" })` asks Clerk for the legacy JWT template named
 * "convex". With Clerk's Convex integration activated, the default session token already has
 * `aud: "convex"` and the template may not exist ("No JWT template exists with name: convex").
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW308",
    name: "clerk-jwt-template",
    category: "client",
    severity: "info",
    fixable: false,
    description: "Code requests Clerk's legacy `convex` JWT template.",
    docs: "docs/rules/clerk-jwt-template.md",
    messages: {
      template:
        'getToken({ template: "convex" }) needs a Clerk JWT template named exactly "convex"; with the Convex integration activated, the plain session token already carries aud: "convex".',
    },
    fixes: {
      template:
        'Activate the Convex integration (dashboard.clerk.com/apps/setup/convex) and call getToken() without a template, or make sure the "convex" template exists on every Clerk instance.',
    },
  },
  check({ doctor, report }) {
    for (const file of doctor.client.files.values()) {
      for (const site of file.templateTokens)
        report({ messageId: "template", file: file.file, line: site.line, column: site.column });
    }
  },
});
