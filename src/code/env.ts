/**
 * The one `process.env` detector: which expressions read the environment, for the analysis
 * collectors, auth.config evaluation and the auth.config editor alike.
 */
import type { Node } from "@babel/types";
import { unwrapExpression } from "./walk.ts";

/** The static name of a member's property: `a.b` → "b", `a["b"]` → "b"; null when computed otherwise. */
export function memberName(node: Node): string | null {
  if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return null;
  const property = node.property;
  if (node.computed) return property.type === "StringLiteral" ? property.value : null;
  return property.type === "Identifier" ? property.name : null;
}

/** `process.env` (`process["env"]` too; parentheses and TS wrappers aside). */
export function isProcessEnv(node: Node): boolean {
  const inner = unwrapExpression(node);
  if (memberName(inner) !== "env") return false;
  const object = unwrapExpression((inner as Node & { object: Node }).object);
  return object.type === "Identifier" && object.name === "process";
}

/** `import.meta.env` (Vite). */
export function isImportMetaEnv(node: Node): boolean {
  const inner = unwrapExpression(node);
  if (memberName(inner) !== "env") return false;
  const object = unwrapExpression((inner as Node & { object: Node }).object);
  return object.type === "MetaProperty" && object.meta.name === "import" && object.property.name === "meta";
}

export type EnvObject = "process.env" | "import.meta.env";

/**
 * The env var a member expression reads: `process.env.X`, `process.env["X"]`, `import.meta.env.X`
 * (when `importMeta`), or null.
 */
export function envRead(node: Node, options: { importMeta?: boolean } = {}): { name: string; from: EnvObject } | null {
  const name = memberName(node);
  if (name === null) return null;
  const object = (node as Node & { object: Node }).object;
  if (isProcessEnv(object)) return { name, from: "process.env" };
  if (options.importMeta && isImportMetaEnv(object)) return { name, from: "import.meta.env" };
  return null;
}
