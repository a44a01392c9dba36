import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isNoop } from "../changes/plan.ts";
import { memoryFiles } from "../project/files.ts";
import { USERS_SCHEMA, USERS_TS } from "../../test/helpers/backend.ts";
import { copyFixture, tempDir } from "../../test/helpers/project.ts";
import {
  nextClerk,
  tanstackClerk,
  viteBaseline,
  viteClerk,
  viteConvexAuth,
  withFiles,
  type Files,
} from "../../test/helpers/projects.ts";
import { appliedFiles, functionFindings, planLines, planned, problems } from "../../test/helpers/scaffold.ts";
import { BA_AUTH_TS, viteBetterAuth } from "../../test/helpers/better-auth-app.ts";
import { applyUsers, planUsers, toUsersJson } from "./users.ts";

const APPS = resolve(import.meta.dirname, "../../test/fixtures/apps");
const temp = tempDir("authwire-users-");
afterAll(temp.cleanup);
/** A fresh copy of a fixture app (each in its own folder). */
const copy = (app: string): string => copyFixture(`apps/${app}`, mkdtempSync(join(temp.dir, "app-")));

const virtual = (files: Files, rbac = false, client?: boolean) =>
  planUsers({
    cwd: "/virtual",
    files: memoryFiles(files),
    rbac,
    git: false,
    env: {},
    ...(client === false && { client }),
  });

