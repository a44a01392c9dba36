/**
 * AW309: `client.setAuth(…)` called by hand on the ConvexReactClient that a provider bridge
 * (`<ConvexProviderWithClerk client={convex}>`, ConvexProviderWithAuth, …) also authenticates. The
 * bridge sets its own token fetcher on that client; a second one replaces it (or is replaced), so
 * which token Convex gets depends on the order of effects, and the bridge's refresh and signed-out
 * handling stop applying. The client is matched by name in the file, or through an import of the
 * same module's export. `serverHttpClient?.setAuth(token)` (SSR's HTTP client) is another client.
 */
import { resolveClientImport } from "../../analysis/client.ts";
import type { ClientFile } from "../../analysis/facts.ts";
import { PROFILE_ORDER } from "../../providers/profiles.ts";
import { defineRule } from "../define.ts";

/** The bridges that call setAuth themselves: each profile's, and Convex's generic one. */
const BRIDGES = new Set([
  "ConvexProviderWithAuth",
  ...PROFILE_ORDER.flatMap((profile) => (profile.client.bridge ? [profile.client.bridge.name] : [])),
]);

export default defineRule({
  meta: {
    code: "AW309",
    name: "second-token-source",
    category: "client",
    severity: "warning",
    fixable: false,
    description: "A manual setAuth() on the Convex client a provider bridge already authenticates.",
    docs: "docs/rules/second-token-source.md",
    messages: {
      twoSources:
        "`{{client}}.setAuth(…)` sets a second token source on the client that <{{bridge}}> ({{bridgeAt}}) already authenticates: whichever runs last wins, and the bridge's token refresh and sign-out no longer apply.",
    },
    fixes: {
      twoSources:
        "Remove the setAuth call and let <{{bridge}}> fetch the token (pass the provider's useAuth); for a custom token, use ConvexProviderWithAuth with an adapter hook instead of both.",
    },
  },
  check({ doctor, report }) {
    const index = doctor.client;
    const known = new Set(index.files.keys());
    /** Where a name in a file is declared: the file itself, or the project file (and export) it imports. */
    const origin = (file: ClientFile, name: string): string => {
      const binding = file.imports.get(name);
      if (!binding) return `${file.file}#${name}`;
      const target = resolveClientImport(file.file, binding.module, known);
      return `${target ?? binding.module}#${binding.imported}`;
    };
    const bridged = new Map<string, { bridge: string; at: string }>();
    for (const file of index.files.values()) {
      for (const use of file.elements) {
        const bridge = BRIDGES.has(use.name)
          ? use.name
          : BRIDGES.has(use.from?.imported ?? "")
            ? use.from!.imported
            : null;
        const client = use.attributes.get("client");
        if (!bridge || !client || client.startsWith('"')) continue;
        const key = origin(file, client);
        if (!bridged.has(key)) bridged.set(key, { bridge, at: `${file.file}:${use.line}` });
      }
    }
    if (bridged.size === 0) return;
    for (const file of index.files.values()) {
      for (const call of file.setAuthCalls) {
        const found = bridged.get(origin(file, call.client));
        if (!found) continue;
        report({
          messageId: "twoSources",
          data: { client: call.client, bridge: found.bridge, bridgeAt: found.at },
          file: file.file,
          line: call.line,
          column: call.column,
        });
      }
    }
  },
});
