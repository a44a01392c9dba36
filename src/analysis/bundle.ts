/**
 * What the client bundle can hold. Bundlers inline only the env variables code names, and only
 * the files something imports or a framework loads by their place: a template's leftover helper,
 * or a hook the app stopped using, ships nowhere. Imports and names are found in the text of every
 * code file, so files the analysis skipped before parsing count too.
 */
import { posix } from "node:path";

/** Folders whose files a framework loads by their place: Next's app/pages, Expo Router's app, file routes. */
const ROUTED = /(?:^|\/)(?:app|pages|routes)\//;
/** Names a bundler or framework starts from, or loads by convention. */
const ENTRY_NAMES = new Set([
  "main",
  "index",
  "app",
  "root",
  "router",
  "entry-client",
  "entry-server",
  "_app",
  "_document",
  "_layout",
  "layout",
  "page",
  "middleware",
  "proxy",
  "instrumentation",
]);
/** Vite code handing out the whole `import.meta.env` (`console.log(import.meta.env)`): every VITE_ variable ships. */
const WHOLE_IMPORT_META_ENV = /import\.meta\.env(?!\s*\??\.\s*[\w$])/;

export interface BundleReach {
  /** The client file is imported by no code file and loaded by no convention. */
  unimported(file: string): boolean;
  /** Code names the variable, so a bundler may inline it. */
  named(variable: string): boolean;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `entries` are files detection already knows are loaded (the main entry, the root route). */
export async function bundleReach(
  codeFiles: readonly string[],
  read: (path: string) => Promise<string | undefined>,
  entries: readonly (string | null)[],
): Promise<BundleReach> {
  const texts = new Map<string, string>();
  for (const path of codeFiles) texts.set(path, (await read(path)) ?? "");
  const known = new Set(entries.filter((entry): entry is string => entry !== null));
  const wholeEnv = [...texts.values()].some((text) => WHOLE_IMPORT_META_ENV.test(text));
  // A file is asked about once per env read or gate in it: each answer is a scan of every text.
  const answers = new Map<string, boolean>();
  const imported = (file: string): boolean => {
    if (known.has(file) || ROUTED.test(file)) return true;
    const base = posix.basename(file).replace(/\.[cm]?[jt]sx?$/, "");
    if (ENTRY_NAMES.has(base.toLowerCase())) return true;
    // `from "@/lib/tiptap-utils"`, `"./useChat.ts"`, `require("../x")`, `import("./x")`.
    const specifier = new RegExp(`["'\`][^"'\`\\n]*/${escape(base)}(?:\\.[cm]?[jt]sx?)?["'\`]`);
    for (const [path, text] of texts) if (path !== file && specifier.test(text)) return true;
    return false;
  };
  return {
    unimported(file) {
      let answer = answers.get(file);
      if (answer === undefined) answers.set(file, (answer = !imported(file)));
      return answer;
    },
    named(variable) {
      if (variable.startsWith("VITE_") && wholeEnv) return true;
      for (const text of texts.values()) if (text.includes(variable)) return true;
      return false;
    },
  };
}
