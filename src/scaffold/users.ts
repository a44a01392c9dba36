/**
 * `authwire users [--rbac]` as a library operation: the users table keyed by tokenIdentifier with
 * its `by_token` index, `convex/users.ts` (the `store` upsert, the `current` query,
 * getCurrentUser / getCurrentUserOrThrow) and the client's useStoreUserEffect hook; with `rbac`,
 * a memberships table and `convex/roles.ts` (requireRole, grantRole, the token's org claims).
 * Convex Auth keeps its own users table: only the helpers over getAuthUserId (and roles).
 * What exists is read through the doctor's analysis and kept: a second run plans only skips.
 * The CLI command and the MCP tool `plan_users` are shells over planUsers / applyUsers / toUsersJson.
 */
import { posix } from "node:path";
import { applyPlan, type ApplyOptions, type ApplyResult } from "../changes/apply.ts";
import { collectPlan, type CollectOptions } from "../changes/collect.ts";
import { createKit, type Kit } from "../changes/kit.ts";
import { toPlanJson, type Plan, type PlanJson } from "../changes/plan.ts";
import {
  addSchemaTable,
  addTableIndex,
  addTopLevelDeclarations,
  createFile,
  defineEdit,
  refuse,
  unchanged,
} from "../edit/index.ts";
import { AuthwireError } from "../errors.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import type { RegisteredFunction, SchemaTable } from "../analysis/facts.ts";
import type { BackendResolver } from "../analysis/resolver.ts";
import { relativeImport } from "../providers/shared/next-app.ts";
import { analyzeProject, functionReference, scaffoldProvider, type ProjectAnalysis } from "./analysis.ts";
import {
  ROLES_HEADER,
  membershipsMisfit,
  membershipsTable,
  parseRoles,
  resolveRolesScope,
  rolesDeclarations,
  rolesNextSteps,
} from "./roles.ts";
import {
  USERS_HEADER,
  convexAuthUsersDeclarations,
  profileFields,
  storeUserHook,
  tokenUsersDeclarations,
  usersTable,
  type Declaration,
} from "./templates.ts";

export interface UsersRequest {
  cwd: string;
  /** Also memberships + roles (`--rbac`). */
  rbac?: boolean;
  /** The table whose rows own memberships (`--org-table`; default: inferred, else app-wide roles). */
  orgTable?: string;
  /** Role names from most rights to fewest (`--roles`; default admin, member, viewer). */
  roles?: string[];
  /** The process env (for detection). */
  env?: NodeJS.ProcessEnv;
  /** @internal Seams for tests: virtual files, git. */
  files?: ProjectFiles;
  git?: CollectOptions["git"];
}

export interface UsersPlan {
  provider: ProviderId;
  rbac: boolean;
  facts: ProjectFacts;
  plan: Plan;
  nextSteps: string[];
}

export interface UsersJson extends PlanJson {
  provider: ProviderId;
  rbac: boolean;
  nextSteps: string[];
}

const BY = "users";

/** Records a module built from declarations: created with all of them, or given the missing ones. */
function planModule(kit: Kit, path: string, header: string, declarations: Declaration[]): void {
  kit.file(path, addTopLevelDeclarations({ header, declarations }));
}

/** Records a refusal for `path`: the plan shows it as a skip with the reason (and a warning). */
function refuseFile(kit: Kit, path: string, reason: string, line?: number): void {
  kit.file(
    path,
    defineEdit(reason, () => refuse(reason, line ? { line } : undefined)),
  );
}

const OPTIONAL_STRING = /^v\.optional\(\s*v\.string\(\)\s*\)$/;
const REQUIRED_STRING = /^v\.string\(\)$/;

interface UsersTableFit {
  index: string | null;
  profile: { field: string; expression: string }[];
  /** Why the store mutation can't be generated for this table (fields a token can't fill). */
  noStore: string | null;
}

/** How the generated code fits a users table the app already has (null: it is keyed another way). */
function fitUsersTable(table: SchemaTable, provider: ProviderId): UsersTableFit | { problem: string } {
  if (table.fields.length === 0) {
    return { problem: `the users table's fields are not an object literal authwire can read; it is left as it is` };
  }
  if (!table.fields.includes("tokenIdentifier")) {
    const key = table.fields.find((field) => /^(?:externalId|clerkId|subject|authId|userId|email)$/.test(field));
    return {
      problem: `the users table is keyed by ${key ?? "other fields"}, not tokenIdentifier; authwire users leaves your users setup alone (see https://docs.convex.dev/auth/database-auth)`,
    };
  }
  const index =
    table.indexes.find((candidate) => candidate.fields.length === 1 && candidate.fields[0] === "tokenIdentifier")
      ?.name ?? null;
  const profile: UsersTableFit["profile"] = [];
  const unfillable: string[] = [];
  for (const { field, expression } of profileFields(provider)) {
    const validator = table.validators[field]?.replace(/\s+/g, "");
    if (validator === undefined) continue;
    if (OPTIONAL_STRING.test(validator)) profile.push({ field, expression });
    else if (REQUIRED_STRING.test(validator)) {
      profile.push({
        field,
        expression: `${expression.includes("?") ? `(${expression})` : expression} ?? ${field === "name" ? '"Anonymous"' : '""'}`,
      });
    } else if (!validator.startsWith("v.optional(")) unfillable.push(field);
  }
  for (const field of table.fields) {
    if (field === "tokenIdentifier" || profile.some((entry) => entry.field === field)) continue;
    const validator = table.validators[field]?.replace(/\s+/g, "") ?? "";
    if (!validator.startsWith("v.optional(") && !unfillable.includes(field)) unfillable.push(field);
  }
  return {
    index,
    profile,
    noStore: unfillable.length
      ? `the users table requires ${unfillable.join(", ")}, which a token doesn't supply; write the store mutation by hand`
      : null,
  };
}

