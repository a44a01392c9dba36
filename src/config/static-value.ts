/**
 * Static evaluation of one module's expressions, without running it: literals, object and array
 * literals (with spreads of local consts), template literals and `+` concatenation, file-level
 * `const` bindings (and those of linked modules it imports), entries read off const objects,
 * `process.env.X` and `env.X` (imported from `./_generated/server`). Whatever
 * else appears becomes a `dynamic` value that keeps its location, so a caller can say exactly
 * which expression it could not follow.
 */
import type { Node } from "@babel/types";
import { isProcessEnv, memberName } from "../code/env.ts";
import { exportedName, importedName, positionOf, unwrapExpression, walk } from "../code/walk.ts";
import { findLibraryCall, type LibraryCall } from "./library-calls.ts";

/** A place in a file: the file path (relative to the project root) and 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Where an environment variable is read: `process.env.X` or `env.X` from `./_generated/server`. */
export type EnvSourceSyntax = "process.env" | "env";

export type StaticValue =
  | { kind: "string"; value: string; loc: SourceLocation }
  | { kind: "number"; value: number; loc: SourceLocation }
  | { kind: "boolean"; value: boolean; loc: SourceLocation }
  | { kind: "null"; loc: SourceLocation }
  | { kind: "undefined"; loc: SourceLocation }
  | {
      kind: "env";
      name: string;
      syntax: EnvSourceSyntax;
      loc: SourceLocation;
      /** `process.env.X ?? "a"` / `|| "a"`: the read still happens first (and throws when unset). */
      fallback?: { operator: "??" | "||"; value: StaticValue };
    }
  /** A template literal or a `+` chain: the parts are joined as strings. */
  | { kind: "concat"; parts: StaticValue[]; loc: SourceLocation }
  | { kind: "object"; entries: StaticEntry[]; loc: SourceLocation }
  | { kind: "array"; items: StaticValue[]; loc: SourceLocation }
  | {
      kind: "dynamic";
      reason: string;
      snippet: string;
      loc: SourceLocation;
      /**
       * Built when the module loads by design, from parts authwire can read (either of two
       * evaluable values, a library turning a JWKS into a `data:` URI): its text is unknown, but
       * there is nothing to tell the developer about it.
       */
      expected?: true;
    };

export interface StaticEntry {
  key: string;
  keyLoc: SourceLocation;
  value: StaticValue;
}

/** One environment variable read anywhere in the module, in source order. */
export interface EnvRead {
  name: string;
  syntax: EnvSourceSyntax;
  loc: SourceLocation;
  /**
   * True when the read runs while the module loads (top level, not inside a function body), so
   * an unset variable fails the push even if the value is never used.
   */
  runsAtLoad: boolean;
}

const GENERATED_SERVER = /(?:^|\/)_generated\/server(?:\.[cm]?[jt]s)?$/;
const MAX_SNIPPET = 80;
/** Array and object methods that change their receiver. */
const MUTATING_METHODS = /^(?:push|unshift|splice|pop|shift|fill|sort|reverse|copyWithin)$/;

/** Evaluates expressions of one parsed module. Create one per file. */
export class ModuleEvaluator {
  private readonly consts = new Map<string, Node>();
  /** Local names bound to `process.env` destructuring: `const { X } = process.env`. */
  private readonly envBindings = new Map<string, { name: string; syntax: EnvSourceSyntax; node: Node }>();
  /** Local names of `env` imported from `./_generated/server`. */
  private readonly envImports = new Set<string>();
  /** Other imports: local name → module specifier (followed by the bundler, not by us). */
  private readonly imports = new Map<string, string>();
  /** Named imports: local name → the module and the exported name (for library calls). */
  private readonly named = new Map<string, { from: string; imported: string }>();
  private readonly resolving = new Set<string>();
  /** Exported names → the file-level const each one names (`export const a`, `export { b as c }`). */
  private readonly exported = new Map<string, string>();
  /** File-level consts changed after their declaration (`providers.push(…)`): the first change. */
  private readonly changed = new Map<string, Node>();

