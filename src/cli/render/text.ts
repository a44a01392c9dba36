/**
 * Text as a terminal shows it: display width (ANSI escapes take no room, wide characters two
 * columns, combining marks none), padding by that width, and wrapping at the terminal's width with
 * a hanging indent. A word longer than the line (a URL, a value to paste) is never broken.
 */

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Columns the text takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if (/\p{Mark}/u.test(char) || code === 0x200b || code === 0xfe0f) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

/** `text` padded with spaces to `width` display columns (escapes and wide characters counted right). */
export function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** A list marker that a wrapped line hangs under: "✔ ", "1. ", "hint: "… */
const MARKER = /^(?:[✔✘!•→…?*-]|\d+\.|hint:|note:|error:|warning:) +/;

/**
 * Where a wrapped line's continuation starts: under the text after a list marker, or under the
 * last column of a table row (two or more spaces apart) when that leaves room, else 4 in.
 */
function hangingIndent(plain: string, width: number): number {
  const indent = plain.length - plain.trimStart().length;
  const rest = plain.slice(indent);
  const marker = MARKER.exec(rest);
  let hang = indent + (marker ? displayWidth(marker[0]) : 0);
  const columns = [...rest.matchAll(/ {2,}(?=\S)/g)];
  if (columns.length > 0) {
    const last = columns.at(-1)!;
    const at = indent + displayWidth(rest.slice(0, last.index + last[0].length));
    hang = width - at >= Math.max(30, Math.floor(width / 3)) ? at : indent + 4;
  }
  return hang >= width - 20 ? Math.min(indent, 4) : hang;
}

/** One line wrapped at `width` columns, continuations indented; escapes kept with their words. */
export function wrapLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  const plain = stripAnsi(line);
  const hang = hangingIndent(plain, width);
  const lead = /^ */.exec(line)![0];
  // Words with the spaces before them, so table gaps inside the first line survive.
  const tokens = line.slice(lead.length).match(/ *\S+/g) ?? [];
  const lines: string[] = [];
  let current = lead;
  let empty = true;
  for (const token of tokens) {
    // The first line keeps its table gaps; a continuation is prose, one space between words.
    const piece = empty ? token.trimStart() : lines.length > 0 ? ` ${token.trimStart()}` : token;
    if (empty || displayWidth(current + piece) <= width) {
      current += piece;
      empty = false;
      continue;
    }
    lines.push(current);
    current = " ".repeat(hang) + token.trimStart();
  }
  lines.push(current);
  return lines.map((text) => text.trimEnd()).join("\n");
}

/**
 * Every line of `text` wrapped at `width`. A unified diff (from its `---`/`+++` header to the next
 * blank line) is code: left as it is.
 */
export function wrapText(text: string, width: number | undefined): string {
  if (!width || width < 20) return text;
  const lines = text.split("\n");
  const out: string[] = [];
  let inDiff = false;
  for (let i = 0; i < lines.length; i++) {
    const plain = stripAnsi(lines[i]!);
    if (!inDiff && /^--- (a\/|\/dev\/null)/.test(plain) && /^\+\+\+ b\//.test(stripAnsi(lines[i + 1] ?? "")))
      inDiff = true;
    else if (inDiff && plain === "") inDiff = false;
    out.push(inDiff ? lines[i]! : wrapLine(lines[i]!, width));
  }
  return out.join("\n");
}
