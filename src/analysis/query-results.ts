/**
 * How a client component reads a Convex query's result, for AW303: which of the plain values a
 * query may answer before Convex has the token (GUARD_VALUES: null, false, 0, "", []) the
 * component can't tell from the loading state (undefined). Each read of the bound result is
 * evaluated twice, once with undefined and once with the value. A read that gives the same answer
 * (`user?.role`, `count ?? 0`), renders the same (`{user && <Menu />}` for null), tests truthiness
 * the same way (`if (!user)`), only runs where the value can't be undefined (`list.map(…)`, a hook's
 * dependency list), or is never reached in either state (behind `x === undefined || x === null`)
 * tells the two apart in nothing. Anything else (passing the result on, `x === undefined`) does.
 */
import type { Node } from "../code/parse.ts";
import { isNode, unwrapExpression, walk } from "../code/walk.ts";
import { GUARD_VALUES, type GuardValue } from "./facts.ts";

/** An empty array (`[]`): any two are alike here. */
const EMPTY = Symbol("[]");
type Value = undefined | null | boolean | number | string | typeof EMPTY;
/** A known value; a subexpression without the result in it (the same in both states); or null: unknown. */
type Evaluated = { value: Value } | { node: Node } | null;
/** An optional chain cut short by a nullish object (`x?.a.b` with x undefined). */
const SHORT = Symbol("short");

const GUARD_VALUE: Record<GuardValue, Value> = { null: null, false: false, "0": 0, '""': "", "[]": EMPTY };
const WRAPPERS = new Set([
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "ParenthesizedExpression",
]);
const FUNCTIONS = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ObjectMethod",
  "ClassMethod",
]);
/** TypeScript nodes that are expressions (their operand is a value); every other TS node is a type. */
const TS_EXPRESSIONS = new Set([...WRAPPERS, "TSInstantiationExpression"]);
/** Hooks whose second argument lists dependencies: a result read there only re-runs what the body decides. */
const DEPENDENCY_HOOKS = /^use(?:Effect|LayoutEffect|InsertionEffect|Memo|Callback)$/;
/** What an empty array's methods answer (their callbacks never run). */
const EMPTY_METHODS: Record<string, Value> = {
  map: EMPTY,
  filter: EMPTY,
  slice: EMPTY,
  flatMap: EMPTY,
  sort: EMPTY,
  toSorted: EMPTY,
  reverse: EMPTY,
  concat: EMPTY,
  some: false,
  includes: false,
  every: true,
  find: undefined,
  join: "",
};

function truthy(value: Value): boolean {
  return value === EMPTY || Boolean(value);
}

/** What React renders for a value in JSX children (nothing for nullish and booleans, an empty array too). */
function rendered(value: Value): string {
  return value === null || value === undefined || typeof value === "boolean" || value === EMPTY ? "" : String(value);
}

function same(a: Evaluated, b: Evaluated): boolean {
  if (a === null || b === null) return false;
  if ("node" in a || "node" in b) return "node" in a && "node" in b && a.node === b.node;
  return Object.is(a.value, b.value);
}

function looseEquals(a: Value, b: Value): boolean {
  // `[] == x` compares "" with x; no array equals null, undefined or another array.
  if (a === EMPTY || b === EMPTY) {
    const other = a === EMPTY ? b : a;
    return other !== EMPTY && other !== null && other !== undefined && "" == other;
  }
  return a == b;
}

function within(inner: Node, outer: Node): boolean {
  return (inner.start ?? -1) >= (outer.start ?? 0) && (inner.end ?? -1) <= (outer.end ?? 0);
}

/** The bound result of one query call: its name, its declaration, and every read of it in the component. */
class ResultReads {
  /** Each read with its ancestors inside the component's body, outermost first. */
  readonly reads: { node: Node; parents: readonly Node[] }[] = [];
  /** Another binding of the same name in the component: the reads can't be told apart. */
  shadowed = false;
  /** The component's constants (`const isAdmin = user?.role === "admin"`): name → initializer; null when declared twice. */
  readonly constants = new Map<string, Node | null>();
  /** Reads of the constants computed from the result. */
  readonly derivedReads: Node[] = [];
  /** Constants being evaluated (a name declared in two scopes must not loop). */
  private readonly evaluating = new Set<string>();

  constructor(
    readonly name: string,
    readonly declaration: Node,
  ) {}

