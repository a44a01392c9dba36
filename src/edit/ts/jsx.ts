/**
 * JSX: swap an element for another (keeping its props and children) and wrap an element in a
 * provider, re-indenting the wrapped lines with the file's own indentation.
 */
import type { JSXElement, Node } from "@babel/types";
import { walk } from "../../code/walk.ts";
import { refuse, unchanged, type Edit } from "../edit.ts";
import { endsLine, indentAt, lineOf, onDifferentLines, startsLine, tsEdit, type TsEditContext } from "./source.ts";

/**
 * Props to add, as JSX attribute source: `{ useAuth: "{useAuth}", publishableKey: "{KEY}" }`;
 * `true` writes a bare attribute (`<X afterSignOutUrl />`), and a key in braces with `true` a spread
 * (`{ "{...pageProps}": true }` → `<X {...pageProps}>`).
 */
export type JsxProps = Record<string, string | true>;

export interface ReplaceJsxElementSpec {
  /** The element to replace, e.g. "ConvexProvider". */
  element: string;
  /** Its new name, e.g. "ConvexProviderWithClerk". */
  name: string;
  /** Props to add when missing (existing props, whatever their value, are kept). */
  props?: JsxProps;
}

export interface WrapJsxElementSpec {
  /** The element to wrap, e.g. "ConvexProviderWithClerk". */
  element: string;
  /** The wrapper, e.g. "ClerkProvider". */
  wrapper: string;
  props?: JsxProps;
}

export function jsxName(node: Node): string {
  switch (node.type) {
    case "JSXIdentifier":
      return node.name;
    case "JSXMemberExpression":
      return `${jsxName(node.object)}.${jsxName(node.property)}`;
    case "JSXNamespacedName":
      return `${node.namespace.name}:${node.name.name}`;
    default:
      return "";
  }
}

interface FoundElement {
  node: JSXElement;
  ancestors: Node[];
}

export function findJsxElements(ctx: TsEditContext, name: string): FoundElement[] {
  const found: FoundElement[] = [];
  walk(ctx.ast.program, (node, context) => {
    if (node.type === "JSXElement" && jsxName(node.openingElement.name) === name) {
      found.push({ node, ancestors: [...context.parents] });
    }
  });
  return found;
}

function lines(found: FoundElement[]): string {
  return found.map((f) => lineOf(f.node)).join(", ");
}

function propText(name: string, value: string | true): string {
  return value === true ? name : `${name}=${value}`;
}

/** Adds the missing props after the element's last attribute, on its own line when attributes are. */
function addMissingProps(ctx: TsEditContext, element: JSXElement, props: JsxProps): void {
  const opening = element.openingElement;
  const present = new Set(opening.attributes.filter((a) => a.type === "JSXAttribute").map((a) => jsxName(a.name)));
  const missing = Object.entries(props).filter(([name]) => !present.has(name));
  if (missing.length === 0) return;
  const last = opening.attributes[opening.attributes.length - 1];
  if (last && onDifferentLines(ctx.source, opening.name.end!, last.start!) && startsLine(ctx.source, last.start!)) {
    const indent = indentAt(ctx.source, last.start!);
    ctx.s.appendLeft(last.end!, missing.map(([n, v]) => `${ctx.eol}${indent}${propText(n, v)}`).join(""));
  } else {
    ctx.s.appendLeft((last ?? opening.name).end!, missing.map(([n, v]) => ` ${propText(n, v)}`).join(""));
  }
}

/** `<ConvexProvider client={x}>` → `<ConvexProviderWithClerk client={x} useAuth={useAuth}>`, children kept. */
export function replaceJsxElement(spec: ReplaceJsxElementSpec): Edit {
  return tsEdit(`replace <${spec.element}> with <${spec.name}>`, (ctx) => {
    const olds = findJsxElements(ctx, spec.element);
    const news = findJsxElements(ctx, spec.name);
    if (olds.length === 0) {
      if (news.length === 0)
        return refuse(`${ctx.path} has no <${spec.element}> element to replace with <${spec.name}>.`);
      if (news.length > 1) {
        return refuse(
          `${ctx.path} has ${news.length} <${spec.name}> elements (lines ${lines(news)}); authwire edits only one.`,
          {
            line: lineOf(news[0]!.node),
          },
        );
      }
      addMissingProps(ctx, news[0]!.node, spec.props ?? {});
      return undefined;
    }
    if (olds.length > 1) {
      return refuse(
        `${ctx.path} has ${olds.length} <${spec.element}> elements (lines ${lines(olds)}); authwire edits only one.`,
        {
          line: lineOf(olds[0]!.node),
        },
      );
    }
    if (news.length > 0) {
      return refuse(
        `${ctx.path} has both <${spec.element}> (line ${lines(olds)}) and <${spec.name}> (line ${lines(news)}); keep one by hand.`,
        { line: lineOf(olds[0]!.node) },
      );
    }
    const element = olds[0]!.node;
    ctx.s.overwrite(element.openingElement.name.start!, element.openingElement.name.end!, spec.name);
    if (element.closingElement) {
      ctx.s.overwrite(element.closingElement.name.start!, element.closingElement.name.end!, spec.name);
    }
    addMissingProps(ctx, element, spec.props ?? {});
    return undefined;
  });
}

