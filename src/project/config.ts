/**
 * The project configuration (design.md "Project configuration"): `authwire.config.json` at the root
 * (JSONC), or an `"authwire"` key in package.json. Read once by detectProject; a bad file is an
 * error naming the file, line and column of the offending value (doctor refuses to run on it).
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { AuthwireError } from "../errors.ts";
import { lineColumnAt } from "../code/location.ts";
import type { ProjectFiles } from "./files.ts";

export type ConfigSeverity = "off" | "info" | "warning" | "error";

export interface ProjectConfig {
  /** Where it came from (`authwire.config.json` or `package.json`), or null: no config. */
  file: string | null;
  /** Rule code or name → severity override, or "off". */
  rules: Record<string, ConfigSeverity>;
  /** gitignore-style patterns: findings in matching files are dropped. */
  ignore: string[];
  /** `module:function` (`posts:list`, `admin/users:*`): public on purpose. */
  publicFunctions: string[];
  /** Helper names whose call counts as an access check (`requireTestSecret`). */
  guards: string[];
  /** Role names allowed to read, write and delete (for protect), or null. */
  roles: { read: string[]; write: string[]; delete: string[] } | null;
  /** Rule key → its line in the file (to name it when the key is no rule). */
  ruleLines: Record<string, { line: number; column: number }>;
}

export const CONFIG_FILE = "authwire.config.json";

export function emptyConfig(): ProjectConfig {
  return { file: null, rules: {}, ignore: [], publicFunctions: [], guards: [], roles: null, ruleLines: {} };
}

const SEVERITIES = new Set(["off", "info", "warning", "error"]);
const KEYS = new Set(["$schema", "rules", "ignore", "publicFunctions", "guards", "roles"]);
const PUBLIC_FUNCTION = /^[\w$.\-/]+:(?:[\w$]+|\*)$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

function fail(file: string, source: string, offset: number, message: string, hint: string): never {
  const { line, column } = lineColumnAt(source, offset);
  throw new AuthwireError("project_unreadable", `${file}:${line}:${column}: ${message}`, {
    file,
    line,
    column,
    hint,
  });
}

function stringList(file: string, source: string, node: JsonNode, key: string, check?: RegExp): string[] {
  if (node.type !== "array")
    fail(file, source, node.offset, `"${key}" must be an array of strings.`, `Write "${key}": ["…"].`);
  return (node.children ?? []).map((item) => {
    if (item.type !== "string" || (item.value as string).trim() === "")
      fail(file, source, item.offset, `"${key}" holds a value that is not a non-empty string.`, `List strings only.`);
    const value = (item.value as string).trim();
    if (check && !check.test(value))
      fail(
        file,
        source,
        item.offset,
        `"${key}": "${value}" is not valid.`,
        key === "publicFunctions"
          ? 'Write "module:function", e.g. "posts:list" or "admin/users:*" (the path under the functions folder, no extension).'
          : "Write the helper's name as called, e.g. requireTestSecret.",
      );
    return value;
  });
}