describe("authwire users on the fixture apps (applied to a copy, then the doctor and a second plan)", () => {
  it.each([
    ["vite-clerk-done", "clerk", "src/useStoreUserEffect.ts"],
    ["vite-workos-done", "workos", "src/useStoreUserEffect.ts"],
    ["vite-custom-jwt-done", "custom-jwt", "src/useStoreUserEffect.ts"],
    ["next-app-auth0-done", "auth0", "app/useStoreUserEffect.ts"],
  ])(
    "%s (%s): users table, convex/users.ts and the hook; no AW6xx problem after; a second run only skips",
    async (fixture, provider, hook) => {
      const app = copy(fixture);
      const users = await planUsers({ cwd: app, git: false });
      expect(users.provider).toBe(provider);
      expect(planLines(users.plan)).toEqual(["modify convex/schema.ts", "create convex/users.ts", `create ${hook}`]);

      const schema = planned(users.plan, "convex/schema.ts");
      expect(schema).toContain(
        "  users: defineTable({\n    tokenIdentifier: v.string(),\n    name: v.optional(v.string()),",
      );
      expect(schema).toContain('}).index("by_token", ["tokenIdentifier"]),\n});');
      const code = planned(users.plan, "convex/users.ts");
      expect(code).toContain("export const store = mutation({");
      expect(code).toContain('.withIndex("by_token", (q) => q.eq("tokenIdentifier", tokenIdentifier))');
      expect(code).toContain("export async function getCurrentUser(ctx: QueryCtx) {");
      expect(code).toContain("export async function getCurrentUserOrThrow(ctx: QueryCtx) {");
      expect(code).toContain("export const current = query({");
      expect(code).not.toMatch(/ctx: any/);
      // customJwt keeps the raw `picture` claim; OIDC providers map it to pictureUrl.
      expect(code).toContain(
        provider === "workos" || provider === "custom-jwt"
          ? 'pictureUrl: typeof identity.picture === "string" ? identity.picture : undefined,'
          : "pictureUrl: identity.pictureUrl,",
      );
      const hookCode = planned(users.plan, hook);
      expect(hookCode).toContain("const storeUser = useMutation(api.users.store);");
      expect(hookCode).toContain('const [userId, setUserId] = useState<Id<"users"> | null>(null);');
      expect(hookCode).toContain('import { api } from "../convex/_generated/api";');

      await applyUsers(users);
      expect(readFileSync(join(app, "convex/users.ts"), "utf8")).toBe(code);
      expect(problems(await functionFindings({ cwd: app }))).toEqual([]);
      const again = await planUsers({ cwd: app, git: false });
      expect(isNoop(again.plan)).toBe(true);
      expect(again.plan.items.every((item) => item.action === "skip")).toBe(true);
    },
  );

  /** A copy of a fixture whose schema also holds the given tables. */
  const withTables = (fixture: string, tables: string): string => {
    const app = copy(fixture);
    const path = join(app, "convex/schema.ts");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("export default defineSchema({\n", `export default defineSchema({\n${tables}`),
    );
    return app;
  };
  const ORGS = "  orgs: defineTable({ name: v.string() }),\n";

  it("--rbac with an orgs table: memberships keyed by v.id(orgs) with a ranked role union and three indexes; doctor clean; idempotent", async () => {
    const app = withTables("vite-clerk-done", ORGS);
    const users = await planUsers({ cwd: app, rbac: true, git: false });
    expect(planLines(users.plan)).toEqual([
      "modify convex/schema.ts",
      "create convex/users.ts",
      "create src/useStoreUserEffect.ts",
      "create convex/roles.ts",
    ]);
    expect(planned(users.plan, "convex/schema.ts")).toContain(
      [
        "  memberships: defineTable({",
        '    userId: v.id("users"),',
        '    orgId: v.id("orgs"),',
        '    role: v.union(v.literal("admin"), v.literal("member"), v.literal("viewer")),',
        "  })",
        '    .index("by_user", ["userId"])',
        '    .index("by_org", ["orgId"])',
        '    .index("by_user_and_org", ["userId", "orgId"]),',
      ].join("\n"),
    );
    const roles = planned(users.plan, "convex/roles.ts");
    expect(roles).toContain('export const ROLES = ["admin", "member", "viewer"] as const satisfies readonly Role[];');
    expect(roles).toContain('export async function getMembership(ctx: QueryCtx, orgId: Id<"orgs">) {');
    expect(roles).toContain('export async function requireRole(ctx: QueryCtx, orgId: Id<"orgs">, atLeast: Role) {');
    // Ranked, per organization, and never from the token's claims.
    expect(roles).toContain("ROLES.indexOf(membership.role) > ROLES.indexOf(atLeast)");
    expect(roles).toContain('.withIndex("by_user_and_org", (q) => q.eq("userId", userId).eq("orgId", orgId))');
    expect(roles).not.toMatch(/org_id|org_role|getUserIdentity/);
    expect(roles).toContain("export const grantRole = internalMutation({");
    expect(roles).toContain('import { getCurrentUser, getCurrentUserOrThrow } from "./users";');
    expect(users.nextSteps.join("\n")).toContain("never the token's organization claims");

    await applyUsers(users);
    expect(problems(await functionFindings({ cwd: app }))).toEqual([]);
    expect(isNoop((await planUsers({ cwd: app, rbac: true, git: false })).plan)).toBe(true);
  });

  it("--rbac without an organizations table: app-wide ranked roles; --roles sets the ranking", async () => {
    const users = await planUsers({
      cwd: copy("next-app-auth0-done"),
      rbac: true,
      roles: ["owner", "editor"],
      git: false,
    });
    expect(planned(users.plan, "convex/schema.ts")).toContain(
      '  memberships: defineTable({\n    userId: v.id("users"),\n    role: v.union(v.literal("owner"), v.literal("editor")),\n  }).index("by_user", ["userId"]),',
    );
    const roles = planned(users.plan, "convex/roles.ts");
    expect(roles).toContain("export async function requireRole(ctx: QueryCtx, atLeast: Role) {");
    expect(roles).toContain('.withIndex("by_user", (q) => q.eq("userId", userId))');
    expect(users.nextSteps.join("\n")).toContain("roles are app-wide; pass --org-table NAME");
  });

  it("--org-table picks among several candidates; an ambiguous or unknown table is a usage error before any plan", async () => {
    const app = withTables("vite-clerk-done", ORGS + "  teams: defineTable({ name: v.string() }),\n");
    await expect(planUsers({ cwd: app, rbac: true, git: false })).rejects.toThrow(
      "Several tables could hold the organizations roles belong to: orgs, teams.",
    );
    await expect(planUsers({ cwd: app, rbac: true, orgTable: "companies", git: false })).rejects.toThrow(
      '--org-table companies: the schema has no table "companies".',
    );
    await expect(planUsers({ cwd: app, rbac: true, roles: ["admin", "Bad Role"], git: false })).rejects.toThrow(
      '--roles: "Bad Role" isn\'t a role name.',
    );
    const users = await planUsers({ cwd: app, rbac: true, orgTable: "teams", git: false });
    expect(planned(users.plan, "convex/roles.ts")).toContain('orgId: Id<"teams">');
  });

  it("--rbac beside a memberships table of another shape: roles.ts refused with the reason, the rest planned", async () => {
    const app = withTables(
      "vite-clerk-done",
      ORGS + '  memberships: defineTable({ userId: v.id("users"), role: v.string() }).index("by_user", ["userId"]),\n',
    );
    const users = await planUsers({ cwd: app, rbac: true, git: false });
    const refused = users.plan.items.find((item) => item.path === "convex/roles.ts");
    expect(refused?.action).toBe("skip");
    expect(refused?.reason).toContain("roles need userId, orgId, role and the by_user_and_org index");
  });

  it("Convex Auth: no second users table, helpers over getAuthUserId, no store or hook; --rbac adds memberships", async () => {
    const app = copy("vite-convex-auth-done");
    const users = await planUsers({ cwd: app, rbac: true, git: false });
    expect(users.provider).toBe("convex-auth");
    expect(planLines(users.plan)).toEqual([
      "create convex/users.ts",
      "modify convex/schema.ts",
      "create convex/roles.ts",
    ]);
    const code = planned(users.plan, "convex/users.ts");
    expect(code).toContain('import { getAuthUserId } from "@convex-dev/auth/server";');
    expect(code).toContain("const userId = await getAuthUserId(ctx);");
    expect(code).not.toContain("tokenIdentifier");
    expect(code).not.toContain("export const store");
    const schema = planned(users.plan, "convex/schema.ts");
    expect(schema).not.toMatch(/^\s+users:/m);
    expect(schema).toContain("  memberships: defineTable({");

    await applyUsers(users);
    const findings = await functionFindings({ cwd: app });
    expect(problems(findings)).toEqual([]);
    expect(findings.filter((finding) => finding.code === "AW506")).toEqual([]);
    expect(isNoop((await planUsers({ cwd: app, rbac: true, git: false })).plan)).toBe(true);
  });

  it("JSON is the plan shape (version 1) with the provider, rbac and next steps", async () => {
    const users = await planUsers({ cwd: join(APPS, "vite-clerk-done"), git: false });
    expect(toUsersJson(users, { applied: false })).toMatchObject({
      version: 1,
      provider: "clerk",
      rbac: false,
      applied: false,
      plan: [
        { action: "modify", path: "convex/schema.ts", by: "users" },
        { action: "create", path: "convex/users.ts", by: "users" },
        { action: "create", path: "src/useStoreUserEffect.ts", by: "users" },
      ],
      env: [],
      install: [],
      nextSteps: [expect.stringContaining("useStoreUserEffect()"), expect.stringContaining("getCurrentUser(ctx)")],
    });
  });
});

