/**
 * The one change every provider makes to a client entry: the plain `<ConvexProvider client>` becomes
 * the provider's Convex bridge (`ConvexProviderWithClerk`, `ConvexProviderWithAuth0`,
 * `ConvexProviderWithAuth` + a hook…), inside the identity provider's own providers, with the
 * imports it needs and the now unused `ConvexProvider` import dropped. The same edit serves Vite's
 * `src/main.tsx`, Next's client provider and `pages/_app.tsx`, and TanStack's router.
 */
import {
  addImports,
  addTopLevelCode,
  chain,
  defineEdit,
  isRefusal,
  jsxName,
  lineOf,
  refuse,
  removeUnusedImport,
  replaceJsxElement,
  tsEdit,
  unchanged,
  wrapJsxElement,
  type Edit,
  type ImportSpec,
  type JsxProps,
  type TopLevelCodeSpec,
} from "../../edit/index.ts";
import type { Kit } from "../../changes/kit.ts";
import { walk } from "../../code/walk.ts";

export interface JsxElementSpec {
  name: string;
  /** Attributes as JSX source (`{ useAuth: "{useAuth}" }`); see `JsxProps`. */
  props?: JsxProps;
}

export interface ConvexBridgeSpec {
  /** Replaces `<ConvexProvider>`; its `client` prop and its children are kept. */
  bridge: JsxElementSpec;
  /** The identity provider's providers around the bridge, outermost first. */
  wrappers?: JsxElementSpec[];
  /** Imports the new JSX needs. */
  imports: ImportSpec[];
  /** Top-level code the JSX refers to (an adapter hook), added when the module lacks it. */
  code?: TopLevelCodeSpec[];
}

/** Convex's auth-aware providers: a Convex client takes its token from exactly one of them. */
const BRIDGES = /^(?:ConvexProviderWith\w+|ConvexAuthProvider|ConvexAuthNextjsProvider)$/;

/** The bridge edit: refuses a file already wired to another provider, else wires this one. */
export function convexBridgeEdit(spec: ConvexBridgeSpec): Edit {
  const wrappers = spec.wrappers ?? [];
  const wraps: Edit[] = [];
  let inner = spec.bridge.name;
  for (const wrapper of [...wrappers].reverse()) {
    wraps.push(wrapJsxElement({ element: inner, wrapper: wrapper.name, props: wrapper.props }));
    inner = wrapper.name;
  }
  return chain(
    `wire <${spec.bridge.name}>${wrappers.length > 0 ? ` inside <${wrappers.map((w) => w.name).join("> <")}>` : ""}`,
    refuseOtherBridge(spec.bridge),
    ...spec.imports.map((imports) => addImports(imports)),
    replaceJsxElement({ element: "ConvexProvider", name: spec.bridge.name, props: spec.bridge.props }),
    ...wraps,
    ...(spec.code ?? []).map((code) => addTopLevelCode({ position: "end", ...code })),
    removeUnusedImport({ from: "convex/react", name: "ConvexProvider" }),
  );
}

function normalize(source: string): string {
  return source.replace(/\s+/g, "");
}

/**
 * The prop already holds the value: the same text, or for a wanted `{name}` a member read of that
 * name (`{context.convexClient}` in template-tanstack-start-clerk where authwire writes `{convexClient}`).
 */
function sameValue(actual: string, wanted: string): boolean {
  const a = normalize(actual);
  const w = normalize(wanted);
  if (a === w) return true;
  const name = /^\{([A-Za-z_$][\w$]*)\}$/.exec(w)?.[1];
  return name !== undefined && new RegExp(`^\\{[\\w$]+(?:\\??\\.[\\w$]+)*\\??\\.${name}\\}$`).test(a);
}

/**
 * Another provider's bridge in the file (`<ConvexAuthProvider>` when adding Clerk), or this bridge
 * fed by something else (`<ConvexProviderWithAuth useAuth={useAuthFromAuthKit}>` when adding a
 * custom JWT): refused, since one Convex client can only take tokens from one provider.
 */
export function refuseOtherBridge(bridge: JsxElementSpec): Edit {
  return tsEdit(`check that no other provider feeds the Convex client`, (ctx) => {
    let problem: ReturnType<typeof refuse> | undefined;
    walk(ctx.ast.program, (node) => {
      if (problem || node.type !== "JSXElement") return;
      const name = jsxName(node.openingElement.name);
      if (!BRIDGES.test(name)) return;
      const line = lineOf(node);
      if (name !== bridge.name) {
        problem = refuse(
          `${ctx.path}:${line} renders <${name}>, another provider's Convex bridge; one Convex client takes its token from one provider. Remove that provider first, or wire <${bridge.name}> by hand.`,
          { line },
        );
        return;
      }
      for (const [prop, wanted] of Object.entries(bridge.props ?? {})) {
        if (wanted === true) continue;
        const attribute = node.openingElement.attributes.find(
          (a) => a.type === "JSXAttribute" && jsxName(a.name) === prop,
        );
        if (attribute?.type !== "JSXAttribute" || !attribute.value) continue;
        const actual = ctx.source.slice(attribute.value.start!, attribute.value.end!);
        if (!sameValue(actual, wanted)) {
          problem = refuse(
            `${ctx.path}:${line} already renders <${name} ${prop}=${actual}>; authwire won't rewire it to ${prop}=${wanted}. Change it by hand.`,
            {
              line,
            },
          );
          return;
        }
      }
    });
    return problem ?? unchanged;
  });
}

/** Why a module can't take `bridge` (another provider's bridge feeds its Convex client), if so. */
export function otherBridgeIn(path: string, source: string, bridge: JsxElementSpec): string | undefined {
  const result = refuseOtherBridge(bridge)(source, { path });
  return isRefusal(result) ? result.reason : undefined;
}

/**
 * Records a refusal on `path` when another provider's bridge already feeds the Convex client there
 * (nothing is recorded otherwise): for a bridge planned in one file while another file, such as a
 * TanStack root route, may render one.
 */
export async function refuseBridgeElsewhere(
  files: { read(path: string): Promise<string | undefined> },
  kit: Kit,
  path: string,
  bridge: JsxElementSpec,
): Promise<void> {
  const source = await files.read(path);
  const taken = source === undefined ? undefined : otherBridgeIn(path, source, bridge);
  if (taken)
    kit.file(
      path,
      defineEdit(`check that no other provider feeds the Convex client`, () => refuse(taken)),
    );
}