  /**
   * `linked` holds evaluators of the modules this one imports by a relative path (the bundler
   * inlines them): a const imported from one (`envAuth.WORKOS_CLIENT_ID`) is read there.
   */
  constructor(
    private readonly program: Node & { type: "Program" },
    private readonly file: string,
    private readonly source: string,
    private readonly linked: ReadonlyMap<string, ModuleEvaluator> = new Map(),
  ) {
    for (const statement of program.body) {
      if (statement.type === "ExportNamedDeclaration" && !statement.source) {
        for (const specifier of statement.specifiers) {
          if (specifier.type !== "ExportSpecifier") continue;
          this.exported.set(exportedName(specifier), specifier.local.name);
        }
        if (statement.declaration?.type === "VariableDeclaration")
          for (const declarator of statement.declaration.declarations)
            if (declarator.id.type === "Identifier") this.exported.set(declarator.id.name, declarator.id.name);
      }
      const declaration =
        statement.type === "ExportNamedDeclaration" && statement.declaration ? statement.declaration : statement;
      if (declaration.type === "ImportDeclaration") {
        const from = declaration.source.value;
        for (const specifier of declaration.specifiers) {
          const imported = specifier.type === "ImportSpecifier" ? importedName(specifier) : undefined;
          if (GENERATED_SERVER.test(from) && imported === "env" && declaration.importKind !== "type") {
            this.envImports.add(specifier.local.name);
          } else {
            this.imports.set(specifier.local.name, from);
            if (imported !== undefined && declaration.importKind !== "type")
              this.named.set(specifier.local.name, { from, imported });
          }
        }
      } else if (declaration.type === "VariableDeclaration" && declaration.kind === "const") {
        for (const declarator of declaration.declarations) {
          if (!declarator.init) continue;
          if (declarator.id.type === "Identifier") {
            this.consts.set(declarator.id.name, declarator.init);
          } else if (declarator.id.type === "ObjectPattern") {
            const envSyntax = this.envObjectSyntax(declarator.init);
            if (!envSyntax) continue;
            for (const property of declarator.id.properties) {
              if (property.type !== "ObjectProperty" || property.computed) continue;
              const key =
                property.key.type === "Identifier"
                  ? property.key.name
                  : property.key.type === "StringLiteral"
                    ? property.key.value
                    : undefined;
              if (key && property.value.type === "Identifier") {
                this.envBindings.set(property.value.name, { name: key, syntax: envSyntax, node: property });
              }
            }
          }
        }
      }
    }
    // `const providers = []; if (…) providers.push({…})`: the declaration is not the value.
    walk(program, (node) => {
      let target =
        node.type === "CallExpression" && node.callee.type === "MemberExpression"
          ? MUTATING_METHODS.test(memberName(node.callee) ?? "") && node.callee.object
          : node.type === "AssignmentExpression" && node.left.type === "MemberExpression" && node.left.object;
      while (target && target.type === "MemberExpression") target = target.object;
      if (target && target.type === "Identifier" && this.consts.has(target.name) && !this.changed.has(target.name))
        this.changed.set(target.name, node);
    });
  }

  location(node: Node): SourceLocation {
    return { file: this.file, ...positionOf(node) };
  }

