import { describe, expect, it } from "vitest";
import { analyze } from "../fixture.test-helper.ts";
import { scopeFields } from "./schema.ts";

const HEAD = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nimport { authTables } from "@convex-dev/auth/server";\n`;

describe("schema collector", () => {
  it("reads tables defined in model files the schema imports (named, renamed, default-less), with their indexes", async () => {
    const facts = await analyze({
      "convex/schema.ts": `import { defineSchema } from "convex/server";
import { gigModel } from "./models/gig";
import { userModel as users } from "./models/user.js";
import { missing } from "./models/none";
export default defineSchema({ gigs: gigModel, users, ghosts: missing });`,
      "convex/models/gig.ts": `import { defineTable } from "convex/server";
import { v } from "convex/values";
const fields = { postedBy: v.id("users"), title: v.string() };
export const gigModel = defineTable(fields).index("by_poster", ["postedBy"]);`,
      "convex/models/user.ts": `import { defineTable } from "convex/server";
import { v } from "convex/values";
const userModel = defineTable({ clerkId: v.string(), email: v.string() });
export { userModel };`,
    });
    const tables = facts.backend.schema!.tables.map(({ name, fields, indexes, references, scope }) => ({
      name,
      fields,
      indexes,
      references,
      scope,
    }));
    expect(tables).toEqual([
      {
        name: "gigs",
        fields: ["postedBy", "title"],
        indexes: [{ name: "by_poster", fields: ["postedBy"] }],
        references: { postedBy: "users" },
        scope: { user: ["postedBy"], org: [] },
      },
      { name: "users", fields: ["clerkId", "email"], indexes: [], references: {}, scope: { user: [], org: [] } },
      // An import that resolves to nothing stays unknown (no fields), never guessed.
      { name: "ghosts", fields: [], indexes: [], references: {}, scope: { user: [], org: [] } },
    ]);
  });

  it("reads tables, fields, validators, indexes, spreads, id references and scope fields", async () => {
    const facts = await analyze({
      "convex/schema.ts": `${HEAD}export default defineSchema({
  ...authTables,
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  tasks: defineTable({ userId: v.id("users"), teamId: v.optional(v.id("teams")), title: v.string() })
    .index("by_user", ["userId"])
    .index("by_team_title", ["teamId", "title"]),
  notes: defineTable({ author: v.string(), workspace: v.string(), body: v.string() }),
  teams: defineTable({ name: v.string() }),
});`,
    });
    const schema = facts.backend.schema!;
    expect(schema.file).toBe("convex/schema.ts");
    expect(schema.spreads).toEqual(["authTables"]);
    expect(
      schema.tables.map(({ name, fields, indexes, references, scope }) => ({
        name,
        fields,
        indexes,
        references,
        scope,
      })),
    ).toEqual([
      {
        name: "users",
        fields: ["name", "tokenIdentifier"],
        indexes: [{ name: "by_token", fields: ["tokenIdentifier"] }],
        references: {},
        scope: { user: [], org: [] },
      },
      {
        name: "tasks",
        fields: ["userId", "teamId", "title"],
        // Read from the end of the chain.
        indexes: [
          { name: "by_team_title", fields: ["teamId", "title"] },
          { name: "by_user", fields: ["userId"] },
        ],
        references: { userId: "users", teamId: "teams" },
        scope: { user: ["userId"], org: ["teamId"] },
      },
      {
        name: "notes",
        fields: ["author", "workspace", "body"],
        indexes: [],
        references: {},
        scope: { user: ["author"], org: ["workspace"] },
      },
      { name: "teams", fields: ["name"], indexes: [], references: {}, scope: { user: [], org: [] } },
    ]);
    expect(schema.tables[1]!.validators.teamId).toBe('v.optional(v.id("teams"))');
  });

  it("reads tables defined from a const of the same file, and tokenIdentifier/playerId/hostId as owner fields", async () => {
    const facts = await analyze({
      "convex/schema.ts": `${HEAD}export const PlayerFields = { tokenIdentifier: v.string(), name: v.string() };
