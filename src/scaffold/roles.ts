/**
 * `authwire users --rbac`: a memberships table (a user's one role in one organization, or
 * app-wide when the app has no organizations) and convex/roles.ts with getMembership and
 * requireRole. Roles are ranked (the first has the most rights), so an admin passes a "member"
 * check. The memberships table is the only source of truth: a token's organization claims are
 * never trusted, since a claim for one organization must not open another.
 */
import { AuthwireError } from "../errors.ts";
import type { DeclarationSpec as Declaration, ImportSpec } from "../edit/index.ts";

export const DEFAULT_ROLES = ["admin", "member", "viewer"] as const;

/** Table names that hold organizations (teams, workspaces, tenants…). */
const ORG_TABLE = /^(?:orgs?|organi[sz]ations?|teams?|workspaces?|tenants?|companies|company)$/i;
const ROLE_NAME = /^[a-z][a-zA-Z0-9_-]*$/;

/** Where roles apply: per row of an organization table, or app-wide. */
export type RolesScope = { kind: "org"; table: string } | { kind: "app" };

/** What the schema says, as far as roles need it. */
export interface SchemaTableShape {
  name: string;
  fields: string[];
  indexes: { name: string; fields: string[] }[];
  line?: number;
}

/** The organization table: the one named, or the only table that looks like one, else app-wide. */
export function resolveRolesScope(tables: SchemaTableShape[], orgTable?: string): RolesScope {
  const names = tables.map((table) => table.name);
  if (orgTable !== undefined) {
    if (!names.includes(orgTable)) {
      throw new AuthwireError("usage", `--org-table ${orgTable}: the schema has no table "${orgTable}".`, {
        hint: names.length
          ? `Tables in the schema: ${names.join(", ")}.`
          : "Add the organizations table to convex/schema.ts first.",
      });
    }
    return { kind: "org", table: orgTable };
  }
  const candidates = names.filter((name) => ORG_TABLE.test(name));
  if (candidates.length > 1) {
    throw new AuthwireError(
      "usage",
      `Several tables could hold the organizations roles belong to: ${candidates.join(", ")}.`,
      { hint: `Name one with --org-table (e.g. --org-table ${candidates[0]}).` },
    );
  }
  return candidates[0] === undefined ? { kind: "app" } : { kind: "org", table: candidates[0] };
}

/** The roles from most rights to fewest (`--roles admin,member,viewer`). */
export function parseRoles(roles: readonly string[] | undefined): string[] {
  const list = roles === undefined ? [...DEFAULT_ROLES] : roles.map((role) => role.trim()).filter(Boolean);
  const bad = list.find((role) => !ROLE_NAME.test(role));
  if (list.length === 0 || bad !== undefined) {
    throw new AuthwireError(
      "usage",
      `--roles: ${bad === undefined ? "no roles given" : `"${bad}" isn't a role name`}.`,
      {
        hint: "List role names from most rights to fewest, e.g. --roles admin,member,viewer.",
      },
    );
  }
  const duplicate = list.find((role, index) => list.indexOf(role) !== index);
  if (duplicate !== undefined) throw new AuthwireError("usage", `--roles: "${duplicate}" is listed twice.`);
  return list;
}

/** The indexes getMembership/requireRole read, by scope. */
function requiredIndex(scope: RolesScope): { name: string; fields: string[] } {
  return scope.kind === "org"
    ? { name: "by_user_and_org", fields: ["userId", "orgId"] }
    : { name: "by_user", fields: ["userId"] };
}

/** Why an existing memberships table can't carry these roles, or null when it fits. */
export function membershipsMisfit(table: SchemaTableShape, scope: RolesScope): string | null {
  const fields = scope.kind === "org" ? ["userId", "orgId", "role"] : ["userId", "role"];
  const missing = fields.filter((field) => !table.fields.includes(field));
  const index = requiredIndex(scope);
  const indexed = table.indexes.some(
    (candidate) =>
      candidate.name === index.name && index.fields.every((field, position) => candidate.fields[position] === field),
  );
  if (missing.length === 0 && indexed) return null;
  const needs = `${fields.join(", ")} and the ${index.name} index on [${index.fields.join(", ")}]`;
  return `the schema's memberships table has another shape (roles need ${needs}); convex/roles.ts is left to you`;
}

