// Generates a repo shaped like a real Vite + Convex app in a monorepo (issue 18): ~6,000 code
// files, most of them outside convex/, realistic sizes (tens to hundreds of lines, a few very
// large generated files), a small share of client files wired to Convex or Clerk. Deterministic.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A small seeded PRNG (mulberry32): the same repo every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sizes skewed like real source files: most small, a long tail. */
function lines(rand, median) {
  return Math.max(8, Math.round(median * Math.exp((rand() - 0.5) * 2.2)));
}

function component(rand, name, index, extraImports) {
  const props = Array.from(
    { length: 2 + Math.floor(rand() * 5) },
    (_, i) => `  field${i}: ${["string", "number", "boolean"][i % 3]};`,
  );
  const body = [];
  const target = lines(rand, 40);
  for (let i = 0; body.length < target; i += 1) {
    body.push(
      `  const value${i} = useMemo(() => items.filter((item) => item.id % ${i + 2} === 0).map((item) => ({ ...item, label: \`\${item.name} #${i}\` })), [items]);`,
      `  if (value${i}.length > ${i * 3}) console.debug("${name}", value${i}.length);`,
    );
  }
  return `import { useMemo, useState } from "react";
${extraImports}import { cn } from "../../lib/cn";
import type { Item } from "../../lib/types";

export interface ${name}Props {
${props.join("\n")}
  items: Item[];
}

/** ${name}: generated component ${index}. */
export function ${name}({ items, ...rest }: ${name}Props) {
  const [open, setOpen] = useState(false);
${body.join("\n")}
  return (
    <section className={cn("panel", open && "open")} data-count={items.length}>
      <header onClick={() => setOpen(!open)}>{rest.field0 ?? "${name}"}</header>
      {open && (
        <ul>
          {items.map((item) => (
            <li key={item.id} title={item.name}>
              {item.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default ${name};
`;
}

function util(rand, name) {
  const out = [`/** ${name}: helpers. */`, `import type { Item } from "./types";`, ""];
  const target = lines(rand, 40);
  for (let i = 0; out.length < target; i += 1) {
    out.push(
      `export function ${name}${i}(items: readonly Item[], limit = ${i + 10}): Item[] {`,
      `  const seen = new Set<number>();`,
      `  return items.filter((item) => !seen.has(item.id) && seen.add(item.id) && item.id < limit).sort((a, b) => a.name.localeCompare(b.name));`,
      `}`,
      "",
    );
  }
  return out.join("\n");
}

function testFile(rand, name) {
  const out = [
    `import { describe, expect, it } from "vitest";`,
    `import { ${name}0 } from "../lib/${name}";`,
    "",
    `describe("${name}", () => {`,
  ];
  const target = lines(rand, 50);
  for (let i = 0; out.length < target; i += 1) {
    out.push(
      `  it("case ${i}", () => {`,
      `    expect(${name}0([{ id: ${i}, name: "n${i}" }], ${i + 5})).toHaveLength(${i < i + 5 ? 1 : 0});`,
      `  });`,
    );
  }
  out.push(`});`, "");
  return out.join("\n");
}

function convexModule(rand, index, tables) {
  const table = tables[index % tables.length];
  const out = [
    `import { v } from "convex/values";`,
    `import { query, mutation, internalMutation } from "./_generated/server";`,
    `import { getCurrentUserOrThrow } from "./lib/auth";`,
    "",
  ];
  const count = 2 + Math.floor(rand() * 6);
  for (let i = 0; i < count; i += 1) {
    out.push(
      `export const list${i} = query({`,
      `  args: { limit: v.optional(v.number()), cursor: v.optional(v.string()) },`,
      `  handler: async (ctx, args) => {`,
      `    const user = await getCurrentUserOrThrow(ctx);`,
      `    const rows = await ctx.db.query("${table}").withIndex("by_owner", (q) => q.eq("owner", user._id)).order("desc").take(args.limit ?? 50);`,
      `    return rows.map((row) => ({ id: row._id, title: row.title.trim(), at: row._creationTime }));`,
      `  },`,
      `});`,
      "",
      `export const update${i} = mutation({`,
      `  args: { id: v.id("${table}"), title: v.string() },`,
      `  handler: async (ctx, { id, title }) => {`,
      `    const user = await getCurrentUserOrThrow(ctx);`,
      `    const row = await ctx.db.get(id);`,
      `    if (!row || row.owner !== user._id) throw new Error("Not found");`,
      `    await ctx.db.patch(id, { title });`,
      `  },`,
      `});`,
      "",
      `export const purge${i} = internalMutation({`,
      `  args: { before: v.number() },`,
      `  handler: async (ctx, { before }) => {`,
      `    const old = await ctx.db.query("${table}").filter((q) => q.lt(q.field("_creationTime"), before)).take(100);`,
      `    for (const row of old) await ctx.db.delete(row._id);`,
      `  },`,
      `});`,
      "",
    );
  }
  return out.join("\n");
}

