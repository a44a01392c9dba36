/**
 * AW203: a variable the Convex functions read is set in a local dotenv file but not on the
 * deployment. Convex functions only see the deployment's env; `.env.local` feeds the frontend
 * and the CLI.
 */
import { defineRule } from "../define.ts";
import { backendEnvReads, isLocalOnlyEnvFile, isTemplateEnvFile, libraryEnvNames } from "../helpers.ts";
import { PROFILES } from "../../providers/profiles.ts";

export default defineRule({
  meta: {
    code: "AW203",
    name: "backend-env-only-local",
    category: "env",
    severity: "warning",
    fixable: false,
    description: "A variable Convex functions read is only in .env.local, not on the deployment.",
    docs: "docs/rules/backend-env-only-local.md",
    messages: {
      onlyLocal:
        "{{name}} is read by {{reader}} but is only set in {{file}}; Convex functions read the deployment's env ({{source}}), where it is missing.",
    },
    fixes: {
      onlyLocal:
        "Set it on the deployment: `npx convex env set {{name}}` (value on stdin), and again with --prod for production.",
    },
  },
  async check({ doctor, report }) {
    const dev = await doctor.env("dev");
    if (!dev) return;
    const { functions } = backendEnvReads(doctor);
    const names = new Map<string, string>();
    for (const [name, site] of functions) names.set(name, `${site.file}:${site.line}`);
    for (const name of libraryEnvNames(doctor))
      if (!names.has(name)) names.set(name, PROFILES["convex-auth"].packages.sdk[0]!);
    const local = (await doctor.localEnv()).filter((file) => !isTemplateEnvFile(file.path));
    for (const [name, reader] of names) {
      if (name in dev.values) continue;
      const file = local.find(
        (candidate) => name in candidate.values && (isLocalOnlyEnvFile(candidate.path) || candidate.path === ".env"),
      );
      if (!file) continue;
      report({
        messageId: "onlyLocal",
        data: { name, reader, file: file.path, source: dev.source },
        file: file.path,
        line: file.lineOf(name) ?? 1,
        column: 1,
        target: "dev",
      });
    }
  },
});
