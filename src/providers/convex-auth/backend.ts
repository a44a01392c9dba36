/**
 * The Convex side of Convex Auth, as edits: `convex/auth.ts` (the chosen providers), the HTTP
 * routes, `authTables` in the schema, the `auth.config.ts` entry and `convex/tsconfig.json` — what
 * `npx @convex-dev/auth` writes, but merged into existing files instead of printed as instructions.
 */
import type { CallExpression, Node } from "@babel/types";
import { getNodeValue, findNodeAtLocation, parseTree } from "jsonc-parser";
import { propertyKeyName, unwrapExpression, walk } from "../../code/walk.ts";
import {
  addAuthConfigProvider,
  addAuthTables,
  addHttpRouterCall,
  addImportsTo,
  createFile,
  defineEdit,
  fitSnippet,
  insertArrayElement,
  isRefusal,
  lineOf,
  refuse,
  setJsonValue,
  tsEdit,
  unchanged,
  type Edit,
} from "../../edit/index.ts";
import type { Kit } from "../../changes/kit.ts";
import type { ProjectFacts } from "../../project/facts.ts";
import { authConfigPath } from "../shared/index.ts";
import { METHOD_SPECS, RESEND_OTP_FILE } from "./methods.ts";
import type { Method } from "./options.ts";

const AUTH_TEMPLATE = `import { convexAuth } from "@convex-dev/auth/server";

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [],
});
`;

/** The `convexAuth({...})` call's options object. */
function findConvexAuthCall(ast: Node): CallExpression | undefined {
  let found: CallExpression | undefined;
  walk(ast, (node) => {
    if (
      !found &&
      node.type === "CallExpression" &&
      node.callee.type === "Identifier" &&
      node.callee.name === "convexAuth"
    )
      found = node;
  });
  return found;
}

/** Identifiers an entry refers to at its head: `GitHub`, `Resend(...)`, `Password({ … })`. */
function entryHead(node: Node): string | undefined {
  const value = unwrapExpression(node);
  if (value.type === "Identifier") return value.name;
  if (value.type === "CallExpression" && value.callee.type === "Identifier") return value.callee.name;
  return undefined;
}

/**
 * Adds the providers of `methods` to `convexAuth({ providers: [...] })` with their imports; a
 * provider already there (its import's binding heads an entry) is left as it is. Creates
 * `convex/auth.ts` when missing.
 */
export function addConvexAuthProviders(methods: Method[]): Edit {
  const specs = methods.map((method) => METHOD_SPECS[method]);
  return tsEdit(
    `add the ${specs.map((spec) => spec.providerId).join(", ")} provider${specs.length === 1 ? "" : "s"} to convexAuth`,
    (ctx) => {
      const call = findConvexAuthCall(ctx.ast.program);
      if (!call) return refuse(`${ctx.path} has no convexAuth({ providers: [...] }) call; add the providers by hand.`);
      const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
      const providers =
        options?.type === "ObjectExpression"
          ? options.properties.find((p) => p.type === "ObjectProperty" && propertyKeyName(p) === "providers")
          : undefined;
      const array = providers?.type === "ObjectProperty" ? unwrapExpression(providers.value) : undefined;
      if (array?.type !== "ArrayExpression") {
        return refuse(
          `${ctx.path}:${lineOf(call)}: convexAuth's providers is not an array literal; add the providers by hand.`,
          {
            line: lineOf(call),
          },
        );
      }
      // Which local names each module is imported under, to recognise entries whatever their name.
      const locals = new Map<string, Set<string>>();
      for (const statement of ctx.ast.program.body) {
        if (statement.type !== "ImportDeclaration") continue;
        const names = locals.get(statement.source.value) ?? new Set<string>();
        for (const specifier of statement.specifiers) names.add(specifier.local.name);
        locals.set(statement.source.value, names);
      }
      const heads = new Set(array.elements.flatMap((element) => (element ? [entryHead(element)] : [])));
      const missing = specs.filter(
        (spec) => ![...(locals.get(spec.import.from) ?? [])].some((local) => heads.has(local)),
      );
      if (missing.length === 0) return unchanged;
      for (const spec of missing) {
        const problem = addImportsTo(ctx, spec.import);
        if (problem) return problem;
      }
      // One insertion: every edit is made against the original text.
      const entries = missing.map((spec) => fitSnippet(ctx, spec.entry));
      insertArrayElement(ctx, array, { multi: entries.join(",\n"), single: entries.join(", ") });
      return undefined;
    },
    { whenMissing: () => AUTH_TEMPLATE },
  );
}

/**
 * `convex/tsconfig.json`: `"moduleResolution": "Bundler"` (any case counts) and `"skipLibCheck":
 * true`, as `npx @convex-dev/auth` ensures. A project without the file is left alone.
 */
export function ensureConvexTsconfig(): Edit {
  const setResolution = setJsonValue({ path: ["compilerOptions", "moduleResolution"], value: "Bundler" });
  const setSkipLibCheck = setJsonValue({ path: ["compilerOptions", "skipLibCheck"], value: true });
  return defineEdit("set moduleResolution Bundler and skipLibCheck", (content, file) => {
    if (content === undefined) return unchanged;
    const tree = parseTree(content, [], { allowTrailingComma: true });
    const resolution = tree && findNodeAtLocation(tree, ["compilerOptions", "moduleResolution"]);
    const edits = [
      ...(typeof (resolution && getNodeValue(resolution)) === "string" &&
      String(getNodeValue(resolution!)).toLowerCase() === "bundler"
        ? []
        : [setResolution]),
      setSkipLibCheck,
    ];
    let current = content;
    for (const edit of edits) {
      const result = edit(current, file);
      if (isRefusal(result)) return result;
      if (result !== unchanged) current = result;
    }
    return current;
  });
}

/** `convex/<name>.ts`, or the `.js` file the project already has. */
async function moduleFile(facts: ProjectFacts, name: string): Promise<string> {
  const dir = facts.convex.dir;
  for (const extension of ["ts", "js"])
    if (await facts.files.exists(`${dir}/${name}.${extension}`)) return `${dir}/${name}.${extension}`;
  return `${dir}/${name}.${facts.typescript ? "ts" : "js"}`;
}

/** Records every backend edit for the chosen methods. */
export async function planBackend(facts: ProjectFacts, methods: Method[], kit: Kit): Promise<void> {
  const dir = facts.convex.dir;
  if (await facts.files.exists(`${dir}/tsconfig.json`)) kit.file(`${dir}/tsconfig.json`, ensureConvexTsconfig());
  const authConfig = authConfigPath(facts);
  kit.file(
    authConfig,
    addAuthConfigProvider({ provider: { domain: { env: "CONVEX_SITE_URL" }, applicationID: "convex" } }),
    {
      reason: "trust the tokens Convex Auth issues (domain CONVEX_SITE_URL, built in)",
    },
  );
  if (methods.includes("resend-otp")) {
    kit.file(await moduleFile(facts, "ResendOTP"), createFile(RESEND_OTP_FILE, "add the email one-time-code provider"));
  }
  kit.file(await moduleFile(facts, "auth"), addConvexAuthProviders(methods));
  kit.file(
    await moduleFile(facts, "http"),
    addHttpRouterCall({ statement: "auth.addHttpRoutes(http);", imports: [{ from: "./auth", named: ["auth"] }] }),
    { reason: "serve Convex Auth's routes (sign-in, OAuth callbacks, JWKS)" },
  );
  kit.file(await moduleFile(facts, "schema"), addAuthTables({ from: "@convex-dev/auth/server" }));
}