  /** The names of the constants whose initializer reads the result. */
  derived(): Set<string> {
    const names = new Set<string>();
    for (const [name, init] of this.constants) if (init && this.contains(init)) names.add(name);
    return names;
  }

  /** The node reads the result itself. */
  contains(node: Node): boolean {
    return this.reads.some((read) => within(read.node, node));
  }

  /** The node reads the result or a constant computed from it. */
  private dependsOn(node: Node): boolean {
    return this.contains(node) || this.derivedReads.some((read) => within(read, node));
  }

  /** The expression's value with the result set to `value`. */
  evaluate(node: Node, value: Value): Evaluated {
    const inner = unwrapExpression(node);
    const chained = this.chain(inner, value);
    return chained === SHORT ? { value: undefined } : chained;
  }

  private chain(node: Node, value: Value): Evaluated | typeof SHORT {
    const found = this.compute(node, value);
    // What reads only constants computed from the result is the same in both states when their
    // own reads are (each is judged where it is declared).
    return found === null && !this.contains(node) ? { node } : found;
  }

  private compute(node: Node, value: Value): Evaluated | typeof SHORT {
    switch (node.type) {
      case "NullLiteral":
        return { value: null };
      case "BooleanLiteral":
      case "NumericLiteral":
      case "StringLiteral":
        return { value: node.value };
      case "ArrayExpression":
        if (node.elements.length === 0) return { value: EMPTY };
        break;
      case "Identifier": {
        if (node.name === "undefined") return { value: undefined };
        // A constant computed from the result (`if (!isModerator) return …` guards what follows).
        const init = node.name === this.name ? null : this.constants.get(node.name);
        if (init && this.contains(init) && !this.evaluating.has(node.name)) {
          this.evaluating.add(node.name);
          const found = this.evaluate(init, value);
          this.evaluating.delete(node.name);
          return found !== null && "value" in found ? found : { node };
        }
        break;
      }
    }
    if (!this.dependsOn(node)) return { node };
    switch (node.type) {
      case "Identifier":
        return node.name === this.name ? { value } : null;
      case "OptionalMemberExpression":
      case "OptionalCallExpression":
      case "MemberExpression":
      case "CallExpression": {
        const optional = node.type === "OptionalMemberExpression" || node.type === "OptionalCallExpression";
        const isCall = node.type === "CallExpression" || node.type === "OptionalCallExpression";
        const objectNode = unwrapExpression(isCall ? node.callee : node.object);
        // A method call: `x?.filter(…)` is a call whose callee reads the method.
        if (isCall) {
          if (
            (objectNode.type !== "MemberExpression" && objectNode.type !== "OptionalMemberExpression") ||
            objectNode.computed ||
            objectNode.property.type !== "Identifier"
          )
            return null;
          const target = this.chain(unwrapExpression(objectNode.object), value);
          if (target === SHORT) return SHORT;
          if (target === null || "node" in target) return null;
          if (objectNode.optional && (target.value === null || target.value === undefined)) return SHORT;
          if (target.value === EMPTY && Object.hasOwn(EMPTY_METHODS, objectNode.property.name))
            return { value: EMPTY_METHODS[objectNode.property.name] };
          return null;
        }
        if (node.computed || node.property.type !== "Identifier") return null;
        const target = this.chain(objectNode, value);
        if (target === SHORT) return optional ? SHORT : null;
        if (target === null || "node" in target) return null;
        if (target.value === null || target.value === undefined) return optional && node.optional ? SHORT : null;
        if (node.property.name === "length" && (target.value === EMPTY || typeof target.value === "string"))
          return { value: target.value === EMPTY ? 0 : target.value.length };
        return null;
      }
      case "UnaryExpression": {
        const operand = this.evaluate(node.argument, value);
        if (operand === null || "node" in operand) return null;
        if (node.operator === "!") return { value: !truthy(operand.value) };
        if (node.operator === "void") return { value: undefined };
        if (node.operator === "typeof")
          return { value: operand.value === EMPTY || operand.value === null ? "object" : typeof operand.value };
        return null;
      }
      case "BinaryExpression": {
        if (!["===", "!==", "==", "!="].includes(node.operator)) return null;
        const left = this.evaluate(node.left, value);
        const right = this.evaluate(node.right, value);
        if (left === null || right === null || "node" in left || "node" in right) return null;
        const strict = node.operator.length === 3;
        const equal = strict
          ? left.value !== EMPTY && Object.is(left.value, right.value)
          : looseEquals(left.value, right.value);
        return { value: node.operator.startsWith("!") ? !equal : equal };
      }
      case "LogicalExpression": {
        const left = this.evaluate(node.left, value);
        if (left === null || "node" in left) return null;
        const takeLeft =
          node.operator === "&&"
            ? !truthy(left.value)
            : node.operator === "||"
              ? truthy(left.value)
              : left.value !== null && left.value !== undefined;
        return takeLeft ? left : this.evaluate(node.right, value);
      }
      case "ConditionalExpression": {
        const test = this.evaluate(node.test, value);
        if (test === null || "node" in test) return null;
        return this.evaluate(truthy(test.value) ? node.consequent : node.alternate, value);
      }
    }
    return null;
  }