/** Validates the config object at `root` (the whole file, or package.json's "authwire" value). */
function parseConfig(file: string, source: string, root: JsonNode): ProjectConfig {
  if (root.type !== "object")
    fail(file, source, root.offset, "the authwire configuration must be a JSON object.", 'Write { "rules": { … } }.');
  const config = emptyConfig();
  config.file = file;
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    if (!KEYS.has(key))
      fail(
        file,
        source,
        keyNode.offset,
        `unknown key "${key}".`,
        "Known keys: rules, ignore, publicFunctions, guards, roles.",
      );
    if (key === "rules") {
      if (valueNode.type !== "object")
        fail(file, source, valueNode.offset, '"rules" must be an object.', 'Write "rules": { "AW602": "off" }.');
      for (const rule of valueNode.children ?? []) {
        const [ruleKey, ruleValue] = rule.children ?? [];
        if (!ruleKey || !ruleValue) continue;
        if (ruleValue.type !== "string" || !SEVERITIES.has(ruleValue.value as string))
          fail(
            file,
            source,
            ruleValue.offset,
            `rule "${ruleKey.value as string}" must be "off", "info", "warning" or "error".`,
            'Write e.g. "AW602": "info".',
          );
        config.rules[ruleKey.value as string] = ruleValue.value as ConfigSeverity;
        config.ruleLines[ruleKey.value as string] = lineColumnAt(source, ruleKey.offset);
      }
    } else if (key === "ignore") config.ignore = stringList(file, source, valueNode, key);
    else if (key === "publicFunctions")
      config.publicFunctions = stringList(file, source, valueNode, key, PUBLIC_FUNCTION);
    else if (key === "guards") config.guards = stringList(file, source, valueNode, key, IDENTIFIER);
    else if (key === "roles") {
      if (valueNode.type !== "object")
        fail(
          file,
          source,
          valueNode.offset,
          '"roles" must be an object { "read": [...], "write": [...], "delete": [...] }.',
          'Write e.g. "roles": { "read": ["viewer", "member", "admin"], "write": ["member", "admin"], "delete": ["admin"] }.',
        );
      const roles = { read: [] as string[], write: [] as string[], delete: [] as string[] };
      for (const entry of valueNode.children ?? []) {
        const [roleKey, roleValue] = entry.children ?? [];
        if (!roleKey || !roleValue) continue;
        const name = roleKey.value as string;
        if (name !== "read" && name !== "write" && name !== "delete")
          fail(file, source, roleKey.offset, `"roles" has unknown key "${name}".`, "Use read, write and delete.");
        roles[name] =
          roleValue.type === "string"
            ? stringList(
                file,
                source,
                { ...roleValue, type: "array", children: [roleValue] },
                `roles.${name}`,
                IDENTIFIER_ROLE,
              )
            : stringList(file, source, roleValue, `roles.${name}`, IDENTIFIER_ROLE);
      }
      config.roles = roles;
    }
  }
  return config;
}

const IDENTIFIER_ROLE = /^[\w.:-]+$/;

function parseSource(file: string, source: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: file === "package.json" });
  const first = errors[0];
  if (first) fail(file, source, first.offset, "not valid JSON.", `Fix the syntax of ${file}.`);
  return tree;
}

/**
 * Reads the project's authwire configuration: `authwire.config.json`, else package.json's
 * `"authwire"` key, else the empty configuration. Throws `project_unreadable` (file, line, column)
 * on a bad one.
 */
export async function readProjectConfig(files: ProjectFiles): Promise<ProjectConfig> {
  const own = await files.read(CONFIG_FILE);
  if (own !== undefined) {
    const tree = parseSource(CONFIG_FILE, own);
    if (!tree) fail(CONFIG_FILE, own, 0, "the file is empty.", "Write a JSON object, e.g. {}.");
    return parseConfig(CONFIG_FILE, own, tree);
  }
  const pkg = await files.read("package.json");
  if (pkg === undefined) return emptyConfig();
  let tree: JsonNode | undefined;
  try {
    tree = parseSource("package.json", pkg);
  } catch {
    return emptyConfig(); // package.json's own errors are reported by its reader
  }
  const node = tree && findNodeAtLocation(tree, ["authwire"]);
  return node ? parseConfig("package.json", pkg, node) : emptyConfig();
}

/** `convex/admin/users.ts` + `list` is named by `admin/users:list` (or `admin/users:*`). */
export function matchesPublicFunction(
  patterns: readonly string[],
  convexDir: string,
  file: string,
  name: string,
): boolean {
  if (patterns.length === 0) return false;
  const module = file
    .replace(new RegExp(`^${convexDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`), "")
    .replace(/\.[cm]?[jt]sx?$/, "");
  return patterns.some((pattern) => {
    const [path, fn] = [pattern.slice(0, pattern.lastIndexOf(":")), pattern.slice(pattern.lastIndexOf(":") + 1)];
    const wanted = path.replace(new RegExp(`^${convexDir}/`), "").replace(/\.[cm]?[jt]sx?$/, "");
    return wanted === module && (fn === "*" || fn === name);
  });
}
