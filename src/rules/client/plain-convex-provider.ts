/**
 * AW301: auth is configured (auth.config exists) but the app only renders the plain
 * `ConvexProvider`, which never sends a token: every `getUserIdentity()` returns null. An app that
 * calls `setAuth` on its client itself does send one.
 */
import { defineRule } from "../define.ts";
import { AUTH_AWARE_PROVIDERS } from "../config/auth-config-missing.ts";

export default defineRule({
  meta: {
    code: "AW301",
    name: "plain-convex-provider",
    category: "client",
    severity: "error",
    fixable: false,
    description: "The app renders plain ConvexProvider although auth is configured.",
    docs: "docs/rules/plain-convex-provider.md",
    messages: {
      plain:
        "<ConvexProvider> never sends an auth token, and no auth-aware Convex provider is rendered anywhere, so ctx.auth.getUserIdentity() is always null despite {{config}}.",
    },
    fixes: {
      plain:
        "Replace it with your provider's bridge ({{bridge}}), inside the identity provider's own provider; `authwire add <provider>` does this.",
    },
  },
  check({ doctor, report }) {
    if (doctor.facts.convex.authConfigFiles.length === 0) return;
    const files = [...doctor.client.files.values()];
    if (files.some((file) => file.elements.some((use) => AUTH_AWARE_PROVIDERS.test(use.name)))) return;
    // The app hands the client its token itself (`convex.setAuth(fetchToken)` in its own adapter).
    if (files.some((file) => file.setAuthCalls.length > 0)) return;
    // Convex Auth v2 on Next: the server provider renders the auth-aware client provider itself.
    const v2Server = (use: { name: string }) => use.name === "ConvexAuthNextjsServerProvider";
    if (doctor.facts.convexAuth?.major === 2 && files.some((file) => file.elements.some(v2Server))) return;
    const bridge = doctor.providers.has("clerk")
      ? "ConvexProviderWithClerk"
      : doctor.providers.has("auth0")
        ? "ConvexProviderWithAuth0"
        : doctor.providers.has("convex-auth")
          ? "ConvexAuthProvider"
          : doctor.providers.has("workos")
            ? "ConvexProviderWithAuthKit"
            : "ConvexProviderWithAuth";
    for (const file of files) {
      for (const use of file.elements) {
        if (use.name === "ConvexProvider" && use.from?.module === "convex/react") {
          report({
            messageId: "plain",
            data: { config: doctor.facts.convex.authConfigFiles[0]!, bridge },
            file: file.file,
            line: use.line,
            column: use.column,
          });
          return;
        }
      }
    }
  },
});
