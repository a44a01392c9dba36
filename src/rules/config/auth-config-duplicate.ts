/**
 * AW102: both auth.config.ts and auth.config.js exist; the Convex CLI refuses to bundle either.
 */
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW102",
    name: "auth-config-duplicate",
    category: "config",
    severity: "error",
    fixable: false,
    description: "Both auth.config.ts and auth.config.js exist in the functions folder.",
    docs: "docs/rules/auth-config-duplicate.md",
    messages: {
      both: "Both {{ts}} and {{js}} exist; `npx convex dev` and `npx convex deploy` fail on a project with both.",
    },
    fixes: {
      both: "Delete the one you don't use (usually {{js}}, a leftover) and keep a single auth config file.",
    },
  },
  check({ doctor, report }) {
    const files = doctor.facts.convex.authConfigFiles;
    const ts = files.find((path) => path.endsWith(".ts"));
    const js = files.find((path) => path.endsWith(".js"));
    if (ts && js) report({ messageId: "both", data: { ts, js }, file: js, line: 1, column: 1 });
  },
});
