/**
 * AW503: `convexAuth({ providers: [] })`, as Convex Auth's setup CLI leaves it: everything builds
 * and nobody can sign in.
 */
import { defineRule } from "../define.ts";
import { PROFILES } from "../../providers/profiles.ts";

export default defineRule({
  meta: {
    code: "AW503",
    name: "auth-providers-empty",
    category: "convex-auth",
    severity: "error",
    fixable: false,
    description: "convexAuth({ providers: [] }) has no sign-in method.",
    docs: "docs/rules/auth-providers-empty.md",
    messages: {
      empty: "convexAuth() has `providers: []`: no sign-in method exists, so every signIn() fails.",
    },
    fixes: {
      empty: `Add at least one provider, e.g. Password from ${PROFILES["convex-auth"].exports.Password} (authwire add convex-auth --methods password).`,
    },
  },
  check({ doctor, report }) {
    for (const module of doctor.backend.modules.values()) {
      const call = module.convexAuth;
      if (call?.providers && call.providers.length === 0) {
        report({ messageId: "empty", file: module.file, line: call.line, column: call.column });
      }
    }
  },
});
