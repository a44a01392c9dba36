/**
 * AW202: a dotenv file holding secrets that git would commit (not matched by .gitignore).
 * Fixable: appends the file to .gitignore.
 */
import { defineRule } from "../define.ts";
import { holdsSecret, isTemplateEnvFile, secretValueKind } from "../helpers.ts";

export default defineRule({
  meta: {
    code: "AW202",
    name: "env-file-not-gitignored",
    category: "env",
    severity: "error",
    fixable: true,
    description: "An env file with secrets is not ignored by git.",
    docs: "docs/rules/env-file-not-gitignored.md",
    messages: {
      notIgnored: "{{file}} holds secrets ({{names}}) and is not in .gitignore: the next commit publishes them.",
    },
    fixes: {
      notIgnored: "Add {{file}} to .gitignore (authwire doctor --fix does), and rotate the secrets if it was ever committed.",
    },
  },
  async check({ doctor, report }) {
    for (const file of await doctor.localEnv()) {
      const template = isTemplateEnvFile(file.path);
      const secrets = Object.entries(file.values)
        .filter(([name, value]) => (template ? secretValueKind(value) : holdsSecret(name, value)))
        .map(([name]) => name);
      if (secrets.length === 0) continue;
      if ((await doctor.gitIgnored(file.path)) !== false) continue;
      const before = (await doctor.read(".gitignore")) ?? null;
      const after = `${before === null || before === "" ? "" : before.endsWith("\n") ? before : `${before}\n`}${file.path}\n`;
      report({
        messageId: "notIgnored",
        data: { file: file.path, names: secrets.slice(0, 3).join(", ") + (secrets.length > 3 ? ", …" : "") },
        file: file.path,
        line: file.lineOf(secrets[0]!) ?? 1,
        column: 1,
        edits: [{ path: ".gitignore", before, after, reason: `ignore ${file.path}, which holds secrets` }],
      });
    }
  },
});