  snippet(node: Node): string {
    const text = this.source.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, " ");
    return text.length > MAX_SNIPPET ? `${text.slice(0, MAX_SNIPPET - 1)}…` : text;
  }

  /** `process.env` or an `env` imported from `./_generated/server`, as an object expression. */
  private envObjectSyntax(node: Node): EnvSourceSyntax | undefined {
    const bare = unwrapExpression(node);
    if (isProcessEnv(bare)) return "process.env";
    if (bare.type === "Identifier" && this.envImports.has(bare.name) && !this.consts.has(bare.name)) return "env";
    return undefined;
  }

  /** The variable name when `node` reads one env var (`process.env.X`, `process.env["X"]`, `env.X`). */
  envReadOf(node: Node): { name: string; syntax: EnvSourceSyntax } | undefined {
    if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return undefined;
    const syntax = this.envObjectSyntax(node.object);
    if (!syntax) return undefined;
    if (!node.computed && node.property.type === "Identifier") return { name: node.property.name, syntax };
    if (node.computed && node.property.type === "StringLiteral") return { name: node.property.value, syntax };
    if (node.computed && node.property.type === "TemplateLiteral" && node.property.expressions.length === 0) {
      return { name: node.property.quasis[0]?.value.cooked ?? "", syntax };
    }
    return undefined;
  }

  /** The known library function a call invokes (`getAuthConfigProvider()`), if any. */
  libraryCallOf(node: Node): LibraryCall | undefined {
    if (node.type !== "CallExpression" || node.callee.type !== "Identifier") return undefined;
    const binding = this.named.get(node.callee.name);
    return binding && !this.consts.has(node.callee.name) ? findLibraryCall(binding.from, binding.imported) : undefined;
  }

  /** Every env var read in the module, in source order (with those known library calls make). */
  envReads(): EnvRead[] {
    const reads: EnvRead[] = [];
    walk(this.program, (node, context) => {
      const library = this.libraryCallOf(node);
      if (library) {
        const runsAtLoad = !context.parents.some((parent) => /Function|Method/.test(parent.type));
        for (const name of library.envReads)
          reads.push({ name, syntax: "process.env", loc: this.location(node), runsAtLoad });
      }
      const read = this.envReadOf(node);
      const bound =
        node.type === "VariableDeclarator" && node.id.type === "ObjectPattern" && node.init
          ? this.envObjectSyntax(node.init)
          : undefined;
      const runsAtLoad = !context.parents.some(
        (parent) =>
          parent.type === "FunctionDeclaration" ||
          parent.type === "FunctionExpression" ||
          parent.type === "ArrowFunctionExpression" ||
          parent.type === "ObjectMethod" ||
          parent.type === "ClassMethod",
      );
      if (read) {
        reads.push({ ...read, loc: this.location(node), runsAtLoad });
        context.skip();
      } else if (bound && node.type === "VariableDeclarator" && node.id.type === "ObjectPattern") {
        for (const property of node.id.properties) {
          if (property.type !== "ObjectProperty" || property.computed) continue;
          const key =
            property.key.type === "Identifier"
              ? property.key.name
              : property.key.type === "StringLiteral"
                ? property.key.value
                : undefined;
          if (key) reads.push({ name: key, syntax: bound, loc: this.location(property), runsAtLoad });
        }
      }
    });
    return reads;
  }

  /** The module's default export expression (`export default …`, `export { x as default }`, `module.exports = …`). */
  defaultExport(): Node | undefined {
    for (const statement of this.program.body) {
      if (statement.type === "ExportDefaultDeclaration") return statement.declaration;
      if (statement.type === "ExportNamedDeclaration" && !statement.source) {
        for (const specifier of statement.specifiers) {
          if (specifier.type === "ExportSpecifier" && exportedName(specifier) === "default") {
            return specifier.local;
          }
        }
      }
      if (statement.type === "ExpressionStatement") {
        const expression = unwrapExpression(statement.expression);
        if (
          expression.type === "AssignmentExpression" &&
          expression.operator === "=" &&
          expression.left.type === "MemberExpression" &&
          expression.left.object.type === "Identifier" &&
          expression.left.object.name === "module" &&
          expression.left.property.type === "Identifier" &&
          expression.left.property.name === "exports"
        ) {
          return expression.right;
        }
      }
    }
    return undefined;
  }

  /** The value of a const this module exports under `name`, or undefined when it exports none. */
  evaluateExport(name: string, from: Node): StaticValue | undefined {
    const local = this.exported.get(name);
    return local === undefined ? undefined : this.constValue(local, from);
  }

  /** The value of the file-level const `name` (read where `at` names it), or undefined when there is none. */
  private constValue(name: string, at: Node): StaticValue | undefined {
    const init = this.consts.get(name);
    if (!init) return undefined;
    const change = this.changed.get(name);
    if (change)
      return {
        kind: "dynamic",
        reason: `${name} is changed after its declaration (line ${positionOf(change).line})`,
        snippet: this.snippet(change),
        loc: this.location(change),
      };
    if (this.resolving.has(name))
      return {
        kind: "dynamic",
        reason: `a const that refers to itself (${name})`,
        snippet: this.snippet(at),
        loc: this.location(at),
      };
    this.resolving.add(name);
    try {
      return this.evaluate(init);
    } finally {
      this.resolving.delete(name);
    }
  }

  /** Evaluates one expression. Never throws: what can't be followed is a `dynamic` value. */
  evaluate(node: Node): StaticValue {
    const loc = this.location(node);
    const bare = unwrapExpression(node);
    const dynamic = (reason: string): StaticValue => ({ kind: "dynamic", reason, snippet: this.snippet(bare), loc });
    const env = this.envReadOf(bare);
    if (env) return { kind: "env", ...env, loc };
    switch (bare.type) {
      case "StringLiteral":
        return { kind: "string", value: bare.value, loc };
      case "NumericLiteral":
        return { kind: "number", value: bare.value, loc };
      case "BooleanLiteral":
        return { kind: "boolean", value: bare.value, loc };
      case "NullLiteral":
        return { kind: "null", loc };
      case "UnaryExpression": {
        if ((bare.operator === "-" || bare.operator === "+") && bare.argument.type === "NumericLiteral") {
          return { kind: "number", value: bare.operator === "-" ? -bare.argument.value : bare.argument.value, loc };
        }
        if (bare.operator === "void") return { kind: "undefined", loc };
        return dynamic(`the operator ${bare.operator}`);
      }
      case "TemplateLiteral": {
        const parts: StaticValue[] = [];
        bare.quasis.forEach((quasi, index) => {
          const text = quasi.value.cooked ?? quasi.value.raw;
          if (text) parts.push({ kind: "string", value: text, loc: this.location(quasi) });
          const expression = bare.expressions[index];
          if (expression) parts.push(this.evaluate(expression));
        });
        return simplifyConcat(parts, loc);
      }
      case "BinaryExpression": {
        if (bare.operator !== "+" || bare.left.type === "PrivateName") return dynamic(`the operator ${bare.operator}`);
        const left = this.evaluate(bare.left);
        const right = this.evaluate(bare.right);
        if (left.kind === "number" && right.kind === "number")
          return { kind: "number", value: left.value + right.value, loc };
        if (!isTextual(left) || !isTextual(right)) {
          const culprit = !isTextual(left) ? left : right;
          return culprit.kind === "dynamic" ? culprit : dynamic("adding a value that is not a string");
        }
        return simplifyConcat([left, right], loc);
      }
      case "LogicalExpression": {
        const left = this.evaluate(bare.left);
        if (left.kind === "env" && (bare.operator === "??" || bare.operator === "||")) {
          return { ...left, loc, fallback: { operator: bare.operator, value: this.evaluate(bare.right) } };
        }
        return dynamic(`the operator ${bare.operator}`);
      }
      case "Identifier": {
        if (bare.name === "undefined") return { kind: "undefined", loc };
        const bound = this.envBindings.get(bare.name);
        if (bound) return { kind: "env", name: bound.name, syntax: bound.syntax, loc };
        const local = this.constValue(bare.name, bare);
        if (local) return local;
        const binding = this.named.get(bare.name);
        const module = binding && this.linked.get(binding.from);
        if (binding && module)
          return (
            module.evaluateExport(binding.imported, bare) ??
            dynamic(`${bare.name} is not a const "${binding.from}" exports`)
          );
        const from = this.imports.get(bare.name);
        if (from) return dynamic(`${bare.name} is imported from "${from}"`);
        return dynamic(`${bare.name} is not a file-level const`);
      }
      case "ObjectExpression": {
        const entries: StaticEntry[] = [];
        const put = (entry: StaticEntry) => {
          const existing = entries.findIndex((e) => e.key === entry.key);
          // A later key wins but keeps the first key's position, as in JavaScript.
          if (existing === -1) entries.push(entry);
          else entries[existing] = entry;
        };
        for (const property of bare.properties) {
          if (property.type === "SpreadElement") {
            const spread = this.evaluate(property.argument);
            if (spread.kind === "object") spread.entries.forEach(put);
            else if (spread.kind === "null" || spread.kind === "undefined") continue;
            else
              return spread.kind === "dynamic"
                ? { ...spread, reason: `a spread of ${spread.reason}` }
                : dynamic("a spread of a non-object");
            continue;
          }
          if (property.type === "ObjectMethod") return dynamic("a method in the object");
          const key = staticKey(property, this);
          if (key === undefined) return dynamic("a computed property key");
          put({ key, keyLoc: this.location(property.key), value: this.evaluate(property.value) });
        }
        return { kind: "object", entries, loc };
      }
      case "ArrayExpression": {
        const items: StaticValue[] = [];
        for (const element of bare.elements) {
          if (element === null) {
            items.push({ kind: "undefined", loc });
          } else if (element.type === "SpreadElement") {
            const spread = this.evaluate(element.argument);
            if (spread.kind === "array") items.push(...spread.items);
            else
              return spread.kind === "dynamic"
                ? { ...spread, reason: `a spread of ${spread.reason}` }
                : dynamic("a spread of a non-array");
          } else {
            items.push(this.evaluate(element));
          }
        }
        return { kind: "array", items, loc };
      }
      case "CallExpression": {
        const library = this.libraryCallOf(bare);
        if (!library || bare.type !== "CallExpression") return dynamic("a function call");
        if (bare.arguments.some((argument) => argument.type === "SpreadElement"))
          return dynamic(`a spread in the arguments of ${library.name}()`);
        return library.expand(
          bare.arguments.map((argument) => this.evaluate(argument)),
          loc,
          this.snippet(bare),
        );
      }
      case "ConditionalExpression": {
        const either = [this.evaluate(bare.consequent), this.evaluate(bare.alternate)];
        if (either.some((value) => firstDynamic(value, true))) return dynamic("a conditional (?:) expression");
        const reason = "one of two values, chosen when the config loads";
        return { kind: "dynamic", reason, snippet: this.snippet(bare), loc, expected: true };
      }
      case "MemberExpression": {
        // `envAuth.WORKOS_CLIENT_ID`, `config["issuer"]`: an entry of an object read statically.
        const key = memberName(bare);
        const object = key === null ? undefined : this.evaluate(bare.object);
        const entry = object?.kind === "object" ? object.entries.find((candidate) => candidate.key === key) : undefined;
        return entry?.value ?? dynamic("a property read");
      }
      default:
        return dynamic(`a ${bare.type}`);
    }
  }
}

