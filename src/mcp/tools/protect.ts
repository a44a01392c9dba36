/** `plan_protect`: plans `authwire protect` and writes nothing (same JSON as `protect --dry-run --json`). */
import { z } from "zod";
import { planProtect, toProtectJson } from "../../scaffold/protect.ts";
import { defineTool } from "../tool.ts";
import { PLAN_PROTECT, mcpInput } from "../../operations/index.ts";

export default defineTool({
  name: "plan_protect",
  title: "Plan identity checks for unprotected functions",
  description:
    "Plans `authwire protect` and writes nothing: which public queries, mutations and actions touch data before any identity check (doctor rule AW602), and which data-free public actions spend a server secret with none (AW612), get `if ((await ctx.auth.getUserIdentity()) === null) throw …` (Convex Auth: getAuthUserId; Better Auth: authComponent.safeGetAuthUser), or the owner and role checks their arguments need, at the start of their handler, and why every other function is skipped. Same JSON as `authwire protect --dry-run --json`; apply with `authwire protect --yes`.",
  input: mcpInput(PLAN_PROTECT, z),
  readOnly: true,
  async run({ cwd }) {
    return toProtectJson(await planProtect({ cwd }), { applied: false });
  },
});
