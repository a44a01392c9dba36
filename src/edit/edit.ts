/**
 * What an edit is: a pure function from a file's current content (undefined when the file does
 * not exist) to its new content, to `unchanged`, or to a refusal that says why the edit can't be
 * made safely (a syntax error, an unexpected shape). Edits never read or write the disk; the
 * change engine (src/changes/) decides where and when they run.
 */

/** Returned by an edit that has nothing to do (the change is already there). */
export const unchanged: unique symbol = Symbol("authwire.unchanged");
export type Unchanged = typeof unchanged;

/** An edit that can't be made without guessing. The file is left alone and the plan says why. */
export interface Refusal {
  readonly kind: "refused";
  readonly reason: string;
  /** 1-based position in the file the refusal is about, when known. */
  readonly line?: number;
  readonly column?: number;
}

export type EditResult = string | Unchanged | Refusal;

export interface EditFile {
  /** The file's path relative to the project root (POSIX); picks the parser (.ts vs .tsx). */
  path: string;
}

export interface Edit {
  (content: string | undefined, file: EditFile): EditResult;
  /** What the edit does, in a few words ("import useAuth from the provider's SDK"). */
  readonly description: string;
}

export function defineEdit(
  description: string,
  run: (content: string | undefined, file: EditFile) => EditResult,
): Edit {
  const edit = (content: string | undefined, file: EditFile): EditResult => {
    const result = run(content, file);
    return typeof result === "string" && result === content ? unchanged : result;
  };
  return Object.assign(edit, { description });
}

export function refuse(reason: string, at?: { line: number; column?: number }): Refusal {
  return { kind: "refused", reason, ...(at && { line: at.line, column: at.column }) };
}

export function isRefusal(result: EditResult): result is Refusal {
  return typeof result === "object" && result !== null && result.kind === "refused";
}

/** Runs edits one after another on the same content; the first refusal stops the chain. */
export function chain(description: string, ...edits: Edit[]): Edit {
  return defineEdit(description, (content, file) => {
    let current = content;
    for (const edit of edits) {
      const result = edit(current, file);
      if (isRefusal(result)) return result;
      if (result !== unchanged) current = result;
    }
    return current === undefined || current === content ? unchanged : current;
  });
}

/**
 * Creates a file with fixed content. Already there with the same content: unchanged. There with
 * other content: refused (the user's file is never overwritten).
 */
export function createFile(content: string, description = "create the file"): Edit {
  return defineEdit(description, (current, file) => {
    if (current === undefined) return content;
    if (normalizeEol(current) === normalizeEol(content)) return unchanged;
    return refuse(`${file.path} already exists with different content; authwire leaves it alone. Merge it by hand.`);
  });
}

/**
 * Writes `content` when the file does not exist yet and leaves an existing file, whatever it
 * holds, to the edits recorded after it: a recipe starts a missing file from a baseline and then
 * runs the same edits it runs on the user's own file.
 */
export function ensureFile(content: string, description = "create the file"): Edit {
  return defineEdit(description, (current) => (current === undefined ? content : unchanged));
}

/** "\r\n" when the text's first line break is CRLF, else "\n". */
export function detectEol(source: string): "\n" | "\r\n" {
  const index = source.indexOf("\n");
  return index > 0 && source[index - 1] === "\r" ? "\r\n" : "\n";
}

export function normalizeEol(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** Rewrites "\n" line breaks of generated text to the file's own line break. */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  return eol === "\n" ? text : text.replace(/\r?\n/g, "\r\n");
}
