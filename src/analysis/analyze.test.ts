import { describe, expect, it } from "vitest";
import { analyzeCode } from "./analyze.ts";
import { analyze } from "./fixture.test-helper.ts";
import { BackendResolver, findUnchecked } from "./resolver.ts";

const FUNCTIONS = {
  "convex/lib.ts": `export async function requireUser(ctx) { const i = await ctx.auth.getUserIdentity(); if (!i) throw 1; return i; }`,
  "convex/tasks.ts": `import { query, mutation } from "./_generated/server";
import { requireUser } from "./lib";
export const mine = query({ args: {}, handler: async (ctx) => { await requireUser(ctx); return ctx.db.query("tasks").collect(); } });
export const all = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").collect() });
export const remove = mutation({ args: {}, handler: async (ctx, { id }) => { await ctx.db.delete(id); await requireUser(ctx); } });`,
  "convex/_generated/server.ts": `export const query = 1;`,
};

describe("analyzeCode", () => {
  it("analyses the functions folder (not _generated) and resolves helpers across files", async () => {
    const facts = await analyze(FUNCTIONS);
    expect([...facts.backend.modules.keys()]).toEqual(["convex/lib.ts", "convex/tasks.ts"]);
    const unchecked = findUnchecked(new BackendResolver(facts.backend, "convex"));
    expect(unchecked.map((entry) => [entry.fn.name, entry.writes, entry.sensitive])).toEqual([
      ["all", false, false],
      ["remove", true, true],
    ]);
  });

  it("leaves out a local component's folder (Better Auth's local install): only the app calls its functions", async () => {
    const facts = await analyze({
      ...FUNCTIONS,
      "convex/convex.config.ts": `import { defineApp } from "convex/server";\nimport betterAuth from "./betterAuth/convex.config";\nconst app = defineApp();\napp.use(betterAuth);\nexport default app;`,
      "convex/betterAuth/convex.config.ts": `import { defineComponent } from "convex/server";\nexport default defineComponent("betterAuth");`,
      "convex/betterAuth/authUser.ts": `import { mutation } from "./_generated/server";\nexport const setUserId = mutation({ args: {}, handler: async (ctx, args) => ctx.db.patch(args.authId, { userId: args.userId }) });`,
      // Near miss: a folder with a config that defines no component is part of the app.
      "convex/admin/convex.config.ts": `export default {};`,
      "convex/admin/tools.ts": `import { query } from "../_generated/server";\nexport const all = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").collect() });`,
    });
    expect([...facts.backend.modules.keys()].filter((file) => !file.endsWith("convex.config.ts"))).toEqual([
      "convex/admin/tools.ts",
      "convex/lib.ts",
      "convex/tasks.ts",
    ]);
  });

  it("parses client files only when an entry or when the text mentions Convex, an auth SDK or env", async () => {
    const files = {
      "src/main.tsx": `import App from "./App"; createRoot(el).render(<App />);`,
      "src/provider.tsx": `import { ConvexProvider } from "convex/react";`,
      "src/auth.ts": `import { useUser } from "@clerk/clerk-react";`,
      "src/env.ts": `export const url = import.meta.env.VITE_URL;`,
      "src/button.tsx": `export const Button = () => <button />;`,
      "src/util.ts": `export const add = (a: number, b: number) => a + b;`,
      "src/broken.ts": `export const = ;`,
    };
    const reads: string[] = [];
    const facts = await analyzeCode({
      read: async (path) => (reads.push(path), files[path as keyof typeof files]),
      codeFiles: Object.keys(files),
      convexDir: "convex",
      clientEntries: ["src/main.tsx", null],
    });
    expect([...facts.client.files.keys()].sort()).toEqual([
      "src/auth.ts",
      "src/env.ts",
      "src/main.tsx",
      "src/provider.tsx",
    ]);
    expect(facts.prefiltered).toBe(3);
    // The broken file was prefiltered (no marker) and so never parsed: no syntax error reported.
    expect(facts.skipped).toEqual([]);
  });

  it("reports unreadable and unparsable files as skipped", async () => {
    const facts = await analyze({ "convex/bad.ts": `export const = ;`, "src/x.ts": `import "convex/react"; let = ;` });
    expect(facts.skipped.map((skipped) => skipped.file)).toEqual(["convex/bad.ts", "src/x.ts"]);
    expect(facts.skipped[0]!.reason).toMatch(/^syntax error at 1:\d+/);
    const unreadable = await analyzeCode({
      read: async () => undefined,
      codeFiles: ["convex/a.ts"],
      convexDir: "convex",
    });
    expect(unreadable.skipped).toEqual([{ file: "convex/a.ts", reason: expect.stringMatching(/^not read/) }]);
  });

  it("runs only the parts asked for, reading nothing for a part not asked", async () => {
    const reads: string[] = [];
    const files: Record<string, string> = { ...FUNCTIONS, "src/p.tsx": `import "convex/react";` };
    const facts = await analyzeCode({
      read: async (path) => (reads.push(path), files[path]),
      codeFiles: Object.keys(files),
      convexDir: "convex",
      parts: { backend: false, client: true },
    });
    expect(reads).toEqual(["src/p.tsx"]);
    expect(facts.backend.modules.size).toBe(0);
    expect([...facts.client.files.keys()]).toEqual(["src/p.tsx"]);
  });
});
