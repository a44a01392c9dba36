/**
 * `authwire users [--rbac]` as a library operation: the users table keyed by tokenIdentifier with
 * its `by_token` index, `convex/users.ts` (the `store` upsert, the `current` query,
 * getCurrentUser / getCurrentUserOrThrow) and the client's useStoreUserEffect hook; with `rbac`,
 * a memberships table and `convex/roles.ts` (requireRole, grantRole, the token's org claims).
 * Convex Auth keeps its own users table: only the helpers over getAuthUserId (and roles); Better
 * Auth's component owns its users: helpers over authComponent.safeGetAuthUser, string user ids.
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
  chain,
  createFile,
  defineEdit,
  delegateHelper,
  refuse,
  retargetUserLookup,
  typeCtxParam,
  unchanged,
} from "../edit/index.ts";
import { AuthwireError } from "../errors.ts";
import { detectProject } from "../project/detect.ts";
import type { ProjectFacts, ProviderId } from "../project/facts.ts";
import type { ProjectFiles } from "../project/files.ts";
import type { RegisteredFunction, SchemaTable } from "../analysis/facts.ts";
import type { BackendResolver } from "../analysis/resolver.ts";
import { hasClient } from "../providers/define.ts";
import { relativeImport } from "../providers/shared/next-app.ts";
import {
  analyzeProject,
  authComponentModule,
  functionReference,
  scaffoldProvider,
  type ProjectAnalysis,
} from "./analysis.ts";
import {
  APP_USER_ID,
  COMPONENT_USER_ID,
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
  betterAuthUsersDeclarations,
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
  /**
   * `false` (`--no-client`): a backend-only repo: no client hook; a human step says what the
   * client must call. Default: false when the app has no client framework or entry.
   */
  client?: boolean;
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
  const userId = provider === "better-auth" ? COMPONENT_USER_ID : APP_USER_ID;
  kit.file(schemaPath, addSchemaTable({ table: "memberships", definition: membershipsTable(scope, roles, userId) }));
  planModule(kit, rolesPath, ROLES_HEADER, rolesDeclarations(scope, roles, userId));
  nextSteps.push(...rolesNextSteps(scope, roles, provider));
}

