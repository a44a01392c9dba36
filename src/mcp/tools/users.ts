/** `plan_users`: plans `authwire users [--rbac]` and writes nothing (same JSON as `users --dry-run --json`). */
import { z } from "zod";
import { planUsers, toUsersJson } from "../../scaffold/users.ts";
import { defineTool } from "../tool.ts";
import { PLAN_USERS, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "plan_users",
  title: "Plan the users table and helpers",
  description:
    "Plans `authwire users` and writes nothing: the users table keyed by tokenIdentifier (by_token index), convex/users.ts (store upsert, current query, getCurrentUser/getCurrentUserOrThrow), the client's useStoreUserEffect hook; with rbac, a memberships table (userId, orgId, a ranked role) and convex/roles.ts (getMembership, requireRole). Convex Auth apps get helpers over getAuthUserId instead of a second users table. Same JSON as `authwire users --dry-run --json`; apply with `authwire users --yes`.",
  input: mcpInput(PLAN_USERS, z),
  readOnly: true,
  async run({ cwd, rbac, orgTable, roles, client }) {
    return toUsersJson(await planUsers({ cwd, rbac, orgTable, roles, ...(client === false && { client }) }), {
      applied: false,
    });
  },
});