/** Registered functions that insert into `users` (in their handler or a helper of the same file). */
function userCreators(doctor: ProjectAnalysis, resolver: BackendResolver): RegisteredFunction[] {
  return resolver.functions().filter((fn) => {
    const handler = resolver.handlerOf(fn);
    if (!handler) return false;
    if (handler.inserts.some((insert) => insert.table === "users")) return true;
    const helpers = doctor.backend.modules.get(fn.file)?.helpers;
    return handler.events.some(
      (event) =>
        event.kind === "call" &&
        event.target.kind === "local" &&
        helpers?.get(event.target.name)?.inserts.some((insert) => insert.table === "users"),
    );
  });
}

/** The folder the client's own code lives in, next to the Convex provider when there is one. */
function clientDir(facts: ProjectFacts): string {
  const src = facts.entries.usesSrc ? "src/" : "";
  switch (facts.framework.name) {
    case "next-pages":
      return `${src}lib`;
    case "next-app":
      return facts.entries.convexProvider ? posix.dirname(facts.entries.convexProvider) : `${src}app`;
    default: {
      const entry = facts.entries.convexProvider ?? facts.entries.main;
      return entry ? posix.dirname(entry) : "src";
    }
  }
}

interface RbacRequest {
  orgTable?: string;
  roles?: string[];
}

function planRoles(
  kit: Kit,
  facts: ProjectFacts,
  provider: ProviderId,
  schemaPath: string,
  tables: SchemaTable[],
  request: RbacRequest,
  nextSteps: string[],
): void {
  const rolesPath = `${facts.convex.dir}/roles.ts`;
  const roles = parseRoles(request.roles);
  const scope = resolveRolesScope(tables, request.orgTable);
  const memberships = tables.find((table) => table.name === "memberships");
  const misfit = memberships ? membershipsMisfit(memberships, scope) : null;
  if (misfit) {
    refuseFile(kit, rolesPath, `${schemaPath}:${memberships!.line}: ${misfit}`, memberships!.line);
    return;
  }
  kit.file(schemaPath, addSchemaTable({ table: "memberships", definition: membershipsTable(scope, roles) }));
  planModule(kit, rolesPath, ROLES_HEADER, rolesDeclarations(scope, roles));
  nextSteps.push(...rolesNextSteps(scope, roles, provider));
}