function roleValidator(roles: readonly string[]): string {
  const literals = roles.map((role) => `v.literal(${JSON.stringify(role)})`);
  return literals.length === 1 ? literals[0]! : `v.union(${literals.join(", ")})`;
}

/**
 * The validator of a membership's user: the app's users table, or (Better Auth) a string, since
 * the users live in the component and an app table can't hold a v.id of a component's table.
 */
export const APP_USER_ID = 'v.id("users")';
export const COMPONENT_USER_ID = "v.string()";

export function membershipsTable(scope: RolesScope, roles: readonly string[], userId = APP_USER_ID): string {
  if (scope.kind === "app") {
    return [
      "defineTable({",
      `  userId: ${userId},`,
      `  role: ${roleValidator(roles)},`,
      '}).index("by_user", ["userId"])',
    ].join("\n");
  }
  return [
    "defineTable({",
    `  userId: ${userId},`,
    `  orgId: v.id(${JSON.stringify(scope.table)}),`,
    `  role: ${roleValidator(roles)},`,
    "})",
    '  .index("by_user", ["userId"])',
    '  .index("by_org", ["orgId"])',
    '  .index("by_user_and_org", ["userId", "orgId"])',
  ].join("\n");
}

export const ROLES_HEADER = `/**
 * Roles, kept in the memberships table. Added by authwire users --rbac: guard functions with
 * requireRole; grant roles with the internal grantRole mutation (from your own admin functions,
 * a webhook, the dashboard, or \`npx convex run roles:grantRole\`).
 */
`;

const SERVER = "./_generated/server";
const VALUES: ImportSpec = { from: "convex/values", named: ["v"] };
const INTERNAL_MUTATION: ImportSpec = { from: SERVER, named: ["internalMutation"] };

