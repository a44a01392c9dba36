/**
 * AW514: a Convex Auth v2 token's `sub` (the identity's `subject`, and so `tokenIdentifier`) is
 * the session id, not the user id: it changes at every sign-in. Reading the user from it, or
 * splitting it at "|" as v1's `userId|sessionId` was, finds no user. `getAuthUserId(ctx)` looks the
 * session up and returns the app's user id.
 */
import type { Node } from "@babel/types";
import { walk } from "../../code/walk.ts";
import { defineRule } from "../define.ts";
import { PROFILES } from "../../providers/profiles.ts";

const CONVEX_AUTH_PACKAGE = PROFILES["convex-auth"].packages.sdk[0]!;

/** `ctx.auth.getUserIdentity()` (awaited or not). */
function isIdentityCall(node: Node | null | undefined): boolean {
  if (!node) return false;
  const bare = node.type === "AwaitExpression" ? node.argument : node;
  return (
    bare.type === "CallExpression" &&
    bare.callee.type === "MemberExpression" &&
    bare.callee.property.type === "Identifier" &&
    bare.callee.property.name === "getUserIdentity"
  );
}

export default defineRule({
  meta: {
    code: "AW514",
    name: "convex-auth-v2-subject-as-user-id",
    category: "convex-auth",
    severity: "warning",
    fixable: false,
    description: "identity.subject (the token's sub) used as a user id on Convex Auth v2, where it is the session id.",
    docs: "docs/rules/convex-auth-v2-subject-as-user-id.md",
    messages: {
      subject:
        "identity.{{field}} is the session id on Convex Auth v2 (a token's sub is the session, not the user): it changes at every sign-in and names no user.",
    },
    fixes: {
      subject: `Use \`const userId = await getAuthUserId(ctx)\` from "${CONVEX_AUTH_PACKAGE}/server" (null when signed out).`,
    },
  },
  async check({ doctor, report }) {
    if (doctor.facts.convexAuth?.major !== 2) return;
    for (const path of doctor.facts.codeFiles) {
      if (!path.startsWith(`${doctor.convexDir}/`) || path.includes("/_generated/")) continue;
      const source = await doctor.read(path);
      if (!source?.includes("getUserIdentity")) continue;
      const parsed = await doctor.parse(path);
      if (!parsed?.ok) continue;
      const identities = new Set<string>();
      walk(parsed.ast.program, (node) => {
        if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && isIdentityCall(node.init))
          identities.add(node.id.name);
      });
      walk(parsed.ast.program, (node) => {
        if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return;
        if (node.property.type !== "Identifier" || !/^(?:subject|tokenIdentifier)$/.test(node.property.name)) return;
        const object = node.object.type === "ParenthesizedExpression" ? node.object.expression : node.object;
        const fromIdentity =
          (object.type === "Identifier" && identities.has(object.name)) ||
          isIdentityCall(object) ||
          (object.type === "TSNonNullExpression" && isIdentityCall(object.expression));
        if (!fromIdentity) return;
        report({
          messageId: "subject",
          data: { field: node.property.name },
          file: path,
          line: node.loc?.start.line,
          column: (node.loc?.start.column ?? 0) + 1,
        });
      });
    }
  },
});