function staticKey(property: Node & { type: "ObjectProperty" }, evaluator: ModuleEvaluator): string | undefined {
  const key = property.key;
  if (!property.computed) {
    if (key.type === "Identifier") return key.name;
    if (key.type === "StringLiteral") return key.value;
    if (key.type === "NumericLiteral") return String(key.value);
    return undefined;
  }
  const value = evaluator.evaluate(key);
  if (value.kind === "string") return value.value;
  if (value.kind === "number") return String(value.value);
  return undefined;
}

function isTextual(value: StaticValue): boolean {
  return (
    value.kind === "string" ||
    value.kind === "number" ||
    value.kind === "boolean" ||
    value.kind === "null" ||
    value.kind === "undefined" ||
    value.kind === "env" ||
    value.kind === "concat"
  );
}

/** Flattens nested concatenations and merges adjacent literal text. */
function simplifyConcat(parts: StaticValue[], loc: SourceLocation): StaticValue {
  const flat: StaticValue[] = [];
  for (const part of parts) {
    if (part.kind === "concat") flat.push(...part.parts);
    else flat.push(part);
  }
  const dynamicPart = flat.find((part) => part.kind === "dynamic");
  if (dynamicPart) return dynamicPart;
  const merged: StaticValue[] = [];
  for (const part of flat) {
    const previous = merged[merged.length - 1];
    const text = literalText(part);
    if (text !== undefined && previous?.kind === "string") {
      merged[merged.length - 1] = { ...previous, value: previous.value + text };
    } else if (text !== undefined) {
      merged.push({ kind: "string", value: text, loc: part.loc });
    } else {
      merged.push(part);
    }
  }
  if (merged.length === 1 && merged[0]!.kind === "string") return { ...merged[0], loc };
  if (merged.length === 0) return { kind: "string", value: "", loc };
  return { kind: "concat", parts: merged, loc };
}

