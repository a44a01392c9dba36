/**
 * What each handler and helper returns, for the "what leaves the function" question (AW601/AW602
 * raise a public query that hands out emails, phone numbers or secrets). Followed from the return
 * statements back through locals: whole documents (`ctx.db.get`, a query's `collect`/`first`/
 * `paginate`, kept by `filter`/`slice`/`sort`, spread into an object), the field names of returned
 * objects and the fields read off documents, and the helpers and `ctx.runQuery` whose results are
 * returned (the resolver follows those). Anything else adds nothing: only evidence counts.
 */
import type { Node } from "../../code/parse.ts";
import {
  dispatchWalk,
  propertyKeyName,
  unwrapExpression,
  walk,
  type Visitors,
  type WalkContext,
} from "../../code/walk.ts";
import { readsFirst, type CallTarget, type ReturnedData } from "../facts.ts";
import { NONE, isFunctionNode, label, memberPath, stringValue } from "../shared.ts";
import { NO_RETURNS, type BackendFile, type Frame } from "./state.ts";

/** What an expression holds, as far as returns go. */
interface Shape {
  /** Whole documents: `t`, `ref:<table>.<field>` (the document an id field points at), or `?`. */
  documents: Set<string>;
  fields: Set<string>;
  calls: CallTarget[];
  /** A query on this table not yet run (`ctx.db.query("t").withIndex(…)`). */
  query: string | null;
  /** The caller's own: their id, their identity, or a document looked up by those (not a leak). */
  own?: boolean;
  /** `paginate`'s result: its documents are the `page`. */
  paginated?: boolean;
}

/** A document whose table the code doesn't say (`ctx.db.get(someId)`): its picked fields still count. */
const UNKNOWN_TABLE = "?";

const EMPTY: Shape = Object.freeze({
  documents: new Set<string>(),
  fields: new Set<string>(),
  calls: NONE,
  query: null,
});

/** Query methods that run it and hand back documents (`paginate`: `{ page }`, read through `.page`). */
const RUNS = new Set(["collect", "take", "first", "unique", "paginate"]);
/** Query methods that narrow or order it. */
const NARROWS = new Set(["withIndex", "withSearchIndex", "filter", "order", "search"]);
/** Array methods whose result holds the receiver's items. */
const KEEPS = new Set([
  "filter",
  "slice",
  "sort",
  "reverse",
  "toSorted",
  "toReversed",
  "concat",
  "flat",
  "find",
  "findLast",
  "at",
  "values",
]);
/** Array methods whose callback's returns are the result. */
const MAPS = new Set(["map", "flatMap"]);
/** Array methods whose callback gets each item (the first parameter is bound to it). */
const ITERATES = new Set([...MAPS, "forEach", "filter", "find", "findLast", "some", "every", "sort", "reduce"]);

/** Shared by shapes with no documents or no fields; never added to (merge copies first). */
const NO_NAMES: Set<string> = new Set();

function blank(shape: Shape): boolean {
  return (
    shape.documents.size === 0 &&
    shape.fields.size === 0 &&
    shape.calls.length === 0 &&
    shape.query === null &&
    !shape.own &&
    !shape.paginated
  );
}

/** `from` added into `into` (a new shape when `into` is EMPTY; sets copied before their first add). */
function merge(into: Shape, from: Shape): Shape {
  if (blank(from)) return into;
  const target = into === EMPTY ? { documents: NO_NAMES, fields: NO_NAMES, calls: NONE, query: null } : into;
  if (from.documents.size > 0) {
    if (target.documents === NO_NAMES || target.documents === from.documents)
      target.documents = new Set(target.documents);
    for (const document of from.documents) target.documents.add(document);
  }
  if (from.fields.size > 0) {
    if (target.fields === NO_NAMES || target.fields === from.fields) target.fields = new Set(target.fields);
    for (const field of from.fields) target.fields.add(field);
  }
  if (from.calls.length > 0) target.calls = [...target.calls, ...from.calls];
  target.query ??= from.query;
  if (from.own) target.own = true;
  if (from.paginated) target.paginated = true;
  return target;
}

