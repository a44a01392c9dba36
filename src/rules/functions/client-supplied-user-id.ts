/**
 * AW601: a public function takes the user's id as an argument (`userId`, `ownerId`,
 * `v.id("users")`…) and uses it with no identity check anywhere on its path, so any caller can
 * act as any user. Mutations and actions are errors; queries are info (public profiles exist).
 */
import { USER_ID_ARG } from "../../analysis/shared.ts";
import { defineRule } from "../define.ts";

export default defineRule({
  meta: {
    code: "AW601",
    name: "client-supplied-user-id",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "A public function trusts a client-supplied user id.",
    docs: "docs/rules/client-supplied-user-id.md",
    messages: {
      trusted:
        "Public {{kind}} `{{name}}` takes `{{arg}}` from the client and never checks who is calling: anyone can pass another user's id.",
    },
    fixes: {
      trusted:
        "Derive the user from the session instead (ctx.auth.getUserIdentity() or getAuthUserId(ctx)) and drop the `{{arg}}` argument.",
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const resolver = doctor.resolver();
    for (const fn of resolver.functions()) {
      if (!fn.isPublic || fn.custom || !fn.args) continue;
      const handler = resolver.handlerOf(fn);
      if (!handler) continue;
      const arg = fn.args.find(
        (candidate) =>
          (USER_ID_ARG.test(candidate.name) || /v\.id\(\s*["']users["']\s*\)/.test(candidate.validator)) &&
          handler.argReads.has(candidate.name),
      );
      if (!arg) continue;
      const result = resolver.classify(handler);
      if (result.checksIdentity !== false || result.order === "none") continue;
      report({
        messageId: "trusted",
        data: { kind: fn.kind, name: fn.name, arg: arg.name },
        file: fn.file,
        line: arg.line,
        column: arg.column,
        severity: fn.kind === "query" ? "info" : "error",
      });
    }
  },
});
