/**
 * AW303: UI that runs Convex queries is gated on the identity provider's state (Clerk's
 * <SignedIn>/<Show>, useAuth().isSignedIn, useAuth0().isAuthenticated) instead of Convex's
 * (<Authenticated>, useConvexAuth). The provider says "signed in" before Convex has validated the
 * token, so the first queries run unauthenticated and throw.
 */
import type { ClientFile } from "../../analysis/facts.ts";
import { defineRule } from "../define.ts";

const QUERY_HOOKS = /^(?:useQuery|usePaginatedQuery|useQueries|usePreloadedQuery|useSuspenseQuery)$/;
const GATE_ELEMENTS = /^(?:SignedIn|SignedOut|Show)$/;
const STATE_HOOKS: { name: RegExp; module: RegExp; what: string }[] = [
  { name: /^(?:useAuth|useUser|useSession)$/, module: /^@clerk\//, what: "Clerk's" },
  { name: /^useAuth0$/, module: /^@auth0\//, what: "Auth0's" },
  { name: /^useAuth$/, module: /^@workos(?:-inc)?\//, what: "WorkOS's" },
];

function usesConvexGate(file: ClientFile): boolean {
  return (
    file.elements.some(
      (use) => /^(?:Authenticated|Unauthenticated|AuthLoading)$/.test(use.name) && use.from?.module === "convex/react",
    ) || file.hookCalls.some((call) => call.name === "useConvexAuth")
  );
}

export default defineRule({
  meta: {
    code: "AW303",
    name: "ui-gated-on-provider-state",
    category: "client",
    severity: "warning",
    fixable: false,
    description: "Convex queries are gated on the identity provider's state instead of useConvexAuth/<Authenticated>.",
    docs: "docs/rules/ui-gated-on-provider-state.md",
    messages: {
      element:
        "<{{name}}> gates UI that runs Convex queries in this file; the provider says signed-in before Convex has the token, so the first queries run unauthenticated.",
      hook: "{{what}} {{name}}() decides what renders in a file that runs Convex queries; Convex may not have validated the token yet.",
    },
    fixes: {
      element:
        "Gate on Convex instead: <Authenticated>/<Unauthenticated> from convex/react (keep <{{name}}> for the provider's own UI like <UserButton>).",
      hook: "Use useConvexAuth() from convex/react (isLoading, isAuthenticated) to decide when to run queries.",
    },
  },
  check({ doctor, report }) {
    for (const file of doctor.client.files.values()) {
      if (!file.hookCalls.some((call) => QUERY_HOOKS.test(call.name))) continue;
      if (usesConvexGate(file)) continue;
      const gate = file.elements.find(
        (use) => GATE_ELEMENTS.test(use.name) && use.from !== null && /^@clerk\//.test(use.from.module),
      );
      if (gate && (gate.name !== "Show" || /signed-(?:in|out)/.test(gate.attributes.get("when") ?? ""))) {
        report({
          messageId: "element",
          data: { name: gate.name },
          file: file.file,
          line: gate.line,
          column: gate.column,
        });
        continue;
      }
      for (const call of file.hookDestructures) {
        if (!call.keys.some((key) => key === "isSignedIn" || key === "isAuthenticated")) continue;
        const match = STATE_HOOKS.find(
          (hook) => hook.name.test(call.hook) && call.from !== null && hook.module.test(call.from.module),
        );
        if (match) {
          report({
            messageId: "hook",
            data: { what: match.what, name: call.hook },
            file: file.file,
            line: call.line,
            column: call.column,
          });
          break;
        }
      }
    }
  },
});
