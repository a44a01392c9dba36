/** The Convex-side edits of `add convex-auth` on the shapes real apps have: merged, idempotent, refused when unsure. */
import { describe, expect, it } from "vitest";
import { addHttpRouterCall, isRefusal, unchanged, type Edit } from "../../edit/index.ts";
import { addConvexAuthProviders, ensureConvexTsconfig } from "./backend.ts";

/** Runs an edit and checks it is idempotent: its own output comes back unchanged. */
function apply(edit: Edit, input: string | undefined, path: string): string {
  const result = edit(input, { path });
  if (typeof result !== "string")
    throw new Error(`expected new content, got ${isRefusal(result) ? result.reason : "unchanged"}`);
  expect(edit(result, { path })).toBe(unchanged);
  return result;
}

describe("ensureConvexTsconfig", () => {
  const path = "convex/tsconfig.json";

  it("sets moduleResolution Bundler and skipLibCheck, keeping comments and the rest byte for byte", () => {
    const input = `{
  /* Convex functions' environment */
  "compilerOptions": {
    "strict": true, // keep me
    "moduleResolution": "node",
    "target": "ESNext"
  }
}
`;
    expect(apply(ensureConvexTsconfig(), input, path)).toBe(`{
  /* Convex functions' environment */
  "compilerOptions": {
    "strict": true, // keep me
    "moduleResolution": "Bundler",
    "target": "ESNext",
    "skipLibCheck": true
  }
}
`);
  });

  it("any case of bundler counts (as npx @convex-dev/auth matches it); an existing skipLibCheck: false becomes true", () => {
    const input = `{ "compilerOptions": { "moduleResolution": "bundler", "skipLibCheck": false } }\n`;
    expect(apply(ensureConvexTsconfig(), input, path)).toBe(
      `{ "compilerOptions": { "moduleResolution": "bundler", "skipLibCheck": true } }\n`,
    );
    expect(
      ensureConvexTsconfig()(`{ "compilerOptions": { "moduleResolution": "BUNDLER", "skipLibCheck": true } }`, {
        path,
      }),
    ).toBe(unchanged);
  });

  it("a missing file is left alone; a broken one is refused with its position", () => {
    expect(ensureConvexTsconfig()(undefined, { path })).toBe(unchanged);
    const refused = ensureConvexTsconfig()(`{ "compilerOptions": { "strict": true,, } }`, { path });
    expect(isRefusal(refused) && refused.line).toBe(1);
  });
});

describe("addConvexAuthProviders", () => {
  const path = "convex/auth.ts";

  it("creates convex/auth.ts with the providers and their imports", () => {
    expect(apply(addConvexAuthProviders(["password", "github"]), undefined, path))
      .toBe(`import { convexAuth } from "@convex-dev/auth/server";
import { Password } from "@convex-dev/auth/providers/Password";
import GitHub from "@auth/core/providers/github";

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [
    Password,
    GitHub,
  ],
});
`);
  });

  it("adds only the missing providers, in the file's style; a provider configured with options counts as present", () => {
    const input = `import { convexAuth } from '@convex-dev/auth/server'
import GitHubProvider from '@auth/core/providers/github'

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
    providers: [
        GitHubProvider({ allowDangerousEmailAccountLinking: true }),
    ],
})
`;
    expect(apply(addConvexAuthProviders(["github", "anonymous"]), input, path))
      .toBe(`import { convexAuth } from '@convex-dev/auth/server'
import GitHubProvider from '@auth/core/providers/github'
import { Anonymous } from '@convex-dev/auth/providers/Anonymous'

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
    providers: [
        GitHubProvider({ allowDangerousEmailAccountLinking: true }),
        Anonymous,
    ],
})
`);
  });

  it("refuses a file without a convexAuth({ providers: [...] }) literal", () => {
    const noCall = addConvexAuthProviders(["password"])(`export const x = 1;\n`, { path });
    expect(isRefusal(noCall) && noCall.reason).toContain("has no convexAuth({ providers: [...] }) call");
    const computed = addConvexAuthProviders(["password"])(
      `import { convexAuth } from "@convex-dev/auth/server";\nconst providers = [];\nexport const { auth } = convexAuth({ providers });\n`,
      { path },
    );
    expect(isRefusal(computed) && computed.reason).toContain("providers is not an array literal");
  });
});

describe("convex/http.ts with other routes", () => {
  it("auth.addHttpRoutes goes right after httpRouter(), the other routes stay", () => {
    const input = `import { httpRouter } from "convex/server";
import { webhook } from "./webhook";

const http = httpRouter();

http.route({ path: "/webhook", method: "POST", handler: webhook });

export default http;
`;
    const edit = addHttpRouterCall({
      statement: "auth.addHttpRoutes(http);",
      imports: [{ from: "./auth", named: ["auth"] }],
    });
    expect(apply(edit, input, "convex/http.ts")).toBe(`import { httpRouter } from "convex/server";
import { webhook } from "./webhook";
import { auth } from "./auth";

const http = httpRouter();

auth.addHttpRoutes(http);

http.route({ path: "/webhook", method: "POST", handler: webhook });

export default http;
`);
  });
});