export function rolesDeclarations(scope: RolesScope, roles: readonly string[], userId = APP_USER_ID): Declaration[] {
  const org = scope.kind === "org";
  const orgId = org ? `Id<${JSON.stringify(scope.table)}>` : "";
  const lookup = org
    ? `.withIndex("by_user_and_org", (q) => q.eq("userId", userId).eq("orgId", orgId))`
    : `.withIndex("by_user", (q) => q.eq("userId", userId))`;
  const where = org ? " in this organization" : "";
  const ctxImports: ImportSpec[] = [
    { from: SERVER, named: ["QueryCtx"], typeOnly: true },
    { from: "./_generated/dataModel", named: org ? ["Doc", "Id"] : ["Doc"], typeOnly: true },
  ];
  return [
    {
      name: "ROLES",
      code: `/** The roles from most rights to fewest: a role passes requireRole for itself and every role after it. */
export const ROLES = [${roles.map((role) => JSON.stringify(role)).join(", ")}] as const satisfies readonly Role[];

export type Role = Doc<"memberships">["role"];`,
      imports: [{ from: "./_generated/dataModel", named: ["Doc"], typeOnly: true }],
    },
    {
      name: "getMembership",
      code: `/** The signed-in user's membership${org ? " in the organization" : ""}, or null (signed out, or none). */
export async function getMembership(ctx: QueryCtx${org ? `, orgId: ${orgId}` : ""}) {
  const user = await getCurrentUser(ctx);
  if (user === null) {
    return null;
  }
  const userId = user._id;
  return await ctx.db
    .query("memberships")
    ${lookup}
    .unique();
}`,
      imports: [...ctxImports, { from: "./users", named: ["getCurrentUser"] }],
    },
    {
      name: "requireRole",
      code: `/**
 * The signed-in user and their membership when their role${where} is \`atLeast\`
 * or ranks above it (see ROLES). Throws "Not authenticated" when signed out and "Forbidden"
 * otherwise${org ? ": a member of another organization gets nothing here" : ""}.
 */
export async function requireRole(ctx: QueryCtx, ${org ? `orgId: ${orgId}, ` : ""}atLeast: Role) {
  const user = await getCurrentUserOrThrow(ctx);
  const userId = user._id;
  const membership = await ctx.db
    .query("memberships")
    ${lookup}
    .unique();
  if (membership === null || ROLES.indexOf(membership.role) > ROLES.indexOf(atLeast)) {
    throw new Error(\`Forbidden: requires the role "\${atLeast}" or higher${where}\`);
  }
  return { user, membership };
}`,
      imports: [...ctxImports, { from: "./users", named: ["getCurrentUserOrThrow"] }],
    },
    {
      name: "grantRole",
      code: `/** Gives a user a role${org ? " in an organization" : ""}, replacing the one they had (internal: not callable from clients). */
export const grantRole = internalMutation({
  args: {
    userId: ${userId},${org ? `\n    orgId: v.id(${JSON.stringify(scope.table)}),` : ""}
    role: ${roleValidator(roles)},
  },
  handler: async (ctx, { userId, ${org ? "orgId, " : ""}role }) => {
    const existing = await ctx.db
      .query("memberships")
      ${lookup}
      .unique();
    if (existing !== null) {
      await ctx.db.patch(existing._id, { role });
      return existing._id;
    }
    return await ctx.db.insert("memberships", { userId, ${org ? "orgId, " : ""}role });
  },
});`,
      imports: [VALUES, INTERNAL_MUTATION],
    },
    {
      name: "revokeRole",
      code: `/** Takes a user's role${org ? " in an organization" : ""} away (internal: not callable from clients). */
export const revokeRole = internalMutation({
  args: { userId: ${userId}${org ? `, orgId: v.id(${JSON.stringify(scope.table)})` : ""} },
  handler: async (ctx, { userId${org ? ", orgId" : ""} }) => {
    const existing = await ctx.db
      .query("memberships")
      ${lookup}
      .unique();
    if (existing !== null) {
      await ctx.db.delete(existing._id);
    }
  },
});`,
      imports: [VALUES, INTERNAL_MUTATION],
    },
  ];
}

/** What the user does next, in words. */
export function rolesNextSteps(scope: RolesScope, roles: readonly string[], provider: string): string[] {
  const [top] = roles;
  const lowest = roles[roles.length - 1];
  const who = provider === "better-auth" ? "<Better Auth user id>" : "<users id>";
  const steps =
    scope.kind === "org"
      ? [
          `Guard each function on a row of ${scope.table} with \`await requireRole(ctx, orgId, "${lowest}")\` (reads) or a higher role (writes) from convex/roles; roles rank ${roles.join(" > ")}.`,
          `Grant a role: \`npx convex run roles:grantRole '{"userId": "${who}", "orgId": "<${scope.table} id>", "role": "${top}"}'\`, or call internal.roles.grantRole from your own mutation (e.g. when a user creates an organization).`,
        ]
      : [
          `Guard functions with \`await requireRole(ctx, "${top}")\` from convex/roles; roles rank ${roles.join(" > ")} (no organization table was found: roles are app-wide; pass --org-table NAME for per-organization roles).`,
          `Grant a role: \`npx convex run roles:grantRole '{"userId": "${who}", "role": "${top}"}'\`.`,
        ];
  if (provider === "better-auth") {
    steps.push(
      "Memberships hold the Better Auth user id as a string (the users live in the component, which an app table can't reference with v.id); it is the user's _id, and the token's subject.",
    );
  }
  if (provider === "clerk" || provider === "workos") {
    steps.push(
      `requireRole reads memberships only, never the token's organization claims; keep memberships in step with your ${provider === "clerk" ? "Clerk" : "WorkOS"} organizations (a webhook calling internal.roles.grantRole / revokeRole).`,
    );
  }
  return steps;
}