/** A big generated file (API client, i18n table): `count` lines of plain data. */
function large(kind, count) {
  const out = [`// Generated ${kind}. Do not edit.`, `export const ${kind} = {`];
  for (let i = 0; i < count; i += 1)
    out.push(
      `  key_${i}: { id: ${i}, label: "Label number ${i} for ${kind}", path: "/api/v1/${kind}/${i}", enabled: ${i % 2 === 0} },`,
    );
  out.push(`} as const;`, "");
  return out.join("\n");
}

/**
 * Writes the repo under `root`; returns the app folder (the one doctor runs in) and counts.
 * `FILES` (default 6000) is the number of code files in the app.
 */
export function generateRealRepo(root, total = 6000) {
  const rand = random(18);
  const write = (path, text) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("package.json", JSON.stringify({ name: "mono", private: true, workspaces: ["apps/*", "packages/*"] }));
  write("packages/config/package.json", JSON.stringify({ name: "config" }));
  const app = "apps/web";
  write(
    `${app}/package.json`,
    JSON.stringify({
      name: "web",
      scripts: { dev: "vite" },
      dependencies: { convex: "^1.48.0", react: "^19", "react-dom": "^19", "@clerk/clerk-react": "^5.61.10" },
      devDependencies: { vite: "^8", typescript: "^5.9.3" },
    }),
  );
  write(`${app}/tsconfig.json`, "{}\n");
  write(`${app}/.gitignore`, "node_modules\n*.local\n");
  write(
    `${app}/.env.local`,
    "CONVEX_DEPLOYMENT=dev:happy-animal-123\nVITE_CONVEX_URL=https://happy-animal-123.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=pk_test_Zm9vLmNsZXJrLmFjY291bnRzLmRldiQ\n",
  );
  let files = 0;
  const code = (path, text) => {
    write(`${app}/${path}`, text);
    files += 1;
  };
  code(
    "src/main.tsx",
    `import { ClerkProvider, useAuth } from "@clerk/clerk-react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";\nimport { createRoot } from "react-dom/client";\nimport App from "./App";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\ncreateRoot(document.getElementById("root")!).render(<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><App /></ConvexProviderWithClerk></ClerkProvider>);\n`,
  );
  code(
    "src/App.tsx",
    `import { Authenticated } from "convex/react";\nexport default function App() { return <Authenticated><p>hi</p></Authenticated>; }\n`,
  );
  code("src/lib/cn.ts", `export const cn = (...parts: unknown[]) => parts.filter(Boolean).join(" ");\n`);
  code("src/lib/types.ts", `export interface Item { id: number; name: string }\n`);
  // convex/: ~3% of the files.
  const tables = ["tasks", "projects", "comments", "files", "events", "invoices"];
  code(
    "convex/auth.config.ts",
    `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n`,
  );
  code(
    "convex/schema.ts",
    `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),\n${tables.map((t) => `  ${t}: defineTable({ owner: v.id("users"), title: v.string() }).index("by_owner", ["owner"]),`).join("\n")}\n});\n`,
  );
  code(
    "convex/lib/auth.ts",
    `import type { QueryCtx } from "../_generated/server";\nexport async function getCurrentUserOrThrow(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) throw new Error("Not authenticated");\n  const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();\n  if (!user) throw new Error("No user");\n  return user;\n}\n`,
  );
  const convexCount = Math.round(total * 0.03);
  for (let i = 0; i < convexCount; i += 1)
    code(`convex/m${Math.floor(i / 40)}/module${i}.ts`, convexModule(rand, i, tables));
  // A few large files outside convex/ (generated clients, i18n, data), and one in convex/.
  code("src/generated/api-client.ts", large("apiClient", 9000));
  code("src/i18n/messages.ts", large("messages", 7000));
  code("src/data/fixtures.ts", large("fixtures", 4000));
  code("convex/seedData.ts", large("seed", 3000));
  // The rest: components, hooks, utils, pages, tests; a few use Convex or Clerk or read env.
  const utils = [];
  for (let i = 0; i < 60; i += 1) {
    utils.push(`u${i}`);
    code(`src/lib/u${i}.ts`, util(rand, `u${i}`));
  }
  let index = 0;
  while (files < total) {
    const roll = rand();
    const name = `C${index}`;
    const folder = `src/features/f${Math.floor(index / 80)}`;
    if (roll < 0.18) {
      code(`${folder}/${name}.test.tsx`, testFile(rand, utils[index % utils.length]));
    } else if (roll < 0.3) {
      code(
        `${folder}/use${name}.ts`,
        util(rand, `use${name}`).replace(
          'import type { Item } from "./types";',
          'import type { Item } from "../../lib/types";',
        ),
      );
    } else {
      let extra = "";
      const kind = rand();
      if (kind < 0.03)
        extra = `import { useQuery } from "convex/react";\nimport { api } from "../../../convex/_generated/api";\n`;
      else if (kind < 0.04) extra = `import { useUser } from "@clerk/clerk-react";\n`;
      else if (kind < 0.06) extra = `const API = import.meta.env.VITE_API_URL;\n`;
      code(`${folder}/${name}.tsx`, component(rand, name, index, extra));
    }
    index += 1;
  }
  return { app: join(root, app), files };
}