/** Wraps the element in `<Wrapper …>`; already inside one (at any depth): unchanged. */
export function wrapJsxElement(spec: WrapJsxElementSpec): Edit {
  return tsEdit(`wrap <${spec.element}> in <${spec.wrapper}>`, (ctx) => {
    const targets = findJsxElements(ctx, spec.element);
    if (targets.length === 0)
      return refuse(`${ctx.path} has no <${spec.element}> element to wrap in <${spec.wrapper}>.`);
    if (targets.length > 1) {
      return refuse(
        `${ctx.path} has ${targets.length} <${spec.element}> elements (lines ${lines(targets)}); authwire wraps only one.`,
        {
          line: lineOf(targets[0]!.node),
        },
      );
    }
    const { node, ancestors } = targets[0]!;
    if (ancestors.some((a) => a.type === "JSXElement" && jsxName(a.openingElement.name) === spec.wrapper))
      return unchanged;
    wrapNode(ctx, node, spec.wrapper, spec.props ?? {}, { blockWhenAlone: false });
    return undefined;
  });
}

/**
 * Wraps a node in `<Wrapper …>`. A multi-line node that starts its line is wrapped in block form
 * (the node re-indented one level); with `blockWhenAlone`, so is a one-line node alone on its line;
 * anything else is wrapped inline.
 */
function wrapNode(
  ctx: TsEditContext,
  node: Node,
  wrapper: string,
  props: JsxProps,
  { blockWhenAlone }: { blockWhenAlone: boolean },
): void {
  const propsText = Object.entries(props)
    .map(([n, v]) => ` ${propText(n, v)}`)
    .join("");
  const open = `<${wrapper}${propsText}>`;
  const close = `</${wrapper}>`;
  const start = node.start!;
  const end = node.end!;
  const multiline = onDifferentLines(ctx.source, start, end);
  const alone = startsLine(ctx.source, start) && endsLine(ctx.source, end);
  if (!startsLine(ctx.source, start) || (!multiline && !(blockWhenAlone && alone))) {
    ctx.s.appendRight(start, open);
    ctx.s.appendLeft(end, close);
    return;
  }
  const indent = indentAt(ctx.source, start);
  ctx.s.appendRight(start, `${open}${ctx.eol}${indent}${ctx.indentUnit}`);
  // Indent every following line of the node, except lines that start inside a template literal.
  const verbatim: [number, number][] = [];
  walk(node, (inner) => {
    if (inner.type === "TemplateElement") verbatim.push([inner.start!, inner.end!]);
  });
  for (let at = ctx.source.indexOf("\n", start); at !== -1 && at < end; at = ctx.source.indexOf("\n", at + 1)) {
    const lineStart = at + 1;
    if (verbatim.some(([from, to]) => lineStart > from && lineStart <= to)) continue;
    const lineEnd = ctx.source.indexOf("\n", lineStart);
    const text = ctx.source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, "");
    if (text.trim() === "") continue;
    ctx.s.appendRight(lineStart, ctx.indentUnit);
  }
  ctx.s.appendLeft(end, `${ctx.eol}${indent}${close}`);
}

export interface WrapJsxChildSpec {
  /** The element whose content is wrapped, e.g. "body". There must be exactly one. */
  parent: string;
  /**
   * What to wrap inside it: an expression in braces ("{children}") or an element name ("Outlet").
   * Several: the first one found.
   */
  child: string | string[];
  wrapper: string;
  props?: JsxProps;
}

/**
 * Wraps a child of an element in `<Wrapper …>`: `<body>{children}</body>` →
 * `<body><Providers>{children}</Providers></body>`. Already inside one (at any depth below the
 * parent): unchanged. A child alone on its line is wrapped in block form.
 */
export function wrapJsxChild(spec: WrapJsxChildSpec): Edit {
  const children = Array.isArray(spec.child) ? spec.child : [spec.child];
  return tsEdit(`wrap ${children.join(" / ")} in <${spec.wrapper}>`, (ctx) => {
    const parents = findJsxElements(ctx, spec.parent);
    if (parents.length === 0)
      return refuse(`${ctx.path} has no <${spec.parent}> element to wrap ${children.join(" / ")} in.`);
    if (parents.length > 1) {
      return refuse(
        `${ctx.path} has ${parents.length} <${spec.parent}> elements (lines ${lines(parents)}); authwire edits only one.`,
        {
          line: lineOf(parents[0]!.node),
        },
      );
    }
    const parent = parents[0]!.node;
    for (const child of children) {
      const expression = /^\{(.*)\}$/s.exec(child)?.[1]?.trim();
      const found: { node: Node; ancestors: Node[] }[] = [];
      walk(parent, (node, context) => {
        const matches = expression
          ? node.type === "JSXExpressionContainer" &&
            node.expression.type !== "JSXEmptyExpression" &&
            ctx.source.slice(node.expression.start!, node.expression.end!).replace(/\s+/g, "") ===
              expression.replace(/\s+/g, "")
          : node.type === "JSXElement" && jsxName(node.openingElement.name) === child;
        if (matches) found.push({ node, ancestors: [...context.parents] });
      });
      if (found.length === 0) continue;
      if (found.length > 1) {
        return refuse(`${ctx.path}: <${spec.parent}> holds ${child} ${found.length} times; authwire wraps only one.`, {
          line: lineOf(found[0]!.node),
        });
      }
      const { node, ancestors } = found[0]!;
      if (ancestors.some((a) => a.type === "JSXElement" && jsxName(a.openingElement.name) === spec.wrapper))
        return unchanged;
      wrapNode(ctx, node, spec.wrapper, spec.props ?? {}, { blockWhenAlone: true });
      return undefined;
    }
    return refuse(
      `${ctx.path}: <${spec.parent}> (line ${lineOf(parent)}) holds no ${children.join(" or ")} to wrap in <${spec.wrapper}>.`,
      {
        line: lineOf(parent),
      },
    );
  });
}
