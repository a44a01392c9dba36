/**
 * AW202: a dotenv file holding secrets that git would commit (not matched by .gitignore).
 * Fixable: adds the file to the project's .gitignore (and --fix says when git already tracks it,
 * since .gitignore then doesn't apply).
 */
import { defineRule } from "../define.ts";
import { addGitignoreEntry } from "../../edit/gitignore.ts";
import { fileEdit, holdsSecret, isPlaceholderValue, isTemplateEnvFile, secretValueKind } from "../helpers.ts";

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
      tracked: "{{file}} holds secrets ({{names}}) and is in git: everyone with the repository has them.",
    },
    fixes: {
      notIgnored:
        "Add {{file}} to .gitignore (authwire doctor --fix does), and rotate the secrets if it was ever committed.",
      tracked:
        "Rotate the secrets (they are in the history), then `git rm --cached {{file}}` and ignore it (authwire doctor --fix adds the .gitignore entry).",
    },
  },
  async check({ doctor, report }) {
    for (const file of await doctor.localEnv()) {
      const template = isTemplateEnvFile(file.path);
      const secrets = Object.entries(file.values)
        .filter(([name, value]) =>
          template ? secretValueKind(value) : holdsSecret(name, value) && !isPlaceholderValue(name, value),
        )
        .map(([name]) => name);
      if (secrets.length === 0) continue;
      const tracked = await doctor.gitTracked(file.path);
      const ignored = await doctor.gitIgnored(file.path);
      if (!tracked && ignored !== false) continue;
      const edits = ignored
        ? undefined
        : fileEdit(
            ".gitignore",
            await doctor.read(".gitignore"),
            addGitignoreEntry({ entry: file.path }),
            `ignore ${file.path}, which holds secrets`,
            {
              ignores: file.path,
            },
          );
      report({
        messageId: tracked ? "tracked" : "notIgnored",
        data: { file: file.path, names: secrets.slice(0, 3).join(", ") + (secrets.length > 3 ? ", …" : "") },
        file: file.path,
        line: file.lineOf(secrets[0]!) ?? 1,
        column: 1,
        edits,
      });
    }
  },
});