const GameFields = { hostId: v.string(), round: v.number() };
const VoteFields = { playerId: v.string(), choice: v.string() };
const players = defineTable(PlayerFields).index("by_token", ["tokenIdentifier"]);
export default defineSchema({
  players,
  games: defineTable(GameFields).index("by_host", ["hostId"]),
  votes: defineTable(VoteFields),
  users: defineTable(PlayerFields),
  rooms: defineTable({ title: v.string() }),
});`,
    });
    expect(facts.backend.schema!.tables.map(({ name, fields, scope }) => [name, fields, scope.user])).toEqual([
      ["players", ["tokenIdentifier", "name"], ["tokenIdentifier"]],
      ["games", ["hostId", "round"], ["hostId"]],
      ["votes", ["playerId", "choice"], ["playerId"]],
      ["users", ["tokenIdentifier", "name"], []],
      ["rooms", ["title"], []],
    ]);
  });

  it("ignores defineSchema outside schema.ts and a non-literal definition", async () => {
    const facts = await analyze({
      "convex/other.ts": `${HEAD}export default defineSchema({ a: defineTable({}) });`,
      "convex/schema.ts": `${HEAD}const tables = {};\nexport default defineSchema(tables);`,
    });
    expect(facts.backend.schema).toBeNull();
  });
});

describe("schema collector: a provider's spread tables", () => {
  it("adds Convex Auth's users table (email, phone) for ...authTables, unless the app defines users", async () => {
    const spread = HEAD;
    const facts = await analyze({
      "convex/schema.ts": `${spread}export default defineSchema({ ...authTables, notes: defineTable({ body: v.string() }) });`,
    });
    const users = facts.backend.schema!.tables.find((table) => table.name === "users")!;
    expect(users.fields).toContain("email");
    expect(users.validators.phone).toBe("v.optional(v.string())");
    expect(facts.backend.schema!.spreads).toEqual(["authTables"]);

    const own = await analyze({
      "convex/schema.ts": `${spread}export default defineSchema({ ...authTables, users: defineTable({ name: v.string() }) });`,
    });
    expect(own.backend.schema!.tables.map((table) => [table.name, table.fields])).toEqual([["users", ["name"]]]);

    // Near miss: a local const of the same name is not the library's.
    const local = await analyze({
      "convex/schema.ts": `${HEAD.replace("@convex-dev/auth/server", "./tables")}export default defineSchema({ ...authTables });`,
    });
    expect(local.backend.schema!.tables).toEqual([]);
  });
});

describe("schema collector: tables in a spread const", () => {
  it("reads the tables of a const of the same file spread into defineSchema; other spreads stay names", async () => {
    const facts = await analyze({
      "convex/schema.ts": `${HEAD}const applicationTables = {
  users: defineTable({ email: v.string(), passwordHash: v.optional(v.string()) }).index("by_email", ["email"]),
  campaigns: defineTable({ brandId: v.id("users"), title: v.string() }),
};
export default defineSchema({ ...authTables, ...applicationTables, notes: defineTable({ body: v.string() }) });`,
    });
    const schema = facts.backend.schema!;
    expect(schema.spreads).toEqual(["authTables"]);
    expect(schema.tables.map(({ name, fields, scope }) => ({ name, fields, user: scope.user }))).toEqual([
      { name: "users", fields: ["email", "passwordHash"], user: [] },
      { name: "campaigns", fields: ["brandId", "title"], user: ["brandId"] },
      { name: "notes", fields: ["body"], user: [] },
    ]);
  });
});

const SCOPES: { fields: string[]; references: Record<string, string>; user: string[]; org: string[] }[] = [
  { fields: ["ownerId"], references: {}, user: ["ownerId"], org: [] },
  { fields: ["orgId"], references: {}, user: [], org: ["orgId"] },
  { fields: ["createdBy"], references: { createdBy: "users" }, user: ["createdBy"], org: [] },
  { fields: ["parent"], references: { parent: "organizations" }, user: [], org: ["parent"] },
  { fields: ["projectId"], references: { projectId: "projects" }, user: [], org: [] },
  { fields: ["account"], references: {}, user: ["account"], org: [] },
  { fields: ["AuthId"], references: {}, user: ["AuthId"], org: [] },
  { fields: ["clerkUserId"], references: {}, user: ["clerkUserId"], org: [] },
  { fields: ["title"], references: {}, user: [], org: [] },
];

describe("scopeFields", () => {
  it.each(SCOPES)("$fields with $references", ({ fields, references, user, org }) => {
    expect(scopeFields({ fields, references })).toEqual({ user, org });
  });

  it("a bare company holding text is not an organization (a contact's employer); an id, an *Id or a team is", () => {
    const fields = ["userId", "company", "team", "companyId", "workspace"];
    const validators = {
      userId: 'v.id("users")',
      company: "v.optional(v.string())",
      team: "v.string()",
      companyId: "v.string()",
      workspace: 'v.id("workspaces")',
    };
    expect(scopeFields({ fields, references: { userId: "users", workspace: "workspaces" }, validators })).toEqual({
      user: ["userId"],
      org: ["team", "companyId", "workspace"],
    });
  });
});

describe("organizations nobody belongs to", () => {
  const scopes = async (extra: string) => {
    const facts = await analyze({
      "convex/schema.ts": `${HEAD}export default defineSchema({
  users: defineTable({ name: v.string() }),
  companies: defineTable({ name: v.string(), careersUrl: v.string() }),
  jobs: defineTable({ title: v.string(), companyId: v.id("companies") }),
  applications: defineTable({ userId: v.id("users"), companyId: v.id("companies") }),${extra}
});
`,
    });
    return Object.fromEntries(facts.backend.schema!.tables.map((table) => [table.name, table.scope.org]));
  };

  it("a job board's scraped companies scope nothing (an application names a company, it doesn't join it)", async () => {
    expect((await scopes("")).jobs).toEqual([]);
  });

  it.each([
    ["a members table", '\n  companyMembers: defineTable({ userId: v.id("users"), companyId: v.id("companies") }),'],
    ["employees", '\n  employees: defineTable({ userId: v.id("users"), companyId: v.id("companies") }),'],
  ])("near miss: a company with %s is a tenant", async (_, extra) => {
    expect((await scopes(extra)).jobs).toEqual(["companyId"]);
  });

  it("near miss: users rows that point at their company make it a tenant", async () => {
    const facts = await analyze({
      "convex/schema.ts": `${HEAD}export default defineSchema({
  users: defineTable({ name: v.string(), companyId: v.id("companies") }),
  companies: defineTable({ name: v.string() }),
  jobs: defineTable({ title: v.string(), companyId: v.id("companies") }),
});
`,
    });
    expect(facts.backend.schema!.tables.find((table) => table.name === "jobs")!.scope.org).toEqual(["companyId"]);
  });
});
