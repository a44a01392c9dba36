/**
 * AW610: a role check that an outsider or a lower role passes, in a public function or a helper:
 * - `m?.role === "viewer"` → throw, `m` never null-checked: no membership at all passes;
 * - the token's organization role claim (`org_role`, `orgRole`) tested while nothing on the path
 *   reads the organization id claim: an admin of organization B passes for organization A;
 * - the role of a membership looked up by the caller alone (`.first()`/`.unique()` keyed by the
 *   user only) on a table whose memberships belong to organizations: any organization's role passes;
 * - a denylist (`if (role === "viewer") throw`, `if (role !== "viewer") { … }`) on a role that is
 *   free text (a token claim, or a `v.string()` field): every other string passes (warning; with
 *   a union of role literals it is an allowlist in disguise and is left alone);
 * - a role test whose result nothing reads (`const isAdmin = m.role === "admin"` never used,
 *   `isAdmin(ctx);` on a helper that only returns): the check stops nobody.
 * An exact-role check (`role !== "member"` → throw) locks a higher role out; that is not this rule.
 */
import { MEMBER_TABLE, USER_TABLE, calleesOf, mayThrow, orgClaimNear } from "../../analysis/authz.ts";
import type { FunctionSummary } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";

/** The caller's own role (a claim, their user row, their membership), not a chat message's `role`. */
function callersRole(check: { source?: string; table?: string | null }): boolean {
  if (check.source === "claim" || check.source === "caller") return true;
  const table = check.table ?? "";
  return check.source === "table" && (MEMBER_TABLE.test(table) || USER_TABLE.test(table));
}

export default defineRule({
  meta: {
    code: "AW610",
    name: "weak-role-check",
    category: "functions",
    severity: "error",
    fixable: false,
    description: "A role check that an outsider or a lower role passes.",
    docs: "docs/rules/weak-role-check.md",
    messages: {
      optionalNegative:
        '`{{fn}}` throws only when the membership\'s role is "{{role}}" (`?.role ===`), and never checks that there is a membership: someone with none passes.',
      orgClaim:
        '`{{fn}}` trusts the token\'s organization role ("{{role}}") without checking which organization it is for: an admin of one organization passes for any other.',
      userOnlyMembership:
        "`{{fn}}` tests the role of a `{{table}}` row looked up by the caller alone, but memberships belong to organizations: the caller's role in any organization passes here.",
      denylist:
        '`{{fn}}` rejects only the role "{{role}}" of a free-text role ({{from}}): every other value, including roles you never granted, passes.',
      unused: '`{{fn}}` computes a role test ("{{role}}") that nothing reads: it stops nobody.',
      discarded:
        "`{{fn}}` calls `{{callee}}` and drops its answer; `{{callee}}` only returns, so the check stops nobody.",
    },
    fixes: {
      optionalNegative:
        'Throw when there is no membership too, and allow the roles that may pass: `if (m === null || !["admin", "member"].includes(m.role)) throw new Error("Forbidden")`.',
      orgClaim:
        "Compare the token's organization id with the organization being touched first (`identity.org_id !== args.orgId` → throw), or read the role from your memberships table by user and organization.",
      userOnlyMembership:
        "Look the membership up by the caller and the organization being touched (an index on [userId, orgId]) before testing its role.",
      denylist:
        'List the roles that may pass (`if (!["admin", "member"].includes(role)) throw …`), or make the role a union of literals.',
      unused: 'Throw when the test fails: `if (!isAdmin) throw new Error("Forbidden")`.',
      discarded:
        'Use the answer: `if (!(await {{callee}}(…))) throw new Error("Forbidden")`, or make `{{callee}}` throw.',
    },
  },
  check({ doctor, report }) {
    if (!doctor.hasAuth) return;
    const schema = doctor.backend.schema;
    const resolver = doctor.resolver();
    const handlers = new Map<FunctionSummary, { isPublic: boolean }>();
    for (const fn of resolver.functions()) {
      const handler = resolver.handlerOf(fn);
      if (handler) handlers.set(handler, { isPublic: fn.isPublic && !fn.markedPublic });
    }
    const table = (name: string | null | undefined) =>
      name ? schema?.tables.find((candidate) => candidate.name === name) : undefined;
    for (const summary of resolver.summaries()) {
      const registered = handlers.get(summary);
      if (registered && !registered.isPublic) continue;
      const access = summary.access;
      if (!access) continue;
      const fn = summary.name;
      for (const check of access.roleChecks) {
        const at = { file: summary.file, line: check.line, column: check.column };
        if (check.kind === "optional-negative") {
          if (!callersRole(check)) continue;
          report({ messageId: "optionalNegative", data: { fn, role: check.role }, ...at });
        } else if (check.kind === "org-claim") {
          if (!orgClaimNear(resolver, summary))
            report({ messageId: "orgClaim", data: { fn, role: check.role }, ...at });
        } else if (check.kind === "user-only-membership") {
          const info = table(check.table);
          // A users table with an org field: one organization per user, the role is for it.
          if (info && info.scope.org.length > 0 && MEMBER_TABLE.test(info.name) && !USER_TABLE.test(info.name))
            report({ messageId: "userOnlyMembership", data: { fn, table: info.name }, ...at });
        } else if (check.kind === "denylist") {
          let from: string | null = null;
          if (check.source === "claim") from = "a token claim";
          else if (
            check.source === "table" &&
            (MEMBER_TABLE.test(check.table ?? "") || USER_TABLE.test(check.table ?? ""))
          ) {
            const info = table(check.table);
            const validator = info?.validators.role;
            // v.string() anywhere (alone, optional, in a union): any text passes; a union of literals is a closed set.
            if (validator !== undefined && /v\.string\(\)/.test(validator))
              from = `\`${info!.name}.role\` is ${validator.replace(/\s+/g, "")}`;
          }
          if (from) report({ messageId: "denylist", data: { fn, role: check.role, from }, ...at, severity: "warning" });
        } else if (check.kind === "unused") {
          if (!callersRole(check)) continue;
          report({ messageId: "unused", data: { fn, role: check.role }, ...at });
        }
      }
      for (const call of access.discardedCalls) {
        if (!call.target) continue;
        const target = resolver.resolveCall(summary.file, call.target);
        if (target === "unknown" || mayThrow(resolver, target)) continue;
        // A predicate that hands work to code it can't see may still throw there.
        if (calleesOf(resolver, target).some((callee) => !callee.access)) continue;
        report({
          messageId: "discarded",
          data: { fn, callee: call.callee },
          file: summary.file,
          line: call.line,
          column: call.column,
        });
      }
    }
  },
});
