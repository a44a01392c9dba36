/**
 * AW303: UI that runs Convex queries is gated on the identity provider's state (Clerk's
 * <SignedIn>/<Show>, useAuth().isSignedIn, useAuth0().isAuthenticated) instead of Convex's
 * (<Authenticated>, useConvexAuth). The provider says "signed in" before Convex has validated the
 * token, so the first queries run unauthenticated and throw. An app that sends Convex no token at all
 * (plain ConvexProvider, no setAuth) has no race: AW301 covers it.
 *
 * A file has no race to lose when every query it runs answers the same before the token: the
 * function reads no identity on any path (a public list, a lookup by an id the client passes), or
 * its first caller guard returns a plain value (null, false, 0, "", []) that the file renders
 * exactly like the loading state: `user?.role`, `count ?? 0`, a skeleton for undefined and null,
 * an early return on a check both fail (resolver.ts signedOutResult, analysis/query-results.ts).
 * What the gate wraps doesn't matter: queries beside it run before the token too. A component
 * nothing imports and no route loads (analysis/bundle.ts) never renders.
 */
import type { ClientFile, QueryCall } from "../../analysis/facts.ts";
import type { BackendResolver } from "../../analysis/resolver.ts";
import { AUTH_AWARE_PROVIDERS } from "../config/auth-config-missing.ts";
import { defineRule } from "../define.ts";
import { PROFILE_ORDER, isProfileModule } from "../../providers/profiles.ts";

/** The providers whose SDK has hooks or components for its own signed-in state (from the profiles). */
const STATEFUL = PROFILE_ORDER.filter(
  (profile) => profile.client.stateHooks.length > 0 || profile.client.stateComponents.length > 0,
);

/**
 * The query gives the same answer without the token (it reads no identity), or answers a value
 * (`if (!user) return null`) that the file renders exactly like the loading state: the pre-token
 * window shows nothing wrong.
 */
function answersAlike(query: QueryCall, resolver: BackendResolver): boolean {
  const fn = query.ref ? resolver.functionAt(query.ref) : null;
  const result = fn?.kind === "query" ? resolver.signedOutResult(fn) : null;
  if (!result) return false;
  return "same" in result || (result.value !== "other" && query.loadingAlike.includes(result.value));
}

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
  async check({ doctor, report }) {
    // No token goes to Convex at all (a plain ConvexProvider, no setAuth): there is no race to lose,
    // and AW301 says what is wrong.
    const files = [...doctor.client.files.values()];
    const sendsTokens = files.some(
      (file) =>
        file.setAuthCalls.length > 0 ||
        file.elements.some(
          (use) => AUTH_AWARE_PROVIDERS.test(use.name) || use.name === "ConvexAuthNextjsServerProvider",
        ),
    );
    if (!sendsTokens) return;
    const resolver = doctor.resolver();
    for (const file of files) {
      if (file.queries.length === 0) continue;
      if (usesConvexGate(file)) continue;
      if (file.queries.every((query) => answersAlike(query, resolver))) continue;
      // A component nothing imports and no route loads never renders.
      if ((await doctor.bundle()).unimported(file.file)) continue;
      const gate = file.elements.find(
        (use) =>
          use.from !== null &&
          STATEFUL.some(
            (profile) =>
              profile.client.stateComponents.includes(use.name) && isProfileModule(profile, use.from!.module),
          ),
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
        const match = STATEFUL.find(
          (profile) =>
            profile.client.stateHooks.includes(call.hook) &&
            call.from !== null &&
            isProfileModule(profile, call.from.module),
        );
        if (match) {
          report({
            messageId: "hook",
            data: { what: `${match.title}'s`, name: call.hook },
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
