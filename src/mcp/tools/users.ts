/** `plan_users`: plans `authwire users [--rbac]` and writes nothing (same JSON as `users --dry-run --json`). */
import { z } from "zod";
import { planUsers, toUsersJson } from "../../scaffold/users.ts";
import { defineTool } from "../tool.ts";

export default defineTool({
  name: "plan_users",
  title: "Plan the users table and helpers",
  description:
    "Plans `authwire users` and writes nothing: the users table keyed by tokenIdentifier (by_token index), convex/users.ts (store upsert, current query, getCurrentUser/getCurrentUserOrThrow), the client's useStoreUserEffect hook; with rbac, a memberships table and convex/roles.ts (requireRole). Convex Auth apps get helpers over getAuthUserId instead of a second users table. Same JSON as `authwire users --dry-run --json`; apply with `authwire users --yes`.",
  input: {
    cwd: z.string().describe("Absolute path of the app's folder"),
    rbac: z.boolean().optional().describe("Also plan memberships and roles (requireRole)"),
  },
  readOnly: true,
  async run({ cwd, rbac }) {
    return toUsersJson(await planUsers({ cwd, rbac }), { applied: false });
  },
});