describe("authwire users on existing setups (virtual projects)", () => {
  const app = viteClerk();

  it("the docs' users table and store already there: only the hook is added, calling that store", async () => {
    const files = withFiles(app, { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": USERS_TS });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual(["skip convex/users.ts", "create src/useStoreUserEffect.ts"]);
    expect(planned(users.plan, "src/useStoreUserEffect.ts")).toContain("useMutation(api.users.store)");
    expect(isNoop((await virtual(appliedFiles(files, users.plan))).plan)).toBe(true);
  });

  it("a users table keyed by externalId (the webhook pattern) is left alone, with the reason", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  users: defineTable({ name: v.string(), externalId: v.string() }).index("byExternalId", ["externalId"]),\n});\n`,
    });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual(["skip convex/schema.ts"]);
    expect(users.plan.items[0]!.reason).toContain("keyed by externalId, not tokenIdentifier");
    expect(users.plan.warnings).toMatchObject([{ code: "edit_refused", file: "convex/schema.ts", line: 5 }]);
  });

  it("a users table with tokenIdentifier but no index and a required name: adds by_token, store fills name", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  users: defineTable({\n    name: v.string(),\n    tokenIdentifier: v.string(),\n  }),\n});\n`,
    });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual([
      "modify convex/schema.ts",
      "create convex/users.ts",
      "create src/useStoreUserEffect.ts",
    ]);
    expect(planned(users.plan, "convex/schema.ts")).toContain('  }).index("by_token", ["tokenIdentifier"]),');
    const code = planned(users.plan, "convex/users.ts");
    expect(code).toContain('    name: identity.name ?? "Anonymous",\n  };');
    expect(code).not.toContain("email:");
    const after = appliedFiles(files, users.plan);
    expect(problems(await functionFindings({ files: after }))).toEqual([]);
    expect(isNoop((await virtual(after)).plan)).toBe(true);
  });

  it("the index on tokenIdentifier keeps the name the app gave it", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": USERS_SCHEMA.replace(
        '.index("by_token", ["tokenIdentifier"])',
        '.index("by_tokenIdentifier", ["tokenIdentifier"])',
      ),
    });
    const code = planned((await virtual(files)).plan, "convex/users.ts");
    expect(code).toContain('.withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", tokenIdentifier))');
  });

  it("a users table with fields a token can't fill: helpers but no store and no hook, and it says why", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  users: defineTable({ tokenIdentifier: v.string(), plan: v.string(), createdAt: v.number() }).index("by_token", ["tokenIdentifier"]),\n});\n`,
    });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual(["create convex/users.ts"]);
    const code = planned(users.plan, "convex/users.ts");
    expect(code).not.toContain("export const store");
    expect(code).not.toContain("profileFrom");
    expect(users.nextSteps[0]).toBe(
      "No store mutation was generated: the users table requires plan, createdAt, which a token doesn't supply; write the store mutation by hand.",
    );
  });

  it("a store mutation elsewhere: users.ts gets the helpers only, the hook calls that mutation", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": USERS_SCHEMA,
      "convex/auth/sync.ts": `import { mutation } from "../_generated/server";\n\nexport const storeUser = mutation({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("no");\n    return await ctx.db.insert("users", { name: identity.name ?? "", tokenIdentifier: identity.tokenIdentifier });\n  },\n});\n`,
    });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual(["create convex/users.ts", "create src/useStoreUserEffect.ts"]);
    expect(planned(users.plan, "convex/users.ts")).not.toContain("export const store");
    const hook = planned(users.plan, "src/useStoreUserEffect.ts");
    expect(hook).toContain("useMutation(api.auth.sync.storeUser)");
    expect(hook).toContain("useState<FunctionReturnType<typeof api.auth.sync.storeUser> | null>(null)");
  });

  it("users created by an internal mutation (a webhook): no store, no hook", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": USERS_SCHEMA,
      "convex/clerk.ts": `import { v } from "convex/values";\nimport { internalMutation } from "./_generated/server";\n\nexport const upsertFromClerk = internalMutation({\n  args: { data: v.any() },\n  handler: async (ctx, { data }) => {\n    await ctx.db.insert("users", { name: data.first_name, tokenIdentifier: data.id });\n  },\n});\n`,
    });
    const users = await virtual(files);
    expect(planLines(users.plan)).toEqual(["create convex/users.ts"]);
    expect(users.nextSteps[0]).toBe(
      "Users are created by convex/clerk.ts (upsertFromClerk, internalMutation); no client hook is needed.",
    );
  });

  it("an existing users.ts keeps its code; only the missing exports (and the helpers they need) are added", async () => {
    const own = `import { query } from "./_generated/server";\n\nexport const count = query({ args: {}, handler: async (ctx) => (await ctx.db.query("users").take(100)).length });\n`;
    const users = await virtual(withFiles(app, { "convex/users.ts": own }));
    const code = planned(users.plan, "convex/users.ts");
    expect(
      code.startsWith(
        `import { query, mutation } from "./_generated/server";\nimport type { QueryCtx } from "./_generated/server";\nimport type { UserIdentity } from "convex/server";\n\nexport const count = query(`,
      ),
    ).toBe(true);
    expect(code).toContain("async function userByToken(ctx: QueryCtx, tokenIdentifier: string) {");
  });

  it.each([
    ["Next App Router (Clerk)", nextClerk, "components/useStoreUserEffect.ts"],
    ["TanStack Start (Clerk)", tanstackClerk, "src/useStoreUserEffect.ts"],
  ])("%s: the hook goes next to the Convex provider's module", async (_name, make, hook) => {
    const users = await virtual(make().files);
    expect(planLines(users.plan)).toContain(`create ${hook}`);
    expect(planned(users.plan, hook)).toContain('import { api } from "../convex/_generated/api";');
  });

  it("an app with its own useStoreUserEffect keeps it", async () => {
    const users = await virtual(
      withFiles(app, { "src/hooks/useStoreUserEffect.ts": "export function useStoreUserEffect() {}\n" }),
    );
    expect(planLines(users.plan)).toContain("skip src/hooks/useStoreUserEffect.ts");
    expect(planLines(users.plan)).not.toContain("create src/useStoreUserEffect.ts");
  });

  it("Better Auth: no users table (the component owns users), helpers over authComponent.safeGetAuthUser; --rbac memberships hold a string user id", async () => {
    const app = viteBetterAuth();
    const users = await virtual(app.files, true);
    expect(users.provider).toBe("better-auth");
    expect(planLines(users.plan)).toEqual([
      "create convex/users.ts",
      "modify convex/schema.ts",
      "create convex/roles.ts",
    ]);
    const code = planned(users.plan, "convex/users.ts");
    expect(code).toContain('import { authComponent } from "./auth";');
    expect(code).toContain("const user = await authComponent.safeGetAuthUser(ctx);\n  return user ?? null;");
    expect(code).toContain("export async function getCurrentUserOrThrow(ctx: QueryCtx) {");
    expect(code).toContain("export const current = query({");
    expect(code).not.toContain("tokenIdentifier");
    expect(code).not.toContain("export const store");
    expect(users.plan.items.some((item) => /useStoreUserEffect/.test(item.path))).toBe(false);
    const schema = planned(users.plan, "convex/schema.ts");
    expect(schema).not.toMatch(/^\s+users:/m);
    expect(schema).toContain("  memberships: defineTable({\n    userId: v.string(),\n    role: v.union(");
    expect(schema).not.toContain('v.id("users")');
    const roles = planned(users.plan, "convex/roles.ts");
    expect(roles).toContain("  args: {\n    userId: v.string(),\n");
    expect(roles).toContain("  args: { userId: v.string() },");
    expect(roles).not.toContain('v.id("users")');
    expect(users.nextSteps.join("\n")).toContain("<Better Auth user id>");

    const after = appliedFiles(app.files, users.plan);
    expect(problems(await functionFindings({ files: after }))).toEqual([]);
    const again = await virtual(after, true);
    expect(isNoop(again.plan)).toBe(true);
  });

  it("Better Auth with the component client exported from another module: users.ts imports it from there", async () => {
    const app = viteBetterAuth();
    const { "convex/auth.ts": _moved, ...rest } = app.files;
    const files = withFiles(
      { ...app, files: rest },
      {
        "convex/betterAuth/client.ts": BA_AUTH_TS.replace(/"\.\/_generated\//g, '"../_generated/').replace(
          '"./auth.config"',
          '"../auth.config"',
        ),
        "convex/http.ts": app.files["convex/http.ts"]!.replace('"./auth"', '"./betterAuth/client"'),
      },
    );
    const code = planned((await virtual(files)).plan, "convex/users.ts");
    expect(code).toContain('import { authComponent } from "./betterAuth/client";');
  });

  it("Better Auth without an exported authComponent: users.ts refused, pointing at add better-auth", async () => {
    const app = viteBetterAuth();
    const files = withFiles(app, {
      "convex/auth.ts": BA_AUTH_TS.replace("export const authComponent", "const authComponent"),
    });
    const users = await virtual(files);
    const refused = users.plan.items.find((item) => item.path === "convex/users.ts");
    expect(refused?.action).toBe("skip");
    expect(refused?.reason).toContain("authwire add better-auth");
    expect(users.plan.items.filter((item) => item.action !== "skip")).toEqual([]);
  });

  it("Convex Auth without authTables in the schema: refused, pointing at add convex-auth", async () => {
    const auth = viteConvexAuth();
    const users = await virtual(withFiles(auth, { "convex/schema.ts": viteBaseline().files["convex/schema.ts"] }));
    expect(planLines(users.plan)).toEqual(["skip convex/schema.ts"]);
    expect(users.plan.items[0]!.reason).toContain("run authwire add convex-auth first");
  });

  it("an app without auth: a usage error naming authwire add", async () => {
    await expect(virtual(viteBaseline().files)).rejects.toMatchObject({
      code: "unsupported",
      hint: expect.stringContaining("authwire add"),
    });
  });
});

describe("authwire users points the app's own lookup helpers at the new one", () => {
  const app = viteClerk();
  const schema = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  users: defineTable({ tokenIdentifier: v.string(), email: v.optional(v.string()) }).index("by_email", ["email"]),\n});\n`;
  const helper = `import { query } from "../_generated/server";\n\nexport async function getViewer(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error("Not signed in");\n  const user = await ctx.db\n    .query("users")\n    .withIndex("by_email", (q: any) => q.eq("email", identity.email))\n    .unique();\n  if (!user) throw new Error("No user");\n  return user;\n}\n\nexport const me = query({ args: {}, handler: async (ctx) => getViewer(ctx) });\n`;

  it("an email-based getViewer in convex/lib returns getCurrentUserOrThrow; AW603/AW606 are gone after; a second run only skips", async () => {
    const files = withFiles(app, { "convex/schema.ts": schema, "convex/lib/auth.ts": helper });
    const before = (await functionFindings({ files })).filter((finding) => /^AW60[36]$/.test(finding.code));
    expect(before.map((finding) => `${finding.code} ${finding.file}`).sort()).toEqual([
      "AW603 convex/lib/auth.ts",
      "AW606 convex/lib/auth.ts",
    ]);
    const users = await virtual(files);
    expect(planLines(users.plan)).toContain("modify convex/lib/auth.ts");
    const rewritten = planned(users.plan, "convex/lib/auth.ts");
    expect(rewritten).toContain('import { getCurrentUserOrThrow } from "../users";');
    expect(rewritten).toContain(
      "export async function getViewer(ctx: QueryCtx) {\n  return getCurrentUserOrThrow(ctx);\n}",
    );
    expect(rewritten).not.toContain("identity.email");
    expect(planned(users.plan, "convex/users.ts")).toContain('withIndex("by_token"');
    const after = appliedFiles(files, users.plan);
    const left = (await functionFindings({ files: after })).filter((finding) => /^AW60[36]$/.test(finding.code));
    expect(left).toEqual([]);
    expect(isNoop((await virtual(after)).plan)).toBe(true);
  });

  it("getCurrentUser in convex/users.ts itself: its lookup becomes the by-token one (no twin is added)", async () => {
    const users_ts = USERS_TS.replace(
      /export async function getCurrentUser[\s\S]*?\n\}\n/,
      `export async function getCurrentUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) return null;\n  return await ctx.db.query("users").filter((q: any) => q.eq(q.field("email"), identity.email)).first();\n}\n`,
    );
    // Without the store mutation above it: users adds exports to this file as well.
    const withoutStore = users_ts.replace(/export const store = mutation\([\s\S]*?\n\}\);\n\n/, "");
    expect(withoutStore).not.toContain("export const store");
    const files = withFiles(app, { "convex/schema.ts": USERS_SCHEMA, "convex/users.ts": withoutStore });
    const users = await virtual(files);
    const code = planned(users.plan, "convex/users.ts");
    expect(code.match(/function getCurrentUser\(/g)).toHaveLength(1);
    expect(code).toContain(
      'export async function getCurrentUser(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) return null;\n  return await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).first();',
    );
    const left = (await functionFindings({ files: appliedFiles(files, users.plan) })).filter((finding) =>
      /^AW60[36]$/.test(finding.code),
    );
    expect(left).toEqual([]);
  });

  it("a helper that takes more than ctx is refused with the reason", async () => {
    const files = withFiles(app, {
      "convex/schema.ts": schema,
      "convex/lib/auth.ts": helper
        .replace("getViewer(ctx: any)", "getViewer(ctx: any, strict: boolean)")
        .replace("getViewer(ctx))", "getViewer(ctx, true))"),
    });
    const users = await virtual(files);
    const item = users.plan.items.find((candidate) => candidate.path === "convex/lib/auth.ts");
    expect(item?.action).toBe("skip");
    expect(item?.reason).toContain("takes more than ctx");
  });
});

const CLERK_CONFIG = `export default {\n  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }],\n};\n`;

describe("authwire users on a backend-only repo", () => {
  it("TypeScript from convex/tsconfig.json; no client hook; a human step names the store mutation", async () => {
    const dir = join(APPS, "backend-only");
    const files: Files = { "convex/auth.config.ts": CLERK_CONFIG };
    for (const path of ["package.json", "convex/tsconfig.json", "convex/tasks.ts", "convex/schema.ts"])
      files[path] = readFileSync(join(dir, path), "utf8");
    const users = await virtual(files);
    expect(users.facts.typescript).toBe(true);
    expect(planLines(users.plan)).toEqual(["modify convex/schema.ts", "create convex/users.ts"]);
    const step = users.plan.humanSteps.find((candidate) => candidate.title.startsWith("In the client app"));
    expect(step?.title).toContain("api.users.store");
  });

  it("client: false on an app with a client: the hook is left to the client too", async () => {
    const app = withFiles(viteClerk(), {});
    expect(planLines((await virtual(app)).plan)).toContain("create src/useStoreUserEffect.ts");
    const users = await virtual(app, false, false);
    expect(planLines(users.plan).some((line) => line.includes("useStoreUserEffect"))).toBe(false);
  });
});