async function planTokenUsers(
  kit: Kit,
  facts: ProjectFacts,
  doctor: ProjectAnalysis,
  provider: ProviderId,
  rbac: RbacRequest | null,
  nextSteps: string[],
  client: boolean,
): Promise<void> {
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
  // Before users.ts gets its missing exports: the rewrites find lookups by the lines doctor read.
  await redirectLookupHelpers(kit, facts, doctor, usersPath, index, nextSteps);
  planModule(kit, usersPath, USERS_HEADER, tokenUsersDeclarations({ provider, index, profile, store: generateStore }));
  if (noStore) nextSteps.push(`No store mutation was generated: ${noStore}.`);

  const store = ownStore ?? otherPublic ?? (generateStore ? { file: usersPath, name: "store" } : undefined);
  if (!store) {
    const creator = creators[0];
    if (creator)
      nextSteps.push(
        `Users are created by ${creator.file} (${creator.name}, ${creator.kind}); no client hook is needed.`,
      );
  } else if (!client) {
    const reference = functionReference(convexDir, store);
    kit.humanStep({
      title: `In the client app (not in this repo): call the ${reference} mutation once the user is signed in, before user-specific queries`,
      why: `This repo has only the Convex backend, so no useStoreUserEffect hook was written; until ${reference} runs, getCurrentUser(ctx) finds no user row for a new sign-in.`,
    });
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

const GENERATED_HELPERS = new Set(["getCurrentUser", "getCurrentUserOrThrow"]);

/**
 * The app's own current-user helpers that look the user up by something other than the token
 * (identity.email, .subject…) are pointed at the new lookup instead of living beside it: in
 * users.ts, getCurrentUser's lookup itself becomes the by-token one; elsewhere a helper's body
 * becomes `return getCurrentUser(ctx)` (OrThrow when it throws). A helper that can't be rewritten
 * (it takes more than ctx) is a refusal with the reason.
 */
async function redirectLookupHelpers(
  kit: Kit,
  facts: ProjectFacts,
  doctor: ProjectAnalysis,
  usersPath: string,
  index: string,
  nextSteps: string[],
): Promise<void> {
  for (const [file, module] of doctor.backend.modules) {
    for (const [name, summary] of module.helpers) {
      const byOther = summary.lookups.filter(
        (lookup) =>
          lookup.table === "users" &&
          lookup.comparisons.some((entry) => entry.value.startsWith("identity.") && entry.field !== "tokenIdentifier"),
      );
      if (byOther.length === 0) continue;
      const serverFrom = relativeImport(file, `${facts.convex.dir}/_generated/server.ts`);
      if (file === usersPath && GENERATED_HELPERS.has(name)) {
        const edits = byOther.map((lookup) => retargetUserLookup({ line: lookup.line, index }));
        const typed = summary.ctxAny ? [typeCtxParam({ name, types: ["QueryCtx"], from: serverFrom })] : [];
        kit.file(file, chain(`look ${name}'s user up by tokenIdentifier`, ...edits, ...typed), {
          reason: `${name} looked the user up by ${byOther[0]!.comparisons[0]!.field}; it now uses tokenIdentifier (index ${index})`,
        });
        continue;
      }
      // The helper's text: from its line to the first line that closes a top-level block.
      const lines = ((await facts.files.read(file)) ?? "").split("\n").slice(summary.line - 1);
      const end = lines.findIndex((line, at) => at > 0 && /^\}/.test(line));
      const text = lines.slice(0, end < 0 ? undefined : end + 1).join("\n");
      const orThrow = /OrThrow$|^(?:require|ensure|must)/i.test(name) || /\bthrow\b/.test(text);
      const to = orThrow ? "getCurrentUserOrThrow" : "getCurrentUser";
      kit.file(
        file,
        delegateHelper({
          name,
          to,
          from: file === usersPath ? undefined : relativeImport(file, usersPath),
          ctxType: "QueryCtx",
          ctxFrom: serverFrom,
        }),
        {
          reason: `${name} looked the user up by ${byOther[0]!.comparisons[0]!.field}; it now returns ${to}(ctx) (one lookup, by tokenIdentifier)`,
        },
      );
      nextSteps.push(
        `${file}: ${name} now returns ${to}(ctx) from ${usersPath}; check its callers expect ${orThrow ? "a user (it throws when there is none)" : "a user or null"}.`,
      );
    }
  }
}

/**
 * Better Auth: the component owns the users (its `user` table), so no users table, store mutation
 * or client hook; the helpers read the user through the app's `authComponent`.
 */
function planBetterAuthUsers(
  kit: Kit,
  facts: ProjectFacts,
  doctor: ProjectAnalysis,
  rbac: RbacRequest | null,
  nextSteps: string[],
): void {
  const convexDir = facts.convex.dir;
  const usersPath = `${convexDir}/users.ts`;
  const schema = doctor.backend.schema;
  const schemaPath = schema?.file ?? `${convexDir}/schema.ts`;
  const authModule = authComponentModule(doctor.backend, convexDir);
  if (!authModule) {
    refuseFile(
      kit,
      usersPath,
      `no module of ${convexDir} exports the Better Auth component client (export const authComponent = createClient(components.betterAuth)); run authwire add better-auth first`,
    );
    return;
  }
  planModule(kit, usersPath, USERS_HEADER, betterAuthUsersDeclarations(relativeImport(usersPath, authModule)));
  const own = schema?.tables.find((table) => table.name === "users");
  nextSteps.push(
    `Better Auth keeps users in its component (the user table): no users table, store mutation or client hook is added. getCurrentUser(ctx) / getCurrentUserOrThrow(ctx) from convex/users read it through authComponent.safeGetAuthUser (${authModule}), which also checks the session; on the client, useQuery(api.users.current).`,
  );
  if (own)
    nextSteps.push(
      `${schemaPath}:${own.line}: the app's own users table is left as it is; keep it in step with the component's triggers (createClient(…, { triggers: { user: { onCreate, onUpdate, onDelete } } })) if you need it.`,
    );
  if (rbac) planRoles(kit, facts, "better-auth", schemaPath, schema?.tables ?? [], rbac, nextSteps);
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
  else if (provider === "better-auth") planBetterAuthUsers(kit, facts, doctor, rbac, nextSteps);
  else await planTokenUsers(kit, facts, doctor, provider, rbac, nextSteps, request.client ?? hasClient(facts));
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