  /** The test's truthiness with the result undefined and with `value`, when both are known. */
  private tested(test: Node, value: Value): [boolean, boolean] | null {
    const loading = this.evaluate(test, undefined);
    const answered = this.evaluate(test, value);
    if (loading === null || answered === null || "node" in loading || "node" in answered) return null;
    return [truthy(loading.value), truthy(answered.value)];
  }

  /** The read is never reached with the result undefined nor with `value`: a test around or before it skips it in both. */
  private unreached(read: Node, parents: readonly Node[], value: Value): boolean {
    for (let index = parents.length - 1; index >= 0; index -= 1) {
      const parent = parents[index]!;
      const child = index === parents.length - 1 ? read : parents[index + 1]!;
      if (
        (parent.type === "ConditionalExpression" || parent.type === "IfStatement") &&
        (child === parent.consequent || child === parent.alternate)
      ) {
        const tested = this.tested(parent.test, value);
        if (tested && tested[0] === tested[1] && tested[0] !== (child === parent.consequent)) return true;
      } else if (parent.type === "LogicalExpression" && child === parent.right) {
        const left = [this.evaluate(parent.left, undefined), this.evaluate(parent.left, value)];
        const skips = left.every((side) => {
          if (side === null || "node" in side) return false;
          if (parent.operator === "&&") return !truthy(side.value);
          if (parent.operator === "||") return truthy(side.value);
          return side.value !== null && side.value !== undefined;
        });
        if (skips) return true;
      } else if (parent.type === "BlockStatement" || parent.type === "SwitchCase") {
        // `if (x === undefined || x === null) return <Skeleton />;` before the read.
        const body = parent.type === "BlockStatement" ? parent.body : parent.consequent;
        for (const statement of body) {
          if (statement === child) break;
          if (statement.type !== "IfStatement" || statement.alternate || !exits(statement.consequent)) continue;
          const tested = this.tested(statement.test, value);
          if (tested && tested[0] && tested[1]) return true;
        }
      }
    }
    return false;
  }

  /** One read gives nothing to tell the result undefined from `value`. */
  alike(read: Node, parents: readonly Node[], value: Value): boolean {
    if (this.unreached(read, parents, value)) return true;
    const parent = parents[parents.length - 1];
    // `list.map(…)`, `user.name`: would throw while loading, so it runs only where the tests above let
    // it, and those are alike.
    if (
      (parent?.type === "MemberExpression" && parent.object === read) ||
      (parent?.type === "TSNonNullExpression" && parents[parents.length - 2]?.type === "MemberExpression")
    )
      return true;
    // A hook's dependency list: the hook body's own reads decide.
    const call = parents[parents.length - 2];
    if (
      parent?.type === "ArrayExpression" &&
      call?.type === "CallExpression" &&
      call.arguments[1] === parent &&
      call.callee.type === "Identifier" &&
      DEPENDENCY_HOOKS.test(call.callee.name)
    )
      return true;
    let node = read;
    let index = parents.length - 1;
    for (;;) {
      const loading = this.evaluate(node, undefined);
      const answered = this.evaluate(node, value);
      if (same(loading, answered)) return true;
      const up = parents[index];
      if (up === undefined) return false;
      if (operandOf(up, node)) {
        node = up;
        index -= 1;
        continue;
      }
      if (loading === null || answered === null || "node" in loading || "node" in answered) return false;
      // `if (x)`, `while (!x)`: only truthiness counts.
      if (
        (up.type === "IfStatement" ||
          up.type === "WhileStatement" ||
          up.type === "DoWhileStatement" ||
          up.type === "ForStatement") &&
        up.test === node
      )
        return truthy(loading.value) === truthy(answered.value);
      // `{user && <Menu />}` in JSX children: both render nothing.
      if (up.type === "JSXExpressionContainer" && parents[index - 1]?.type !== "JSXAttribute")
        return rendered(loading.value) === rendered(answered.value);
      return false;
    }
  }
}

