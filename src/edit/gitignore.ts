/** .gitignore edits: add an entry unless the same line is already there. */
import { defineEdit, detectEol, unchanged, type Edit } from "./edit.ts";

export interface GitignoreSpec {
  /** The line to add, e.g. ".env.local". */
  entry: string;
  /** A comment line written above the entry when it is added. */
  comment?: string;
}

export function addGitignoreEntry(spec: GitignoreSpec): Edit {
  return defineEdit(`ignore ${spec.entry}`, (content) => {
    const source = content ?? "";
    const lines = source.split(/\r?\n/).map((line) => line.trim());
    if (lines.includes(spec.entry) || lines.includes(`/${spec.entry}`)) return unchanged;
    const eol = content === undefined ? "\n" : detectEol(source);
    const separator = source.length > 0 && !source.endsWith("\n") ? eol : "";
    const comment = spec.comment ? `# ${spec.comment}${eol}` : "";
    return `${source}${separator}${comment}${spec.entry}${eol}`;
  });
}