function literalText(value: StaticValue): string | undefined {
  switch (value.kind) {
    case "string":
      return value.value;
    case "number":
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
    case "undefined":
      return "undefined";
    default:
      return undefined;
  }
}

/** Every env var named inside a value (env parts of templates, nested fields…), outermost first. */
export function envNamesIn(value: StaticValue): string[] {
  const names: string[] = [];
  const visit = (current: StaticValue) => {
    switch (current.kind) {
      case "env":
        names.push(current.name);
        if (current.fallback) visit(current.fallback.value);
        break;
      case "concat":
        current.parts.forEach(visit);
        break;
      case "object":
        current.entries.forEach((entry) => visit(entry.value));
        break;
      case "array":
        current.items.forEach(visit);
        break;
      default:
        break;
    }
  };
  visit(value);
  return [...new Set(names)];
}

/**
 * The first part of the value authwire can't know without running the module, or undefined. An
 * expected one (built on purpose at load: nothing to say about it) counts only with `expected`.
 */
export function firstDynamic(value: StaticValue, expected = false): (StaticValue & { kind: "dynamic" }) | undefined {
  const first = (parts: StaticValue[]) => {
    for (const part of parts) {
      const found = firstDynamic(part, expected);
      if (found) return found;
    }
    return undefined;
  };
  switch (value.kind) {
    case "dynamic":
      return value.expected && !expected ? undefined : value;
    case "concat":
      return first(value.parts);
    case "env":
      return value.fallback ? firstDynamic(value.fallback.value, expected) : undefined;
    case "object":
      return first(value.entries.map((entry) => entry.value));
    case "array":
      return first(value.items);
    default:
      return undefined;
  }
}
