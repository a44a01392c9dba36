/**
 * TanStack Start's router (`src/router.tsx`): the Convex quickstart renders the plain
 * `<ConvexProvider>` in `createRouter({ Wrap })`. A provider bridge replaces it there; providers
 * that use router hooks (AuthKit, most IdP SDKs) need it in `InnerWrap`, which renders inside the
 * router, so `Wrap` is renamed when it only holds the Convex provider.
 */
import type { ObjectExpression } from "@babel/types";
import { propertyKeyName, walk } from "../../code/walk.ts";
import { chain, jsxName, lineOf, refuse, tsEdit, unchanged, type Edit, type TsEditContext } from "../../edit/index.ts";
import { convexBridgeEdit, type ConvexBridgeSpec } from "./convex-bridge.ts";

export interface RouterWrapSpec extends ConvexBridgeSpec {
  /** Where the providers render: `Wrap` (outside the router) or `InnerWrap` (inside it). */
  slot: "Wrap" | "InnerWrap";
}

export function createRouterOptions(ctx: TsEditContext): ObjectExpression | undefined {
  let found: ObjectExpression | undefined;
  walk(ctx.ast.program, (node) => {
    if (
      found ||
      node.type !== "CallExpression" ||
      node.callee.type !== "Identifier" ||
      node.callee.name !== "createRouter"
    )
      return;
    const argument = node.arguments[0];
    if (argument?.type === "ObjectExpression") found = argument;
  });
  return found;
}

/** Moves the bridge from `Wrap` to `InnerWrap` by renaming the key (a Wrap holding only the Convex provider). */
function moveToInnerWrap(bridge: string): Edit {
  return tsEdit(`render <${bridge}> in the router's InnerWrap`, (ctx) => {
    const options = createRouterOptions(ctx);
    if (!options) return refuse(`${ctx.path} has no createRouter({ … }) call.`);
    const property = (key: string) =>
      options.properties.find((p) => p.type !== "SpreadElement" && propertyKeyName(p) === key);
    const renders = (node: object | undefined) => {
      let found = false;
      if (node) {
        walk(node as never, (inner) => {
          if (inner.type === "JSXElement" && jsxName(inner.openingElement.name) === bridge) found = true;
        });
      }
      return found;
    };
    const inner = property("InnerWrap");
    const outer = property("Wrap");
    if (renders(inner)) return unchanged;
    if (!outer || !renders(outer))
      return refuse(`${ctx.path}: <${bridge}> is not rendered in the router's Wrap; move it to InnerWrap by hand.`);
    if (inner) {
      return refuse(
        `${ctx.path}:${lineOf(inner)}: the router has both Wrap and InnerWrap; move <${bridge}> into InnerWrap by hand.`,
        { line: lineOf(inner) },
      );
    }
    if (outer.type !== "ObjectProperty" || outer.computed || outer.key.type !== "Identifier") {
      return refuse(
        `${ctx.path}:${lineOf(outer)}: Wrap is not a plain property; move <${bridge}> into InnerWrap by hand.`,
        { line: lineOf(outer) },
      );
    }
    ctx.s.overwrite(outer.key.start!, outer.key.end!, "InnerWrap");
    return undefined;
  });
}

/** The bridge (and its providers) in the router's Wrap or InnerWrap, replacing the plain ConvexProvider. */
export function routerWrapEdit(spec: RouterWrapSpec): Edit {
  const edits = [
    convexBridgeEdit(spec),
    ...(spec.slot === "InnerWrap" ? [moveToInnerWrap(spec.wrappers?.[0]?.name ?? spec.bridge.name)] : []),
  ];
  return chain(`wire <${spec.bridge.name}> in the router's ${spec.slot}`, ...edits);
}
