/**
 * The client wiring every framework shares: `<ConvexProvider>` becomes `<ConvexBetterAuthProvider
 * client={convex} authClient={authClient}>`, with the auth client module beside the app's code and
 * a sign-in form. With `replace`, another provider's Convex bridge (`<ConvexAuthProvider>`,
 * `<ConvexProviderWithClerk>`…) is what gets replaced.
 */
import type { Kit } from "../../changes/kit.ts";
import { parseCode } from "../../code/parse.ts";
import { walk } from "../../code/walk.ts";
import type { JSXElement } from "@babel/types";
import {
  addImportsTo,
  createFile,
  defineEdit,
  jsxName,
  lineOf,
  refuse,
  removeUnusedImport,
  tsEdit,
  unchanged,
  type Edit,
} from "../../edit/index.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { sourceExtension } from "../frameworks.ts";
import { PROFILES, PROFILE_ORDER } from "../profiles.ts";
import { convexBridgeEdit, relativeImport } from "../shared/index.ts";
import type { BetterAuthMethod } from "./options.ts";
import { authClientSource, signInSource } from "./ui.ts";

export const BRIDGE = "ConvexBetterAuthProvider";

/** What a replaced bridge leaves unused: the bridge's own import and the hook it was fed. */
const CONVEX_AUTH = PROFILES["convex-auth"].packages.sdk[0]!;
const REPLACED_IMPORTS: [string, string][] = [
  [`${CONVEX_AUTH}/react`, "ConvexAuthProvider"],
  [`${CONVEX_AUTH}/nextjs`, "ConvexAuthNextjsProvider"],
  ...PROFILE_ORDER.flatMap((profile): [string, string][] =>
    profile.client.bridge ? [[profile.client.bridge.module, profile.client.bridge.name]] : [],
  ),
  ...PROFILES.clerk.packages.sdk.map((sdk): [string, string] => [sdk, "useAuth"]),
];
const OTHER_BRIDGES = /^(?:ConvexProviderWith\w+|ConvexAuthProvider|ConvexAuthNextjsProvider)$/;

/** The Convex bridge edit for the module at `path`, importing the auth client from `authClientPath`. */
export function bridgeEdit(path: string, authClientPath: string, { replace }: { replace: boolean }): Edit {
  const spec = {
    bridge: { name: BRIDGE, props: { authClient: "{providerAuthClient}" } },
    imports: [
      { from: "@convex-dev/better-auth/react", named: [BRIDGE] },
      { from: relativeImport(path, authClientPath), named: ["providerAuthClient"] },
    ],
  };
  const wire = convexBridgeEdit(spec);
  // A module that already renders <ConvexBetterAuthProvider> (whatever its props) is wired.
  const plain = defineEdit(wire.description, (content, file) => {
    const parsed = content === undefined ? undefined : parseCode(file.path, content);
    let wired = false;
    if (parsed?.ok)
      walk(parsed.ast.program, (node) => {
        if (node.type === "JSXElement" && jsxName(node.openingElement.name) === BRIDGE) wired = true;
      });
    return wired ? unchanged : wire(content, file);
  });
  if (!replace) return plain;
  // --replace: the other provider's bridge element becomes ours (its `client` prop and children kept).
  return tsEdit(`replace the other provider's Convex bridge with <${BRIDGE}>`, (ctx) => {
    let other: JSXElement | undefined;
    walk(ctx.ast.program, (node) => {
      if (other || node.type !== "JSXElement") return;
      const name = jsxName(node.openingElement.name);
      if (name !== BRIDGE && OTHER_BRIDGES.test(name)) other = node;
    });
    if (!other) return unchanged;
    const opening = other.openingElement;
    const client = opening.attributes.find((a) => a.type === "JSXAttribute" && jsxName(a.name) === "client");
    if (!client)
      return refuse(
        `${ctx.path}:${lineOf(other)}: <${jsxName(opening.name)}> has no client prop; wire <${BRIDGE}> by hand.`,
      );
    const attributes = `${ctx.source.slice(client.start!, client.end!)} authClient={providerAuthClient}`;
    ctx.s.overwrite(opening.start!, opening.end!, `<${BRIDGE} ${attributes}${opening.selfClosing ? " />" : ">"}`);
    if (other.closingElement) ctx.s.overwrite(other.closingElement.start!, other.closingElement.end!, `</${BRIDGE}>`);
    for (const imports of spec.imports) {
      const problem = addImportsTo(ctx, imports);
      if (problem) return problem;
    }
    return undefined;
  });
}

export function planClient(
  facts: ProjectFacts,
  kit: Kit,
  {
    entry,
    codeDir,
    spa,
    envExpression,
    methods,
    replace,
    useClient,
  }: {
    entry: string;
    codeDir: string;
    spa: boolean;
    envExpression: string;
    methods: BetterAuthMethod[];
    replace: boolean;
    useClient: boolean;
  },
): string {
  const base = codeDir === "" ? "" : `${codeDir}/`;
  const authClient = `${base}lib/auth-client.${sourceExtension(facts, false)}`;
  kit.file(
    authClient,
    createFile(authClientSource({ spa, envExpression, typescript: facts.typescript }), "create the Better Auth client"),
  );
  if (replace) {
    kit.file(entry, bridgeEdit(entry, authClient, { replace: true }));
    for (const [from, name] of REPLACED_IMPORTS) kit.file(entry, removeUnusedImport({ from, name }));
  }
  kit.file(entry, bridgeEdit(entry, authClient, { replace: false }));
  kit.file(entry, removeUnusedImport({ from: "convex/react", name: "ConvexProvider" }));
  const signIn = `${base}${spa ? "" : "components/"}SignIn.${sourceExtension(facts, true)}`;
  kit.file(
    signIn,
    createFile(
      signInSource({
        methods,
        authClientImport: relativeImport(signIn, authClient),
        useClient,
        typescript: facts.typescript,
      }),
      "add a sign-in form (email and password, social buttons), gated on Convex's auth state",
    ),
  );
  return authClient;
}