function planTokenUsers(
  kit: Kit,
  facts: ProjectFacts,
  doctor: ProjectAnalysis,
  provider: ProviderId,
  rbac: RbacRequest | null,
  nextSteps: string[],
): void {
  const convexDir = facts.convex.dir;
  const schema = doctor.backend.schema;
  const schemaPath = schema?.file ?? `${convexDir}/schema.ts`;
  const usersPath = `${convexDir}/users.ts`;
  const tables = schema?.tables ?? [];
  const existing = tables.find((table) => table.name === "users");

  let index = "by_token";
  let profile: UsersTableFit["profile"] = profileFields(provider);
  let noStore: string | null = null;
  if (existing) {
    const fit = fitUsersTable(existing, provider);
    if ("problem" in fit) {
      refuseFile(kit, schemaPath, `${schemaPath}:${existing.line}: ${fit.problem}.`, existing.line);
      return;
    }
    if (fit.index) index = fit.index;
    else kit.file(schemaPath, addTableIndex({ table: "users", index, fields: ["tokenIdentifier"] }));
    profile = fit.profile;
    noStore = fit.noStore;
  } else {
    kit.file(schemaPath, addSchemaTable({ table: "users", definition: usersTable(profileFields(provider), index) }));
  }

  const resolver = doctor.resolver();
  const creators = userCreators(doctor, resolver);
  const ownStore = creators.find((fn) => fn.file === usersPath && fn.name === "store");
  const otherPublic = ownStore ? undefined : creators.find((fn) => fn.isPublic && fn.kind === "mutation");
  const generateStore = !ownStore && !otherPublic && creators.length === 0 && noStore === null;
  planModule(kit, usersPath, USERS_HEADER, tokenUsersDeclarations({ provider, index, profile, store: generateStore }));
  if (noStore) nextSteps.push(`No store mutation was generated: ${noStore}.`);

  const store = ownStore ?? otherPublic ?? (generateStore ? { file: usersPath, name: "store" } : undefined);
  if (!store) {
    const creator = creators[0];
    if (creator)
      nextSteps.push(
        `Users are created by ${creator.file} (${creator.name}, ${creator.kind}); no client hook is needed.`,
      );
  } else {
    const existingHook = facts.codeFiles.find((file) => /(^|\/)useStoreUserEffect\.[jt]sx?$/.test(file));
    const hookPath = existingHook ?? `${clientDir(facts)}/useStoreUserEffect.ts`;
    const reference = functionReference(convexDir, store);
    if (existingHook) {
      kit.file(
        hookPath,
        defineEdit("the app has its own useStoreUserEffect", () => unchanged),
      );
    } else {
      const generated = relativeImport(hookPath, `${convexDir}/_generated/api.ts`).replace(/\/api$/, "");
      kit.file(
        hookPath,
        createFile(
          storeUserHook({ generated, store: reference, ours: store === ownStore || generateStore }),
          "add the useStoreUserEffect hook",
        ),
      );
    }
    nextSteps.push(
      `Call useStoreUserEffect() (${hookPath}) in a component inside the Convex provider and gate user-specific UI on its isLoading/isAuthenticated: it runs ${reference} once signed in.`,
    );
  }
  nextSteps.push(
    "Read the user in functions with getCurrentUser(ctx) / getCurrentUserOrThrow(ctx) from convex/users, on the client with useQuery(api.users.current).",
  );
  if (rbac) planRoles(kit, facts, provider, schemaPath, tables, rbac, nextSteps);
}

function planConvexAuthUsers(
  kit: Kit,
  facts: ProjectFacts,
  doctor: ProjectAnalysis,
  rbac: RbacRequest | null,
  nextSteps: string[],
): void {
  const convexDir = facts.convex.dir;
  const schema = doctor.backend.schema;
  const schemaPath = schema?.file ?? `${convexDir}/schema.ts`;
  const tables = schema?.tables ?? [];
  if (!schema || (!schema.spreads.includes("authTables") && !tables.some((table) => table.name === "users"))) {
    refuseFile(
      kit,
      schemaPath,
      `${schemaPath} doesn't spread Convex Auth's authTables, which hold its users (AW501); run authwire add convex-auth first`,
    );
    return;
  }
  planModule(kit, `${convexDir}/users.ts`, USERS_HEADER, convexAuthUsersDeclarations());
  nextSteps.push(
    facts.convexAuth?.major === 2
      ? "Convex Auth v2 creates users through your createUser mutations in your users table; getCurrentUser(ctx) / getCurrentUserOrThrow(ctx) read it through getAuthUserId (a token's sub is the session, not the user), or useQuery(api.users.current)."
      : "Convex Auth stores users itself (authTables): no users table, store mutation or client hook is added. Read the user with getCurrentUser(ctx) / getCurrentUserOrThrow(ctx) from convex/users, or useQuery(api.users.current).",
  );
  if (rbac) planRoles(kit, facts, "convex-auth", schemaPath, tables, rbac, nextSteps);
}

/** Plans `authwire users` for the app in `cwd`. Writes nothing. */
export async function planUsers(request: UsersRequest): Promise<UsersPlan> {
  const facts = await detectProject(request.cwd, { files: request.files, env: request.env ?? process.env });
  const provider = scaffoldProvider(facts, "users");
  if (!facts.typescript) {
    throw new AuthwireError(
      "unsupported",
      "authwire users writes TypeScript, and this app has no tsconfig.json or typescript dependency.",
      {
        hint: "Add TypeScript to the app (Convex supports .ts functions beside .js ones), then run it again.",
      },
    );
  }
  const doctor = await analyzeProject(facts);
  const kit = createKit(BY);
  const nextSteps: string[] = [];
  const rbac = request.rbac ? { orgTable: request.orgTable, roles: request.roles } : null;
  if (provider === "convex-auth") planConvexAuthUsers(kit, facts, doctor, rbac, nextSteps);
  else planTokenUsers(kit, facts, doctor, provider, rbac, nextSteps);
  const plan = await collectPlan(kit, {
    files: facts.files,
    packageManager: facts.packageManager,
    dependencies: facts.dependencies,
    git: request.git,
  });
  return { provider, rbac: rbac !== null, facts, plan, nextSteps };
}

/** Applies a planned `users`, all or nothing (see docs/engine.md). */
export function applyUsers(users: UsersPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  return applyPlan(users.plan, options);
}

export function toUsersJson(users: UsersPlan, { applied }: { applied: boolean }): UsersJson {
  return {
    ...toPlanJson(users.plan, { applied }),
    provider: users.provider,
    rbac: users.rbac,
    nextSteps: users.nextSteps,
  };
}