function shapeWith(part: Partial<Shape>): Shape {
  return { documents: NO_NAMES, fields: NO_NAMES, calls: NONE, query: null, ...part };
}

/** Sets each function frame's `returns` when the walk leaves the function. */
export function returnVisitors(state: BackendFile): Visitors {
  const leave = (node: Node) => {
    const frame = state.frameByNode.get(node);
    if (!frame) return;
    // What queries return is judged, and what a public mutation or action that reads first
    // returns (a stranger may reach its reads); other handlers are skipped, helpers kept (a public
    // function may return what they do).
    const kind = state.handlerOwners.get(node)?.kind;
    if (kind !== undefined && kind !== "query" && kind !== "internalQuery") {
      if (kind !== "mutation" && kind !== "action") return;
      if (!readsFirst(frame.summary)) return;
    }
    frame.summary.returns = returnedData(node, frame, state);
  };
  return {
    "FunctionDeclaration:exit": leave,
    "FunctionExpression:exit": leave,
    "ArrowFunctionExpression:exit": leave,
    "ObjectMethod:exit": leave,
  };
}

function returnedData(fn: Node, frame: Frame, state: BackendFile): ReturnedData {
  const locals = new Map<string, Shape>();
  /** Parameters typed with a table: `userId: Id<"users">` (ids), `user: Doc<"users">` (documents). */
  const idParams = new Map<string, string>();
  const argTables = new Map(
    (state.handlerOwners.get(fn)?.args ?? []).flatMap((arg) => (arg.table ? [[arg.name, arg.table] as const] : [])),
  );
  for (const param of (fn as { params?: Node[] }).params ?? []) {
    const target = param.type === "AssignmentPattern" ? param.left : param;
    if (target.type !== "Identifier" || target.typeAnnotation?.type !== "TSTypeAnnotation") continue;
    const type = target.typeAnnotation.typeAnnotation;
    if (type.type !== "TSTypeReference" || type.typeName.type !== "Identifier") continue;
    const table = type.typeParameters?.params[0];
    const name = table?.type === "TSLiteralType" && table.literal.type === "StringLiteral" ? table.literal.value : null;
    if (!name) continue;
    if (type.typeName.name === "Id") idParams.set(target.name, name);
    if (type.typeName.name === "Doc") locals.set(target.name, shapeWith({ documents: new Set([name]) }));
  }

  /** The caller's values: identity vars, `getAuthUserId(ctx)` results and what is looked up by them. */
  const callerNames = new Set(frame.identityVars);
  const OWN: Shape = shapeWith({ own: true });
  const mentionsCaller = (node: Node): boolean => {
    let found = false;
    walk(node, (inner, context) => {
      if (found) context.skip();
      else if (inner.type === "Identifier" && callerNames.has(inner.name)) found = true;
    });
    return found;
  };
  const isAuthUserIdCall = (callee: Node): boolean =>
    callee.type === "Identifier" &&
    /^getAuth(?:UserId|SessionId)$/.test(state.module.imports.get(callee.name)?.imported ?? "");

  /** The table of the document `ctx.db.get(<id>)` loads, as far as the code says. */
  const documentOf = (id: Node, depth: number): string | null => {
    const inner = unwrapExpression(id);
    const path = memberPath(inner);
    if (inner.type === "Identifier") {
      const arg = frame.argNames.get(inner.name);
      if (arg !== undefined) return argTables.get(arg) ?? null;
      return idParams.get(inner.name) ?? null;
    }
    if (path?.length === 2 && path[0] === frame.argsName) return argTables.get(path[1]!) ?? null;
    if (path?.length === 2 && (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression")) {
      const owner = shapeOf(inner.object, depth + 1);
      const [table] = [...owner.documents];
      if (owner.documents.size === 1 && table !== UNKNOWN_TABLE && !table!.startsWith("ref:"))
        return label(`ref:${table}.${path[1]}`);
    }
    return null;
  };

  const shapeOf = (node: Node | null | undefined, depth = 0): Shape => {
    if (!node || depth > 40) return EMPTY;
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    switch (inner.type) {
      case "Identifier":
        return callerNames.has(inner.name) ? OWN : (locals.get(inner.name) ?? EMPTY);
      case "ObjectExpression": {
        let shape = EMPTY;
        // `{ ...result, page: result.page.map(pick) }`: the page is replaced, its documents don't leave.
        const replacesPage = inner.properties.some(
          (property) => property.type === "ObjectProperty" && propertyKeyName(property) === "page",
        );
        for (const property of inner.properties) {
          if (property.type === "SpreadElement") {
            const spread = shapeOf(property.argument, depth + 1);
            shape = merge(shape, spread.paginated && replacesPage ? { ...spread, documents: NO_NAMES } : spread);
          } else if (property.type === "ObjectProperty") {
            // A key names what it holds only when the value comes from documents (`contact: u.email`,
            // not `hasPhone: !!u.phone` or `email: identity.email`).
            const value = shapeOf(property.value, depth + 1);
            const key = propertyKeyName(property);
            if (key && (value.documents.size > 0 || value.fields.size > 0))
              shape = merge(shape, shapeWith({ fields: new Set([key]) }));
            shape = merge(shape, value);
          }
        }
        return shape;
      }
      case "ArrayExpression": {
        let shape = EMPTY;
        for (const element of inner.elements) {
          if (element)
            shape = merge(shape, shapeOf(element.type === "SpreadElement" ? element.argument : element, depth + 1));
        }
        return shape;
      }
      case "ConditionalExpression":
        return merge(merge(EMPTY, shapeOf(inner.consequent, depth + 1)), shapeOf(inner.alternate, depth + 1));
      case "LogicalExpression":
        // `row && { id: row.id }`: the left is handed out only when falsy (null, not the document).
        if (inner.operator === "&&") return shapeOf(inner.right, depth + 1);
        return merge(merge(EMPTY, shapeOf(inner.left, depth + 1)), shapeOf(inner.right, depth + 1));
      case "SequenceExpression":
        return shapeOf(inner.expressions[inner.expressions.length - 1], depth + 1);
      case "MemberExpression":
      case "OptionalMemberExpression": {
        const owner = shapeOf(inner.object, depth + 1);
        if (owner.own) return OWN;
        const property = inner.computed
          ? stringValue(inner.property)
          : inner.property.type === "Identifier"
            ? inner.property.name
            : null;
        // `gigs.length` is a count, not a field.
        if ((owner.documents.size === 0 && owner.fields.size === 0) || property === null || property === "length")
          return EMPTY;
        // A page of documents (`paginate`'s `{ page }`), else one field of them (nested ones too).
        return property === "page" && owner.documents.size > 0 ? owner : shapeWith({ fields: new Set([property]) });
      }
      case "CallExpression":
      case "OptionalCallExpression":
        return callShape(inner, depth);
      case "NewExpression": {
        // `new Set(rows.map((row) => row.country))`: the distinct values of what it is given.
        const callee = unwrapExpression(inner.callee);
        const first = inner.arguments[0] as Node | undefined;
        return callee.type === "Identifier" && (callee.name === "Set" || callee.name === "Map") && first
          ? shapeOf(first, depth + 1)
          : EMPTY;
      }
      default:
        return EMPTY;
    }
  };

  const callShape = (call: Node & { type: "CallExpression" | "OptionalCallExpression" }, depth: number): Shape => {
    const callee = unwrapExpression(call.callee);
    const first = call.arguments[0] as Node | undefined;
    if (callee.type === "Identifier") {
      if (isAuthUserIdCall(callee)) return OWN;
      const target = state.calleeTarget(callee);
      return target ? shapeWith({ calls: [target] }) : EMPTY;
    }
    if ((callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") || callee.computed)
      return EMPTY;
    if (callee.property.type !== "Identifier") return EMPTY;
    const method = callee.property.name;
    const receiver = callee.object;
    if (state.isCtxMember(receiver, frame, "db", frame.dbNames)) {
      if (method === "query") return shapeWith({ query: stringValue(first) });
      if (method === "get") {
        const id = call.arguments[call.arguments.length - 1] as Node | undefined;
        if (id && mentionsCaller(id)) return OWN;
        // `ctx.db.get("t", id)` (convex >= 1.31) or `ctx.db.get(id)`.
        const table = call.arguments.length === 2 ? stringValue(first) : first ? documentOf(first, depth) : null;
        return shapeWith({ documents: new Set([table ?? UNKNOWN_TABLE]) });
      }
      return EMPTY;
    }
    if (method === "runQuery" && state.isCtx(receiver, frame)) {
      const target = state.refTarget(first);
      return target ? shapeWith({ calls: [target] }) : EMPTY;
    }
    const path = memberPath(receiver);
    if (path?.length === 1 && (path[0] === "Promise" || path[0] === "Array" || path[0] === "Object")) {
      return shapeOf(first, depth + 1);
    }
    const items = shapeOf(receiver, depth + 1);
    if (items.query !== null) {
      if (items.own) return RUNS.has(method) ? OWN : NARROWS.has(method) ? items : EMPTY;
      if (RUNS.has(method)) return shapeWith({ documents: new Set([items.query]), paginated: method === "paginate" });
      // Narrowed by the caller's id or identity: the caller's own rows.
      if (NARROWS.has(method))
        return call.arguments.some((argument) => mentionsCaller(argument)) ? { ...items, own: true } : items;
      return EMPTY;
    }
    if (KEEPS.has(method)) {
      let shape = merge(EMPTY, items);
      if (method === "concat")
        for (const argument of call.arguments) shape = merge(shape, shapeOf(argument, depth + 1));
      return shape;
    }
    if (MAPS.has(method) && first && isFunctionNode(unwrapExpression(first)))
      return callbackReturns(unwrapExpression(first), depth);
    return EMPTY;
  };

  /** The elements of `[a, b]` or `await Promise.all([a, b])`, or null. */
  const listedElements = (init: Node | null | undefined): (Node | null)[] | null => {
    let inner = init ? unwrapExpression(init) : null;
    if (inner?.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    if (inner?.type === "CallExpression" && inner.arguments[0]) {
      const path = memberPath(inner.callee);
      if (path?.join(".") === "Promise.all") inner = unwrapExpression(inner.arguments[0]);
    }
    if (inner?.type !== "ArrayExpression") return null;
    return inner.elements.map((element) => (element && element.type !== "SpreadElement" ? element : null));
  };

  /** What a callback returns (its locals were recorded when the walk went through it). */
  const callbackReturns = (callback: Node, depth: number): Shape => {
    const body = (callback as { body?: Node }).body;
    if (!body) return EMPTY;
    if (body.type !== "BlockStatement") return shapeOf(body, depth + 1);
    let shape = EMPTY;
    walk(body, (node, context) => {
      if (isFunctionNode(node)) context.skip();
      else if (node.type === "ReturnStatement") shape = merge(shape, shapeOf(node.argument, depth + 1));
    });
    return shape;
  };

  const bindItem = (param: Node | undefined, items: Shape) => {
    const target = param && (param.type === "AssignmentPattern" ? param.left : param);
    if (!target || items.documents.size === 0) return;
    if (target.type === "Identifier") locals.set(target.name, merge(EMPTY, items));
    else if (target.type === "ObjectPattern") {
      // `({ _id, email }) => …`: each name holds that field of the item.
      for (const property of target.properties) {
        const key = property.type === "ObjectProperty" ? propertyKeyName(property) : undefined;
        const value = property.type === "ObjectProperty" ? property.value : null;
        if (key && value?.type === "Identifier") locals.set(value.name, shapeWith({ fields: new Set([key]) }));
      }
    }
  };
  const assign = (name: string, shape: Shape) => {
    if (shape.own && shape.documents.size === 0) callerNames.add(name);
    if (shape !== EMPTY) locals.set(name, merge(locals.get(name) ?? EMPTY, shape));
  };

  /** Locals that hold a number or a flag, as far as their assignments show (`const total = rows.length`). */
  const numberVars = new Set<string>();
  /** A number, a flag or a constant, by its expression: what a count or a health check returns. */
  const isCount = (node: Node | null | undefined, depth = 0): boolean => {
    if (!node || depth > 20) return false;
    let inner = unwrapExpression(node);
    if (inner.type === "AwaitExpression") inner = unwrapExpression(inner.argument);
    switch (inner.type) {
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "StringLiteral":
        return true;
      case "TemplateLiteral":
        return inner.expressions.length === 0;
      case "Identifier":
        return numberVars.has(inner.name) || inner.name === "undefined";
      case "MemberExpression":
      case "OptionalMemberExpression":
        return !inner.computed && inner.property.type === "Identifier" && inner.property.name === "length";
      case "UnaryExpression":
        return (
          inner.operator === "!" ||
          ((inner.operator === "-" || inner.operator === "+") && isCount(inner.argument, depth + 1))
        );
      case "BinaryExpression":
        return (
          /^(?:[<>]=?|[!=]==?)$/.test(inner.operator) ||
          (isCount(inner.left, depth + 1) && isCount(inner.right, depth + 1))
        );
      case "LogicalExpression":
        return isCount(inner.left, depth + 1) && isCount(inner.right, depth + 1);
      case "ConditionalExpression":
        return isCount(inner.consequent, depth + 1) && isCount(inner.alternate, depth + 1);
      case "ObjectExpression":
        return inner.properties.every(
          (property) =>
            property.type === "ObjectProperty" && !property.computed && isCount(property.value as Node, depth + 1),
        );
      case "CallExpression": {
        const path = memberPath(inner.callee);
        if (path && (path[0] === "Math" || ["Date.now", "Number", "Boolean"].includes(path.join(".")))) return true;
        const callee = unwrapExpression(inner.callee);
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return false;
        // `new Date().toISOString()`: the time, no record.
        const receiver = unwrapExpression(callee.object);
        if (
          receiver.type === "NewExpression" &&
          receiver.callee.type === "Identifier" &&
          receiver.callee.name === "Date"
        )
          return true;
        // `rows.then((all) => all.length)`, `rooms.reduce((sum, room) => sum + room.seats.length, 0)`
        const callback = inner.arguments[0] ? unwrapExpression(inner.arguments[0]) : null;
        if (!callback || !isFunctionNode(callback)) return false;
        const { body, params } = callback as { body: Node; params: Node[] };
        if (body.type === "BlockStatement") return false;
        if (callee.property.name === "then") return isCount(body, depth + 1);
        const sum = params[0];
        if (callee.property.name !== "reduce" || sum?.type !== "Identifier" || !isCount(inner.arguments[1]))
          return false;
        const counted = numberVars.has(sum.name);
        numberVars.add(sum.name);
        const result = isCount(body, depth + 1);
        if (!counted) numberVars.delete(sum.name);
        return result;
      }
      default:
        return false;
    }
  };
  const countVar = (name: string, value: Node | null | undefined) => {
    if (isCount(value)) numberVars.add(name);
    else numberVars.delete(name);
  };
  let returns = 0;
  let counts = true;

  let returned = EMPTY;
  const enter = (node: Node): void => {
    if (node.type === "CallExpression") {
      const callee = unwrapExpression(node.callee);
      const callback = node.arguments[0] ? unwrapExpression(node.arguments[0]) : null;
      if (
        callee.type === "MemberExpression" &&
        callee.property.type === "Identifier" &&
        ITERATES.has(callee.property.name) &&
        callback &&
        isFunctionNode(callback)
      ) {
        const params = (callback as { params: Node[] }).params;
        bindItem(params[callee.property.name === "reduce" ? 1 : 0], shapeOf(callee.object));
      }
    } else if (node.type === "ForOfStatement" && node.left.type === "VariableDeclaration") {
      bindItem(node.left.declarations[0]?.id, shapeOf(node.right));
    }
  };
  const leave = (node: Node, context: WalkContext): void => {
    switch (node.type) {
      case "VariableDeclarator":
        if (node.id.type === "Identifier") {
          assign(node.id.name, shapeOf(node.init));
          countVar(node.id.name, node.init);
        } else if (node.id.type === "ObjectPattern") {
          const from = shapeOf(node.init);
          for (const property of node.id.properties) {
            // `const { page } = await q.paginate(…)`: the page's documents.
            if (
              property.type === "ObjectProperty" &&
              propertyKeyName(property) === "page" &&
              property.value.type === "Identifier"
            )
              assign(property.value.name, from);
          }
        } else if (node.id.type === "ArrayPattern") {
          // `const [author, post] = await Promise.all([db.get(a), db.get(b)])`: each name its element.
          const elements = listedElements(node.init);
          node.id.elements.forEach((element, i) => {
            if (element?.type !== "Identifier") return;
            const item = elements?.[i];
            assign(element.name, item ? shapeOf(item) : shapeOf(node.init));
          });
        }
        break;
      case "AssignmentExpression": {
        const left = unwrapExpression(node.left);
        if (left.type === "Identifier") {
          assign(left.name, shapeOf(node.right));
          // `n += 1` keeps a count a count; `n = doc.amount` does not.
          if (!(node.operator !== "=" && numberVars.has(left.name) && isCount(node.right)))
            countVar(left.name, node.right);
        } else if (left.type === "MemberExpression") {
          // `out.x = value` / `out[key] = value`: the object now holds it.
          const object = unwrapExpression(left.object);
          const key = !left.computed && left.property.type === "Identifier" ? left.property.name : null;
          if (object.type === "Identifier") {
            const value = shapeOf(node.right);
            assign(object.name, key ? merge(shapeWith({ fields: new Set([key]) }), value) : value);
          }
        }
        break;
      }
      case "CallExpression": {
        // `out.push(doc)`, `byId.set(id, doc)`: the container now holds it.
        const callee = unwrapExpression(node.callee);
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") break;
        const object = unwrapExpression(callee.object);
        if (object.type !== "Identifier" || !/^(?:push|unshift|set|add)$/.test(callee.property.name)) break;
        for (const argument of node.arguments.slice(callee.property.name === "set" ? 1 : 0)) {
          assign(object.name, shapeOf(argument));
        }
        break;
      }
      case "ReturnStatement":
        if (nearestFunction(context.parents) === fn) {
          returned = merge(returned, shapeOf(node.argument));
          returns++;
          counts &&= isCount(node.argument);
        }
        break;
    }
  };
  // Only the node types above are visited (identifiers and literals are skipped).
  dispatchWalk(
    fn,
    [
      {
        CallExpression: enter,
        ForOfStatement: enter,
        "VariableDeclarator:exit": leave,
        "AssignmentExpression:exit": leave,
        "CallExpression:exit": leave,
        "ReturnStatement:exit": leave,
      },
    ],
    (_set, error) => {
      throw error;
    },
  );
  const body = (fn as { body?: Node }).body;
  if (body && body.type !== "BlockStatement") {
    returned = merge(returned, shapeOf(body));
    returns++;
    counts &&= isCount(body);
  }
  counts &&= returns > 0;
  if (returned === EMPTY) return counts ? { ...NO_RETURNS, counts } : NO_RETURNS;
  return {
    documents: returned.documents.size > 0 ? [...returned.documents] : NONE,
    fields: returned.fields.size > 0 ? [...returned.fields].map(label) : NONE,
    calls: returned.calls.length > 0 ? returned.calls : NONE,
    ...(counts && { counts }),
  };
}

function nearestFunction(parents: readonly Node[]): Node | undefined {
  for (let i = parents.length - 1; i >= 0; i--) if (isFunctionNode(parents[i]!)) return parents[i];
  return undefined;
}
