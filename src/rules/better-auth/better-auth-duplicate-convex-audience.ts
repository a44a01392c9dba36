/**
 * AW707: auth.config has getAuthConfigProvider() and another entry with applicationID "convex"
 * (Clerk's standard entry uses it too). Better Auth's convex() plugin requires exactly one and
 * throws "Multiple auth providers with applicationID 'convex' detected. Please use only one." when
 * the instance is created: every Better Auth request fails. Since the component's 0.10.4;
 * an app on an older one is left alone.
 */
import semver from "semver";
import { runningVersion } from "../../project/lockfiles.ts";
import { defineRule } from "../define.ts";
import { authConfigChecks } from "../config/evaluate.ts";
import { COMPONENT_PACKAGE, usesBetterAuth } from "./instance.ts";

/** The first version of the Convex component whose convex() plugin throws on a second "convex" entry. */
const THROWS_SINCE = "0.10.4";

export default defineRule({
  meta: {
    code: "AW707",
    name: "better-auth-duplicate-convex-audience",
    category: "better-auth",
    severity: "error",
    fixable: false,
    description: 'auth.config has two providers with applicationID "convex" beside Better Auth.',
    docs: "docs/rules/better-auth-duplicate-convex-audience.md",
    messages: {
      duplicate:
        'auth.config has {{count}} providers with applicationID "convex" (entries {{indexes}}): Better Auth\'s convex() plugin throws "Multiple auth providers with applicationID \'convex\' detected. Please use only one." and every sign-in fails.',
    },
    fixes: {
      duplicate:
        'Keep getAuthConfigProvider() as the only "convex" entry: remove the other provider (or give it its own applicationID if its tokens carry another aud).',
    },
  },
  async check({ doctor, report }) {
    if (!usesBetterAuth(doctor)) return;
    // The check arrived in the component's 0.10.4 (absent from 0.9.11's tarball): older
    // versions accept two "convex" entries. Installed, else locked, else the declared range's minimum.
    const running = await runningVersion((path) => doctor.read(path), COMPONENT_PACKAGE, doctor.facts.workspaceRoot);
    const declared = doctor.facts.dependencies[COMPONENT_PACKAGE];
    const version =
      running?.version ?? (declared && semver.validRange(declared) ? semver.minVersion(declared)?.version : undefined);
    if (version && semver.valid(version) && semver.lt(version, THROWS_SINCE)) return;
    const checks = await authConfigChecks(doctor);
    if (!checks?.raw.providers) return;
    const convex = checks.static.providers.filter((provider) => provider.applicationID === "convex");
    if (convex.length < 2) return;
    const second = convex[1]!;
    report({
      messageId: "duplicate",
      data: { count: convex.length, indexes: convex.map((provider) => provider.index).join(", ") },
      file: second.location.file,
      line: second.location.line,
      column: second.location.column,
    });
  },
});