/** The statement always leaves the function (`return …`, `throw …`, a block ending in one). */
function exits(statement: Node): boolean {
  if (statement.type === "ReturnStatement" || statement.type === "ThrowStatement") return true;
  if (statement.type === "BlockStatement") {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** `child` is an operand the evaluator follows into `parent`. */
function operandOf(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case "UnaryExpression":
    case "BinaryExpression":
    case "LogicalExpression":
    case "ConditionalExpression":
      return true;
    case "OptionalMemberExpression":
    case "MemberExpression":
      return parent.object === child;
    case "OptionalCallExpression":
    case "CallExpression":
      return parent.callee === child;
    default:
      return WRAPPERS.has(parent.type);
  }
}

/** Whether `node`, an identifier with the result's name, declares another binding rather than reading it. */
function declares(node: Node, parent: Node | undefined, grandparent: Node | undefined): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case "VariableDeclarator":
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ClassDeclaration":
      return parent.id === node;
    case "AssignmentPattern":
    case "AssignmentExpression":
      return parent.left === node;
    case "ArrayPattern":
    case "RestElement":
    case "CatchClause":
    case "UpdateExpression":
      return true;
    case "ObjectProperty":
      return parent.value === node && grandparent?.type === "ObjectPattern";
  }
  return FUNCTIONS.has(parent.type) && (parent as { params: Node[] }).params.includes(node);
}

/** Whether `node` is a name but no read of a binding (`a.name`, `{ name: 1 }`, a label). */
function notARead(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node)
    return !parent.computed;
  // `{ name }` is read through its value (the same node as its key, or a copy of it).
  if (
    (parent.type === "ObjectProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod") &&
    parent.key === node
  )
    return !parent.computed && !(parent.type === "ObjectProperty" && parent.shorthand && parent.value === node);
  return parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement";
}

/**
 * The GUARD_VALUES a query's result can take without the component rendering anything other than
 * its loading state. `call` is the hook call, `parents` its ancestors (outermost first). Empty when
 * the result isn't bound to a name of its own in a component (`const x = useQuery(…)`).
 */
export function loadingAlike(call: Node, parents: readonly Node[]): GuardValue[] {
  let index = parents.length - 1;
  let child: Node = call;
  while (index >= 0 && WRAPPERS.has(parents[index]!.type)) child = parents[index--]!;
  const declarator = parents[index];
  if (declarator?.type !== "VariableDeclarator" || declarator.init !== child || declarator.id.type !== "Identifier")
    return [];
  let fn: Node | undefined;
  for (let at = index - 1; at >= 0 && !fn; at -= 1) if (FUNCTIONS.has(parents[at]!.type)) fn = parents[at];
  const body = (fn as { body?: Node } | undefined)?.body;
  if (!body || !isNode(body)) return [];
  const result = new ResultReads(declarator.id.name, declarator.id);
  walk(body, (node, context) => {
    if (node.type.startsWith("TS") && !TS_EXPRESSIONS.has(node.type)) return context.skip();
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      const declaration = context.parents[context.parents.length - 1];
      const constant = declaration?.type === "VariableDeclaration" && declaration.kind === "const";
      const name = node.id.name;
      result.constants.set(name, constant && !result.constants.has(name) ? node.init : null);
    }
    if (node.type !== "Identifier" || node.name !== result.name || node === result.declaration) return;
    const chain = context.parents;
    const parent = chain[chain.length - 1];
    if (notARead(node, parent)) return;
    if (declares(node, parent, chain[chain.length - 2])) result.shadowed = true;
    else if (!result.reads.some((read) => read.node === node)) result.reads.push({ node, parents: [...chain] });
  });
  if (result.shadowed) return [];
  const derived = result.derived();
  if (derived.size > 0) {
    walk(body, (node, context) => {
      if (node.type.startsWith("TS") && !TS_EXPRESSIONS.has(node.type)) return context.skip();
      if (node.type !== "Identifier" || !derived.has(node.name)) return;
      const chain = context.parents;
      const parent = chain[chain.length - 1];
      if (!notARead(node, parent) && !declares(node, parent, chain[chain.length - 2])) result.derivedReads.push(node);
    });
  }
  return GUARD_VALUES.filter((name) =>
    result.reads.every((read) => result.alike(read.node, read.parents, GUARD_VALUE[name])),
  );
}
